// SetupIntents end to end over a real socket, on every engine: create and confirm saving the card to
// the customer, a decline (402 embedding the intent), 3D Secure cards asking for action, cancel
// rules, update, list filters and events; and the SetupAttempt every confirm records (latest_attempt,
// GET /v1/setup_attempts, abandoned attempts). Bodies are checked against Stripe's OpenAPI spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validate, validateSchema } = (await import(validator_url)) as {
  validate: (method: string, path: string, status: number, data: unknown) => { ok: boolean; errors?: unknown };
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

function expectSchema(name: string, data: unknown): void {
  const result = validateSchema(name, data);
  expect(result.errors ?? []).toEqual([]);
}

function expectListSchema(path: string, data: unknown): void {
  const result = validate('GET', path, 200, data);
  expect(result.errors ?? []).toEqual([]);
  expect(result.ok).toBe(true);
}

for (const engine of test_engines) {
  describe(`setup intents on ${engine.name}`, () => {
    let tender: LiveTender;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
    });
    afterAll(async () => {
      await tender.close();
    });

    const newCustomer = async () => (await tender.call('POST', '/v1/customers', { form: 'email=si@example.com' })).json.id as string;
    const setup = (form: string) => tender.call('POST', '/v1/setup_intents', { form });
    const eventsFor = async (id: string) => {
      const events = await tender.call('GET', '/v1/events?limit=100');
      return events.json.data
        .filter((event: any) => event.data.object.id === id)
        .map((event: any) => event.type)
        .sort();
    };

    it('creates and confirms with pm_card_visa: succeeded, the card saved to the customer', async () => {
      const customer = await newCustomer();
      const created = await setup(`customer=${customer}&payment_method=pm_card_visa&payment_method_types[]=card&metadata[k]=v`);
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({
        object: 'setup_intent',
        status: 'requires_confirmation',
        usage: 'off_session',
        customer,
        payment_method: expect.stringMatching(/^pm_[0-9A-Za-z]{24}$/),
        metadata: { k: 'v' },
        latest_attempt: null,
        next_action: null,
      });
      expect(created.json.id).toMatch(/^seti_/);
      expect(created.json.client_secret).toMatch(new RegExp(`^${created.json.id}_secret_`));
      expectSchema('setup_intent', created.json);

      const confirmed = await tender.call('POST', `/v1/setup_intents/${created.json.id}/confirm`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.json.status).toBe('succeeded');
      expect(confirmed.json.payment_method).toMatch(/^pm_/);
      expect(confirmed.json.payment_method).not.toBe('pm_card_visa');
      expectSchema('setup_intent', confirmed.json);

      const pm = (await tender.call('GET', `/v1/payment_methods/${confirmed.json.payment_method}`)).json;
      expect(pm).toMatchObject({ customer, card: { last4: '4242' } });
      const saved = await tender.call('GET', `/v1/payment_methods?customer=${customer}&type=card`);
      expect(saved.json.data.map((item: any) => item.id)).toEqual([pm.id]);

      expect(await eventsFor(created.json.id)).toEqual(['setup_intent.created', 'setup_intent.succeeded']);
      expect(await eventsFor(pm.id)).toEqual(['payment_method.attached']);

      const fetched = await tender.call('GET', `/v1/setup_intents/${created.json.id}?expand[]=payment_method`);
      expect(fetched.json.payment_method).toMatchObject({ id: pm.id, customer });

      const again = await tender.call('POST', `/v1/setup_intents/${created.json.id}/confirm`);
      expect(again.status).toBe(400);
      expect(again.json.error).toMatchObject({
        code: 'setup_intent_unexpected_state',
        message: 'You cannot confirm this SetupIntent because it has already succeeded after being previously confirmed.',
      });
    });

    it('confirms on create with confirm=true and usage=on_session', async () => {
      const created = await setup('payment_method=pm_card_mastercard&confirm=true&usage=on_session&payment_method_types[]=card');
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({
        status: 'succeeded',
        usage: 'on_session',
        payment_method: expect.stringMatching(/^pm_[0-9A-Za-z]{24}$/),
      });
    });

    it('answers a decline with a 402 embedding the intent, now requires_payment_method', async () => {
      const customer = await newCustomer();
      const created = await setup(`customer=${customer}&payment_method_types[]=card`);
      expect(created.json.status).toBe('requires_payment_method');
      const declined = await tender.call('POST', `/v1/setup_intents/${created.json.id}/confirm`, {
        form: 'payment_method=pm_card_chargeDeclined',
      });
      expect(declined.status).toBe(402);
      expect(declined.json.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
      const intent = declined.json.error.setup_intent;
      expect(intent).toMatchObject({ id: created.json.id, status: 'requires_payment_method', payment_method: null });
      expect(intent.last_setup_error).toMatchObject({ type: 'card_error', code: 'card_declined', payment_method: { type: 'card' } });
      expectSchema('setup_intent', intent);
      expect((await tender.call('GET', `/v1/setup_intents/${created.json.id}`)).json.status).toBe('requires_payment_method');
      expect((await tender.call('GET', `/v1/payment_methods?customer=${customer}&type=card`)).json.data).toEqual([]);
      expect(await eventsFor(created.json.id)).toEqual(['setup_intent.created', 'setup_intent.setup_failed']);
    });

    it('asks 3D Secure cards for action: use_stripe_sdk, or redirect_to_url with a return_url', async () => {
      for (const card of ['pm_card_authenticationRequiredOnSetup', 'pm_card_authenticationRequired']) {
        const sdk = await setup(`payment_method=${card}&confirm=true&payment_method_types[]=card`);
        expect(sdk.status).toBe(200);
        expect(sdk.json).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
        expectSchema('setup_intent', sdk.json);
        expect(await eventsFor(sdk.json.id)).toEqual(['setup_intent.created', 'setup_intent.requires_action']);
      }
      const redirect = await setup(
        'payment_method=pm_card_authenticationRequiredOnSetup&confirm=true&payment_method_types[]=card&return_url=https://shop.example/back',
      );
      expect(redirect.json.next_action).toMatchObject({
        type: 'redirect_to_url',
        redirect_to_url: { return_url: 'https://shop.example/back' },
      });
      expectSchema('setup_intent', redirect.json);
    });

    it('cancels from the first three statuses only, with a reason', async () => {
      const fresh = await setup('payment_method_types[]=card');
      const canceled = await tender.call('POST', `/v1/setup_intents/${fresh.json.id}/cancel`, { form: 'cancellation_reason=abandoned' });
      expect(canceled.status).toBe(200);
      expect(canceled.json).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
      expectSchema('setup_intent', canceled.json);
      expect(await eventsFor(fresh.json.id)).toEqual(['setup_intent.canceled', 'setup_intent.created']);

      const action = await setup('payment_method=pm_card_authenticationRequired&confirm=true&payment_method_types[]=card');
      const fromAction = await tender.call('POST', `/v1/setup_intents/${action.json.id}/cancel`);
      expect(fromAction.json).toMatchObject({ status: 'canceled', cancellation_reason: null, next_action: null });

      const done = await setup('payment_method=pm_card_visa&confirm=true&payment_method_types[]=card');
      const refused = await tender.call('POST', `/v1/setup_intents/${done.json.id}/cancel`);
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'setup_intent_unexpected_state',
        message:
          'You cannot cancel this SetupIntent because it has a status of succeeded. Only a SetupIntent with one of the following statuses may be canceled: requires_payment_method, requires_confirmation, requires_action.',
        setup_intent: { id: done.json.id, status: 'succeeded' },
      });
      const twice = await tender.call('POST', `/v1/setup_intents/${fresh.json.id}/cancel`);
      expect(twice.json.error.code).toBe('setup_intent_unexpected_state');
      const badReason = await tender.call('POST', `/v1/setup_intents/${action.json.id}/cancel`, { form: 'cancellation_reason=fraudulent' });
      expect(badReason.status).toBe(400);
    });

    it('updates metadata and payment_method, and answers a missing intent with 404', async () => {
      const created = await setup('payment_method_types[]=card&metadata[a]=1');
      const updated = await tender.call('POST', `/v1/setup_intents/${created.json.id}`, {
        form: 'metadata[b]=2&description=for later&payment_method=pm_card_visa',
      });
      expect(updated.status).toBe(200);
      expect(updated.json).toMatchObject({
        metadata: { a: '1', b: '2' },
        description: 'for later',
        payment_method: expect.stringMatching(/^pm_[0-9A-Za-z]{24}$/),
        status: 'requires_confirmation',
      });
      const missing = await tender.call('GET', '/v1/setup_intents/seti_missing');
      expect(missing.status).toBe(404);
      expect(missing.json.error).toMatchObject({ code: 'resource_missing', message: "No such setupintent: 'seti_missing'" });
    });

    const attemptsOf = async (intent: string, query = '') => {
      const listed = await tender.call('GET', `/v1/setup_attempts?setup_intent=${intent}${query}`);
      expect(listed.status).toBe(200);
      expectListSchema('/v1/setup_attempts', listed.json);
      return listed.json;
    };

    // Stripe saves a magic pm_card_* as a new PaymentMethod only for a request it carries out: a
    // refused create, confirm or update leaves no PaymentMethod behind.
    const paymentMethodRows = async () => {
      const rows = await tender.store.read((executor) =>
        executor.all<{ id: string }>(tender.store.db.selectFrom('payment_methods').select('id').compile()),
      );
      return rows.length;
    };

    it('saves no copy of pm_card_visa for a refused create, confirm or update, and one for each that is carried out', async () => {
      const customer = await newCustomer();
      const before = await paymentMethodRows();
      const missingReturnUrl = await setup(`customer=${customer}&payment_method=pm_card_visa&confirm=true`);
      expect(missingReturnUrl.status).toBe(400);
      expect(missingReturnUrl.json.error).toMatchObject({ code: 'parameter_missing', param: 'return_url' });
      expect(await paymentMethodRows()).toBe(before);

      const succeeded = (await setup(`customer=${customer}&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card`)).json;
      expect(succeeded.status).toBe('succeeded');
      expect(await paymentMethodRows()).toBe(before + 1);
      const attached = await tender.call('GET', `/v1/payment_methods/${succeeded.payment_method}`);
      expect(attached.json).toMatchObject({ id: succeeded.payment_method, customer });

      const confirmAgain = await tender.call('POST', `/v1/setup_intents/${succeeded.id}/confirm`, { form: 'payment_method=pm_card_visa' });
      expect(confirmAgain.status).toBe(400);
      expect(confirmAgain.json.error.code).toBe('setup_intent_unexpected_state');
      const updateLate = await tender.call('POST', `/v1/setup_intents/${succeeded.id}`, { form: 'payment_method=pm_card_visa' });
      expect(updateLate.status).toBe(400);
      expect(updateLate.json.error.code).toBe('setup_intent_unexpected_state');
      expect(await paymentMethodRows()).toBe(before + 1);

      const open = (await setup('payment_method_types[]=card')).json;
      const updated = await tender.call('POST', `/v1/setup_intents/${open.id}`, { form: 'payment_method=pm_card_visa' });
      expect(updated.json.status).toBe('requires_confirmation');
      expect(await paymentMethodRows()).toBe(before + 2);
      const confirmed = await tender.call('POST', `/v1/setup_intents/${open.id}/confirm`, { form: 'payment_method=pm_card_mastercard' });
      expect(confirmed.json.status).toBe('succeeded');
      expect(await paymentMethodRows()).toBe(before + 3);
    });

    it('records a SetupAttempt for a confirm: latest_attempt, expandable, and listed', async () => {
      const customer = await newCustomer();
      const created = await setup(`customer=${customer}&payment_method=pm_card_visa&payment_method_types[]=card&usage=on_session`);
      expect((await attemptsOf(created.json.id)).data).toEqual([]);
      const confirmed = await tender.call('POST', `/v1/setup_intents/${created.json.id}/confirm`);
      expect(confirmed.json.latest_attempt).toMatch(/^setatt_[A-Za-z0-9]{24}$/);

      const listed = await attemptsOf(created.json.id);
      expect(listed).toMatchObject({ object: 'list', url: '/v1/setup_attempts', has_more: false });
      expect(listed.data).toHaveLength(1);
      const attempt = listed.data[0];
      expect(attempt).toMatchObject({
        id: confirmed.json.latest_attempt,
        object: 'setup_attempt',
        application: null,
        customer,
        flow_directions: null,
        livemode: false,
        on_behalf_of: null,
        payment_method: confirmed.json.payment_method,
        setup_error: null,
        setup_intent: created.json.id,
        status: 'succeeded',
        usage: 'on_session',
        payment_method_details: {
          type: 'card',
          card: { brand: 'visa', last4: '4242', network: 'visa', three_d_secure: null, wallet: null, country: 'US' },
        },
      });
      expect(attempt.created).toBeGreaterThanOrEqual(created.json.created);
      expectSchema('setup_attempt', attempt);

      const expanded = await tender.call(
        'GET',
        `/v1/setup_intents/${created.json.id}?expand[]=latest_attempt&expand[]=latest_attempt.payment_method`,
      );
      expect(expanded.json.latest_attempt).toMatchObject({ id: attempt.id, object: 'setup_attempt' });
      expect(expanded.json.latest_attempt.payment_method).toMatchObject({ id: confirmed.json.payment_method, customer });
      expectSchema('setup_intent', expanded.json);

      const withIntent = await tender.call('GET', `/v1/setup_attempts?setup_intent=${created.json.id}&expand[]=data.setup_intent`);
      expect(withIntent.json.data[0].setup_intent).toMatchObject({ id: created.json.id, status: 'succeeded', latest_attempt: attempt.id });
    });

    it('a declined confirm records a failed attempt; the next confirm a new one, listed newest first', async () => {
      const customer = await newCustomer();
      const created = await setup(`customer=${customer}&payment_method_types[]=card`);
      const declined = await tender.call('POST', `/v1/setup_intents/${created.json.id}/confirm`, {
        form: 'payment_method=pm_card_chargeDeclined',
      });
      expect(declined.status).toBe(402);
      const failedId = declined.json.error.setup_intent.latest_attempt;
      expect(failedId).toMatch(/^setatt_/);
      const confirmed = await tender.call('POST', `/v1/setup_intents/${created.json.id}/confirm`, { form: 'payment_method=pm_card_visa' });
      expect(confirmed.json.status).toBe('succeeded');
      expect(confirmed.json.latest_attempt).not.toBe(failedId);

      const listed = await attemptsOf(created.json.id);
      expect(listed.data.map((attempt: any) => [attempt.id, attempt.status])).toEqual([
        [confirmed.json.latest_attempt, 'succeeded'],
        [failedId, 'failed'],
      ]);
      const failed = listed.data[1];
      expect(failed).toMatchObject({
        payment_method: expect.stringMatching(/^pm_[0-9A-Za-z]{24}$/),
        setup_error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'generic_decline',
          message: 'Your card was declined.',
          payment_method: { object: 'payment_method', card: { last4: '0002' } },
        },
      });
      expectSchema('setup_attempt', failed);

      const first = await attemptsOf(created.json.id, '&limit=1');
      expect(first.has_more).toBe(true);
      expect(first.data.map((attempt: any) => attempt.id)).toEqual([confirmed.json.latest_attempt]);
      const next = await attemptsOf(created.json.id, `&limit=1&starting_after=${confirmed.json.latest_attempt}`);
      expect(next).toMatchObject({ has_more: false, data: [{ id: failedId }] });
      const before = await attemptsOf(created.json.id, `&ending_before=${failedId}`);
      expect(before.data.map((attempt: any) => attempt.id)).toEqual([confirmed.json.latest_attempt]);
      expect((await attemptsOf(created.json.id, `&created[gte]=${failed.created}`)).data).toHaveLength(2);
      expect((await attemptsOf(created.json.id, `&created[lt]=${failed.created}`)).data).toEqual([]);
    });

    it('abandons an attempt waiting for authentication when the intent is canceled or given another card', async () => {
      const canceledIntent = await setup('payment_method=pm_card_authenticationRequired&confirm=true&payment_method_types[]=card');
      const waiting = canceledIntent.json.latest_attempt;
      expect((await attemptsOf(canceledIntent.json.id)).data).toMatchObject([
        { id: waiting, status: 'requires_action', setup_error: null },
      ]);
      await tender.call('POST', `/v1/setup_intents/${canceledIntent.json.id}/cancel`);
      expect((await attemptsOf(canceledIntent.json.id)).data).toMatchObject([{ id: waiting, status: 'abandoned' }]);

      const switched = await setup('payment_method=pm_card_authenticationRequired&confirm=true&payment_method_types[]=card');
      const updated = await tender.call('POST', `/v1/setup_intents/${switched.json.id}`, { form: 'payment_method=pm_card_visa' });
      expect(updated.json).toMatchObject({ status: 'requires_confirmation', latest_attempt: switched.json.latest_attempt });
      const reconfirmed = await tender.call('POST', `/v1/setup_intents/${switched.json.id}/confirm`);
      expect(reconfirmed.json.status).toBe('succeeded');
      expect((await attemptsOf(switched.json.id)).data.map((attempt: any) => [attempt.id, attempt.status])).toEqual([
        [reconfirmed.json.latest_attempt, 'succeeded'],
        [switched.json.latest_attempt, 'abandoned'],
      ]);
    });

    it('requires setup_intent to list attempts, and answers an unknown cursor with resource_missing', async () => {
      const missing = await tender.call('GET', '/v1/setup_attempts');
      expect(missing.status).toBe(400);
      expect(missing.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'parameter_missing',
        param: 'setup_intent',
        message: 'Missing required param: setup_intent.',
      });
      expect((await attemptsOf('seti_doesNotExist')).data).toEqual([]);
      const created = await setup('payment_method_types[]=card');
      const cursor = await tender.call('GET', `/v1/setup_attempts?setup_intent=${created.json.id}&starting_after=setatt_missing`);
      expect(cursor.status).toBe(400);
      expect(cursor.json.error).toMatchObject({
        code: 'resource_missing',
        param: 'starting_after',
        message: "No such setupattempt: 'setatt_missing'",
      });
      const badExpand = await tender.call('GET', `/v1/setup_attempts?setup_intent=${created.json.id}&expand[]=setup_intent`);
      expect(badExpand.status).toBe(400);
      expect(badExpand.json.error.message).toBe(
        "This property cannot be expanded (setup_intent). You may want to try expanding 'data.setup_intent' instead.",
      );
    });

    it('lists by customer, payment_method and created', async () => {
      const customer = await newCustomer();
      const first = await setup(`customer=${customer}&payment_method_types[]=card`);
      const second = await setup(`customer=${customer}&payment_method=pm_card_amex&payment_method_types[]=card`);
      const byCustomer = await tender.call('GET', `/v1/setup_intents?customer=${customer}`);
      expect(byCustomer.status).toBe(200);
      expect(byCustomer.json.data.map((item: any) => item.id).sort()).toEqual([first.json.id, second.json.id].sort());
      expect(byCustomer.json.url).toBe('/v1/setup_intents');
      expectSchema('setup_intent', byCustomer.json.data[0]);
      // The magic id was saved as a new PaymentMethod, which is what the intent names and lists by.
      const byMethod = await tender.call('GET', `/v1/setup_intents?customer=${customer}&payment_method=${second.json.payment_method}`);
      expect(byMethod.json.data.map((item: any) => item.id)).toEqual([second.json.id]);
      const later = await tender.call('GET', `/v1/setup_intents?customer=${customer}&created[gt]=${second.json.created}`);
      expect(later.json.data).toEqual([]);
    });
  });
}
