// SetupIntents through the official SDK: create and confirm with a customer (the PaymentMethod is
// then attached to it), a declined card (StripeCardError), a 3D Secure card (requires_action, then
// completed on Tender's hosted page as the customer's browser would), cancel, a wrong-state cancel
// (setup_intent_unexpected_state), and the SetupAttempts each confirm records (setupAttempts.list,
// latest_attempt expanded). Every response is also checked against Stripe's spec by the suite's hooks.
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

/** The customer's browser on Tender's 3D Secure page: no SDK call exists for it, as on Stripe. */
async function answerChallenge(tenderUrl: string, redirectUrl: string, choice: 'complete' | 'fail'): Promise<URL> {
  const page = new URL(redirectUrl, tenderUrl);
  const response = await fetch(new URL(`${page.pathname}/${choice}${page.search}`, tenderUrl), { method: 'POST', redirect: 'manual' });
  expect(response.status).toBe(303);
  return new URL(response.headers.get('location') ?? '');
}

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

      expect(confirmed.latest_attempt).toMatch(/^setatt_/);
      const attempts = await suite.stripe.setupAttempts.list({ setup_intent: draft.id });
      expect(attempts.url).toBe('/v1/setup_attempts');
      expect(attempts.data).toHaveLength(1);
      expect(attempts.data[0]).toMatchObject({
        id: confirmed.latest_attempt,
        object: 'setup_attempt',
        customer: customer.id,
        payment_method: pmId,
        setup_intent: draft.id,
        status: 'succeeded',
        setup_error: null,
        usage: 'off_session',
        payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242' } },
      });
      const expanded = await suite.stripe.setupIntents.retrieve(draft.id, { expand: ['latest_attempt'] });
      expect(expanded.latest_attempt).toMatchObject({ id: confirmed.latest_attempt, object: 'setup_attempt', status: 'succeeded' });
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

      const attempts = await suite.stripe.setupAttempts.list({ setup_intent: draft.id, expand: ['data.setup_intent'] });
      expect(attempts.data).toHaveLength(1);
      expect(attempts.data[0]).toMatchObject({
        id: fetched.latest_attempt,
        status: 'failed',
        setup_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' },
        setup_intent: { id: draft.id, status: 'requires_payment_method' },
      });
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

    it('a 3D Secure card completed on the hosted page saves the card; the attempt records the authentication', async () => {
      const customer = await suite.stripe.customers.create();
      const intent = await suite.stripe.setupIntents.create({
        ...card_setup,
        customer: customer.id,
        payment_method: 'pm_card_authenticationRequired',
        confirm: true,
        return_url: 'https://example.com/return',
      });
      expect(intent.status).toBe('requires_action');
      const waiting = await suite.stripe.setupAttempts.list({ setup_intent: intent.id });
      expect(waiting.data.map((attempt) => attempt.status)).toEqual(['requires_action']);

      const back = await answerChallenge(suite.tender.url, intent.next_action?.redirect_to_url?.url ?? '', 'complete');
      expect(back.searchParams.get('setup_intent')).toBe(intent.id);
      expect(back.searchParams.get('redirect_status')).toBe('succeeded');

      const done = await suite.stripe.setupIntents.retrieve(intent.id, { expand: ['latest_attempt'] });
      expect(done.status).toBe('succeeded');
      const attempt = done.latest_attempt as Stripe.SetupAttempt;
      expect(attempt).toMatchObject({ status: 'succeeded', payment_method: idOf(done.payment_method) });
      expect(attempt.payment_method_details.card?.three_d_secure).toMatchObject({
        result: 'authenticated',
        authentication_flow: 'challenge',
      });
      const methods = await suite.stripe.paymentMethods.list({ customer: customer.id });
      expect(methods.data.map((pm) => pm.id)).toEqual([idOf(done.payment_method)]);
    });

    it('a failed 3D Secure step leaves setup_intent_authentication_failure and a failed attempt', async () => {
      const intent = await suite.stripe.setupIntents.create({
        ...card_setup,
        payment_method: 'pm_card_threeDSecure2Required',
        confirm: true,
        return_url: 'https://example.com/return',
      });
      const back = await answerChallenge(suite.tender.url, intent.next_action?.redirect_to_url?.url ?? '', 'fail');
      expect(back.searchParams.get('redirect_status')).toBe('failed');
      const failed = await suite.stripe.setupIntents.retrieve(intent.id);
      expect(failed).toMatchObject({ status: 'requires_payment_method', payment_method: null });
      expect(failed.last_setup_error).toMatchObject({ type: 'invalid_request_error', code: 'setup_intent_authentication_failure' });
      const attempts = await suite.stripe.setupAttempts.list({ setup_intent: intent.id });
      expect(attempts.data[0]).toMatchObject({
        id: failed.latest_attempt,
        status: 'failed',
        setup_error: { code: 'setup_intent_authentication_failure' },
      });
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
