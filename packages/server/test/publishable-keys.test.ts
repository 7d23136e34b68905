// What a publishable key may do, on every engine, as on Stripe: create tokens and PaymentMethods; with
// an intent's client_secret, retrieve and confirm that PaymentIntent or SetupIntent and see only the
// fields Stripe shows a publishable key; everything else answers 401 secret_key_required.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payment_intent_publishable_fields, setup_intent_publishable_fields } from '../src/http/publishable-access.js';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const secret_key_required = {
  type: 'invalid_request_error',
  code: 'secret_key_required',
  message:
    'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
};

for (const engine of test_engines) {
  describe(`publishable keys on ${engine.name}`, () => {
    let tender: LiveTender;
    let pk: string;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
      pk = tender.publishableKey;
      expect(pk).toMatch(/^pk_test_/);
    });
    afterAll(async () => {
      await tender.close();
    });

    const withPk = (method: string, path: string, form?: string) =>
      tender.call(method, path, { key: pk, ...(form === undefined ? {} : { form }) });

    it('creates tokens and PaymentMethods, as Stripe.js does', async () => {
      const token = await withPk(
        'POST',
        '/v1/tokens',
        'card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034&card[cvc]=123',
      );
      expect(token.status).toBe(200);
      expect(token.json).toMatchObject({ object: 'token', card: { last4: '4242' } });
      const method = await withPk('POST', '/v1/payment_methods', `type=card&card[token]=${token.json.id}`);
      expect(method.status).toBe(200);
      expect(method.json).toMatchObject({ object: 'payment_method', card: { brand: 'visa' } });
    });

    it('is refused everywhere else with secret_key_required', async () => {
      for (const [method, path] of [
        ['POST', '/v1/customers'],
        ['GET', '/v1/customers'],
        ['GET', '/v1/payment_intents'],
        ['POST', '/v1/payment_intents'],
        ['POST', '/v1/refunds'],
        ['GET', '/v1/balance'],
        ['GET', '/v1/events'],
      ] as const) {
        const answer = await withPk(method, path);
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.json.error).toMatchObject(secret_key_required);
      }
    });

    it('retrieves a PaymentIntent only with its client_secret, and sees only the publishable fields', async () => {
      const customer = (await tender.call('POST', '/v1/customers')).json;
      const intent = (
        await tender.call('POST', '/v1/payment_intents', {
          form: `amount=1500&currency=usd&customer=${customer.id}&metadata[order]=secret-order&payment_method_types[]=card`,
        })
      ).json;
      const without = await withPk('GET', `/v1/payment_intents/${intent.id}`);
      expect(without.status).toBe(401);
      expect(without.json.error).toMatchObject(secret_key_required);
      const wrong = await withPk('GET', `/v1/payment_intents/${intent.id}?client_secret=${intent.id}_secret_nope`);
      expect(wrong.status).toBe(400);
      expect(wrong.json.error).toMatchObject({
        type: 'invalid_request_error',
        param: 'client_secret',
        message: 'The client_secret provided does not match the client_secret associated with the PaymentIntent.',
      });
      const seen = await withPk('GET', `/v1/payment_intents/${intent.id}?client_secret=${encodeURIComponent(intent.client_secret)}`);
      expect(seen.status).toBe(200);
      expect(Object.keys(seen.json).sort()).toEqual([...payment_intent_publishable_fields].sort());
      expect(seen.json).toMatchObject({
        id: intent.id,
        amount: 1500,
        client_secret: intent.client_secret,
        status: 'requires_payment_method',
      });
      expect(seen.json).not.toHaveProperty('metadata');
      expect(seen.json).not.toHaveProperty('customer');
      // A secret key sees everything, with or without the client secret.
      const full = await tender.call('GET', `/v1/payment_intents/${intent.id}?client_secret=${encodeURIComponent(intent.client_secret)}`);
      expect(full.json).toMatchObject({ metadata: { order: 'secret-order' }, customer: customer.id });
    });

    it('confirms a PaymentIntent with its client_secret; the server still sees the whole payment', async () => {
      const intent = (
        await tender.call('POST', '/v1/payment_intents', {
          form: 'amount=2500&currency=usd&metadata[order]=42&payment_method_types[]=card',
        })
      ).json;
      const confirmed = await withPk(
        'POST',
        `/v1/payment_intents/${intent.id}/confirm`,
        `client_secret=${encodeURIComponent(intent.client_secret)}&payment_method=pm_card_visa`,
      );
      expect(confirmed.status).toBe(200);
      expect(confirmed.json).toMatchObject({ id: intent.id, status: 'succeeded' });
      expect(confirmed.json).not.toHaveProperty('metadata');
      expect(confirmed.json).not.toHaveProperty('latest_charge');
      const full = (await tender.call('GET', `/v1/payment_intents/${intent.id}`)).json;
      expect(full).toMatchObject({ status: 'succeeded', amount_received: 2500, metadata: { order: '42' } });
      const succeeded = (await tender.call('GET', '/v1/events?type=payment_intent.succeeded&limit=100')).json.data.find(
        (event: any) => event.data.object.id === intent.id,
      );
      expect(succeeded.data.object.metadata).toEqual({ order: '42' });
    });

    it('answers a decline with the publishable view of the intent embedded', async () => {
      const intent = (
        await tender.call('POST', '/v1/payment_intents', { form: 'amount=2500&currency=usd&metadata[k]=v&payment_method_types[]=card' })
      ).json;
      const declined = await withPk(
        'POST',
        `/v1/payment_intents/${intent.id}/confirm`,
        `client_secret=${encodeURIComponent(intent.client_secret)}&payment_method=pm_card_visa_chargeDeclined`,
      );
      expect(declined.status).toBe(402);
      expect(declined.json.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
      expect(declined.json.error.payment_intent).toMatchObject({ id: intent.id, status: 'requires_payment_method' });
      expect(declined.json.error.payment_intent).not.toHaveProperty('metadata');
    });

    it('hides metadata from every object a publishable key sees: expanded, embedded in an error, or beside it', async () => {
      const card = (await tender.call('POST', '/v1/payment_methods', { form: 'type=card&card[token]=tok_visa&metadata[pm]=secret-pm' }))
        .json;
      const intent = (
        await tender.call('POST', '/v1/payment_intents', {
          form: `amount=1500&currency=usd&payment_method=${card.id}&payment_method_types[]=card`,
        })
      ).json;
      const secret = encodeURIComponent(intent.client_secret);
      const seen = await withPk('GET', `/v1/payment_intents/${intent.id}?client_secret=${secret}&expand[]=payment_method`);
      expect(seen.status).toBe(200);
      expect(seen.json.payment_method).toMatchObject({ id: card.id, object: 'payment_method', card: { last4: '4242' } });
      expect(seen.json.payment_method).not.toHaveProperty('metadata');
      const full = await tender.call('GET', `/v1/payment_intents/${intent.id}?expand[]=payment_method`);
      expect(full.json.payment_method.metadata).toEqual({ pm: 'secret-pm' });

      const declining = (
        await tender.call('POST', '/v1/payment_methods', { form: 'type=card&card[token]=tok_chargeDeclined&metadata[pm]=secret-pm' })
      ).json;
      const declined = await withPk(
        'POST',
        `/v1/payment_intents/${intent.id}/confirm`,
        `client_secret=${secret}&payment_method=${declining.id}&expand[]=payment_method`,
      );
      expect(declined.status).toBe(402);
      const lastError = declined.json.error.payment_intent.last_payment_error;
      expect(lastError.payment_method).toMatchObject({ id: declining.id });
      expect(lastError.payment_method).not.toHaveProperty('metadata');
      expect(declined.json.error.payment_method).toMatchObject({ id: declining.id });
      expect(declined.json.error.payment_method).not.toHaveProperty('metadata');
    });

    it('refuses a publishable confirm of a manual-confirmation intent, and one without the client_secret', async () => {
      const manual = (
        await tender.call('POST', '/v1/payment_intents', {
          form: 'amount=2500&currency=usd&confirmation_method=manual&payment_method=pm_card_visa&payment_method_types[]=card',
        })
      ).json;
      const refused = await withPk(
        'POST',
        `/v1/payment_intents/${manual.id}/confirm`,
        `client_secret=${encodeURIComponent(manual.client_secret)}`,
      );
      expect(refused.status).toBe(401);
      const withoutSecret = await withPk('POST', `/v1/payment_intents/${manual.id}/confirm`);
      expect(withoutSecret.status).toBe(401);
      expect((await tender.call('GET', `/v1/payment_intents/${manual.id}`)).json.status).toBe('requires_confirmation');
    });

    it('retrieves and confirms a SetupIntent with its client_secret', async () => {
      const intent = (await tender.call('POST', '/v1/setup_intents', { form: 'metadata[k]=v&payment_method_types[]=card' })).json;
      const seen = await withPk('GET', `/v1/setup_intents/${intent.id}?client_secret=${encodeURIComponent(intent.client_secret)}`);
      expect(seen.status).toBe(200);
      expect(Object.keys(seen.json).sort()).toEqual([...setup_intent_publishable_fields].sort());
      const confirmed = await withPk(
        'POST',
        `/v1/setup_intents/${intent.id}/confirm`,
        `client_secret=${encodeURIComponent(intent.client_secret)}&payment_method=pm_card_visa`,
      );
      expect(confirmed.status).toBe(200);
      expect(confirmed.json).toMatchObject({ id: intent.id, status: 'succeeded' });
      expect(confirmed.json).not.toHaveProperty('metadata');
      const wrong = await withPk('GET', `/v1/setup_intents/${intent.id}?client_secret=nope`);
      expect(wrong.json.error.message).toBe('The client_secret provided does not match the client_secret associated with the SetupIntent.');
    });
  });
}
