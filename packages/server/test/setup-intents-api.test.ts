// SetupIntents end to end over a real socket, on every engine: create and confirm saving the card to
// the customer, a decline (402 embedding the intent), 3D Secure cards asking for action, cancel
// rules, update, list filters and events. Bodies are checked against Stripe's OpenAPI spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validateSchema } = (await import(validator_url)) as {
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

function expectSchema(name: string, data: unknown): void {
  const result = validateSchema(name, data);
  expect(result.errors ?? []).toEqual([]);
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
        payment_method: 'pm_card_visa',
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
      expect(created.json).toMatchObject({ status: 'succeeded', usage: 'on_session', payment_method: 'pm_card_mastercard' });
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
        payment_method: 'pm_card_visa',
        status: 'requires_confirmation',
      });
      const missing = await tender.call('GET', '/v1/setup_intents/seti_missing');
      expect(missing.status).toBe(404);
      expect(missing.json.error).toMatchObject({ code: 'resource_missing', message: "No such setupintent: 'seti_missing'" });
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
      const byMethod = await tender.call('GET', `/v1/setup_intents?customer=${customer}&payment_method=pm_card_amex`);
      expect(byMethod.json.data.map((item: any) => item.id)).toEqual([second.json.id]);
      const later = await tender.call('GET', `/v1/setup_intents?customer=${customer}&created[gt]=${second.json.created}`);
      expect(later.json.data).toEqual([]);
    });
  });
}
