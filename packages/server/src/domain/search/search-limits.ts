// Every bound the search language and its page tokens keep, in one place, unit last.
// The clause cap and the substring minimum are Stripe's (https://docs.stripe.com/search); the page-token
// cap is Tender's own, sized far above any token encodeSearchPage can produce.

/** "You can combine up to 10 query clauses in a search" (Stripe search docs). */
export const search_clauses_max = 10;
/** "substrings must be a minimum of 3 characters" (Stripe search docs); counted in Unicode code points. */
export const search_substring_chars_min = 3;
/** Longest `page` token decodeSearchPage will look at; anything longer is not one of ours. */
export const search_page_token_chars_max = 512;
/** Longest object id a page token may carry (Stripe ids are far shorter; 255 matches other id caps). */
export const search_page_id_chars_max = 255;
