// Malformed requests, one row each: the exact status, type, code and param Stripe would answer, never
// a 500, and nothing written. Customers and events are counted before and after; idempotency records
// grow only for the rows marked `executed`, which fail after execution began and so are stored, as
// Stripe stores them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, test_secret_key, type CallOptions, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

interface Row {
  name: string;
  method: string;
  path: string;
  options?: CallOptions;
  status: number;
  type?: string;
  code?: string;
  param?: string;
  message?: string | RegExp;
  /** Fails inside execution (a POST), so its idempotency record is stored. */
  executed?: true;
}

const form = (body: string, headers: Record<string, string> = {}): CallOptions => ({ form: body, headers });
const many = (count: number, make: (index: number) => string) => Array.from({ length: count }, (_, index) => make(index)).join('&');
const basic = (user: string) => ({ key: null, headers: { authorization: `Basic ${Buffer.from(`${user}:`).toString('base64')}` } });

const rows: Row[] = [
  // Keys
  {
    name: 'no key at all',
    method: 'GET',
    path: '/v1/customers',
    options: { key: null },
    status: 401,
    message: /^You did not provide an API key/,
  },
  {
    name: 'Bearer with nothing after it',
    method: 'GET',
    path: '/v1/customers',
    options: { key: null, headers: { authorization: 'Bearer' } },
    status: 401,
    message: /^You did not provide an API key/,
  },
  {
    name: 'an unknown scheme',
    method: 'GET',
    path: '/v1/customers',
    options: { key: null, headers: { authorization: 'Token abc' } },
    status: 401,
  },
  {
    name: 'a well-formed but unknown secret key',
    method: 'GET',
    path: '/v1/customers',
    options: { key: 'sk_test_unknownKey00000000001234' },
    status: 401,
    message: /^Invalid API Key provided: sk_test_\*+1234$/,
  },
  {
    name: 'a key of no known shape',
    method: 'GET',
    path: '/v1/customers',
    options: { key: 'hello-world-key' },
    status: 401,
    message: /^Invalid API Key provided: hello-wo\*+-key$/,
  },
  {
    name: 'a live key nobody issued',
    method: 'GET',
    path: '/v1/customers',
    options: { key: 'sk_live_unknownKey00000000001234' },
    status: 401,
  },
  {
    name: 'Basic auth with an unknown key',
    method: 'GET',
    path: '/v1/customers',
    options: basic('sk_test_nope00000000000000'),
    status: 401,
  },
  {
    name: 'Basic auth with garbage',
    method: 'GET',
    path: '/v1/customers',
    options: { key: null, headers: { authorization: 'Basic %%%' } },
    status: 401,
  },
  {
    name: 'X-API-Key with an unknown key',
    method: 'GET',
    path: '/v1/customers',
    options: { key: null, headers: { 'x-api-key': 'sk_test_nope00000000000000' } },
    status: 401,
  },
  {
    name: 'a restricted key nobody issued',
    method: 'POST',
    path: '/v1/customers',
    options: { key: 'rk_test_nope00000000000000', form: 'name=x' },
    status: 401,
  },
  // Unknown and mistyped parameters
  {
    name: 'an unknown parameter',
    method: 'POST',
    path: '/v1/customers',
    options: form('foo=bar'),
    status: 400,
    code: 'parameter_unknown',
    param: 'foo',
    message: 'Received unknown parameter: foo',
  },
  {
    name: 'a misspelt parameter',
    method: 'POST',
    path: '/v1/customers',
    options: form('emial=a%40b.c'),
    status: 400,
    code: 'parameter_unknown',
    param: 'emial',
  },
  {
    name: 'an unknown nested parameter',
    method: 'POST',
    path: '/v1/customers',
    options: form('address[planet]=mars'),
    status: 400,
    code: 'parameter_unknown',
    param: 'address[planet]',
  },
  {
    name: 'an unknown list filter',
    method: 'GET',
    path: '/v1/customers?colour=red',
    status: 400,
    code: 'parameter_unknown',
    param: 'colour',
  },
  {
    name: 'an unknown created operator',
    method: 'GET',
    path: '/v1/customers?created[foo]=1',
    status: 400,
    code: 'parameter_unknown',
    param: 'created[foo]',
  },
  {
    name: 'letters for an integer',
    method: 'POST',
    path: '/v1/customers',
    options: form('balance=abc'),
    status: 400,
    code: 'parameter_invalid_integer',
    param: 'balance',
    message: 'Invalid integer: abc',
  },
  {
    name: 'a fraction for an integer',
    method: 'POST',
    path: '/v1/customers',
    options: form('balance=1.5'),
    status: 400,
    code: 'parameter_invalid_integer',
    param: 'balance',
  },
  {
    name: 'an integer beyond 2^53',
    method: 'POST',
    path: '/v1/customers',
    options: form('balance=99999999999999999999'),
    status: 400,
    code: 'parameter_invalid_integer',
    param: 'balance',
  },
  {
    name: 'a JSON string for an integer',
    method: 'POST',
    path: '/v1/customers',
    options: { json: { balance: 'many' } },
    status: 400,
    code: 'parameter_invalid_integer',
    param: 'balance',
  },
  {
    name: 'letters for limit',
    method: 'GET',
    path: '/v1/customers?limit=ten',
    status: 400,
    code: 'parameter_invalid_integer',
    param: 'limit',
  },
  {
    name: 'letters for created[gte]',
    method: 'GET',
    path: '/v1/customers?created[gte]=yesterday',
    status: 400,
    code: 'parameter_invalid_integer',
    param: 'created[gte]',
  },
  {
    name: 'limit 0',
    method: 'GET',
    path: '/v1/customers?limit=0',
    status: 400,
    code: 'parameter_invalid_integer',
    param: 'limit',
    message: 'This value must be greater than or equal to 1.',
  },
  {
    name: 'limit 101',
    method: 'GET',
    path: '/v1/customers?limit=101',
    status: 400,
    code: 'parameter_invalid_integer',
    param: 'limit',
    message: 'This value must be less than or equal to 100.',
  },
  {
    name: 'an empty email',
    method: 'POST',
    path: '/v1/customers',
    options: form('email='),
    status: 400,
    code: 'parameter_invalid_empty',
    param: 'email',
  },
  {
    name: 'a value outside an enum',
    method: 'POST',
    path: '/v1/customers',
    options: form('tax_exempt=maybe'),
    status: 400,
    param: 'tax_exempt',
    message: 'Invalid tax_exempt: must be one of exempt, none, or reverse',
  },
  {
    name: 'a string where a hash goes',
    method: 'POST',
    path: '/v1/customers',
    options: form('address=Paris'),
    status: 400,
    param: 'address',
    message: 'Invalid hash',
  },
  {
    name: 'a string where an array goes',
    method: 'POST',
    path: '/v1/customers',
    options: form('preferred_locales=fr'),
    status: 400,
    param: 'preferred_locales',
    message: 'Invalid array',
  },
  {
    name: 'expand as a plain string',
    method: 'GET',
    path: '/v1/customers?expand=data.sources',
    status: 400,
    param: 'expand',
    message: 'Invalid array',
  },
  {
    name: 'a hash where a string goes',
    method: 'POST',
    path: '/v1/customers',
    options: form('name[first]=Ada'),
    status: 400,
    param: 'name',
  },
  {
    name: 'a nested required param missing',
    method: 'POST',
    path: '/v1/customers',
    options: form('shipping[name]=Ada'),
    status: 400,
    code: 'parameter_missing',
    param: 'shipping[address]',
  },
  {
    name: 'search without a query',
    method: 'GET',
    path: '/v1/customers/search',
    status: 400,
    code: 'parameter_missing',
    param: 'query',
    message: 'Missing required param: query.',
  },
  {
    name: 'an invoice_prefix Stripe would refuse',
    method: 'POST',
    path: '/v1/customers',
    options: form('invoice_prefix=ab'),
    status: 400,
    param: 'invoice_prefix',
    executed: true,
  },
  // Over-long strings and metadata
  {
    name: 'a 5001-character description',
    method: 'POST',
    path: '/v1/customers',
    options: form(`description=${'d'.repeat(5001)}`),
    status: 400,
    param: 'description',
    message: /must be at most 5000 characters$/,
  },
  {
    name: 'a 501-character metadata value',
    method: 'POST',
    path: '/v1/customers',
    options: form(`metadata[k]=${'v'.repeat(501)}`),
    status: 400,
    param: 'metadata',
  },
  {
    name: 'a 41-character metadata key',
    method: 'POST',
    path: '/v1/customers',
    options: form(`metadata[${'k'.repeat(41)}]=v`),
    status: 400,
    param: 'metadata',
  },
  {
    name: '51 metadata keys',
    method: 'POST',
    path: '/v1/customers',
    options: form(many(51, (index) => `metadata[k${index}]=v`)),
    status: 400,
    param: 'metadata',
  },
  {
    name: 'a metadata key with brackets (JSON)',
    method: 'POST',
    path: '/v1/customers',
    options: { json: { metadata: { 'a[b]': 'x' } } },
    status: 400,
    param: 'metadata',
  },
  {
    name: 'metadata as a plain string',
    method: 'POST',
    path: '/v1/customers',
    options: form('metadata=tier'),
    status: 400,
    param: 'metadata',
    message: 'Invalid hash',
  },
  // Structure and encoding limits
  { name: 'nesting 7 brackets deep', method: 'POST', path: '/v1/customers', options: form('metadata[a][b][c][d][e][f][g]=1'), status: 400 },
  {
    name: '251 elements in one array',
    method: 'POST',
    path: '/v1/customers',
    options: form(many(251, () => 'preferred_locales[]=fr')),
    status: 400,
  },
  { name: '1001 parameters', method: 'POST', path: '/v1/customers', options: form(many(1001, (index) => `p${index}=1`)), status: 400 },
  { name: 'a broken percent-escape', method: 'POST', path: '/v1/customers', options: form('name=%E0%A4%A'), status: 400 },
  { name: 'a lone UTF-16 surrogate, percent-encoded', method: 'POST', path: '/v1/customers', options: form('name=%ED%A0%80'), status: 400 },
  { name: 'a NUL character in a form', method: 'POST', path: '/v1/customers', options: form('name=a%00b'), status: 400 },
  { name: 'a NUL character in JSON', method: 'POST', path: '/v1/customers', options: { json: { name: 'a\u0000b' } }, status: 400 },
  {
    name: 'invalid JSON',
    method: 'POST',
    path: '/v1/customers',
    options: { body: '{"name": ', headers: { 'content-type': 'application/json' } },
    status: 400,
  },
  {
    name: 'a JSON array body',
    method: 'POST',
    path: '/v1/customers',
    options: { body: '["name"]', headers: { 'content-type': 'application/json' } },
    status: 400,
  },
  {
    name: 'JSON nested 12 deep',
    method: 'POST',
    path: '/v1/customers',
    options: { body: `${'{"metadata":'.repeat(12)}1${'}'.repeat(12)}`, headers: { 'content-type': 'application/json' } },
    status: 400,
  },
  {
    name: 'a text/plain body',
    method: 'POST',
    path: '/v1/customers',
    options: { body: 'name=x', headers: { 'content-type': 'text/plain' } },
    status: 400,
    message: /^Invalid request: unsupported Content-Type text\/plain\./,
  },
  {
    name: 'a multipart body',
    method: 'POST',
    path: '/v1/customers',
    options: { body: '--b\r\n\r\n--b--', headers: { 'content-type': 'multipart/form-data; boundary=b' } },
    status: 400,
    message: /unsupported Content-Type multipart\/form-data/,
  },
  {
    name: 'a body over 1 MiB',
    method: 'POST',
    path: '/v1/customers',
    options: form(`description=${'x'.repeat(1024 * 1024)}`),
    status: 413,
  },
  // Expand
  {
    name: 'expanding a plain field',
    method: 'GET',
    path: '/v1/customers?limit=1&expand[]=data.email',
    status: 400,
    message: 'This property cannot be expanded (data.email).',
  },
  {
    name: 'expanding 5 levels',
    method: 'POST',
    path: '/v1/customers',
    options: form('expand[]=a.b.c.d.e'),
    status: 400,
    message: 'You cannot expand more than 4 levels of a property.',
  },
  // Routes, ids and cursors
  { name: 'an unknown route', method: 'GET', path: '/v1/customerz', status: 404, code: 'url_invalid' },
  { name: 'an unsupported method', method: 'DELETE', path: '/v1/customers', status: 404, code: 'url_invalid' },
  { name: 'a path outside /v1', method: 'GET', path: '/v2/customers', status: 404, code: 'url_invalid' },
  {
    name: 'a missing customer',
    method: 'GET',
    path: '/v1/customers/cus_nope',
    status: 404,
    code: 'resource_missing',
    param: 'id',
    message: "No such customer: 'cus_nope'",
  },
  { name: 'an emoji id', method: 'GET', path: '/v1/customers/%F0%9F%98%80', status: 404, code: 'resource_missing', param: 'id' },
  {
    name: 'a traversal-looking id',
    method: 'POST',
    path: '/v1/customers/..%2F..%2Fetc',
    options: form('name=x'),
    status: 404,
    code: 'resource_missing',
    executed: true,
  },
  { name: 'a very long id', method: 'GET', path: `/v1/customers/cus_${'x'.repeat(4000)}`, status: 404, code: 'resource_missing' },
  { name: 'both cursors', method: 'GET', path: '/v1/customers?starting_after=cus_a&ending_before=cus_b', status: 400 },
  {
    name: 'a cursor that does not exist',
    method: 'GET',
    path: '/v1/customers?starting_after=cus_gone',
    status: 400,
    code: 'resource_missing',
    param: 'starting_after',
  },
  {
    name: 'a reference to a missing payment method',
    method: 'POST',
    path: '/v1/customers',
    options: form('payment_method=pm_nope'),
    status: 400,
    code: 'resource_missing',
    param: 'payment_method',
    executed: true,
  },
  {
    name: 'a search field customers lack',
    method: 'GET',
    path: `/v1/customers/search?query=${encodeURIComponent('status:"active"')}`,
    status: 400,
    param: 'query',
  },
  {
    name: 'an unbalanced search quote',
    method: 'GET',
    path: `/v1/customers/search?query=${encodeURIComponent('email:"a')}`,
    status: 400,
    param: 'query',
  },
  {
    name: 'a forged search page',
    method: 'GET',
    path: `/v1/customers/search?query=${encodeURIComponent('email:"a"')}&page=abc`,
    status: 400,
    param: 'page',
  },
  { name: 'events: type and types together', method: 'GET', path: '/v1/events?type=a&types[]=b', status: 400 },
  { name: 'events: 21 types', method: 'GET', path: `/v1/events?${many(21, (index) => `types[]=t${index}`)}`, status: 400, param: 'types' },
  { name: 'a missing event', method: 'GET', path: '/v1/events/evt_nope', status: 404, code: 'resource_missing', param: 'id' },
  // Headers
  {
    name: 'a 256-character idempotency key',
    method: 'POST',
    path: '/v1/customers',
    options: form('name=x', { 'idempotency-key': 'k'.repeat(256) }),
    status: 400,
  },
  {
    name: 'another account in Stripe-Account',
    method: 'GET',
    path: '/v1/customers',
    options: { headers: { 'stripe-account': 'acct_other' } },
    status: 403,
  },
  // PaymentMethods and tokens
  {
    name: 'a card number failing Luhn',
    method: 'POST',
    path: '/v1/payment_methods',
    options: form('type=card&card[number]=4242424242424241&card[exp_month]=12&card[exp_year]=2099'),
    status: 402,
    type: 'card_error',
    code: 'incorrect_number',
    param: 'number',
    message: 'Your card number is incorrect.',
    executed: true,
  },
  {
    name: 'a card expiry month of 13',
    method: 'POST',
    path: '/v1/payment_methods',
    options: form('type=card&card[number]=4242424242424242&card[exp_month]=13&card[exp_year]=2099'),
    status: 402,
    type: 'card_error',
    code: 'invalid_expiry_month',
    param: 'exp_month',
    executed: true,
  },
  {
    name: 'a payment method without card details',
    method: 'POST',
    path: '/v1/payment_methods',
    options: form('type=card'),
    status: 400,
    code: 'parameter_missing',
    param: 'card',
    message: 'Missing required param: card.',
    executed: true,
  },
  {
    name: 'a card without exp_year',
    method: 'POST',
    path: '/v1/payment_methods',
    options: form('type=card&card[number]=4242424242424242&card[exp_month]=12'),
    status: 400,
  },
  {
    name: 'an unknown payment method',
    method: 'GET',
    path: '/v1/payment_methods/pm_doesNotExist',
    status: 404,
    code: 'resource_missing',
    message: "No such PaymentMethod: 'pm_doesNotExist'",
  },
  {
    name: 'attach without a customer',
    method: 'POST',
    path: '/v1/payment_methods/pm_card_visa/attach',
    options: form(''),
    status: 400,
    code: 'parameter_missing',
    param: 'customer',
  },
  {
    name: 'attach to an unknown customer',
    method: 'POST',
    path: '/v1/payment_methods/pm_card_visa/attach',
    options: form('customer=cus_doesNotExist'),
    status: 400,
    code: 'resource_missing',
    param: 'customer',
    message: "No such customer: 'cus_doesNotExist'",
    executed: true,
  },
  {
    name: 'detach a magic payment method',
    method: 'POST',
    path: '/v1/payment_methods/pm_card_visa/detach',
    options: form(''),
    status: 400,
    message: 'The payment method you provided is not attached to a customer so detachment is impossible.',
    executed: true,
  },
  {
    name: 'a token with a two-digit CVC',
    method: 'POST',
    path: '/v1/tokens',
    options: form('card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2099&card[cvc]=12'),
    status: 402,
    type: 'card_error',
    code: 'invalid_cvc',
    param: 'cvc',
    executed: true,
  },
  {
    name: 'a payment method from an unknown token',
    method: 'POST',
    path: '/v1/payment_methods',
    options: form('type=card&card[token]=tok_doesNotExist'),
    status: 400,
    code: 'resource_missing',
    param: 'card[token]',
    message: "No such token: 'tok_doesNotExist'",
    executed: true,
  },
  // PaymentIntents
  {
    name: 'a payment intent without an amount',
    method: 'POST',
    path: '/v1/payment_intents',
    options: form('currency=usd'),
    status: 400,
    code: 'parameter_missing',
    param: 'amount',
    message: 'Missing required param: amount.',
  },
  {
    name: 'a payment intent below the minimum amount',
    method: 'POST',
    path: '/v1/payment_intents',
    options: form('amount=10&currency=usd'),
    status: 400,
    code: 'amount_too_small',
    param: 'amount',
    message: 'Amount must be at least $0.50 usd',
    executed: true,
  },
  {
    name: 'a payment intent with an unknown payment method',
    method: 'POST',
    path: '/v1/payment_intents',
    options: form('amount=2000&currency=usd&payment_method=pm_doesNotExist'),
    status: 400,
    code: 'resource_missing',
    param: 'payment_method',
    message: "No such PaymentMethod: 'pm_doesNotExist'",
    executed: true,
  },
  {
    name: 'capture an unknown payment intent',
    method: 'POST',
    path: '/v1/payment_intents/pi_doesNotExist/capture',
    options: form(''),
    status: 404,
    code: 'resource_missing',
    message: "No such payment_intent: 'pi_doesNotExist'",
    executed: true,
  },
  {
    name: 'an unknown charge',
    method: 'GET',
    path: '/v1/charges/ch_doesNotExist',
    status: 404,
    code: 'resource_missing',
    message: "No such charge: 'ch_doesNotExist'",
  },
  // Refunds
  {
    name: 'a refund naming neither a charge nor a payment intent',
    method: 'POST',
    path: '/v1/refunds',
    options: form('amount=100'),
    status: 400,
    code: 'parameter_missing',
    param: 'charge',
    executed: true,
  },
  {
    name: 'a refund naming both a charge and a payment intent',
    method: 'POST',
    path: '/v1/refunds',
    options: form('charge=ch_x&payment_intent=pi_x'),
    status: 400,
    code: 'parameter_invalid',
    param: 'payment_intent',
    executed: true,
  },
  {
    name: 'a refund of an unknown charge',
    method: 'POST',
    path: '/v1/refunds',
    options: form('charge=ch_doesNotExist'),
    status: 400,
    code: 'resource_missing',
    param: 'charge',
    message: "No such charge: 'ch_doesNotExist'",
    executed: true,
  },
  {
    name: 'a refund with an unknown reason',
    method: 'POST',
    path: '/v1/refunds',
    options: form('charge=ch_x&reason=because'),
    status: 400,
    param: 'reason',
  },
  {
    name: 'an unknown refund',
    method: 'GET',
    path: '/v1/refunds/re_doesNotExist',
    status: 404,
    code: 'resource_missing',
    message: "No such refund: 're_doesNotExist'",
  },
  {
    name: 'cancel an unknown refund',
    method: 'POST',
    path: '/v1/refunds/re_doesNotExist/cancel',
    options: form(''),
    status: 404,
    code: 'resource_missing',
    message: "No such refund: 're_doesNotExist'",
    executed: true,
  },
];

