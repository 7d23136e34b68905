// SetupIntents through the official SDK: create and confirm with a customer (the PaymentMethod is
// then attached to it), a declined card (StripeCardError), a 3D Secure card (requires_action), cancel,
// and a wrong-state cancel (setup_intent_unexpected_state). Every response is also checked against
// Stripe's spec by the suite's hooks.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';

const now_tolerance_seconds = 120;
// This SDK's types offer no payment_method_types on SetupIntents; redirects off keeps the confirm
// server-side without a return_url, as for PaymentIntents.
const card_setup = {
  usage: 'off_session',
  automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
} satisfies Stripe.SetupIntentCreateParams;

const idOf = (value: string | { id: string } | null): string | null => (value === null || typeof value === 'string' ? value : value.id);

for (const engine of test_engines) {
  describe(`setup intents via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('creates and confirms with a customer and pm_card_visa; the PaymentMethod is attached', async () => {
      const customer = await suite.stripe.customers.create({ email: `${suite.tag('saver')}@example.com` });
      const draft = await suite.stripe.setupIntents.create({ ...card_setup, customer: customer.id, metadata: { plan: 'pro' } });
      expect(draft.id).toMatch(/^seti_[A-Za-z0-9]+$/);
      expect(Math.abs(draft.created - Date.now() / 1000)).toBeLessThan(now_tolerance_seconds);
      expect(draft).toMatchObject({
        object: 'setup_intent',
        status: 'requires_payment_method',
        usage: 'off_session',
        customer: customer.id,
        payment_method: null,
        metadata: { plan: 'pro' },
        livemode: false,
      });
      expect(draft.client_secret).toMatch(new RegExp(`^${draft.id}_secret_`));

      const confirmed = await suite.stripe.setupIntents.confirm(draft.id, { payment_method: 'pm_card_visa' });
      expect(confirmed).toMatchObject({ status: 'succeeded', last_setup_error: null, next_action: null });
      const pmId = idOf(confirmed.payment_method);
      expect(pmId).toMatch(/^pm_/);

      const fetched = await suite.stripe.setupIntents.retrieve(draft.id);
      expect(fetched.status).toBe('succeeded');

      const methods = await suite.stripe.paymentMethods.list({ customer: customer.id });
      expect(methods.data.map((pm) => pm.id)).toEqual([pmId]);
      expect(methods.data[0]).toMatchObject({ customer: customer.id, type: 'card', card: { brand: 'visa', last4: '4242' } });

      const list = await suite.stripe.setupIntents.list({ customer: customer.id });
      expect(list.url).toBe('/v1/setup_intents');
      expect(list.data.map((intent) => intent.id)).toEqual([draft.id]);
    });

    it('create with confirm: true succeeds in one call', async () => {
      const customer = await suite.stripe.customers.create();
      const intent = await suite.stripe.setupIntents.create({
        ...card_setup,
        customer: customer.id,
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      expect(intent.status).toBe('succeeded');
      const methods = await suite.stripe.paymentMethods.list({ customer: customer.id });
      expect(methods.data).toHaveLength(1);
    });

    it('a declined card is StripeCardError with the SetupIntent on the error', async () => {
      const customer = await suite.stripe.customers.create();
      const draft = await suite.stripe.setupIntents.create({ ...card_setup, customer: customer.id });
      const error = await stripeError(
        suite.stripe.setupIntents.confirm(draft.id, { payment_method: 'pm_card_visa_chargeDeclined' }),
        Stripe.errors.StripeCardError,
      );
      expect(error.statusCode).toBe(402);
      expect(error.code).toBe('card_declined');
      expect(error.decline_code).toBe('generic_decline');
      expect(error.setup_intent).toMatchObject({ id: draft.id, status: 'requires_payment_method' });
      const fetched = await suite.stripe.setupIntents.retrieve(draft.id);
      expect(fetched.status).toBe('requires_payment_method');
      expect(fetched.last_setup_error).toMatchObject({ type: 'card_error', code: 'card_declined' });
      const methods = await suite.stripe.paymentMethods.list({ customer: customer.id });
      expect(methods.data).toHaveLength(0);
    });

    it('a 3D Secure card leaves the SetupIntent in requires_action', async () => {
      const intent = await suite.stripe.setupIntents.create({
        ...card_setup,
        payment_method: 'pm_card_threeDSecure2Required',
        confirm: true,
        return_url: 'https://example.com/return',
      });
      expect(intent.status).toBe('requires_action');
      expect(intent.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url: 'https://example.com/return' } });
    });

    it('cancels from requires_payment_method with a reason', async () => {
      const draft = await suite.stripe.setupIntents.create({ ...card_setup });
      const canceled = await suite.stripe.setupIntents.cancel(draft.id, { cancellation_reason: 'abandoned' });
      expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    });

    it('a cancel of a succeeded SetupIntent is setup_intent_unexpected_state', async () => {
      const intent = await suite.stripe.setupIntents.create({ ...card_setup, payment_method: 'pm_card_visa', confirm: true });
      expect(intent.status).toBe('succeeded');
      const error = await stripeError(suite.stripe.setupIntents.cancel(intent.id), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('setup_intent_unexpected_state');
      expect(error.setup_intent).toMatchObject({ id: intent.id, status: 'succeeded' });
    });
  });
}
