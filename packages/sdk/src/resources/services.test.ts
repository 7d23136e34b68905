// The wire of every service method: verb, path (ids encoded), and where params go (query for GET
// and DELETE, form body for POST), checked against an in-memory HTTP client. What the server does
// with them is covered end to end in test/*.e2e.test.ts.

import { describe, expect, it } from 'vitest';
import { StripeClient } from '../client.js';
import { MockHttpClient } from '../core/http/mock-client.js';

type Call = [label: string, run: (client: StripeClient) => Promise<unknown>, method: string, url: string, body?: string];

const base = 'https://api.stripe.com';

const calls: Call[] = [
  ['refunds.create', (c) => c.refunds.create({ charge: 'ch_1', amount: 500 }), 'POST', '/v1/refunds', 'charge=ch_1&amount=500'],
  ['refunds.retrieve', (c) => c.refunds.retrieve('re_1', { expand: ['charge'] }), 'GET', '/v1/refunds/re_1?expand[0]=charge'],
  ['refunds.update', (c) => c.refunds.update('re_1', { metadata: { a: '' } }), 'POST', '/v1/refunds/re_1', 'metadata[a]='],
  ['refunds.list', (c) => c.refunds.list({ payment_intent: 'pi_1' }), 'GET', '/v1/refunds?payment_intent=pi_1'],
  ['refunds.cancel', (c) => c.refunds.cancel('re_1'), 'POST', '/v1/refunds/re_1/cancel', ''],
  [
    'setupIntents.create',
    (c) => c.setupIntents.create({ customer: 'cus_1', confirm: true }),
    'POST',
    '/v1/setup_intents',
    'customer=cus_1&confirm=true',
  ],
  ['setupIntents.retrieve', (c) => c.setupIntents.retrieve('seti_1'), 'GET', '/v1/setup_intents/seti_1'],
  [
    'setupIntents.update',
    (c) => c.setupIntents.update('seti_1', { description: 'x' }),
    'POST',
    '/v1/setup_intents/seti_1',
    'description=x',
  ],
  ['setupIntents.list', (c) => c.setupIntents.list({ customer: 'cus_1' }), 'GET', '/v1/setup_intents?customer=cus_1'],
  [
    'setupIntents.confirm',
    (c) => c.setupIntents.confirm('seti_1', { payment_method: 'pm_card_visa' }),
    'POST',
    '/v1/setup_intents/seti_1/confirm',
    'payment_method=pm_card_visa',
  ],
  [
    'setupIntents.cancel',
    (c) => c.setupIntents.cancel('seti_1', { cancellation_reason: 'abandoned' }),
    'POST',
    '/v1/setup_intents/seti_1/cancel',
    'cancellation_reason=abandoned',
  ],
  ['setupAttempts.list', (c) => c.setupAttempts.list({ setup_intent: 'seti_1' }), 'GET', '/v1/setup_attempts?setup_intent=seti_1'],
  ['payouts.create', (c) => c.payouts.create({ amount: 1100, currency: 'usd' }), 'POST', '/v1/payouts', 'amount=1100&currency=usd'],
  ['payouts.retrieve', (c) => c.payouts.retrieve('po_1'), 'GET', '/v1/payouts/po_1'],
  ['payouts.update', (c) => c.payouts.update('po_1', { metadata: { k: 'v' } }), 'POST', '/v1/payouts/po_1', 'metadata[k]=v'],
  ['payouts.list', (c) => c.payouts.list({ status: 'paid' }), 'GET', '/v1/payouts?status=paid'],
  ['payouts.cancel', (c) => c.payouts.cancel('po_1'), 'POST', '/v1/payouts/po_1/cancel', ''],
  [
    'accounts.createExternalAccount',
    (c) => c.accounts.createExternalAccount('acct_1', { external_account: 'btok_1', default_for_currency: true }),
    'POST',
    '/v1/accounts/acct_1/external_accounts',
    'external_account=btok_1&default_for_currency=true',
  ],
  [
    'accounts.retrieveExternalAccount',
    (c) => c.accounts.retrieveExternalAccount('acct_1', 'ba_1'),
    'GET',
    '/v1/accounts/acct_1/external_accounts/ba_1',
  ],
  [
    'accounts.updateExternalAccount',
    (c) => c.accounts.updateExternalAccount('acct_1', 'ba_1', { account_holder_name: 'J' }),
    'POST',
    '/v1/accounts/acct_1/external_accounts/ba_1',
    'account_holder_name=J',
  ],
  [
    'accounts.deleteExternalAccount',
    (c) => c.accounts.deleteExternalAccount('acct_1', 'ba_1'),
    'DELETE',
    '/v1/accounts/acct_1/external_accounts/ba_1',
  ],
  [
    'accounts.listExternalAccounts',
    (c) => c.accounts.listExternalAccounts('acct_1', { object: 'bank_account' }),
    'GET',
    '/v1/accounts/acct_1/external_accounts?object=bank_account',
  ],
  [
    'charges.create',
    (c) => c.charges.create({ amount: 2000, currency: 'usd', source: 'tok_visa' }),
    'POST',
    '/v1/charges',
    'amount=2000&currency=usd&source=tok_visa',
  ],
  ['charges.update', (c) => c.charges.update('ch_1', { description: 'd' }), 'POST', '/v1/charges/ch_1', 'description=d'],
  ['charges.capture', (c) => c.charges.capture('ch_1', { amount: 1500 }), 'POST', '/v1/charges/ch_1/capture', 'amount=1500'],
  ['charges.search', (c) => c.charges.search({ query: 'amount>999' }), 'GET', '/v1/charges/search?query=amount%3E999'],
  [
    'paymentIntents.search',
    (c) => c.paymentIntents.search({ query: 'status:"succeeded"', limit: 5 }),
    'GET',
    '/v1/payment_intents/search?query=status%3A%22succeeded%22&limit=5',
  ],
];

