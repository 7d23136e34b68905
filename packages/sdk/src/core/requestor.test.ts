import { describe, expect, it } from 'vitest';
import { StripeClient } from '../client.js';
import { SDK_VERSION, DEFAULT_API_VERSION } from '../version.js';
import { AuthenticationError, ConnectionError, InvalidRequestError } from './errors.js';
import { MockHttpClient, type MockHandler } from './http/mock-client.js';
import { HttpClientError } from './http/types.js';
import type { Platform } from './platform.js';
import { TELEMETRY_BUFFER_MAX_ENTRIES } from './telemetry.js';

const customer = { id: 'cus_1', object: 'customer', email: 'a@b.co' };

function setup(handler: MockHandler = () => ({ body: customer, headers: { 'Request-Id': 'req_1' } }), options = {}) {
  const http = new MockHttpClient(handler);
  let uuids = 0;
  const sleeps: number[] = [];
  const platform: Partial<Platform> = {
    uuid: () => `uuid-${(uuids += 1)}`,
    random: () => 0,
    sleep: async (delayMs) => {
      sleeps.push(delayMs);
    },
    runtimeInfo: () => ({ lang: 'node', lang_version: 'v20.20.0', platform: 'linux x64' }),
  };
  const client = new StripeClient('sk_test_123', { httpClient: http, platform, ...options });
  return { http, client, sleeps };
}

describe('APIRequestor: request shape', () => {
  it('POSTs form-encoded params with the standard headers and a generated idempotency key', async () => {
    const { http, client } = setup();
    await client.customers.create({ email: 'a@b.co', metadata: { plan: 'pro' } });
    const request = http.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://api.stripe.com/v1/customers');
    expect(request.body).toBe('email=a%40b.co&metadata[plan]=pro');
    expect(request.headers).toMatchObject({
      Authorization: 'Bearer sk_test_123',
      'Stripe-Version': DEFAULT_API_VERSION,
      'Idempotency-Key': 'uuid-1',
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String('email=a%40b.co&metadata[plan]=pro'.length),
      'User-Agent': `Stripe/v1 TenderNodeBindings/${SDK_VERSION}`,
    });
    expect(JSON.parse(request.headers['X-Stripe-Client-User-Agent']!)).toEqual({
      bindings_version: SDK_VERSION,
      lang: 'node',
      lang_version: 'v20.20.0',
      publisher: 'tender',
      httplib: 'mock',
      platform: 'linux x64',
    });
  });

  it('sends Content-Length 0 and an empty body on a POST without params', async () => {
    const { http, client } = setup();
    await client.customers.create();
    expect(http.requests[0]!.body).toBe('');
    expect(http.requests[0]!.headers['Content-Length']).toBe('0');
  });

  it('counts Content-Length in UTF-8 bytes', async () => {
    const { http, client } = setup();
    await client.customers.create({ name: '€' });
    expect(http.requests[0]!.body).toBe('name=%E2%82%AC');
    expect(http.requests[0]!.headers['Content-Length']).toBe('14');
  });

  it('puts GET and DELETE params in the query string, without a body or idempotency key', async () => {
    const { http, client } = setup(() => ({ body: { object: 'list', data: [], has_more: false, url: '/v1/customers' } }));
    await client.customers.list({ limit: 3, created: { gte: 100 } });
    await client.rawRequest('DELETE', '/v1/customers/cus_1?expand[0]=x', { a: 1 });
    expect(http.requests[0]!.url).toBe('https://api.stripe.com/v1/customers?limit=3&created[gte]=100');
    expect(http.requests[0]!.body).toBeUndefined();
    expect(http.requests[0]!.headers['Idempotency-Key']).toBeUndefined();
    expect(http.requests[0]!.headers['Content-Length']).toBeUndefined();
    expect(http.requests[1]!.url).toBe('https://api.stripe.com/v1/customers/cus_1?expand[0]=x&a=1');
    expect(http.requests[1]!.method).toBe('DELETE');
  });

  it('URL-encodes ids in paths', async () => {
    const { http, client } = setup();
    await client.customers.retrieve('cus_1/../../v1/charges');
    expect(http.requests[0]!.url).toBe('https://api.stripe.com/v1/customers/cus_1%2F..%2F..%2Fv1%2Fcharges');
  });

  it('sends JSON to /v2 paths and keys v2 DELETEs', async () => {
    const { http, client } = setup();
    await client.rawRequest('POST', '/v2/core/event_destinations', { name: 'x', enabled_events: ['a'] });
    await client.rawRequest('DELETE', '/v2/core/event_destinations/ed_1');
    expect(http.requests[0]!.body).toBe('{"name":"x","enabled_events":["a"]}');
    expect(http.requests[0]!.headers['Content-Type']).toBe('application/json');
    expect(http.requests[1]!.headers['Idempotency-Key']).toBe('uuid-2');
  });

  it('uses baseUrl for every API host', async () => {
    const { http, client } = setup(undefined, { baseUrl: 'http://127.0.0.1:4242/' });
    await client.customers.retrieve('cus_1');
    await client.rawRequest('GET', '/v1/quotes/qt_1/pdf', undefined, { apiBase: 'files' });
    expect(http.requests.map((request) => request.url)).toEqual([
      'http://127.0.0.1:4242/v1/customers/cus_1',
      'http://127.0.0.1:4242/v1/quotes/qt_1/pdf',
    ]);
  });

  it('routes apiBase to the default hosts without baseUrl', async () => {
    const { http, client } = setup();
    await client.rawRequest('GET', '/v1/files/file_1/contents', undefined, { apiBase: 'files' });
    expect(http.requests[0]!.url).toBe('https://files.stripe.com/v1/files/file_1/contents');
  });

  it('applies request options over client ones, and lets user headers replace defaults case-insensitively', async () => {
    const { http, client } = setup(undefined, { stripeAccount: 'acct_client', apiVersion: '2024-06-20' });
    await client.customers.create(
      {},
      {
        apiKey: 'sk_test_other',
        stripeAccount: 'acct_request',
        idempotencyKey: 'mine',
        headers: { 'stripe-version': '2099-01-01', 'x-custom': 'yes' },
      },
    );
    const headers = http.requests[0]!.headers;
    expect(headers).toMatchObject({
      Authorization: 'Bearer sk_test_other',
      'Stripe-Account': 'acct_request',
      'Idempotency-Key': 'mine',
      'Stripe-Version': '2099-01-01',
      'X-Custom': 'yes',
    });
    expect(Object.keys(headers).filter((name) => name.toLowerCase() === 'stripe-version')).toHaveLength(1);
  });

  it('adds appInfo to User-Agent and the client user agent', async () => {
    const { http, client } = setup(undefined, { appInfo: { name: 'MyPlugin', version: '1.2.3', url: 'https://example.com' } });
    await client.customers.retrieve('cus_1');
    expect(http.requests[0]!.headers['User-Agent']).toBe(
      `Stripe/v1 TenderNodeBindings/${SDK_VERSION} MyPlugin/1.2.3 (https://example.com)`,
    );
    expect(JSON.parse(http.requests[0]!.headers['X-Stripe-Client-User-Agent']!).application).toEqual({
      name: 'MyPlugin',
      version: '1.2.3',
      url: 'https://example.com',
    });
  });

  it('rejects unknown request options and stripeAccount with stripeContext', async () => {
    const { client, http } = setup();
    await expect(client.customers.create({}, { idempotency_key: 'x' } as never)).rejects.toThrow(/Unknown request option/);
    await expect(client.customers.create({}, { stripeAccount: 'acct_1', stripeContext: 'ctx' })).rejects.toThrow(/not both/);
    expect(http.requests).toHaveLength(0);
  });
});

