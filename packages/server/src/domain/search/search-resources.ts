// Each searchable resource as the search language sees it: the name its errors use, its fields, and
// the document its objects are matched as. The document is the wire object except where Stripe gives
// a search field another meaning than the object's own field (a charge's `refunded`).

import { chargeSearchFields, customerSearchFields, paymentIntentSearchFields, type SearchFieldTable } from './search-fields.js';
import { matchesSearchQuery } from './search-query-match.js';
import type { SearchQuery } from './search-query.js';

type WireObject = Readonly<Record<string, unknown>>;

/** As Stripe's URLs and error messages spell a searchable resource; Tender's tables use the same names. */
export type SearchResourceName = 'customers' | 'charges' | 'payment_intents';

export interface SearchResource {
  /** As Stripe's URLs and error messages spell it: `payment_intents`. */
  name: SearchResourceName;
  fields: SearchFieldTable;
  /** What matchesSearchQuery reads for one stored object. */
  document(object: WireObject): WireObject;
}

const asStored = (object: WireObject): WireObject => object;

export const customerSearch: SearchResource = { name: 'customers', fields: customerSearchFields, document: asStored };

export const paymentIntentSearch: SearchResource = { name: 'payment_intents', fields: paymentIntentSearchFields, document: asStored };

export const chargeSearch: SearchResource = { name: 'charges', fields: chargeSearchFields, document: chargeSearchDocument };

/**
 * Stripe: `refunded:"true"` finds fully refunded charges, `refunded:"false"` partially refunded ones and
 * `refunded:null` charges with nothing refunded. The charge's own `refunded` is true only when fully
 * refunded, so the document replaces it: true when fully refunded, false when some amount is refunded,
 * null otherwise. Everything else reads as stored.
 *
 * @example
 * chargeSearchDocument({ refunded: false, amount_refunded: 500 }).refunded; // false
 * chargeSearchDocument({ refunded: false, amount_refunded: 0 }).refunded;   // null
 */
export function chargeSearchDocument(charge: WireObject): WireObject {
  const amountRefunded = charge.amount_refunded;
  const partly = typeof amountRefunded === 'number' && amountRefunded > 0;
  return { ...charge, refunded: charge.refunded === true ? true : partly ? false : null };
}

/**
 * Whether one stored object matches a parsed query on its resource.
 *
 * @example
 * matchesSearchResource(chargeSearch, parsed.query, JSON.parse(row.data));
 */
export function matchesSearchResource(resource: SearchResource, query: SearchQuery, object: WireObject): boolean {
  return matchesSearchQuery(query, resource.document(object));
}