const counts = async (tender: LiveTender) =>
  tender.store.read(async (executor) => {
    const count = async (table: 'customers' | 'events' | 'idempotency_keys') =>
      Number(
        (
          await executor.first<{ count: number | string }>(
            tender.store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('count'))
              .compile(),
          )
        )?.count,
      );
    return { customers: await count('customers'), events: await count('events'), idempotency_keys: await count('idempotency_keys') };
  });

for (const engine of test_engines) {
  describe(`bad input on ${engine.name}`, () => {
    let tender: LiveTender;
    let before: Awaited<ReturnType<typeof counts>>;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
      before = await counts(tender);
    });
    afterAll(async () => {
      await tender.close();
    });

    it('has at least 50 cases', () => {
      expect(rows.length).toBeGreaterThanOrEqual(50);
    });

    it.each(rows)('$name → $status', async (row) => {
      const options = { ...row.options, headers: { 'idempotency-key': `bad-${row.name}`, ...row.options?.headers } };
      if (row.method !== 'POST') delete (options.headers as Record<string, string>)['idempotency-key'];
      const response = await tender.call(row.method, row.path, options);
      expect(response.status).toBe(row.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const error = response.json?.error;
      expect(error).toBeTypeOf('object');
      expect(error.type).toBe(row.type ?? 'invalid_request_error');
      if (row.code !== undefined) expect(error.code).toBe(row.code);
      if (row.param !== undefined) expect(error.param).toBe(row.param);
      if (typeof row.message === 'string') expect(error.message).toBe(row.message);
      if (row.message instanceof RegExp) expect(error.message).toMatch(row.message);
      expect(response.text).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(response.text).not.toContain(test_secret_key);
    });

    it('wrote nothing', async () => {
      const executed = rows.filter((row) => row.executed === true).length;
      expect(executed).toBe(17);
      expect(await counts(tender)).toEqual({ ...before, idempotency_keys: before.idempotency_keys + executed });
    });
  });
}
