// End to end: paymentIntents.search and charges.search through the SDK against a live Tender
// (in-process, in-memory database): the query language's fields, newest-first order, auto-paging
// across next_page cursors, total_count, typed data. expansions, and Stripe's 400s as typed errors.

import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  AuthenticationError,
  getId,
  InvalidRequestError,
  type StripeClient,
  type Charge,
  type Customer,
  type PaymentIntentCreateParams,
} from '@tender/sdk';
import { useLiveTender } from './support/live-tender.js';

const suite = useLiveTender();
let client: StripeClient;
const tag = `search${Date.now()}`;
const tagged = `metadata["tag"]:"${tag}"`;
let customer: Customer;
// Made in this order; searches answer newest first, so expectations read them reversed.
const made = { paid: '', open: '', held: '', partlyRefunded: '' };
const charges = { paid: '', held: '', partlyRefunded: '' };

const card = { payment_method_types: ['card'], metadata: { tag } } satisfies Partial<PaymentIntentCreateParams>;

beforeAll(async () => {
  client = suite.client;
  customer = await client.customers.create({ email: 'searcher@example.com' });
  const paid = await client.paymentIntents.create({
    ...card,
    amount: 1000,
    currency: 'usd',
    customer: customer.id,
    payment_method: 'pm_card_visa',
    confirm: true,
    metadata: { tag, order: 'A-1' },
  });
  const open = await client.paymentIntents.create({ ...card, amount: 2500, currency: 'eur' });
  const held = await client.paymentIntents.create({
    ...card,
    amount: 500,
    currency: 'usd',
    customer: customer.id,
    payment_method: 'pm_card_mastercard',
    confirm: true,
    capture_method: 'manual',
  });
  const partlyRefunded = await client.paymentIntents.create({
    ...card,
    amount: 3000,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
  });
  Object.assign(made, { paid: paid.id, open: open.id, held: held.id, partlyRefunded: partlyRefunded.id });
  Object.assign(charges, {
    paid: getId(paid.latest_charge)!,
    held: getId(held.latest_charge)!,
    partlyRefunded: getId(partlyRefunded.latest_charge)!,
  });
  await client.refunds.create({ charge: charges.partlyRefunded, amount: 1000 });
});

async function failure<T extends Error>(pending: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const caught = await pending.catch((error: unknown) => error);
  expect(caught).toBeInstanceOf(type);
  return caught as T;
}

