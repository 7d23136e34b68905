// PaymentIntents, Charges, the Balance and BalanceTransactions through the official SDK: a confirmed
// payment, confirm in steps, manual and partial capture, increment, cancel, declines
// (StripeCardError with the PaymentIntent on the error), 3D Secure, wrong-state calls
// (payment_intent_unexpected_state), lists, expand and the pending balance. Refunds are not covered
// here. Every response is also checked against Stripe's spec by the suite's hooks.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';

const now_tolerance_seconds = 120;
// Since API version 2023-08-16 a PaymentIntent accepts the Dashboard's payment methods by default,
// and confirming one then needs a return_url; turning redirects off keeps these flows server-side,
// as Stripe's own error message advises (this SDK's types no longer offer payment_method_types).
const card_payment = {
  amount: 2000,
  currency: 'usd',
  automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
} satisfies Stripe.PaymentIntentCreateParams;

const idOf = (value: string | { id: string } | null): string | null => (value === null || typeof value === 'string' ? value : value.id);
const pendingUsd = (balance: Stripe.Balance): number => balance.pending.find((entry) => entry.currency === 'usd')?.amount ?? 0;

for (const engine of test_engines) {
  describe(`payment intents via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('creates and confirms a payment with pm_card_visa, then retrieves and lists it', async () => {
      const customer = await suite.stripe.customers.create({ email: `${suite.tag('payer')}@example.com` });
      const pi = await suite.stripe.paymentIntents.create({
        ...card_payment,
        customer: customer.id,
        payment_method: 'pm_card_visa',
        confirm: true,
        metadata: { order_id: '6735' },
      });
      expect(pi.id).toMatch(/^pi_[A-Za-z0-9]+$/);
      expect(Math.abs(pi.created - Date.now() / 1000)).toBeLessThan(now_tolerance_seconds);
      expect(pi).toMatchObject({
        object: 'payment_intent',
        status: 'succeeded',
        amount: 2000,
        amount_received: 2000,
        amount_capturable: 0,
        currency: 'usd',
        capture_method: 'automatic',
        customer: customer.id,
        metadata: { order_id: '6735' },
        last_payment_error: null,
        next_action: null,
        livemode: false,
      });
      expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
      // Stripe saves the magic pm_card_visa as a new PaymentMethod and names that one.
      expect(pi.payment_method).toMatch(/^pm_[A-Za-z0-9]+$/);
      expect(pi.payment_method).not.toBe('pm_card_visa');
      const saved = await suite.stripe.paymentMethods.retrieve(pi.payment_method as string);
      expect(saved.card).toMatchObject({ brand: 'visa', last4: '4242' });
      expect(idOf(pi.latest_charge)).toMatch(/^ch_/);

      const fetched = await suite.stripe.paymentIntents.retrieve(pi.id);
      const { lastResponse: _created, ...createdBody } = pi;
      const { lastResponse: _fetched, ...fetchedBody } = fetched;
      expect(fetchedBody).toEqual(createdBody);

      const list = await suite.stripe.paymentIntents.list({ customer: customer.id });
      expect(list.url).toBe('/v1/payment_intents');
      expect(list.data.map((intent) => intent.id)).toEqual([pi.id]);
    });

    it('creates, updates and confirms in steps', async () => {
      const draft = await suite.stripe.paymentIntents.create({ ...card_payment, description: 'draft' });
      expect(draft).toMatchObject({ status: 'requires_payment_method', latest_charge: null, payment_method: null });
      const updated = await suite.stripe.paymentIntents.update(draft.id, { amount: 2500, payment_method: 'pm_card_mastercard' });
      expect(updated).toMatchObject({ status: 'requires_confirmation', amount: 2500 });
      const confirmed = await suite.stripe.paymentIntents.confirm(draft.id);
      expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 2500 });
      const charge = await suite.stripe.charges.retrieve(idOf(confirmed.latest_charge)!);
      expect(charge.payment_method_details?.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
    });

    it('authorizes with capture_method manual and incremental authorization requested, increments and captures part', async () => {
      const held = await suite.stripe.paymentIntents.create({
        ...card_payment,
        payment_method: 'pm_card_visa',
        confirm: true,
        capture_method: 'manual',
        payment_method_options: { card: { request_incremental_authorization: 'if_available' } },
      });
      expect(held).toMatchObject({ status: 'requires_capture', amount_capturable: 2000, amount_received: 0 });
      const uncaptured = await suite.stripe.charges.retrieve(idOf(held.latest_charge)!);
      expect(uncaptured).toMatchObject({ captured: false, amount_captured: 0, paid: true, status: 'succeeded' });

      const raised = await suite.stripe.paymentIntents.incrementAuthorization(held.id, { amount: 2400 });
      expect(raised).toMatchObject({ status: 'requires_capture', amount: 2400, amount_capturable: 2400 });

      const captured = await suite.stripe.paymentIntents.capture(held.id, { amount_to_capture: 1500 });
      expect(captured).toMatchObject({ status: 'succeeded', amount_received: 1500, amount_capturable: 0 });
      const charge = await suite.stripe.charges.retrieve(idOf(captured.latest_charge)!);
      expect(charge).toMatchObject({ captured: true, amount_captured: 1500, payment_intent: held.id });
    });

    it('refuses to increment an authorization that did not request it', async () => {
      const held = await suite.stripe.paymentIntents.create({
        ...card_payment,
        payment_method: 'pm_card_visa',
        confirm: true,
        capture_method: 'manual',
      });
      const charge = await suite.stripe.charges.retrieve(idOf(held.latest_charge)!);
      expect(charge.payment_method_details?.card?.incremental_authorization).toEqual({ status: 'unavailable' });
      const refused = await stripeError(
        suite.stripe.paymentIntents.incrementAuthorization(held.id, { amount: 2400 }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(refused.statusCode).toBe(400);
      expect(refused.payment_intent).toMatchObject({ id: held.id, amount: 2000, status: 'requires_capture' });
    });

    it('a wrong-state capture or cancel is StripeInvalidRequestError payment_intent_unexpected_state', async () => {
      const paid = await suite.stripe.paymentIntents.create({ ...card_payment, payment_method: 'pm_card_visa', confirm: true });
      const capture = await stripeError(suite.stripe.paymentIntents.capture(paid.id), Stripe.errors.StripeInvalidRequestError);
      expect(capture.statusCode).toBe(400);
      expect(capture.code).toBe('payment_intent_unexpected_state');
      expect(capture.message).toBe(
        'This PaymentIntent could not be captured because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.',
      );
      expect(capture.payment_intent).toMatchObject({ id: paid.id, status: 'succeeded' });

      const cancel = await stripeError(suite.stripe.paymentIntents.cancel(paid.id), Stripe.errors.StripeInvalidRequestError);
      expect(cancel.code).toBe('payment_intent_unexpected_state');

      const draft = await suite.stripe.paymentIntents.create({ ...card_payment });
      const early = await stripeError(suite.stripe.paymentIntents.capture(draft.id), Stripe.errors.StripeInvalidRequestError);
      expect(early.code).toBe('payment_intent_unexpected_state');
    });

    it('cancels an unpaid PaymentIntent with a reason', async () => {
      const draft = await suite.stripe.paymentIntents.create({ ...card_payment });
      const canceled = await suite.stripe.paymentIntents.cancel(draft.id, { cancellation_reason: 'requested_by_customer' });
      expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
      expect(Math.abs(canceled.canceled_at! - Date.now() / 1000)).toBeLessThan(now_tolerance_seconds);
    });

    it('a decline is StripeCardError 402 with decline_code and the PaymentIntent on the error', async () => {
      const error = await stripeError(
        suite.stripe.paymentIntents.create({ ...card_payment, payment_method: 'pm_card_chargeDeclinedInsufficientFunds', confirm: true }),
        Stripe.errors.StripeCardError,
      );
      expect(error.statusCode).toBe(402);
      expect(error.rawType).toBe('card_error');
      expect(error.code).toBe('card_declined');
      expect(error.decline_code).toBe('insufficient_funds');
      expect(error.message).toBe('Your card has insufficient funds.');
      expect(error.requestId).toMatch(/^req_/);
      const pi = error.payment_intent!;
      expect(pi).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method', amount_received: 0 });
      expect(pi.last_payment_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' });

      const fetched = await suite.stripe.paymentIntents.retrieve(pi.id);
      expect(fetched.status).toBe('requires_payment_method');
      const charges = await suite.stripe.charges.list({ payment_intent: pi.id });
      expect(charges.data).toHaveLength(1);
      expect(charges.data[0]).toMatchObject({ status: 'failed', paid: false, failure_code: 'card_declined', balance_transaction: null });

      // The same PaymentIntent can be confirmed again with a good card.
      const retried = await suite.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
      expect(retried.status).toBe('succeeded');
    });

    it('a 3D Secure card leaves the PaymentIntent in requires_action', async () => {
      const pi = await suite.stripe.paymentIntents.create({
        ...card_payment,
        payment_method: 'pm_card_threeDSecure2Required',
        confirm: true,
        return_url: 'https://example.com/return',
      });
      expect(pi.status).toBe('requires_action');
      expect(pi.amount_received).toBe(0);
      expect(pi.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url: 'https://example.com/return' } });
      expect(pi.next_action?.redirect_to_url?.url).toEqual(expect.any(String));
    });

    it('lists charges by payment_intent and expands latest_charge.balance_transaction', async () => {
      const pi = await suite.stripe.paymentIntents.create({ ...card_payment, payment_method: 'pm_card_visa', confirm: true });
      const charges = await suite.stripe.charges.list({ payment_intent: pi.id });
      expect(charges.url).toBe('/v1/charges');
      expect(charges.data.map((charge) => charge.id)).toEqual([idOf(pi.latest_charge)]);
      expect(charges.data[0]).toMatchObject({ object: 'charge', amount: 2000, captured: true, paid: true, status: 'succeeded' });

      const expanded = await suite.stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge.balance_transaction'] });
      const charge = expanded.latest_charge as Stripe.Charge;
      expect(charge).toMatchObject({ object: 'charge', id: idOf(pi.latest_charge), payment_intent: pi.id });
      const txn = charge.balance_transaction as Stripe.BalanceTransaction;
      expect(txn).toMatchObject({ object: 'balance_transaction', type: 'charge', amount: 2000, currency: 'usd', source: charge.id });
      expect(txn.net).toBe(txn.amount - txn.fee);
    });

    it('a charge shows as pending in the balance; its balance transaction is retrievable and listed', async () => {
      const before = pendingUsd(await suite.stripe.balance.retrieve());
      const pi = await suite.stripe.paymentIntents.create({ ...card_payment, payment_method: 'pm_card_visa', confirm: true });
      const balance = await suite.stripe.balance.retrieve();
      expect(balance.object).toBe('balance');

      const charge = await suite.stripe.charges.retrieve(idOf(pi.latest_charge)!);
      const txn = await suite.stripe.balanceTransactions.retrieve(idOf(charge.balance_transaction)!);
      expect(txn).toMatchObject({ object: 'balance_transaction', type: 'charge', status: 'pending', source: charge.id });
      expect(txn.available_on).toBeGreaterThanOrEqual(txn.created);
      expect(pendingUsd(balance) - before).toBe(txn.net);

      const bySource = await suite.stripe.balanceTransactions.list({ source: charge.id });
      expect(bySource.url).toBe('/v1/balance_transactions');
      expect(bySource.data.map((entry) => entry.id)).toEqual([txn.id]);
      const byType = await suite.stripe.balanceTransactions.list({ type: 'charge', limit: 100 }).autoPagingToArray({ limit: 1000 });
      expect(byType.map((entry) => entry.id)).toContain(txn.id);
    });

    it('a missing PaymentIntent or Charge is a 404 resource_missing', async () => {
      const pi = await stripeError(suite.stripe.paymentIntents.retrieve('pi_doesNotExist123'), Stripe.errors.StripeInvalidRequestError);
      expect(pi.statusCode).toBe(404);
      expect(pi.code).toBe('resource_missing');
      const charge = await stripeError(suite.stripe.charges.retrieve('ch_doesNotExist123'), Stripe.errors.StripeInvalidRequestError);
      expect(charge.statusCode).toBe(404);
      expect(charge.code).toBe('resource_missing');
      expect(charge.message).toBe("No such charge: 'ch_doesNotExist123'");
    });
  });
}