describe('APIRequestor: telemetry', () => {
  it('reports the previous request id and duration on the next request', async () => {
    let count = 0;
    const { http, client } = setup(() => ({ body: customer, headers: { 'request-id': `req_${(count += 1)}` } }));
    await client.customers.retrieve('cus_1');
    await client.customers.retrieve('cus_1');
    expect(http.requests[0]!.headers['X-Stripe-Client-Telemetry']).toBeUndefined();
    const telemetry = JSON.parse(http.requests[1]!.headers['X-Stripe-Client-Telemetry']!);
    expect(telemetry.last_request_metrics).toMatchObject({ request_id: 'req_1', usage: ['stripe_client'] });
    expect(typeof telemetry.last_request_metrics.request_duration_ms).toBe('number');
  });

  it('sends neither metrics nor platform details with telemetry off', async () => {
    const { http, client } = setup(undefined, { telemetry: false });
    await client.customers.retrieve('cus_1');
    await client.customers.retrieve('cus_1');
    expect(http.requests[1]!.headers['X-Stripe-Client-Telemetry']).toBeUndefined();
    expect(JSON.parse(http.requests[1]!.headers['X-Stripe-Client-User-Agent']!).platform).toBeUndefined();
  });

  it(`keeps at most ${TELEMETRY_BUFFER_MAX_ENTRIES} metrics, dropping new ones with a warning`, async () => {
    const warnings: string[] = [];
    let count = 0;
    const http = new MockHttpClient(() => ({ body: customer, headers: { 'request-id': `req_${(count += 1)}` } }));
    const client = new StripeClient('sk_test_1', { httpClient: http, logger: { warn: (message) => warnings.push(message) } });
    // Concurrent calls all take their (empty) telemetry header before any response is recorded,
    // so the buffer fills with every response and the last 5 overflow.
    await Promise.all(Array.from({ length: TELEMETRY_BUFFER_MAX_ENTRIES + 5 }, () => client.customers.retrieve('cus_1')));
    expect(warnings.filter((message) => message.includes('buffer is full'))).toHaveLength(5);
    await client.customers.retrieve('cus_1');
    const oldest = JSON.parse(http.requests.at(-1)!.headers['X-Stripe-Client-Telemetry']!);
    expect(oldest.last_request_metrics.request_id).toBe('req_1');
  });
});

