import { describe, expect, it } from 'vitest';
import {
  mergeRequestOptions,
  validateClientOptions,
  validateRequestOptions,
  type ClientSettings,
  type StripeClientOptions,
} from './options.js';

const client: ClientSettings = {
  apiKey: 'sk_test_client',
  apiVersion: '2025-02-24.acacia',
  stripeAccount: 'acct_client',
  stripeContext: undefined,
  maxNetworkRetries: 2,
  timeoutMs: 80_000,
};

describe('mergeRequestOptions', () => {
  it('keeps client settings when the request sets nothing', () => {
    expect(mergeRequestOptions(client, {})).toEqual({
      ...client,
      idempotencyKey: undefined,
      headers: {},
      signal: undefined,
    });
  });

  it('lets each request option beat the client setting', () => {
    const signal = new AbortController().signal;
    const merged = mergeRequestOptions(client, {
      apiKey: 'sk_test_request',
      apiVersion: '2024-06-20',
      stripeAccount: 'acct_request',
      maxNetworkRetries: 0,
      timeout: 1_000,
      idempotencyKey: 'key-1',
      headers: { 'X-Extra': '1' },
      signal,
    });
    expect(merged).toEqual({
      apiKey: 'sk_test_request',
      apiVersion: '2024-06-20',
      stripeAccount: 'acct_request',
      stripeContext: undefined,
      maxNetworkRetries: 0,
      timeoutMs: 1_000,
      idempotencyKey: 'key-1',
      headers: { 'X-Extra': '1' },
      signal,
    });
  });

  it('rejects stripeAccount together with stripeContext, even when they come from different levels', () => {
    expect(() => mergeRequestOptions(client, { stripeContext: 'ctx_1' })).toThrow(/not both/);
    expect(() => mergeRequestOptions({ ...client, stripeAccount: undefined }, { stripeContext: 'ctx_1' })).not.toThrow();
  });

  it('validates integers like stripe-node', () => {
    expect(() => mergeRequestOptions(client, { maxNetworkRetries: -1 })).toThrow(TypeError);
    expect(() => mergeRequestOptions(client, { maxNetworkRetries: 1.5 })).toThrow(TypeError);
    expect(() => mergeRequestOptions(client, { maxNetworkRetries: 11 })).toThrow(/0 to 10/);
    expect(() => mergeRequestOptions(client, { timeout: '5' as unknown as number })).toThrow(TypeError);
  });
});

describe('option validation', () => {
  it('rejects unknown client option keys', () => {
    expect(() => validateClientOptions({ host: 'x' } as unknown as StripeClientOptions)).toThrow(/Unknown client option: host/);
    expect(() => validateClientOptions({ baseUrl: 'http://127.0.0.1:4242', timeout: 10 })).not.toThrow();
  });

  it('rejects unknown request option keys (a params object passed as options, say)', () => {
    expect(() => validateRequestOptions({ email: 'x' } as never)).toThrow(/Unknown request option: email/);
    expect(validateRequestOptions(undefined)).toEqual({});
  });

  it('requires appInfo.name', () => {
    expect(() => validateClientOptions({ appInfo: {} as never })).toThrow(/appInfo.name/);
  });
});
