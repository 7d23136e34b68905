// Retry and timeout rules over a real socket: a local server returns scripted failures and the
// SDK's FetchHttpClient has to cope. Backoff sleeps are recorded, not waited for.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APIError,
  ConnectionError,
  InvalidRequestError,
  RateLimitError,
  StripeClient,
  type Platform,
  type StripeClientOptions,
} from '@tender/sdk';
import { respond, startMisbehavingServer, stripeError, type MisbehavingServer } from './support/misbehaving-server.js';

let server: MisbehavingServer;
let sleeps: number[];

beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  sleeps = [];
});

function client(options: StripeClientOptions = {}): StripeClient {
  const platform: Partial<Platform> = {
    random: () => 0.5,
    sleep: async (delayMs, signal) => {
      sleeps.push(delayMs);
      if (signal?.aborted) throw signal.reason;
    },
  };
  return new StripeClient('sk_test_retries', { baseUrl: server.url, platform, ...options });
}

const ok = respond(200, { id: 'cus_ok', object: 'customer' });
const idempotencyKeys = () => server.requests.map((request) => request.headers['idempotency-key']);

describe('retries against a misbehaving server', () => {
  it('retries a 500 and reuses the same Idempotency-Key', async () => {
    server.script(respond(500, stripeError('api_error')), ok);
    const customer = await client().customers.create({ email: 'a@b.co' });
    expect(customer.id).toBe('cus_ok');
    expect(server.requests).toHaveLength(2);
    const keys = idempotencyKeys();
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(server.requests[1]!.body).toBe('email=a%40b.co');
    expect(sleeps).toEqual([500]);
  });

  it('retries a 409', async () => {
    server.script(respond(409, stripeError('invalid_request_error', 'idempotency_key_in_use')), ok);
    await client().customers.create();
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 500 marked Stripe-Should-Retry: false', async () => {
    server.script(respond(500, stripeError('api_error'), { 'Stripe-Should-Retry': 'false' }), ok);
    await expect(client().customers.create()).rejects.toBeInstanceOf(APIError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 400 marked Stripe-Should-Retry: true', async () => {
    server.script(respond(400, stripeError('invalid_request_error'), { 'Stripe-Should-Retry': 'true' }), ok);
    await client().customers.create();
    expect(server.requests).toHaveLength(2);
  });

  it('retries a 429 lock_timeout but not a plain 429', async () => {
    server.script(respond(429, stripeError('invalid_request_error', 'lock_timeout')), ok);
    await client().customers.update('cus_1', { name: 'x' });
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    server.script(respond(429, stripeError('invalid_request_error', 'rate_limit')), ok);
    await expect(client().customers.update('cus_1', { name: 'x' })).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry an ordinary 404', async () => {
    server.script(respond(404, stripeError('invalid_request_error', 'resource_missing')));
    await expect(client().customers.retrieve('cus_x')).rejects.toBeInstanceOf(InvalidRequestError);
    expect(server.requests).toHaveLength(1);
  });

  it('stops at maxNetworkRetries and reports the last error', async () => {
    server.script(respond(503, stripeError('api_error')));
    const error = await client({ maxNetworkRetries: 3 })
      .customers.create()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).statusCode).toBe(503);
    expect(server.requests).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    expect(new Set(idempotencyKeys()).size).toBe(1);
  });

  it('lets a request override the retry count', async () => {
    server.script(respond(500, stripeError('api_error')));
    await expect(client().customers.create({}, { maxNetworkRetries: 0 })).rejects.toBeInstanceOf(APIError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a dropped connection once even with maxNetworkRetries 0', async () => {
    server.script({ kind: 'destroy' }, ok);
    const customer = await client({ maxNetworkRetries: 0 }).customers.create();
    expect(customer.id).toBe('cus_ok');
    expect(server.requests).toHaveLength(2);
    expect(idempotencyKeys()[1]).toBe(idempotencyKeys()[0]);
  });

  it('gives up on a connection dropped every time with a ConnectionError', async () => {
    server.script({ kind: 'destroy' });
    const error = await client({ maxNetworkRetries: 2 })
      .customers.create()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).shouldRetry).toBe(true);
    expect((error as Error).message).toMatch(/retried 2 times/);
    expect(server.requests).toHaveLength(3);
  });

  it('times out a body that trickles past the deadline (the timeout covers the body)', async () => {
    server.script({ kind: 'trickle', intervalMs: 20 });
    const started = performance.now();
    const error = await client({ maxNetworkRetries: 0, timeout: 250 })
      .customers.retrieve('cus_slow')
      .catch((caught: unknown) => caught);
    const elapsedMs = performance.now() - started;
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/timeout being reached \(250 ms\)/);
    expect(elapsedMs).toBeGreaterThanOrEqual(240);
    expect(elapsedMs).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a timeout while retries remain', async () => {
    server.script({ kind: 'hang' }, ok);
    const customer = await client({ maxNetworkRetries: 1, timeout: 150 }).customers.create();
    expect(customer.id).toBe('cus_ok');
    expect(server.requests).toHaveLength(2);
    expect(idempotencyKeys()[1]).toBe(idempotencyKeys()[0]);
  });

  it('rejects with the abort reason on caller abort, and never retries it', async () => {
    server.script({ kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const pending = client({ maxNetworkRetries: 5 }).customers.create({}, { signal: controller.signal });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toHaveLength(0);
  });

  it('rejects at once for an already-aborted signal, without retrying', async () => {
    server.script(ok);
    const reason = new Error('stop');
    await expect(client().customers.retrieve('cus_1', {}, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it('sends headers the wire expects, Content-Length included on an empty POST', async () => {
    server.script(ok);
    await client().customers.create();
    const headers = server.requests[0]!.headers;
    expect(headers['content-length']).toBe('0');
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(headers.authorization).toBe('Bearer sk_test_retries');
    expect(headers['user-agent']).toMatch(/^Stripe\/v1 TenderNodeBindings\//);
    expect(server.requests[0]!.body).toBe('');
  });

  it('streams a body whose timer stops once it is handed over', async () => {
    server.script({ kind: 'trickle', intervalMs: 20 });
    const response = await client({ timeout: 200 }).rawRequestStream('GET', '/v1/slow');
    const reader = response.body.getReader();
    const started = performance.now();
    let bytes = 0;
    while (performance.now() - started < 400) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    await reader.cancel();
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    expect(bytes).toBeGreaterThan(0);
  });
});
