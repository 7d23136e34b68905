// The wire rules every endpoint shares: auth forms and their 401s, Stripe's headers, JSON bodies,
// unknown routes, limits answered with the envelope, and events' filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, test_secret_key, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

for (const engine of test_engines) {
  describe(`wire protocol on ${engine.name}`, () => {
    let tender: LiveTender;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
    });
    afterAll(async () => {
      await tender.close();
    });

    it('accepts Bearer, Basic and X-API-Key, and answers Stripe’s 401s', async () => {
      const basic = Buffer.from(`${test_secret_key}:`).toString('base64');
      expect((await tender.call('GET', '/v1/customers', { key: null, headers: { authorization: `Basic ${basic}` } })).status).toBe(200);
      expect((await tender.call('GET', '/v1/customers', { key: null, headers: { 'x-api-key': test_secret_key } })).status).toBe(200);
      const none = await tender.call('GET', '/v1/customers', { key: null });
      expect(none.status).toBe(401);
      expect(none.json.error.type).toBe('invalid_request_error');
      expect(none.json.error.message).toMatch(/^You did not provide an API key\./);
      const wrongKey = 'sk_test_thisKeyDoesNotExist1234';
      const bad = await tender.call('GET', '/v1/customers', { key: wrongKey });
      expect(bad.status).toBe(401);
      expect(bad.json.error.message).toBe(`Invalid API Key provided: sk_test_${'*'.repeat(wrongKey.length - 12)}1234`);
      expect(bad.text).not.toContain(wrongKey);
      const publishable = await tender.call('GET', '/v1/customers', { key: tender.publishableKey || 'pk_test_notreal12345678' });
      expect(publishable.status).toBe(401);
    });

    it('refuses a publishable key with secret_key_required', async () => {
      const other = await startLiveTender(engine, { secretKey: undefined, db: ':memory:' });
      try {
        const refused = await other.call('GET', '/v1/customers', { key: other.publishableKey });
        expect(refused.status).toBe(401);
        expect(refused.json.error).toMatchObject({ code: 'secret_key_required', type: 'invalid_request_error' });
        expect(other.publishableKey).toMatch(/^pk_test_/);
        expect((await other.call('GET', '/v1/customers', { key: other.secretKey })).status).toBe(200);
      } finally {
        await other.close();
      }
    });

    it('sends Stripe’s headers and echoes Stripe-Version', async () => {
      const response = await tender.call('GET', '/v1/customers', {
        headers: { 'stripe-version': '2025-02-24.acacia', origin: 'http://example.com' },
      });
      expect(response.headers.get('request-id')).toMatch(/^req_/);
      expect(response.headers.get('stripe-version')).toBe('2025-02-24.acacia');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('cache-control')).toBe('no-cache, no-store');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const defaulted = await tender.call('GET', '/v1/customers');
      expect(defaulted.headers.get('stripe-version')).toBe('2023-08-16');
    });

    it('reads JSON bodies as well as forms', async () => {
      const created = await tender.call('POST', '/v1/customers', { json: { email: 'json@example.com', metadata: { n: 5 }, balance: 12 } });
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({ email: 'json@example.com', metadata: { n: '5' }, balance: 12 });
    });

    it('answers unknown routes and methods with url_invalid', async () => {
      const unknown = await tender.call('GET', '/v1/foo');
      expect(unknown.status).toBe(404);
      expect(unknown.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'url_invalid',
        message:
          'Unrecognized request URL (GET: /v1/foo). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.',
      });
      const patch = await tender.call('PATCH', '/v1/customers');
      expect(patch.status).toBe(404);
    });

    it('answers a body over 1 MiB with 413 and the envelope', async () => {
      const response = await tender.call('POST', '/v1/customers', { form: `description=${'a'.repeat(1024 * 1024 + 10)}` });
      expect(response.status).toBe(413);
      expect(response.json.error.type).toBe('invalid_request_error');
    });

    it('links error bodies to the request log', async () => {
      const response = await tender.call('GET', '/v1/customers/cus_missing');
      expect(response.status).toBe(404);
      expect(response.json.error).toMatchObject({
        code: 'resource_missing',
        param: 'id',
        message: "No such customer: 'cus_missing'",
        doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
      });
      const log = await fetch(response.json.error.request_log_url);
      expect(await log.json()).toMatchObject({
        request_id: response.headers.get('request-id'),
        status: 404,
        method: 'GET',
        path: '/v1/customers/cus_missing',
      });
    });

    it('filters events by type, wildcard, types[] and refuses both', async () => {
      await tender.call('POST', '/v1/customers', { form: 'name=Events' });
      const wildcard = await tender.call('GET', '/v1/events?type=customer.*&limit=100');
      expect(wildcard.json.data.length).toBeGreaterThan(0);
      expect(wildcard.json.data.every((event: any) => event.type.startsWith('customer.'))).toBe(true);
      const types = await tender.call('GET', '/v1/events?types[]=customer.deleted&types[]=customer.updated&limit=100');
      expect(types.json.data.every((event: any) => ['customer.deleted', 'customer.updated'].includes(event.type))).toBe(true);
      const both = await tender.call('GET', '/v1/events?type=a&types[]=b');
      expect(both.status).toBe(400);
      const one = wildcard.json.data[0];
      const retrieved = await tender.call('GET', `/v1/events/${one.id}`);
      expect(retrieved.json).toEqual(one);
      expect((await tender.call('GET', '/v1/events/evt_missing')).status).toBe(404);
    });
  });
}