describe('APIRequestor: responses', () => {
  it('attaches a non-enumerable lastResponse and offers withResponse()', async () => {
    const { client } = setup(() => ({ body: customer, headers: { 'Request-Id': 'req_abc' } }));
    const created = await client.customers.create({});
    expect(created.lastResponse).toEqual({
      statusCode: 200,
      headers: { 'request-id': 'req_abc' },
      requestId: 'req_abc',
      idempotencyKey: 'uuid-1',
    });
    expect(Object.keys(created)).not.toContain('lastResponse');
    expect(JSON.parse(JSON.stringify(created))).toEqual(customer);

    const { data, response } = await client.customers.create({}).withResponse();
    expect(data.id).toBe('cus_1');
    expect(response.requestId).toBe('req_abc');
    expect(response.idempotencyKey).toBe('uuid-2');
    expect(response.data).toEqual(customer);
  });

  it('maps an error response and attaches the call site to its stack', async () => {
    const { client } = setup(() => ({
      status: 404,
      headers: { 'request-id': 'req_404' },
      body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such customer: 'cus_x'" } },
    }));
    const error = await client.customers.retrieve('cus_x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).requestId).toBe('req_404');
    expect((error as Error).stack).toContain('requestor.test.ts');
  });

  it('turns a 2xx body that is not JSON into an APIError', async () => {
    const { client } = setup(() => ({ body: '<html>' }));
    await expect(client.customers.retrieve('cus_1')).rejects.toMatchObject({ type: 'APIError', statusCode: 200 });
  });

  it('logs Stripe-Notice headers as warnings', async () => {
    const warnings: string[] = [];
    const http = new MockHttpClient(() => ({ body: customer, headers: { 'Stripe-Notice': 'This API version is deprecated' } }));
    const client = new StripeClient('sk_test_1', { httpClient: http, logger: { warn: (message) => warnings.push(message) } });
    await client.customers.retrieve('cus_1');
    expect(warnings).toEqual(['Stripe-Notice: This API version is deprecated']);
  });

  it('streams a successful body unread but still maps a failing one', async () => {
    let status = 200;
    const { client } = setup(() => ({ status, body: status === 200 ? '%PDF-1.4' : { error: { type: 'invalid_request_error' } } }));
    const stream = await client.rawRequestStream('GET', '/v1/quotes/qt_1/pdf');
    expect(stream.statusCode).toBe(200);
    expect(await stream.text()).toBe('%PDF-1.4');
    status = 404;
    await expect(client.rawRequestStream('GET', '/v1/quotes/qt_1/pdf')).rejects.toBeInstanceOf(InvalidRequestError);
  });
});

describe('APIRequestor: retries (mocked transport)', () => {
  it('retries with backoff from the injected sleep and random, reusing the idempotency key', async () => {
    const statuses = [500, 503, 200];
    const { http, client, sleeps } = setup(() => {
      const status = statuses.shift() ?? 200;
      return { status, body: status === 200 ? customer : { error: { type: 'api_error' } } };
    });
    await client.customers.create({ email: 'a@b.co' });
    expect(http.requests).toHaveLength(3);
    expect(new Set(http.requests.map((request) => request.headers['Idempotency-Key']))).toEqual(new Set(['uuid-1']));
    expect(sleeps).toEqual([500, 500]);
  });

  it('wraps a persistent network failure in ConnectionError saying how often it retried', async () => {
    const { http, client } = setup(() => {
      throw new HttpClientError('ECONNREFUSED', 'connect ECONNREFUSED');
    });
    const error = await client.customers.retrieve('cus_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).shouldRetry).toBe(true);
    expect((error as Error).message).toMatch(/retried 2 times/);
    expect(http.requests).toHaveLength(3);
  });

  it('never retries a TLS failure', async () => {
    const { http, client } = setup(() => {
      throw new HttpClientError('CERT_HAS_EXPIRED', 'certificate has expired');
    });
    const error = await client.customers.retrieve('cus_1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'ConnectionError', shouldRetry: false });
    expect(http.requests).toHaveLength(1);
  });

  it('does not retry a 401', async () => {
    const { http, client } = setup(() => ({ status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key' } } }));
    await expect(client.customers.retrieve('cus_1')).rejects.toBeInstanceOf(AuthenticationError);
    expect(http.requests).toHaveLength(1);
  });
});
