// What each resource's objects are matched as: a charge's `refunded` with Stripe's three meanings,
// `disputed` by its boolean, and the other resources as stored.
import { describe, expect, it } from 'vitest';
import { chargeSearchFields, customerSearchFields, paymentIntentSearchFields } from './search-fields.js';
import { parseSearchQuery } from './search-query.js';
import {
  chargeSearch,
  chargeSearchDocument,
  customerSearch,
  matchesSearchResource,
  paymentIntentSearch,
  type SearchResource,
} from './search-resources.js';

const fullyRefunded = { id: 'ch_full', amount: 1000, amount_refunded: 1000, refunded: true, disputed: false, metadata: {} };
const partlyRefunded = { id: 'ch_part', amount: 1000, amount_refunded: 300, refunded: false, disputed: true, metadata: {} };
const notRefunded = { id: 'ch_none', amount: 1000, amount_refunded: 0, refunded: false, disputed: false, metadata: {} };
const charges = [fullyRefunded, partlyRefunded, notRefunded];

function matching(resource: SearchResource, query: string, objects: readonly Record<string, unknown>[]): unknown[] {
  const parsed = parseSearchQuery(query, resource.fields, resource.name);
  if (!parsed.ok) throw new Error(parsed.message);
  return objects.filter((object) => matchesSearchResource(resource, parsed.query, object)).map((object) => object.id);
}

describe('search resources', () => {
  it('name each resource as Stripe’s URLs do, with its own fields', () => {
    expect(customerSearch).toMatchObject({ name: 'customers', fields: customerSearchFields });
    expect(paymentIntentSearch).toMatchObject({ name: 'payment_intents', fields: paymentIntentSearchFields });
    expect(chargeSearch).toMatchObject({ name: 'charges', fields: chargeSearchFields });
  });

  it.each([
    { query: 'refunded:"true"', ids: ['ch_full'] },
    { query: 'refunded:"TRUE"', ids: ['ch_full'] },
    { query: 'refunded:"false"', ids: ['ch_part'] },
    { query: 'refunded:null', ids: ['ch_none'] },
    { query: '-refunded:null', ids: ['ch_full', 'ch_part'] },
    { query: '-refunded:"true"', ids: ['ch_part', 'ch_none'] },
    { query: 'disputed:"true"', ids: ['ch_part'] },
    { query: 'disputed:"false"', ids: ['ch_full', 'ch_none'] },
    { query: 'disputed:null', ids: [] },
  ])('charges: $query finds $ids', ({ query, ids }) => {
    expect(matching(chargeSearch, query, charges)).toEqual(ids);
  });

  it('reads a charge’s refunded as Stripe’s search does, leaving the rest and the input alone', () => {
    const stored = { ...partlyRefunded };
    expect(chargeSearchDocument(stored)).toEqual({ ...partlyRefunded, refunded: false });
    expect(chargeSearchDocument(notRefunded).refunded).toBeNull();
    expect(chargeSearchDocument(fullyRefunded).refunded).toBe(true);
    expect(stored).toEqual(partlyRefunded);
  });

  it('matches PaymentIntents and customers as stored', () => {
    const intent = { id: 'pi_1', amount: 500, currency: 'eur', status: 'succeeded', customer: null, metadata: {} };
    expect(matching(paymentIntentSearch, 'currency:"EUR" AND amount<=500 AND customer:null', [intent])).toEqual(['pi_1']);
    expect(paymentIntentSearch.document(intent)).toBe(intent);
    const customer = { id: 'cus_1', email: 'a@b.co', metadata: { refunded: 'yes' } };
    expect(customerSearch.document(customer)).toBe(customer);
  });
});
