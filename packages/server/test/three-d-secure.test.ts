// The hosted 3D Secure test page, in-process on every engine: a 3DS card confirmed with a return_url
// points at the page; the page shows the payment without the card number; completing it redirects
// with Stripe's parameters and books the charge, its balance transaction and the events; failing it
// leaves payment_intent_authentication_failure; a second completion and unknown ids are refused.
// The same page completes SetupIntents: the card is saved to the customer and the SetupAttempt
// records the 3D Secure result, or the intent gets setup_intent_authentication_failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAccount } from '../src/domain/accounts/account-records.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/runtime/logger.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { test_engines } from '../src/test-support/test-engines.js';

const key = 'sk_test_threeDSecureSuite0123456789';
const return_url = 'https://shop.example/done?order=42';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validateSchema } = (await import(validator_url)) as {
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

function expectSchema(name: string, data: unknown): void {
  expect(validateSchema(name, data).errors ?? []).toEqual([]);
}

for (const engine of test_engines) {
  describe(`3D Secure page on ${engine.name}`, () => {
    const runtime = createRuntime();
    const schema = engine.schema();
    let store: Store;
    let app: ReturnType<typeof buildApp>['app'];

    beforeAll(async () => {
      store = openStore({
        db: engine.db,
        nowSeconds: () => Math.floor(runtime.clock.nowMs() / 1000),
        ...(schema === undefined ? {} : { schema }),
      });
      await store.migrate();
      await bootstrapAccount(store, runtime, key);
      // buildApp registers the page like every other route.
      app = buildApp({ store, runtime, logger: createLogger('silent') }).app;
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
      await store.close();
      await engine.dropSchema(schema);
    });

    const api = async (method: 'GET' | 'POST', url: string, form?: string) => {
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' },
        ...(form === undefined ? {} : { payload: form }),
      });
      return { status: response.statusCode, json: response.json() };
    };
    const confirmWith = async (paymentMethod: string, extra = `&return_url=${encodeURIComponent(return_url)}`) => {
      const created = await api(
        'POST',
        '/v1/payment_intents',
        `amount=2000&currency=usd&payment_method=${paymentMethod}&confirm=true${extra}`,
      );
      expect(created.json.status).toBe('requires_action');
      return created.json;
    };
    const page = (id: string) => app.inject({ method: 'GET', url: `/_tender/three_d_secure/${id}` });
    const submit = (id: string, choice: 'complete' | 'fail') =>
      app.inject({
        method: 'POST',
        url: `/_tender/three_d_secure/${id}/${choice}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const eventTypes = async (ids: string[]) => {
      const events = await api('GET', '/v1/events?limit=100');
      return (events.json.data as { type: string; data: { object: { id: string } } }[])
        .filter((event) => ids.includes(event.data.object.id))
        .map((event) => event.type)
        .sort();
    };

    it('points redirect_to_url at the page, which shows the payment and both buttons', async () => {
      const intent = await confirmWith('pm_card_threeDSecure2Required');
      expect(intent.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url } });
      const url = new URL(intent.next_action.redirect_to_url.url as string, 'http://tender.test');
      expect(url.pathname).toBe(`/_tender/three_d_secure/${intent.id}`);
      const response = await app.inject({ method: 'GET', url: url.pathname + url.search });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('Complete authentication');
      expect(response.body).toContain('Fail authentication');
      expect(response.body).toContain('$20.00');
      expect(response.body).toContain(`action="/_tender/three_d_secure/${intent.id}/complete"`);
      expect(response.body).not.toMatch(/4000000000003220|<script|https?:\/\//);
    });

    it('completes: 303 to the return_url with Stripe parameters, and the payment succeeds', async () => {
      const intent = await confirmWith('pm_card_threeDSecure2Required');
      const response = await submit(intent.id, 'complete');
      expect(response.statusCode).toBe(303);
      const location = new URL(String(response.headers.location));
      expect(location.origin + location.pathname).toBe('https://shop.example/done');
      expect(Object.fromEntries(location.searchParams)).toEqual({
        order: '42',
        payment_intent: intent.id,
        payment_intent_client_secret: intent.client_secret,
        redirect_status: 'succeeded',
      });
      const stored = (await api('GET', `/v1/payment_intents/${intent.id}?expand[]=latest_charge.balance_transaction`)).json;
      expect(stored).toMatchObject({ status: 'succeeded', next_action: null, amount_received: 2000, last_payment_error: null });
      expect(stored.latest_charge).toMatchObject({ status: 'succeeded', captured: true, payment_intent: intent.id });
      expect(stored.latest_charge.balance_transaction).toMatchObject({ object: 'balance_transaction', amount: 2000, type: 'charge' });
      expect(await eventTypes([intent.id, stored.latest_charge.id])).toEqual(
        ['charge.succeeded', 'payment_intent.created', 'payment_intent.requires_action', 'payment_intent.succeeded'].sort(),
      );
    });

    it('refuses a second completion and leaves the intent as it was', async () => {
      const intent = await confirmWith('pm_card_threeDSecure2Required');
      expect((await submit(intent.id, 'complete')).statusCode).toBe(303);
      const again = await submit(intent.id, 'fail');
      expect(again.statusCode).toBe(409);
      expect((await page(intent.id)).statusCode).toBe(409);
      expect((await api('GET', `/v1/payment_intents/${intent.id}`)).json.status).toBe('succeeded');
    });

    it('holds the funds for manual capture', async () => {
      const intent = await confirmWith(
        'pm_card_authenticationRequired',
        `&capture_method=manual&return_url=${encodeURIComponent(return_url)}`,
      );
      expect((await submit(intent.id, 'complete')).statusCode).toBe(303);
      const stored = (await api('GET', `/v1/payment_intents/${intent.id}`)).json;
      expect(stored).toMatchObject({ status: 'requires_capture', amount_capturable: 2000 });
    });

    it('fails authentication: requires_payment_method with payment_intent_authentication_failure', async () => {
      const intent = await confirmWith('pm_card_threeDSecure2Required');
      const response = await submit(intent.id, 'fail');
      expect(response.statusCode).toBe(303);
      expect(new URL(String(response.headers.location)).searchParams.get('redirect_status')).toBe('failed');
      const stored = (await api('GET', `/v1/payment_intents/${intent.id}`)).json;
      expect(stored).toMatchObject({
        status: 'requires_payment_method',
        latest_charge: null,
        last_payment_error: { code: 'payment_intent_authentication_failure', type: 'invalid_request_error' },
      });
      expect(await eventTypes([intent.id])).toEqual(
        ['payment_intent.created', 'payment_intent.payment_failed', 'payment_intent.requires_action'].sort(),
      );
    });

    it('declines after authentication for a required_then_declined card', async () => {
      const intent = await confirmWith('pm_card_threeDSecureRequiredChargeDeclined');
      const response = await submit(intent.id, 'complete');
      expect(new URL(String(response.headers.location)).searchParams.get('redirect_status')).toBe('failed');
      const stored = (await api('GET', `/v1/payment_intents/${intent.id}?expand[]=latest_charge`)).json;
      expect(stored).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } });
      expect(stored.latest_charge).toMatchObject({ status: 'failed' });
    });

    it('renders a done page when the intent has no return_url', async () => {
      const intent = await confirmWith('pm_card_threeDSecure2Required', '&payment_method_types[]=card');
      expect(intent.next_action.type).toBe('use_stripe_sdk');
      const response = await submit(intent.id, 'complete');
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Authentication complete');
    });

    it('answers 404 pages for unknown ids and wrong client secrets', async () => {
      expect((await page('pi_doesNotExist')).statusCode).toBe(404);
      expect((await submit('pi_doesNotExist', 'complete')).statusCode).toBe(404);
      const intent = await confirmWith('pm_card_threeDSecure2Required');
      const wrong = await app.inject({ method: 'GET', url: `/_tender/three_d_secure/${intent.id}?client_secret=nope` });
      expect(wrong.statusCode).toBe(404);
      expect(wrong.headers['content-type']).toMatch(/^text\/html/);
    });

    // ------------------------------------------------------------------------------ SetupIntents

    const newCustomer = async () => (await api('POST', '/v1/customers', 'email=3ds@example.com')).json.id as string;
    const setupWith = async (paymentMethod: string, extra = `&return_url=${encodeURIComponent(return_url)}`) => {
      const created = await api('POST', '/v1/setup_intents', `payment_method=${paymentMethod}&confirm=true${extra}`);
      expect(created.json.status).toBe('requires_action');
      return created.json;
    };
    const attemptsOf = async (id: string) => (await api('GET', `/v1/setup_attempts?setup_intent=${id}`)).json.data as any[];

    it('points a SetupIntent at the page, which shows the card setup and both buttons', async () => {
      const intent = await setupWith(
        'pm_card_authenticationRequiredOnSetup',
        `&description=Gym%20membership&return_url=${encodeURIComponent(return_url)}`,
      );
      expect(intent.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url } });
      const url = new URL(intent.next_action.redirect_to_url.url as string, 'http://tender.test');
      expect(url.pathname).toBe(`/_tender/three_d_secure/${intent.id}`);
      expect(url.searchParams.get('client_secret')).toBe(intent.client_secret);
      const response = await app.inject({ method: 'GET', url: url.pathname + url.search });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('3D Secure test setup');
      expect(response.body).toContain('Save the card for later payments');
      expect(response.body).toContain('Gym membership');
      expect(response.body).toContain(`action="/_tender/three_d_secure/${intent.id}/fail"`);
      expect(response.body).not.toMatch(/4000002500003155|<script|https?:\/\//);
    });

    it('completes a SetupIntent: 303 with setup_intent parameters, the card saved and the attempt authenticated', async () => {
      const customer = await newCustomer();
      const intent = await setupWith(
        'pm_card_authenticationRequired',
        `&customer=${customer}&return_url=${encodeURIComponent(return_url)}`,
      );
      expect((await attemptsOf(intent.id)).map((attempt) => attempt.status)).toEqual(['requires_action']);
      const response = await submit(intent.id, 'complete');
      expect(response.statusCode).toBe(303);
      const location = new URL(String(response.headers.location));
      expect(Object.fromEntries(location.searchParams)).toEqual({
        order: '42',
        setup_intent: intent.id,
        setup_intent_client_secret: intent.client_secret,
        redirect_status: 'succeeded',
      });

      const stored = (await api('GET', `/v1/setup_intents/${intent.id}?expand[]=latest_attempt`)).json;
      expect(stored).toMatchObject({ status: 'succeeded', next_action: null, last_setup_error: null, customer });
      expect(stored.payment_method).toMatch(/^pm_/);
      expect(stored.payment_method).not.toBe('pm_card_authenticationRequired');
      expectSchema('setup_intent', stored);
      const attempt = stored.latest_attempt;
      expect(attempt).toMatchObject({
        id: intent.latest_attempt,
        status: 'succeeded',
        setup_error: null,
        payment_method: stored.payment_method,
      });
      expect(attempt.payment_method_details.card.three_d_secure).toMatchObject({
        authentication_flow: 'challenge',
        result: 'authenticated',
        electronic_commerce_indicator: '05',
        version: '2.2.0',
      });
      expect(attempt.payment_method_details.card.three_d_secure.transaction_id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expectSchema('setup_attempt', attempt);

      const saved = (await api('GET', `/v1/payment_methods?customer=${customer}&type=card`)).json.data;
      expect(saved.map((method: { id: string }) => method.id)).toEqual([stored.payment_method]);
      expect(await eventTypes([intent.id, stored.payment_method])).toEqual(
        ['payment_method.attached', 'setup_intent.created', 'setup_intent.requires_action', 'setup_intent.succeeded'].sort(),
      );
    });

    it('fails a SetupIntent: requires_payment_method with setup_intent_authentication_failure, the attempt failed', async () => {
      const customer = await newCustomer();
      const intent = await setupWith('pm_card_threeDSecure2Required', `&customer=${customer}&return_url=${encodeURIComponent(return_url)}`);
      const response = await submit(intent.id, 'fail');
      expect(response.statusCode).toBe(303);
      expect(new URL(String(response.headers.location)).searchParams.get('redirect_status')).toBe('failed');
      const stored = (await api('GET', `/v1/setup_intents/${intent.id}`)).json;
      const error = {
        type: 'invalid_request_error',
        code: 'setup_intent_authentication_failure',
        message: 'The latest attempt to set up the payment method has failed because authentication failed.',
        doc_url: 'https://stripe.com/docs/error-codes/setup-intent-authentication-failure',
        payment_method: { object: 'payment_method', card: { last4: '3220' } },
      };
      expect(stored).toMatchObject({ status: 'requires_payment_method', payment_method: null, next_action: null, last_setup_error: error });
      expectSchema('setup_intent', stored);
      const [attempt] = await attemptsOf(intent.id);
      expect(attempt).toMatchObject({
        id: intent.latest_attempt,
        status: 'failed',
        setup_error: error,
        payment_method: expect.stringMatching(/^pm_[0-9A-Za-z]{24}$/),
      });
      expect(attempt.payment_method_details.card.three_d_secure).toMatchObject({ result: 'failed', electronic_commerce_indicator: null });
      expectSchema('setup_attempt', attempt);
      expect((await api('GET', `/v1/payment_methods?customer=${customer}&type=card`)).json.data).toEqual([]);
      expect(await eventTypes([intent.id])).toEqual(['setup_intent.created', 'setup_intent.requires_action', 'setup_intent.setup_failed']);

      // The customer may try again with another card: a new attempt, and the failed one stays.
      const retried = await api(
        'POST',
        `/v1/setup_intents/${intent.id}/confirm`,
        `payment_method=pm_card_visa&return_url=${encodeURIComponent(return_url)}`,
      );
      expect(retried.json.status).toBe('succeeded');
      expect((await attemptsOf(intent.id)).map((each) => each.status)).toEqual(['succeeded', 'failed']);
    });

    it('saves a card whose payments decline after authentication, once authenticated', async () => {
      const intent = await setupWith('pm_card_authenticationRequiredChargeDeclinedInsufficientFunds');
      const response = await submit(intent.id, 'complete');
      expect(new URL(String(response.headers.location)).searchParams.get('redirect_status')).toBe('succeeded');
      expect((await api('GET', `/v1/setup_intents/${intent.id}`)).json.status).toBe('succeeded');
    });

    it('renders a done page for a SetupIntent confirmed without a return_url, and refuses a second answer', async () => {
      const intent = await setupWith('pm_card_threeDSecure2Required', '&payment_method_types[]=card');
      expect(intent.next_action.type).toBe('use_stripe_sdk');
      expect(intent.next_action.use_stripe_sdk.stripe_js).toBe(
        `/_tender/three_d_secure/${intent.id}?client_secret=${intent.client_secret}`,
      );
      const failed = await submit(intent.id, 'fail');
      expect(failed.statusCode).toBe(200);
      expect(failed.body).toContain('Authentication failed');
      expect(failed.body).toContain('The card was not saved.');
      const again = await submit(intent.id, 'complete');
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('This card setup is not waiting for authentication any more.');
      expect((await page(intent.id)).statusCode).toBe(409);
      expect((await api('GET', `/v1/setup_intents/${intent.id}`)).json.status).toBe('requires_payment_method');
    });

    it('answers 404 pages for unknown SetupIntents and wrong client secrets', async () => {
      const unknown = await page('seti_doesNotExist');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('Card setup not found');
      expect((await submit('seti_doesNotExist', 'complete')).statusCode).toBe(404);
      const intent = await setupWith('pm_card_threeDSecure2Required');
      const wrong = await app.inject({
        method: 'POST',
        url: `/_tender/three_d_secure/${intent.id}/complete`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'client_secret=nope',
      });
      expect(wrong.statusCode).toBe(404);
      expect((await api('GET', `/v1/setup_intents/${intent.id}`)).json.status).toBe('requires_action');
    });
  });
}
