// Where each searchable resource keeps its search fields: a column, or a path into the stored JSON
// with the field's wire type. A column is named only when its writers keep it equal to the JSON on
// every write (payment_intents.status and .customer are; charges.customer is written once, so the
// JSON is read instead). Every field of a resource's SearchFieldTable except metadata has a target.
import { sql } from 'kysely';
import type { JsonText, SearchTarget, SearchTargets } from './search-filter.js';

export const customerSearchTargets: SearchTargets = {
  created: { column: 'created', type: 'integer' },
  email: { column: 'email', type: 'string' },
  name: { column: 'name', type: 'string' },
  phone: { column: 'phone', type: 'string' },
};

export const paymentIntentSearchTargets: SearchTargets = {
  amount: { path: ['amount'], type: 'integer' },
  created: { column: 'created', type: 'integer' },
  currency: { path: ['currency'], type: 'string' },
  customer: { column: 'customer', type: 'string' },
  status: { column: 'status', type: 'string' },
};

const cardSources = ['card', 'card_present', 'interac_present'] as const;
const cardFieldTypes = { last4: 'string', exp_month: 'integer', exp_year: 'integer', brand: 'string', fingerprint: 'string' } as const;

const cardTargets: SearchTargets = Object.fromEntries(
  cardSources.flatMap((source) =>
    Object.entries(cardFieldTypes).map(([field, type]): [string, SearchTarget] => [
      `payment_method_details.${source}.${field}`,
      { path: ['payment_method_details', source, field], type },
    ]),
  ),
);

/** As chargeSearchDocument reads it: 'true' fully refunded, 'false' partly, null nothing refunded. */
function chargeRefundedText(json: JsonText) {
  const refunded = json(['refunded']);
  const amountRefunded = json(['amount_refunded']);
  return sql<string | null>`(CASE WHEN CAST(${refunded} AS TEXT) IN ('true', '1') THEN 'true'
    WHEN CAST(${amountRefunded} AS NUMERIC) > 0 THEN 'false' END)`;
}

export const chargeSearchTargets: SearchTargets = {
  amount: { path: ['amount'], type: 'integer' },
  'billing_details.address.postal_code': { path: ['billing_details', 'address', 'postal_code'], type: 'string' },
  created: { column: 'created', type: 'integer' },
  currency: { path: ['currency'], type: 'string' },
  customer: { path: ['customer'], type: 'string' },
  disputed: { path: ['disputed'], type: 'boolean' },
  ...cardTargets,
  refunded: { derived: chargeRefundedText },
  status: { path: ['status'], type: 'string' },
};