describe('paymentIntents.search against a live Tender', () => {
  it('answers a search_result, newest first', async () => {
    const result = await client.paymentIntents.search({ query: tagged });
    expect(result).toMatchObject({ object: 'search_result', url: '/v1/payment_intents/search', has_more: false, next_page: null });
    expect(result).not.toHaveProperty('total_count');
    expect(result.data.map((intent) => intent.id)).toEqual([made.partlyRefunded, made.held, made.open, made.paid]);
    expect(result.data[3]).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 1000 });
    expect(result.lastResponse.requestId).toMatch(/^req_/);
  });

  it('filters by status, currency, amount, customer and metadata', async () => {
    const ids = async (query: string) => (await client.paymentIntents.search({ query: `${tagged} AND ${query}` })).data.map((pi) => pi.id);
    expect(await ids('status:"requires_capture"')).toEqual([made.held]);
    expect(await ids('currency:"EUR"')).toEqual([made.open]);
    expect(await ids('amount>=1000 AND amount<3000')).toEqual([made.open, made.paid]);
    expect(await ids(`customer:"${customer.id}"`)).toEqual([made.held, made.paid]);
    expect(await ids('metadata["order"]:"a-1"')).toEqual([made.paid]);
    expect(await ids('-status:"succeeded"')).toEqual([made.held, made.open]);
  });

  it('walks every page by next_page, and counts with total_count', async () => {
    const first = await client.paymentIntents.search({ query: tagged, limit: 1, expand: ['total_count'] });
    expect(first).toMatchObject({ has_more: true, total_count: 4 });
    expect(first.next_page).toEqual(expect.any(String));
    const all = await client.paymentIntents.search({ query: tagged, limit: 1 }).autoPagingToArray({ limit: 100 });
    expect(all.map((intent) => intent.id)).toEqual([made.partlyRefunded, made.held, made.open, made.paid]);
    const second = await client.paymentIntents.search({ query: tagged, limit: 1, page: first.next_page! });
    expect(second.data.map((intent) => intent.id)).toEqual([made.held]);
  });

  it('expands data.customer and data.latest_charge, typed as their objects', async () => {
    const result = await client.paymentIntents.search({
      query: `${tagged} AND customer:"${customer.id}"`,
      expand: ['data.customer', 'data.latest_charge'],
    });
    const [held, paid] = result.data;
    expectTypeOf(paid!.customer).toEqualTypeOf<Customer | null>();
    expectTypeOf(paid!.latest_charge).toEqualTypeOf<Charge | null>();
    expect(paid!.customer?.email).toBe('searcher@example.com');
    expect(paid!.latest_charge).toMatchObject({ object: 'charge', id: charges.paid, amount_captured: 1000 });
    expect(held!.latest_charge?.captured).toBe(false);
  });

  it('answers Stripe’s 400s as InvalidRequestError: an unsupported field, a forged page, a bad limit', async () => {
    const field = await failure(client.paymentIntents.search({ query: 'email:"x@example.com"' }), InvalidRequestError);
    expect(field.statusCode).toBe(400);
    expect(field.message).toBe(
      'Field `email` is an unsupported search field for resource `payment_intents`. See http://stripe.com/docs/search#query-fields-for-payment-intents for a list of supported fields.',
    );
    const page = await failure(client.paymentIntents.search({ query: 'amount>1', page: 'not-a-page' }), InvalidRequestError);
    expect(page).toMatchObject({ param: 'page', message: 'Invalid page: not-a-page' });
    const limit = await failure(client.paymentIntents.search({ query: 'amount>1', limit: 101 }), InvalidRequestError);
    expect(limit.param).toBe('limit');
  });

  it('answers AuthenticationError with an unknown key', async () => {
    const stranger = client.withOptions({ apiKey: 'sk_test_notAKeyTenderKnows000000000' });
    await failure(stranger.paymentIntents.search({ query: 'amount>0' }), AuthenticationError);
  });
});

describe('charges.search against a live Tender', () => {
  const ids = async (query: string) => (await client.charges.search({ query: `${tagged} AND ${query}` })).data.map((charge) => charge.id);

  it('finds the charges of the tagged payments, newest first, with metadata copied from the PaymentIntent', async () => {
    const result = await client.charges.search({ query: tagged });
    expect(result).toMatchObject({ object: 'search_result', url: '/v1/charges/search', has_more: false });
    expect(result.data.map((charge) => charge.id)).toEqual([charges.partlyRefunded, charges.held, charges.paid]);
    expect(await ids('metadata["order"]:"A-1"')).toEqual([charges.paid]);
  });

  it('filters by amount, customer and the card of payment_method_details', async () => {
    expect(await ids('amount>600')).toEqual([charges.partlyRefunded, charges.paid]);
    expect(await ids(`customer:"${customer.id}"`)).toEqual([charges.held, charges.paid]);
    expect(await ids('payment_method_details.card.last4:4444')).toEqual([charges.held]);
    expect(await ids('payment_method_details.card.brand:"visa"')).toEqual([charges.partlyRefunded, charges.paid]);
  });

  it('reads refunded as Stripe does: "false" when refunded in part, null when not refunded', async () => {
    expect(await ids('refunded:"false"')).toEqual([charges.partlyRefunded]);
    expect(await ids('refunded:null')).toEqual([charges.held, charges.paid]);
    expect(await ids('refunded:"true"')).toEqual([]);
  });

  it('pages with limit 1 and expands data.customer', async () => {
    const all = await client.charges.search({ query: tagged, limit: 1, expand: ['data.customer'] }).autoPagingToArray({ limit: 10 });
    expect(all.map((charge) => charge.id)).toEqual([charges.partlyRefunded, charges.held, charges.paid]);
    expectTypeOf(all[0]!.customer).toEqualTypeOf<Customer | null>();
    expect(all.map((charge) => charge.customer?.id ?? null)).toEqual([null, customer.id, customer.id]);
  });

  it('refuses a field charges do not have', async () => {
    const error = await failure(client.charges.search({ query: 'email:"x@example.com"' }), InvalidRequestError);
    expect(error.message).toMatch(/^Field `email` is an unsupported search field for resource `charges`/);
  });
});
