// The oracle the suite leans on must be able to say no: a response missing a required field, with a
// wrong type, a non-JSON body, or an unknown route answering 200 all fail; Stripe-shaped answers pass.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertResponsesMatchSpec,
  findInvalidResponses,
  loadResponseValidator,
  validation_hook_timeout_ms,
} from './response-validation.js';
import type { RecordedResponse } from './stripe-client.js';

const customer = {
  id: 'cus_123',
  object: 'customer',
  address: null,
  balance: 0,
  created: 1700000000,
  currency: null,
  default_source: null,
  delinquent: false,
  description: null,
  discount: null,
  email: null,
  invoice_prefix: 'ABCDEF12',
  invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
  livemode: false,
  metadata: {},
  name: null,
  next_invoice_sequence: 1,
  phone: null,
  preferred_locales: [],
  shipping: null,
  tax_exempt: 'none',
  test_clock: null,
};

function record(method: string, path: string, status: number, body: unknown, json = true): RecordedResponse {
  return { method, path, status, body, json };
}

describe('response validation against the shared OpenAPI oracle', () => {
  beforeAll(async () => {
    await loadResponseValidator();
  }, validation_hook_timeout_ms);

  it(
    'passes Stripe-shaped answers: an object, a list, a deleted stub and an error envelope',
    async () => {
      const validator = await loadResponseValidator();
      const good = [
        record('POST', '/v1/customers', 200, customer),
        record('GET', '/v1/customers?limit=1', 200, { object: 'list', data: [customer], has_more: false, url: '/v1/customers' }),
        record('GET', '/v1/customers/cus_123', 200, { id: 'cus_123', object: 'customer', deleted: true }),
        record('GET', '/v1/customers/cus_404', 404, {
          error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such customer' },
        }),
        record('GET', '/v1/not_a_route', 404, { error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } }),
      ];
      expect(findInvalidResponses(validator, good)).toEqual([]);
    },
    validation_hook_timeout_ms,
  );

  it(
    'fails a missing required field, a wrong type, a bad enum, non-JSON, and a 200 from an unknown route',
    async () => {
      const validator = await loadResponseValidator();
      const { livemode: _dropped, ...missingField } = customer;
      const bad = [
        record('POST', '/v1/customers', 200, missingField),
        record('GET', '/v1/customers/cus_123', 200, { ...customer, created: '1700000000' }),
        record('GET', '/v1/customers/cus_123', 200, { ...customer, tax_exempt: 'sometimes' }),
        record('GET', '/v1/customers', 200, '<html>', false),
        record('GET', '/v1/not_a_route', 200, { ok: true }),
        record('GET', '/v1/customers/cus_404', 404, { error: { message: 'no type' } }),
      ];
      const failures = findInvalidResponses(validator, bad);
      expect(failures.map((failure) => failure.record)).toEqual(bad);
    },
    validation_hook_timeout_ms,
  );

  it(
    'assertResponsesMatchSpec empties the list and throws a readable report',
    async () => {
      const records = [record('POST', '/v1/customers', 200, { ...customer, livemode: 'no' })];
      await expect(assertResponsesMatchSpec(records)).rejects.toThrow(
        /1 response\(s\) do not match Stripe's OpenAPI spec:\n {2}POST \/v1\/customers → 200 \(PostCustomers\)/,
      );
      expect(records).toEqual([]);
    },
    validation_hook_timeout_ms,
  );
});
