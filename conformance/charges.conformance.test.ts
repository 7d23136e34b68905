// The direct Charges API through the official SDK: charges.create with a token source and with a
// customer's default payment method, declines as StripeCardError with the failed charge's id, a
// customer without a card, capture=false then charges.capture (partial, then charge_already_captured),
// charges.update, and a refund of a direct charge. Every response is also checked against Stripe's
// spec by the suite's hooks.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';

const now_tolerance_seconds = 120;

const idOf = (value: string | { id: string } | null): string | null => (value === null || typeof value === 'string' ? value : value.id);

for (const engine of test_engines) {
  describe(`charges via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('creates a charge from tok_visa: captured, the card as source, the fee on its balance transaction', async () => {
      const order = suite.tag('order');
      const charge = await suite.stripe.charges.create({
        amount: 2000,
        currency: 'usd',
        source: 'tok_visa',
        description: 'Direct charge',
        metadata: { order },
        statement_descriptor_suffix: 'ORDER',
      });
      expect(charge.id).toMatch(/^ch_[A-Za-z0-9]+$/);
      expect(Math.abs(charge.created - Date.now() / 1000)).toBeLessThan(now_tolerance_seconds);
      expect(charge).toMatchObject({
        object: 'charge',
        amount: 2000,
        amount_captured: 2000,
        captured: true,
        paid: true,
        status: 'succeeded',
        payment_intent: null,
        description: 'Direct charge',
        metadata: { order },
        statement_descriptor_suffix: 'ORDER',
      });
      const source = charge.source as Stripe.Card;
      expect(source).toMatchObject({ object: 'card', brand: 'Visa', last4: '4242' });
      expect(charge.payment_method).toBe(source.id);
      expect(charge.payment_method_details?.card).toMatchObject({ brand: 'visa', last4: '4242' });

      const fetched = await suite.stripe.charges.retrieve(charge.id);
      const { lastResponse: _created, ...createdBody } = charge;
      const { lastResponse: _fetched, ...fetchedBody } = fetched;
      expect(fetchedBody).toEqual(createdBody);

      const txn = await suite.stripe.balanceTransactions.retrieve(idOf(charge.balance_transaction)!);
      expect(txn).toMatchObject({ type: 'charge', amount: 2000, fee: 88, net: 1912, status: 'pending', source: charge.id });
    });

    it('a decline is StripeCardError 402 naming the failed charge, which is kept', async () => {
      const error = await stripeError(
        suite.stripe.charges.create({ amount: 2000, currency: 'usd', source: 'tok_visa_chargeDeclinedInsufficientFunds' }),
        Stripe.errors.StripeCardError,
      );
      expect(error.statusCode).toBe(402);
      expect(error.code).toBe('card_declined');
      expect(error.decline_code).toBe('insufficient_funds');
      expect(error.message).toBe('Your card has insufficient funds.');
      expect(error.charge).toMatch(/^ch_/);
      const failed = await suite.stripe.charges.retrieve(error.charge!);
      expect(failed).toMatchObject({ status: 'failed', paid: false, failure_code: 'card_declined', balance_transaction: null });
    });

    it('charges a customer’s default payment method; a customer without one is StripeCardError `missing`', async () => {
      const customer = await suite.stripe.customers.create({
        email: `${suite.tag('payer')}@example.com`,
        payment_method: 'pm_card_mastercard',
        invoice_settings: { default_payment_method: 'pm_card_mastercard' },
      });
      const charge = await suite.stripe.charges.create({ amount: 3100, currency: 'usd', customer: customer.id });
      expect(charge).toMatchObject({
        customer: customer.id,
        payment_method: customer.invoice_settings.default_payment_method,
        status: 'succeeded',
        source: null,
      });
      expect(charge.payment_method_details?.card?.brand).toBe('mastercard');
      const listed = await suite.stripe.charges.list({ customer: customer.id });
      expect(listed.data.map((item) => item.id)).toEqual([charge.id]);

      const bare = await suite.stripe.customers.create({ name: suite.tag('bare') });
      const error = await stripeError(
        suite.stripe.charges.create({ amount: 3100, currency: 'usd', customer: bare.id }),
        Stripe.errors.StripeCardError,
      );
      expect(error.statusCode).toBe(402);
      expect(error.code).toBe('missing');
      expect(error.param).toBe('card');
      expect(error.message).toBe('Cannot charge a customer that has no active card');
    });

    it('holds with capture: false, captures part with charges.capture, then refuses a second capture', async () => {
      const held = await suite.stripe.charges.create({ amount: 5000, currency: 'usd', source: 'tok_mastercard', capture: false });
      expect(held).toMatchObject({ captured: false, amount_captured: 0, balance_transaction: null, status: 'succeeded' });

      const captured = await suite.stripe.charges.capture(held.id, { amount: 3000, receipt_email: 'jo@example.com' });
      expect(captured).toMatchObject({ captured: true, amount_captured: 3000, amount_refunded: 2000, refunded: false });
      expect(captured.receipt_email).toBe('jo@example.com');
      const entries = await suite.stripe.balanceTransactions.list({ source: held.id });
      expect(entries.data.map((entry) => [entry.type, entry.amount]).sort()).toEqual([
        ['charge', 5000],
        ['refund', -2000],
      ]);

      const error = await stripeError(suite.stripe.charges.capture(held.id), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('charge_already_captured');
      expect(error.message).toBe(`Charge ${held.id} has already been captured.`);
    });

    it('updates a charge: description, metadata merge, fraud_details and shipping', async () => {
      const charge = await suite.stripe.charges.create({ amount: 1000, currency: 'usd', source: 'tok_visa', metadata: { a: '1', b: '2' } });
      const updated = await suite.stripe.charges.update(charge.id, {
        description: 'Updated',
        metadata: { b: '', c: '3' },
        fraud_details: { user_report: 'safe' },
        shipping: { name: 'Jo', address: { line1: '1 Main St', city: 'Springfield', country: 'US' } },
      });
      expect(updated).toMatchObject({
        description: 'Updated',
        metadata: { a: '1', c: '3' },
        fraud_details: { user_report: 'safe' },
        shipping: { name: 'Jo', address: { line1: '1 Main St', city: 'Springfield', country: 'US', postal_code: null } },
      });
    });

    it('refunds a direct charge through refunds.create', async () => {
      const charge = await suite.stripe.charges.create({ amount: 2500, currency: 'usd', source: 'tok_visa' });
      const refund = await suite.stripe.refunds.create({ charge: charge.id, amount: 1000 });
      expect(refund).toMatchObject({ amount: 1000, charge: charge.id, payment_intent: null, status: 'succeeded' });
      const after = await suite.stripe.charges.retrieve(charge.id);
      expect(after).toMatchObject({ amount_refunded: 1000, refunded: false });
    });
  });
}
