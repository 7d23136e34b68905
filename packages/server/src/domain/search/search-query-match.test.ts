// The in-memory meaning of search queries: one row per (query, object, matches?).
import { describe, expect, it } from 'vitest';
import {
  chargeSearchFields,
  customerSearchFields,
  paymentIntentSearchFields,
  priceSearchFields,
  type SearchFieldTable,
} from './search-fields.js';
import { matchesSearchQuery } from './search-query-match.js';
import { parseSearchQuery } from './search-query.js';

const jenny = {
  id: 'cus_1',
  created: 1700000000,
  email: 'Jenny.Rosen@Example.com',
  name: 'Jenny Maria Rosen',
  phone: null,
  metadata: { order_id: '6735', tier: 'Gold' },
};
const bare = { id: 'cus_2', created: 1600000000, email: null, name: '', phone: '+15555550100', metadata: {} };
const zoe = { id: 'cus_3', created: 1800000000, email: 'zoë@example.com', name: 'ZOË ÅNGSTRÖM', phone: null, metadata: { clé: 'Välue' } };

const intent = {
  id: 'pi_1',
  amount: 1000,
  created: 1700000000,
  currency: 'usd',
  customer: 'cus_1',
  status: 'succeeded',
  metadata: { k: 'v' },
};
const charge = { id: 'ch_1', amount: 500, payment_method_details: { type: 'card', card: { last4: '4242', brand: 'visa' } }, metadata: {} };
const price = { id: 'price_1', active: true, currency: 'usd', type: 'recurring', metadata: {} };

interface Row {
  query: string;
  object: Record<string, unknown>;
  matches: boolean;
  fields?: SearchFieldTable;
}

const customers: Row[] = [
  // string `:`: every query word, in order, case-insensitive.
  { query: `email:"jenny.rosen@example.com"`, object: jenny, matches: true },
  { query: `email:"jenny.rosen@example.co"`, object: jenny, matches: false },
  { query: `name:"jenny"`, object: jenny, matches: true },
  { query: `name:"maria rosen"`, object: jenny, matches: true },
  { query: `name:"JENNY MARIA"`, object: jenny, matches: true },
  { query: `name:"jenny rosen"`, object: jenny, matches: false },
  { query: `name:"rosen jenny"`, object: jenny, matches: false },
  { query: `name:"jen"`, object: jenny, matches: false },
  { query: `name:"zoë ångström"`, object: zoe, matches: true },
  // string `~`: substring, case-insensitive, across word boundaries too.
  { query: `name~"jen"`, object: jenny, matches: true },
  { query: `name~"y mar"`, object: jenny, matches: true },
  { query: `email~"EXAMPLE.COM"`, object: jenny, matches: true },
  { query: `name~"ström"`, object: zoe, matches: true },
  { query: `name~"xyz"`, object: jenny, matches: false },
  { query: `email~"example"`, object: bare, matches: false },
  // numbers.
  { query: `created:1700000000`, object: jenny, matches: true },
  { query: `created>1700000000`, object: jenny, matches: false },
  { query: `created>=1700000000`, object: jenny, matches: true },
  { query: `created<1700000000`, object: bare, matches: true },
  { query: `created<=1599999999`, object: bare, matches: false },
  // metadata: whole value, case-insensitive; absent keys; null.
  { query: `metadata["order_id"]:"6735"`, object: jenny, matches: true },
  { query: `metadata["order_id"]:6735`, object: jenny, matches: true },
  { query: `metadata["order_id"]:"673"`, object: jenny, matches: false },
  { query: `metadata["tier"]:"gold"`, object: jenny, matches: true },
  { query: `metadata["clé"]:"välue"`, object: zoe, matches: true },
  { query: `metadata["order_id"]:"6735"`, object: bare, matches: false },
  { query: `metadata["order_id"]:null`, object: bare, matches: true },
  { query: `metadata["order_id"]:null`, object: jenny, matches: false },
  { query: `-metadata["order_id"]:null`, object: jenny, matches: true },
  { query: `metadata["toString"]:null`, object: jenny, matches: true },
  // null: missing, null and "" are all absent.
  { query: `email:null`, object: bare, matches: true },
  { query: `name:null`, object: bare, matches: true },
  { query: `phone:null`, object: { id: 'cus_4', metadata: {} }, matches: true },
  { query: `email:null`, object: jenny, matches: false },
  { query: `-email:null`, object: jenny, matches: true },
  // negation matches where the field is absent.
  { query: `-email:"jenny.rosen@example.com"`, object: jenny, matches: false },
  { query: `-email:"jenny.rosen@example.com"`, object: bare, matches: true },
  { query: `-name~"jen"`, object: zoe, matches: true },
  // and / or.
  { query: `email:"jenny.rosen@example.com" AND metadata["tier"]:"gold"`, object: jenny, matches: true },
  { query: `email:"jenny.rosen@example.com" metadata["tier"]:"silver"`, object: jenny, matches: false },
  { query: `email:"nobody@example.com" OR metadata["tier"]:"gold"`, object: jenny, matches: true },
  { query: `email:"nobody@example.com" OR phone:"+15555550100"`, object: jenny, matches: false },
  { query: `email:"nobody@example.com" OR phone:"+15555550100"`, object: bare, matches: true },
];