describe('service methods on the wire', () => {
  it.each(calls)('%s', async (_label, run, method, url, body) => {
    const http = new MockHttpClient(() => ({ body: { id: 'x_1', object: 'list', data: [], has_more: false, url: '/' } }));
    await run(new StripeClient('sk_test_1', { httpClient: http, maxNetworkRetries: 0 }));
    expect(http.requests).toHaveLength(1);
    const request = http.requests[0]!;
    expect(request.method).toBe(method);
    expect(request.url).toBe(base + url);
    if (body !== undefined) expect(request.body).toBe(body);
  });

  it('encodes ids, so one cannot address another route', async () => {
    const http = new MockHttpClient(() => ({ body: {} }));
    const client = new StripeClient('sk_test_1', { httpClient: http });
    await client.accounts.retrieveExternalAccount('acct_1/../x', 'ba 1');
    expect(http.requests[0]!.url).toBe(`${base}/v1/accounts/acct_1%2F..%2Fx/external_accounts/ba%201`);
  });

  it('pages search results with next_page', async () => {
    const pages = [
      { object: 'search_result', data: [{ id: 'pi_2' }], has_more: true, next_page: 'cursor_2', url: '/v1/payment_intents/search' },
      { object: 'search_result', data: [{ id: 'pi_1' }], has_more: false, next_page: null, url: '/v1/payment_intents/search' },
    ];
    const http = new MockHttpClient(() => ({ body: pages.shift() }));
    const client = new StripeClient('sk_test_1', { httpClient: http });
    const all = await client.paymentIntents.search({ query: 'currency:"usd"', limit: 1 }).autoPagingToArray({ limit: 10 });
    expect(all.map((intent) => intent.id)).toEqual(['pi_2', 'pi_1']);
    expect(http.requests[1]!.url).toBe(`${base}/v1/payment_intents/search?query=currency%3A%22usd%22&limit=1&page=cursor_2`);
  });
});
