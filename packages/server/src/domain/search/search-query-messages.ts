// Every message a bad search query answers with, and where its wording comes from. Two are Stripe's
// own; the rest are Tender's, written in the same voice because no public source records Stripe's text.
// All of them travel as Failure `search_query_invalid` (400, invalid_request_error, param `query`).
//
// Confirmed from stripe-ruby-mock: spec/shared_stripe_examples/{price,product}_examples.rb, "reports
// search errors", a spec its authors also run against live Stripe, asserts the first sentence of each;
// lib/stripe_mock/request_handlers/helpers/search_helpers.rb carries the full text used here:
//   - 'asdf'      -> "We were unable to parse your search query. Try using the format ..."
//   - 'foo:"bar"' -> "Field `foo` is an unsupported search field for resource `prices`. See ..."
// Not found in any source, so Tender's choice: every syntax error (unbalanced quotes, AND mixed with OR,
// unquoted strings, dangling keywords, metadata without a key) answers with the confirmed parse message,
// as Stripe's parser most likely does; wrong operator for a field type, non-numeric value on a numeric
// field, short substring, too many clauses and `null` with a comparison have messages of our own below.

import type { SearchFieldKind } from './search-fields.js';
import { search_clauses_max, search_substring_chars_min } from './search-limits.js';

/** Confirmed (see above). Answers every query that does not fit the grammar. */
export const unparsableQueryMessage =
  'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields.';

/** Confirmed (see above). The anchor turns `payment_intents` into `payment-intents`, as Stripe's docs do. */
export function unsupportedFieldMessage(field: string, resource: string): string {
  return (
    `Field \`${field}\` is an unsupported search field for resource \`${resource}\`.` +
    ` See http://stripe.com/docs/search#query-fields-for-${resource.replaceAll('_', '-')} for a list of supported fields.`
  );
}

/** Tender's wording. Stripe's docs only say an unsupported operator "returns an error". */
export function operatorNotSupportedMessage(field: string, kind: SearchFieldKind, operator: string): string {
  return (
    `Field \`${field}\` of type \`${stripeTypeName(kind)}\` does not support the \`${operator}\` operator.` +
    ' See http://stripe.com/docs/search#search-query-language for the operators each type supports.'
  );
}

/** Tender's wording, for `created>"soon"` and the like. */
export function numericValueRequiredMessage(field: string): string {
  return `Field \`${field}\` of type \`numeric\` requires a numeric value.`;
}

/** Tender's wording; the 3-character minimum itself is Stripe's. */
export function substringTooShortMessage(field: string): string {
  return `Substring search on field \`${field}\` requires a value of at least ${search_substring_chars_min} characters.`;
}

/** Tender's wording; the limit of 10 is Stripe's. */
export function tooManyClausesMessage(clauses: number): string {
  return `Your search query has ${clauses} clauses, but a search query can combine at most ${search_clauses_max} clauses.`;
}

/** Tender's wording. Stripe documents `null` only as `field:null` (presence). */
export function nullNeedsEqualsMessage(field: string): string {
  return `Field \`${field}\` can only be compared with \`null\` using the \`:\` operator.`;
}

/** Stripe's docs name the types token, string and numeric, and list metadata as a token. */
function stripeTypeName(kind: SearchFieldKind): string {
  switch (kind) {
    case 'string':
      return 'string';
    case 'token':
    case 'metadata':
      return 'token';
    case 'number':
      return 'numeric';
  }
}
