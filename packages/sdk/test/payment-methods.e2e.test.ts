// End to end: PaymentMethods and Tokens through the SDK against a live Tender (in-process, in-memory
// database): raw test cards, attach/list/update/detach, card errors with decline codes, and the
// single use of a token.

import { describe, expect, it } from 'vitest';
import { CardError, getId, InvalidRequestError, type Customer, type PaymentMethod } from '@tender/sdk';
import { useLiveTender } from './support/live-tender.js';

const suite = useLiveTender();

const exp_year = new Date().getFullYear() + 3;
const visaCard = { number: '4242424242424242', exp_month: 12, exp_year, cvc: '123' };

describe('payment methods against a live Tender', () => {
  it('creates a card PaymentMethod from a raw test card, without the number or CVC', async () => {
    const created = await suite.client.paymentMethods.create({
      type: 'card',
      card: visaCard,
      billing_details: { name: 'Jenny Rosen', email: 'jenny@example.com' },
      metadata: { order_id: '6735' },
    });
    expect(created.id).toMatch(/^pm_/);
    expect(created).toMatchObject({
      object: 'payment_method',
      type: 'card',
      customer: null,
      livemode: false,
      metadata: { order_id: '6735' },
      billing_details: { name: 'Jenny Rosen', email: 'jenny@example.com', phone: null },
    });
    expect(created.card).toMatchObject({ brand: 'visa', last4: '4242', exp_month: 12, exp_year, funding: 'credit', country: 'US' });
    // As on Stripe, the CVC is only checked when the card is first used (attached or charged).
    expect(created.card?.checks?.cvc_check).toBe('unchecked');
    expect(JSON.stringify(created)).not.toContain('4242424242424242');
    expect(created.lastResponse.requestId).toMatch(/^req_/);

    const retrieved = await suite.client.paymentMethods.retrieve(created.id);
    expect(retrieved.id).toBe(created.id);
    expect(retrieved.card?.fingerprint).toBe(created.card?.fingerprint);
  });

  it('retrieves a magic test PaymentMethod such as pm_card_mastercard', async () => {
    const magic = await suite.client.paymentMethods.retrieve('pm_card_mastercard');
    expect(magic.object).toBe('payment_method');
    expect(magic.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
  });

  it('attaches to a customer, lists by customer, updates metadata and detaches', async () => {
    const customer = await suite.client.customers.create({ email: 'cards@example.com' });
    const first = await suite.client.paymentMethods.create({ type: 'card', card: visaCard });
    const second = await suite.client.paymentMethods.create({
      type: 'card',
      card: { number: '5555555555554444', exp_month: 6, exp_year },
    });

    const attached = await suite.client.paymentMethods.attach(first.id, { customer: customer.id });
    expect(attached.customer).toBe(customer.id);
    await suite.client.paymentMethods.attach(second.id, { customer: customer.id });

    const page = await suite.client.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(page.object).toBe('list');
    expect(page.url).toBe('/v1/payment_methods');
    expect(page.data.map((pm) => pm.id)).toEqual([second.id, first.id]);
    const walked = await suite.client.paymentMethods.list({ customer: customer.id, limit: 1 }).autoPagingToArray({ limit: 10 });
    expect(walked.map((pm) => pm.id)).toEqual([second.id, first.id]);

    const updated = await suite.client.paymentMethods.update(first.id, {
      metadata: { nickname: 'work card' },
      billing_details: { name: 'Jenny R.' },
      card: { exp_month: 3 },
    });
    expect(updated.metadata).toEqual({ nickname: 'work card' });
    expect(updated.billing_details.name).toBe('Jenny R.');
    expect(updated.card?.exp_month).toBe(3);

    const detached = await suite.client.paymentMethods.detach(first.id);
    expect(detached.customer).toBeNull();
    const after = await suite.client.paymentMethods.list({ customer: customer.id });
    expect(after.data.map((pm: PaymentMethod) => pm.id)).toEqual([second.id]);
  });

  it('expands the customer of an attached PaymentMethod', async () => {
    const customer = await suite.client.customers.create({ email: 'expand@example.com' });
    const pm = await suite.client.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const expanded = await suite.client.paymentMethods.retrieve(pm.id, { expand: ['customer'] });
    expect(getId(expanded.customer)).toBe(customer.id);
    expect((expanded.customer as Customer).email).toBe('expand@example.com');
  });

  it('refuses to update a PaymentMethod that is not attached', async () => {
    const loose = await suite.client.paymentMethods.create({ type: 'card', card: visaCard });
    const error = await suite.client.paymentMethods.update(loose.id, { metadata: { a: 'b' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).statusCode).toBe(400);
  });

  it('answers a declined card on attach with CardError 402 and its decline_code', async () => {
    const customer = await suite.client.customers.create();
    const declined = await suite.client.paymentMethods.create({
      type: 'card',
      card: { number: '4000000000009995', exp_month: 12, exp_year, cvc: '123' },
    });
    const error = await suite.client.paymentMethods.attach(declined.id, { customer: customer.id }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CardError);
    expect(error).toMatchObject({ statusCode: 402, rawType: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' });
    expect((error as CardError).message).toMatch(/insufficient funds/i);
    expect((error as CardError).requestId).toMatch(/^req_/);

    const still = await suite.client.paymentMethods.retrieve(declined.id);
    expect(still.customer).toBeNull();
  });

  it('answers a missing PaymentMethod with InvalidRequestError 404 resource_missing', async () => {
    const error = await suite.client.paymentMethods.retrieve('pm_doesnotexist').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('creates a customer with a default PaymentMethod', async () => {
    const customer = await suite.client.customers.create({
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const attached = await suite.client.paymentMethods.list({ customer: customer.id });
    expect(attached.data).toHaveLength(1);
    expect(getId(customer.invoice_settings.default_payment_method)).toBe(attached.data[0]!.id);
  });
});

describe('tokens against a live Tender', () => {
  it('creates and retrieves a card token, which a PaymentMethod can use once', async () => {
    const token = await suite.client.tokens.create({ card: visaCard });
    expect(token.id).toMatch(/^tok_/);
    expect(token).toMatchObject({ object: 'token', type: 'card', used: false, livemode: false });
    expect(token.card).toMatchObject({ object: 'card', last4: '4242', exp_month: 12, exp_year });
    expect(token.card?.id).toMatch(/^card_/);

    const retrieved = await suite.client.tokens.retrieve(token.id);
    expect(retrieved.id).toBe(token.id);

    const fromToken = await suite.client.paymentMethods.create({ type: 'card', card: { token: token.id } });
    expect(fromToken.card).toMatchObject({ brand: 'visa', last4: '4242' });
    expect((await suite.client.tokens.retrieve(token.id)).used).toBe(true);

    const again = await suite.client.paymentMethods.create({ type: 'card', card: { token: token.id } }).catch((caught: unknown) => caught);
    expect(again).toBeInstanceOf(InvalidRequestError);
    expect(again).toMatchObject({ statusCode: 400, code: 'token_already_used' });
  });

  it('accepts a magic token such as tok_visa', async () => {
    const pm = await suite.client.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
    expect(pm.card).toMatchObject({ brand: 'visa', last4: '4242' });
  });

  it('refuses a card number that fails the Luhn check with CardError incorrect_number', async () => {
    const error = await suite.client.tokens
      .create({ card: { ...visaCard, number: '4242424242424241' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CardError);
    expect(error).toMatchObject({ statusCode: 402, code: 'incorrect_number', param: 'number' });
  });
});
