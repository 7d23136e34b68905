// Every bound the search language, its page tokens and its scans keep, in one place, unit last.
// The clause cap, the substring minimum and the total_count cap are Stripe's (https://docs.stripe.com/search,
// the API reference); the page-token caps and the scan bounds are Tender's own.

/** "You can combine up to 10 query clauses in a search" (Stripe search docs). */
export const search_clauses_max = 10;
/** "substrings must be a minimum of 3 characters" (Stripe search docs); counted in Unicode code points. */
export const search_substring_chars_min = 3;
/** Longest `page` token decodeSearchPage will look at; anything longer is not one of ours. */
export const search_page_token_chars_max = 512;
/** Longest object id a page token may carry (Stripe ids are far shorter; 255 matches other id caps). */
export const search_page_id_chars_max = 255;
/**
 * Rows one search page reads at most, matching or not (Tender's own bound). SQL decides most rows,
 * but one it cannot (text beyond ASCII) is parsed and handed to the evaluator, so without a bound a
 * query matching nothing would read, and perhaps parse, the whole table on every request. A page that
 * reaches it answers what it found with has_more true; next_page continues after the last row read.
 */
export const search_scan_rows_max = 10_000;
/**
 * Rows one total_count reads at most (Tender's own bound). A count has no next page to continue on,
 * so it reads further than a page; past this it answers the matches among the newest rows it read.
 */
export const search_count_rows_max = 100_000;
/**
 * total_count is "only accurate up to 10,000" (Stripe's API reference, search_result), so counting
 * stops at 10,000 matches and answers that. [inf] Stripe does not say what it answers above it.
 */
export const search_total_count_max = 10_000;
