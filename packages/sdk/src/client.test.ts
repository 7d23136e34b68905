import { describe, expect, it } from 'vitest';
import { StripeClient } from './client.js';
import { AuthenticationError, OAuthInvalidGrantError } from './core/errors.js';
import { MockHttpClient } from './core/http/mock-client.js';
import { getId } from './types/expandable.js';

const ok = () => new MockHttpClient(() => ({ body: { id: 'cus_1', object: 'customer' }, headers: { 'request-id': 'req_1' } }));

describe('StripeClient', () => {
  it('throws AuthenticationError without an API key', () => {
    expect(() => new StripeClient('')).toThrow(AuthenticationError);
    expect(() => new StripeClient(undefined as unknown as string)).toThrow(AuthenticationError);
  });

  it('rejects unknown option keys at runtime and at type level', () => {
    // @ts-expect-error `host` is not a client option
    expect(() => new StripeClient('sk_test_1', { host: 'localhost' })).toThrow(/Unknown client option: host/);
    // @ts-expect-error maxNetworkRetries must be a number
    expect(() => new StripeClient('sk_test_1', { maxNetworkRetries: '3' })).toThrow(TypeError);
  });

  it('builds services lazily, once', () => {
    const client = new StripeClient('sk_test_1', { httpClient: ok() });
    const serviceSlots = Object.keys(client).filter((key) => key.endsWith('Service'));
    expect(serviceSlots.sort()).toEqual([
      'accountsService',
      'balanceService',
      'balanceTransactionsService',
      'chargesService',
      'customersService',
      'eventsService',
      'oauthService',
      'paymentIntentsService',
      'paymentMethodsService',
      'payoutsService',
      'refundsService',
      'setupAttemptsService',
      'setupIntentsService',
      'tokensService',
      'webhookEndpointsService',
    ]);
    expect(serviceSlots.every((key) => (client as unknown as Record<string, unknown>)[key] === undefined)).toBe(true);
    expect(client.customers).toBe(client.customers);
    expect(client.events).toBe(client.events);
    expect(client.paymentMethods).toBe(client.paymentMethods);
    expect(client.tokens).toBe(client.tokens);
    expect(client.paymentIntents).toBe(client.paymentIntents);
    expect(client.charges).toBe(client.charges);
    expect(client.webhookEndpoints).toBe(client.webhookEndpoints);
    expect(client.balance).toBe(client.balance);
    expect(client.balanceTransactions).toBe(client.balanceTransactions);
    expect(client.refunds).toBe(client.refunds);
    expect(client.setupIntents).toBe(client.setupIntents);
    expect(client.setupAttempts).toBe(client.setupAttempts);
    expect(client.payouts).toBe(client.payouts);
    expect(client.accounts).toBe(client.accounts);
  });

  it('derives clients with withOptions that share the transport and telemetry', async () => {
    const http = ok();
    const client = new StripeClient('sk_test_1', { httpClient: http });
    const connected = client.withOptions({ stripeAccount: 'acct_9', apiKey: 'sk_test_2' });
    await client.customers.retrieve('cus_1');
    await connected.customers.retrieve('cus_1');
    expect(http.requests).toHaveLength(2);
    expect(http.requests[0]!.headers['Stripe-Account']).toBeUndefined();
    expect(http.requests[1]!.headers).toMatchObject({ 'Stripe-Account': 'acct_9', Authorization: 'Bearer sk_test_2' });
    expect(JSON.parse(http.requests[1]!.headers['X-Stripe-Client-Telemetry']!).last_request_metrics.request_id).toBe('req_1');
    expect(() => client.withOptions({ timeout: 5 } as never)).toThrow(/Unknown option for withOptions/);
  });

  it('rawRequest returns the parsed response with its metadata', async () => {
    const client = new StripeClient('sk_test_1', { httpClient: ok() });
    const response = await client.rawRequest<{ id: string }>('POST', '/v1/customers', { name: 'x' });
    expect(response).toMatchObject({ statusCode: 200, requestId: 'req_1', data: { id: 'cus_1' } });
    expect(response.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('OAuth', () => {
  it('builds authorize URLs with defaults and requires a client id', () => {
    const client = new StripeClient('sk_test_1', { clientId: 'ca_123' });
    const url = new URL(client.oauth.authorizeUrl({ state: 's1' }));
    expect(url.origin + url.pathname).toBe('https://connect.stripe.com/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      scope: 'read_write',
      state: 's1',
      client_id: 'ca_123',
    });
    expect(client.oauth.authorizeUrl({}, { express: true })).toContain('/express/oauth/authorize?');
    expect(() => new StripeClient('sk_test_1').oauth.authorizeUrl()).toThrow(AuthenticationError);
  });

  it('posts token exchanges to the connect host and maps OAuth errors', async () => {
    const http = new MockHttpClient(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'Code expired' } }));
    const client = new StripeClient('sk_test_1', { httpClient: http, clientId: 'ca_1' });
    await expect(client.oauth.token({ grant_type: 'authorization_code', code: 'ac_1' })).rejects.toBeInstanceOf(OAuthInvalidGrantError);
    expect(http.requests[0]!.url).toBe('https://connect.stripe.com/oauth/token');
    expect(http.requests[0]!.body).toBe('grant_type=authorization_code&code=ac_1');
  });

  it('fills client_id on deauthorize', async () => {
    const http = new MockHttpClient(() => ({ body: { stripe_user_id: 'acct_1' } }));
    const client = new StripeClient('sk_test_1', { httpClient: http, clientId: 'ca_1' });
    await client.oauth.deauthorize({ stripe_user_id: 'acct_1' });
    expect(http.requests[0]!.body).toBe('stripe_user_id=acct_1&client_id=ca_1');
  });
});

describe('getId', () => {
  it('returns the id of an id or an expanded object', () => {
    expect(getId('cus_1')).toBe('cus_1');
    expect(getId({ id: 'cus_2', object: 'customer' })).toBe('cus_2');
    expect(getId(null)).toBeNull();
  });
});
