// Refunds through the official SDK: a full refund by payment_intent, partial refunds by charge up to
// the remainder (amount_too_large past it), charge_already_refunded, retrieve / list by charge /
// update metadata, expand charge, the charge's amount_refunded / refunded and the refund's balance
// transaction. Every response is also checked against Stripe's spec by the suite's hooks.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';

const now_tolerance_seconds = 120;
// Redirects off keeps the confirm server-side (see payment-intents.conformance.test.ts).
const card_payment = {
  amount: 2000,
  currency: 'usd',
  automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  payment_method: 'pm_card_visa',
  confirm: true,
} satisfies Stripe.PaymentIntentCreateParams;

const idOf = (value: string | { id: string } | null): string | null => (value === null || typeof value === 'string' ? value : value.id);

for (const engine of test_engines) {
  describe(`refunds via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    const paid = async (): Promise<{ pi: Stripe.PaymentIntent; chargeId: string }> => {
      const pi = await suite.stripe.paymentIntents.create(card_payment);
      expect(pi.status).toBe('succeeded');
      return { pi, chargeId: idOf(pi.latest_charge)! };
    };

    it('refunds a payment in full by payment_intent; the charge shows it refunded', async () => {
      const { pi, chargeId } = await paid();
      const refund = await suite.stripe.refunds.create({ payment_intent: pi.id, reason: 'requested_by_customer' });
      expect(refund.id).toMatch(/^re_[A-Za-z0-9]+$/);
      expect(Math.abs(refund.created - Date.now() / 1000)).toBeLessThan(now_tolerance_seconds);
      expect(refund).toMatchObject({
        object: 'refund',
        amount: 2000,
        currency: 'usd',
        charge: chargeId,
        payment_intent: pi.id,
        reason: 'requested_by_customer',
        status: 'succeeded',
      });

      const charge = await suite.stripe.charges.retrieve(chargeId);
      expect(charge).toMatchObject({ amount: 2000, amount_refunded: 2000, refunded: true });
    });

    it('partial refunds by charge add up; one over the remainder is amount_too_large', async () => {
      const { pi, chargeId } = await paid();
      const first = await suite.stripe.refunds.create({ charge: chargeId, amount: 500 });
      expect(first).toMatchObject({ amount: 500, charge: chargeId, payment_intent: pi.id, status: 'succeeded' });
      const second = await suite.stripe.refunds.create({ charge: chargeId, amount: 700 });
      expect(second).toMatchObject({ amount: 700, status: 'succeeded' });

      const partly = await suite.stripe.charges.retrieve(chargeId);
      expect(partly).toMatchObject({ amount_refunded: 1200, refunded: false });

      const error = await stripeError(
        suite.stripe.refunds.create({ charge: chargeId, amount: 801 }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('amount_too_large');
      expect(error.param).toBe('amount');

      // No amount refunds the remainder.
      const rest = await suite.stripe.refunds.create({ charge: chargeId });
      expect(rest.amount).toBe(800);
      const full = await suite.stripe.charges.retrieve(chargeId);
      expect(full).toMatchObject({ amount_refunded: 2000, refunded: true });
    });

    it('a refund of a fully refunded charge is charge_already_refunded', async () => {
      const { chargeId } = await paid();
      await suite.stripe.refunds.create({ charge: chargeId });
      const error = await stripeError(suite.stripe.refunds.create({ charge: chargeId }), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('charge_already_refunded');
    });

    it('retrieves, lists by charge and updates metadata', async () => {
      const { chargeId } = await paid();
      const first = await suite.stripe.refunds.create({ charge: chargeId, amount: 300, metadata: { ticket: 'T-1' } });
      const second = await suite.stripe.refunds.create({ charge: chargeId, amount: 400 });

      const fetched = await suite.stripe.refunds.retrieve(first.id);
      const { lastResponse: _created, ...createdBody } = first;
      const { lastResponse: _fetched, ...fetchedBody } = fetched;
      expect(fetchedBody).toEqual(createdBody);
      expect(fetched.metadata).toEqual({ ticket: 'T-1' });

      const list = await suite.stripe.refunds.list({ charge: chargeId });
      expect(list.object).toBe('list');
      expect(list.url).toBe('/v1/refunds');
      expect(list.data.map((refund) => refund.id)).toEqual([second.id, first.id]);

      const updated = await suite.stripe.refunds.update(first.id, { metadata: { ticket: '', note: 'checked' } });
      expect(updated.metadata).toEqual({ note: 'checked' });
      expect(updated.amount).toBe(300);
    });

    it('expands charge on create and retrieve', async () => {
      const { pi, chargeId } = await paid();
      const refund = await suite.stripe.refunds.create({ payment_intent: pi.id, amount: 1000, expand: ['charge'] });
      const charge = refund.charge as Stripe.Charge;
      expect(charge).toMatchObject({ object: 'charge', id: chargeId, amount_refunded: 1000, refunded: false });

      const fetched = await suite.stripe.refunds.retrieve(refund.id, { expand: ['charge'] });
      expect((fetched.charge as Stripe.Charge).id).toBe(chargeId);
    });

    it("the refund's balance transaction is negative with no fee", async () => {
      const { chargeId } = await paid();
      const refund = await suite.stripe.refunds.create({ charge: chargeId, amount: 600 });
      const txnId = idOf(refund.balance_transaction);
      expect(txnId).toMatch(/^txn_/);
      const txn = await suite.stripe.balanceTransactions.retrieve(txnId!);
      expect(txn).toMatchObject({
        object: 'balance_transaction',
        type: 'refund',
        amount: -600,
        fee: 0,
        net: -600,
        currency: 'usd',
        source: refund.id,
      });

      const bySource = await suite.stripe.balanceTransactions.list({ source: refund.id });
      expect(bySource.data.map((entry) => entry.id)).toEqual([txn.id]);
      expect(bySource.data.every((entry) => entry.amount < 0 && entry.fee === 0)).toBe(true);
    });

    it('a missing refund is a 404 resource_missing', async () => {
      const error = await stripeError(suite.stripe.refunds.retrieve('re_doesNotExist123'), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(404);
      expect(error.code).toBe('resource_missing');
    });
  });
}
