// PaymentMethods and Tokens through the official SDK: cards from raw numbers, tokens and magic ids,
// attach / list / update / detach, customers created with a default PaymentMethod, and card errors
// (StripeCardError with decline_code). Every response is also checked against Stripe's spec by the
// suite's hooks.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';

const now_tolerance_seconds = 120;
const exp_year = new Date().getFullYear() + 3;
const visa_card = { number: '4242424242424242', exp_month: 12, exp_year, cvc: '123' };

for (const engine of test_engines) {
  describe(`payment methods via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('creates a card PaymentMethod from a raw test card and retrieves it', async () => {
      const created = await suite.stripe.paymentMethods.create({
        type: 'card',
        card: visa_card,
        billing_details: { name: 'Ada Lovelace', email: 'ada@example.com', address: { country: 'GB', postal_code: 'N1 9GU' } },
        metadata: { order_id: '6735' },
      });
      expect(created.id).toMatch(/^pm_[A-Za-z0-9]+$/);
      expect(Math.abs(created.created - Date.now() / 1000)).toBeLessThan(now_tolerance_seconds);
      expect(created).toMatchObject({
        object: 'payment_method',
        type: 'card',
        customer: null,
        livemode: false,
        metadata: { order_id: '6735' },
        billing_details: {
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          phone: null,
          address: { country: 'GB', postal_code: 'N1 9GU', line1: null, city: null },
        },
        card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year, funding: 'credit', country: 'US' },
      });
      expect(created.card?.fingerprint).toMatch(/^[A-Za-z0-9]+$/);
      expect(JSON.stringify(created)).not.toContain('4242424242424242');

      const fetched = await suite.stripe.paymentMethods.retrieve(created.id);
      const { lastResponse: _created, ...createdBody } = created;
      const { lastResponse: _fetched, ...fetchedBody } = fetched;
      expect(fetchedBody).toEqual(createdBody);

      // The same number gives the same fingerprint.
      const again = await suite.stripe.paymentMethods.create({ type: 'card', card: visa_card });
      expect(again.card?.fingerprint).toBe(created.card?.fingerprint);
    });

    it('retrieves magic test PaymentMethods by id', async () => {
      const visa = await suite.stripe.paymentMethods.retrieve('pm_card_visa');
      expect(visa).toMatchObject({ object: 'payment_method', type: 'card', card: { brand: 'visa', last4: '4242' } });
      const amex = await suite.stripe.paymentMethods.retrieve('pm_card_amex');
      expect(amex.card).toMatchObject({ brand: 'amex', last4: '0005' });
    });

    it('attaches to a customer, lists by customer, updates and detaches', async () => {
      const customer = await suite.stripe.customers.create({ email: `${suite.tag('attach')}@example.com` });
      const first = await suite.stripe.paymentMethods.create({ type: 'card', card: visa_card });
      const second = await suite.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_mastercard' } });

      const attached = await suite.stripe.paymentMethods.attach(first.id, { customer: customer.id });
      expect(attached.id).toBe(first.id);
      expect(attached.customer).toBe(customer.id);
      await suite.stripe.paymentMethods.attach(second.id, { customer: customer.id });

      const list = await suite.stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
      expect(list.object).toBe('list');
      expect(list.url).toBe('/v1/payment_methods');
      expect(list.has_more).toBe(false);
      expect(list.data.map((pm) => pm.id)).toEqual([second.id, first.id]);

      const paged = await suite.stripe.paymentMethods.list({ customer: customer.id, limit: 1 }).autoPagingToArray({ limit: 10 });
      expect(paged.map((pm) => pm.id)).toEqual([second.id, first.id]);

      const updated = await suite.stripe.paymentMethods.update(first.id, {
        metadata: { nickname: 'work' },
        billing_details: { phone: '+15555550100' },
        card: { exp_month: 4, exp_year: exp_year + 1 },
      });
      expect(updated.metadata).toEqual({ nickname: 'work' });
      expect(updated.billing_details.phone).toBe('+15555550100');
      expect(updated.card).toMatchObject({ exp_month: 4, exp_year: exp_year + 1, last4: '4242' });
      const merged = await suite.stripe.paymentMethods.update(first.id, { metadata: { nickname: '', extra: 'x' } });
      expect(merged.metadata).toEqual({ extra: 'x' });

      const detached = await suite.stripe.paymentMethods.detach(first.id);
      expect(detached.id).toBe(first.id);
      expect(detached.customer).toBeNull();
      const after = await suite.stripe.paymentMethods.list({ customer: customer.id });
      expect(after.data.map((pm) => pm.id)).toEqual([second.id]);
    });

    it('expands the customer of an attached PaymentMethod', async () => {
      const customer = await suite.stripe.customers.create({ email: `${suite.tag('expand')}@example.com` });
      const pm = await suite.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
      const expanded = await suite.stripe.paymentMethods.retrieve(pm.id, { expand: ['customer'] });
      expect(expanded.customer).toMatchObject({ id: customer.id, object: 'customer', email: customer.email });
    });

    it('a detached PaymentMethod cannot be attached again', async () => {
      const customer = await suite.stripe.customers.create();
      const pm = await suite.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
      await suite.stripe.paymentMethods.detach(pm.id);
      const error = await stripeError(
        suite.stripe.paymentMethods.attach(pm.id, { customer: customer.id }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
      expect(error.message).toMatch(/was detached from a Customer, and may not be used again\.$/);
    });

    it('detaching a PaymentMethod that is not attached is a 400', async () => {
      const loose = await suite.stripe.paymentMethods.create({ type: 'card', card: visa_card });
      const error = await stripeError(suite.stripe.paymentMethods.detach(loose.id), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(400);
      expect(error.message).toBe('The payment method you provided is not attached to a customer so detachment is impossible.');
    });

    it('attaching to a missing customer names the customer param', async () => {
      const error = await stripeError(
        suite.stripe.paymentMethods.attach('pm_card_visa', { customer: 'cus_doesNotExist123' }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.code).toBe('resource_missing');
      expect(error.param).toBe('customer');
      expect(error.message).toBe("No such customer: 'cus_doesNotExist123'");
    });

    it('refuses to update a PaymentMethod that is not attached to a customer', async () => {
      const loose = await suite.stripe.paymentMethods.create({ type: 'card', card: visa_card });
      const error = await stripeError(
        suite.stripe.paymentMethods.update(loose.id, { metadata: { a: 'b' } }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
      expect(error.message).toBe('You must save this PaymentMethod to a customer before you can update it.');
    });

    it('a missing PaymentMethod is a 404 resource_missing', async () => {
      const error = await stripeError(suite.stripe.paymentMethods.retrieve('pm_doesNotExist123'), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(404);
      expect(error.code).toBe('resource_missing');
      expect(error.message).toBe("No such PaymentMethod: 'pm_doesNotExist123'");
    });

    it('a declined card fails attach with StripeCardError: 402 card_declined and a decline_code', async () => {
      const customer = await suite.stripe.customers.create();
      const declined = await suite.stripe.paymentMethods.create({
        type: 'card',
        card: { number: '4000000000000002', exp_month: 12, exp_year, cvc: '123' },
      });
      const error = await stripeError(
        suite.stripe.paymentMethods.attach(declined.id, { customer: customer.id }),
        Stripe.errors.StripeCardError,
      );
      expect(error.statusCode).toBe(402);
      expect(error.rawType).toBe('card_error');
      expect(error.code).toBe('card_declined');
      expect(error.decline_code).toBe('generic_decline');
      expect(error.message).toBe('Your card was declined.');
      expect(error.requestId).toMatch(/^req_/);

      const insufficient = await stripeError(
        suite.stripe.paymentMethods.attach('pm_card_chargeDeclinedInsufficientFunds', { customer: customer.id }),
        Stripe.errors.StripeCardError,
      );
      expect(insufficient.decline_code).toBe('insufficient_funds');

      const none = await suite.stripe.paymentMethods.list({ customer: customer.id });
      expect(none.data).toEqual([]);
    });

    it('creates a customer with pm_card_visa as its default PaymentMethod', async () => {
      const customer = await suite.stripe.customers.create({
        email: `${suite.tag('default-pm')}@example.com`,
        payment_method: 'pm_card_visa',
        invoice_settings: { default_payment_method: 'pm_card_visa' },
      });
      const list = await suite.stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
      expect(list.data).toHaveLength(1);
      const [pm] = list.data;
      expect(pm).toMatchObject({ customer: customer.id, card: { brand: 'visa', last4: '4242' } });
      expect(customer.invoice_settings.default_payment_method).toBe(pm!.id);

      const fetched = await suite.stripe.customers.retrieve(customer.id);
      expect(fetched.deleted).toBeUndefined();
      expect((fetched as Stripe.Customer).invoice_settings.default_payment_method).toBe(pm!.id);
    });
  });

  describe(`tokens via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('creates and retrieves a card token', async () => {
      const token = await suite.stripe.tokens.create({
        card: { number: '5555555555554444', exp_month: '10', exp_year: String(exp_year), cvc: '314' },
      });
      expect(token.id).toMatch(/^tok_[A-Za-z0-9]+$/);
      expect(token).toMatchObject({ object: 'token', type: 'card', used: false, livemode: false });
      expect(token.card).toMatchObject({ object: 'card', brand: 'MasterCard', last4: '4444', exp_month: 10, exp_year });
      expect(token.card?.id).toMatch(/^card_/);

      const fetched = await suite.stripe.tokens.retrieve(token.id);
      expect(fetched.id).toBe(token.id);
      expect(fetched.card?.id).toBe(token.card?.id);
    });

    it('a token makes one PaymentMethod; a second use is token_already_used', async () => {
      const token = await suite.stripe.tokens.create({ card: { ...visa_card, exp_month: '12', exp_year: String(exp_year) } });
      const pm = await suite.stripe.paymentMethods.create({ type: 'card', card: { token: token.id } });
      expect(pm.card).toMatchObject({ brand: 'visa', last4: '4242' });
      expect((await suite.stripe.tokens.retrieve(token.id)).used).toBe(true);

      const error = await stripeError(
        suite.stripe.paymentMethods.create({ type: 'card', card: { token: token.id } }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('token_already_used');
    });

    it('magic tokens such as tok_visa can be used again and again', async () => {
      const first = await suite.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
      const second = await suite.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
      expect(first.id).not.toBe(second.id);
      expect(second.card?.last4).toBe('4242');
    });

    it('an invalid card number is StripeCardError incorrect_number on param number', async () => {
      const error = await stripeError(
        suite.stripe.tokens.create({ card: { ...visa_card, number: '4242424242424241', exp_month: '12', exp_year: String(exp_year) } }),
        Stripe.errors.StripeCardError,
      );
      expect(error.statusCode).toBe(402);
      expect(error.code).toBe('incorrect_number');
      expect(error.param).toBe('number');
    });

    it('a missing token is a 404 resource_missing', async () => {
      const error = await stripeError(suite.stripe.tokens.retrieve('tok_doesNotExist123'), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(404);
      expect(error.code).toBe('resource_missing');
      expect(error.message).toBe("No such token: 'tok_doesNotExist123'");
    });
  });
}