const others: Row[] = [
  // tokens: whole value, case-insensitive (Stripe: currency:"eur" matches "EUR").
  { query: `currency:"USD"`, object: intent, matches: true, fields: paymentIntentSearchFields },
  { query: `currency:"us"`, object: intent, matches: false, fields: paymentIntentSearchFields },
  { query: `-status:"canceled"`, object: intent, matches: true, fields: paymentIntentSearchFields },
  { query: `status:"succeeded" AND amount>=1000 AND customer:"cus_1"`, object: intent, matches: true, fields: paymentIntentSearchFields },
  { query: `amount>1000`, object: intent, matches: false, fields: paymentIntentSearchFields },
  { query: `amount:"1000"`, object: intent, matches: true, fields: paymentIntentSearchFields },
  { query: `amount>10`, object: { ...intent, amount: '1000' }, matches: false, fields: paymentIntentSearchFields },
  // nested fields by dotted path.
  { query: `payment_method_details.card.last4:4242`, object: charge, matches: true, fields: chargeSearchFields },
  { query: `payment_method_details.card.brand:"VISA"`, object: charge, matches: true, fields: chargeSearchFields },
  { query: `payment_method_details.card_present.last4:4242`, object: charge, matches: false, fields: chargeSearchFields },
  { query: `payment_method_details.card_present.last4:null`, object: charge, matches: true, fields: chargeSearchFields },
  // booleans compare by their JSON spelling.
  { query: `active:"true"`, object: price, matches: true, fields: priceSearchFields },
  { query: `active:"false"`, object: price, matches: false, fields: priceSearchFields },
];

describe('matchesSearchQuery', () => {
  it.each([...customers, ...others])('$query on $object.id is $matches', ({ query, object, matches, fields = customerSearchFields }) => {
    const parsed = parseSearchQuery(query, fields, 'test');
    if (!parsed.ok) throw new Error(`row does not parse: ${parsed.message}`);
    expect(matchesSearchQuery(parsed.query, object)).toBe(matches);
  });

  it('filters a list the way a search endpoint would', () => {
    const parsed = parseSearchQuery(`name~"jen" OR created>1750000000`, customerSearchFields, 'customers');
    if (!parsed.ok) throw new Error(parsed.message);
    expect([jenny, bare, zoe].filter((customer) => matchesSearchQuery(parsed.query, customer)).map((customer) => customer.id)).toEqual([
      'cus_1',
      'cus_3',
    ]);
  });

  it('never matches values that are not text, numbers or booleans', () => {
    const parsed = parseSearchQuery(`name:"jenny"`, customerSearchFields, 'customers');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(matchesSearchQuery(parsed.query, { name: ['jenny'] })).toBe(false);
    expect(matchesSearchQuery(parsed.query, { name: { first: 'jenny' } })).toBe(false);
  });
});
