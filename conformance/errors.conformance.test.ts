// Errors as the SDK sees them: the class it raises is chosen from the HTTP status and `error.type`
// (stripe-node's generateV1Error), so a wrong status or type shows up here as the wrong class.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { conformance_secret_key, stripeError, useConformanceSuite } from './conformance-suite.js';
import { responseHeader } from './stripe-client.js';

for (const engine of test_engines) {
  describe(`errors via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('a missing customer is StripeInvalidRequestError: 404 resource_missing on param id', async () => {
      const error = await stripeError(suite.stripe.customers.retrieve('cus_doesNotExist123'), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(404);
      expect(error.rawType).toBe('invalid_request_error');
      expect(error.code).toBe('resource_missing');
      expect(error.param).toBe('id');
      expect(error.message).toBe("No such customer: 'cus_doesNotExist123'");
      expect(error.doc_url).toBe('https://stripe.com/docs/error-codes/resource-missing');
      expect(error.requestId).toMatch(/^req_/);
      expect(responseHeader(error, 'request-id')).toBe(error.requestId);
    });

    it('a missing event is a 404 resource_missing', async () => {
      const error = await stripeError(suite.stripe.events.retrieve('evt_doesNotExist123'), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(404);
      expect(error.code).toBe('resource_missing');
      expect(error.message).toBe("No such event: 'evt_doesNotExist123'");
    });

    it('a wrong secret key is StripeAuthenticationError: 401 with the key masked to its last 4 characters', async () => {
      const wrongKey = 'sk_test_wrongKey0000000000000000wxyz';
      const error = await stripeError(suite.client(wrongKey).customers.list(), Stripe.errors.StripeAuthenticationError);
      expect(error.statusCode).toBe(401);
      expect(error.rawType).toBe('invalid_request_error');
      expect(error.message).toMatch(/^Invalid API Key provided: sk_test_\*+wxyz$/);
      expect(error.message).not.toContain('wrongKey');
      expect(error.requestId).toMatch(/^req_/);
    });

    it('a malformed key is rejected the same way, without echoing it', async () => {
      const error = await stripeError(suite.client('not_a_key_at_all_1234').customers.create(), Stripe.errors.StripeAuthenticationError);
      expect(error.statusCode).toBe(401);
      expect(error.message).toMatch(/^Invalid API Key provided: /);
      expect(error.message).not.toContain('a_key_at_all');
    });

    it('a publishable key cannot read customers: 401 secret_key_required', async () => {
      expect(suite.tender.publishableKey).toMatch(/^pk_test_/);
      const error = await stripeError(suite.client(suite.tender.publishableKey).customers.list(), Stripe.errors.StripeAuthenticationError);
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe('secret_key_required');
      expect(error.message).toMatch(/^This API call cannot be made with a publishable API key\./);
    });

    it('the right key still works after the wrong ones', async () => {
      const list = await suite.client(conformance_secret_key).customers.list({ limit: 1 });
      expect(list.object).toBe('list');
    });

    it('an unknown parameter passed through the typed SDK is 400 parameter_unknown, and nothing is created', async () => {
      const tag = suite.tag('unknown');
      const params = { email: `${tag}@example.com`, favourite_colour: 'teal' } as Stripe.CustomerCreateParams;
      const error = await stripeError(suite.stripe.customers.create(params), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('parameter_unknown');
      expect(error.param).toBe('favourite_colour');
      expect(error.message).toMatch(/^Received unknown parameter: favourite_colour/);
      const list = await suite.stripe.customers.list({ email: `${tag}@example.com` });
      expect(list.data).toEqual([]);
    });

    it('an unknown parameter through rawRequest is 400 parameter_unknown', async () => {
      const error = await stripeError(
        suite.stripe.rawRequest('POST', '/v1/customers', { nmae: 'typo' }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('parameter_unknown');
      expect(error.param).toBe('nmae');
    });

    it('a nested unknown parameter names its bracketed path', async () => {
      const params = { address: { line1: '1 Main St', planet: 'Mars' } } as Stripe.CustomerCreateParams;
      const error = await stripeError(suite.stripe.customers.create(params), Stripe.errors.StripeInvalidRequestError);
      expect(error.code).toBe('parameter_unknown');
      expect(error.param).toBe('address[planet]');
    });

    it('a non-integer where an integer belongs is 400 parameter_invalid_integer', async () => {
      const create = await stripeError(
        suite.stripe.customers.create({ balance: 'lots' as unknown as number }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(create.statusCode).toBe(400);
      expect(create.code).toBe('parameter_invalid_integer');
      expect(create.param).toBe('balance');
      expect(create.message).toBe('Invalid integer: lots');

      const fraction = await stripeError(suite.stripe.customers.create({ balance: 12.5 }), Stripe.errors.StripeInvalidRequestError);
      expect(fraction.code).toBe('parameter_invalid_integer');
      expect(fraction.message).toBe('Invalid integer: 12.5');

      const list = await stripeError(
        suite.stripe.customers.list({ limit: 'ten' as unknown as number }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(list.statusCode).toBe(400);
      expect(list.code).toBe('parameter_invalid_integer');
      expect(list.param).toBe('limit');
    });

    it('limit outside 1..100 is refused on param limit', async () => {
      for (const limit of [0, 101]) {
        const error = await stripeError(suite.stripe.customers.list({ limit }), Stripe.errors.StripeInvalidRequestError);
        expect(error.statusCode, `limit ${limit}`).toBe(400);
        expect(error.param, `limit ${limit}`).toBe('limit');
      }
    });

    it('a value outside an enum is a 400 naming the param', async () => {
      const error = await stripeError(
        suite.stripe.customers.create({ tax_exempt: 'sometimes' as Stripe.CustomerCreateParams.TaxExempt }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
      expect(error.param).toBe('tax_exempt');
      expect(error.message).toMatch(/^Invalid tax_exempt: must be one of /);
    });

    it('an unknown route is a 404 StripeInvalidRequestError with Stripe’s wording', async () => {
      const error = await stripeError(suite.stripe.rawRequest('GET', '/v1/nothing_here'), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(404);
      expect(error.message).toBe(
        'Unrecognized request URL (GET: /v1/nothing_here). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.',
      );
    });

    it('an invalid search query is a 400 on param query', async () => {
      const error = await stripeError(suite.stripe.customers.search({ query: 'colour:"teal"' }), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(400);
      expect(error.param).toBe('query');
    });

    it('a Stripe-Account header naming another account is a 403 StripePermissionError', async () => {
      const error = await stripeError(
        suite.stripe.customers.list({}, { stripeAccount: 'acct_someoneElse0001' }),
        Stripe.errors.StripePermissionError,
      );
      expect(error.statusCode).toBe(403);
      expect(error.message).toMatch(/^Only Stripe Connect platforms can work with other accounts\./);
    });
  });
}
