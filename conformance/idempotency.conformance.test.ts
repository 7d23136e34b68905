// Idempotency through the SDK's `idempotencyKey` request option: a retry replays the first answer
// (with `Idempotent-Replayed: true`) and does no second effect; the same key with other params or on
// another endpoint is an idempotency_error; a request refused by validation is not remembered.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';
import { responseHeader } from './stripe-client.js';

for (const engine of test_engines) {
  describe(`idempotency via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('the same key twice answers the same customer, replayed, and creates only one', async () => {
      const tag = suite.tag('replay');
      const idempotencyKey = `key-${tag}`;
      const params = { email: `${tag}@example.com`, metadata: { attempt: 'first' } };
      const first = await suite.stripe.customers.create(params, { idempotencyKey });
      const second = await suite.stripe.customers.create(params, { idempotencyKey });

      expect(responseHeader(first.lastResponse, 'request-id')).toBe(first.lastResponse.requestId);
      expect(responseHeader(first.lastResponse, 'idempotent-replayed')).toBeUndefined();
      expect(first.lastResponse.idempotencyKey).toBe(idempotencyKey);
      expect(responseHeader(second.lastResponse, 'idempotent-replayed')).toBe('true');
      expect(second.lastResponse.idempotencyKey).toBe(idempotencyKey);
      const { lastResponse: _first, ...firstBody } = first;
      const { lastResponse: _second, ...secondBody } = second;
      expect(secondBody).toEqual(firstBody);

      const list = await suite.stripe.customers.list({ email: params.email });
      expect(list.data.map((customer) => customer.id)).toEqual([first.id]);
      const events = await suite.stripe.events.list({ type: 'customer.created', limit: 100 });
      expect(events.data.filter((event) => (event.data.object as { id?: string }).id === first.id)).toHaveLength(1);
    });

    it('an update replayed after a later change still answers the first result', async () => {
      const created = await suite.stripe.customers.create({ name: 'v0' });
      const idempotencyKey = `key-${suite.tag('update')}`;
      const first = await suite.stripe.customers.update(created.id, { name: 'v1' }, { idempotencyKey });
      await suite.stripe.customers.update(created.id, { name: 'v2' });
      const replay = await suite.stripe.customers.update(created.id, { name: 'v1' }, { idempotencyKey });
      expect(responseHeader(replay.lastResponse, 'idempotent-replayed')).toBe('true');
      expect(replay.name).toBe('v1');
      expect(first.name).toBe('v1');
      expect(((await suite.stripe.customers.retrieve(created.id)) as Stripe.Customer).name).toBe('v2');
    });

    it('the same key with other params is StripeIdempotencyError (400 idempotency_error)', async () => {
      const tag = suite.tag('mismatch');
      const idempotencyKey = `key-${tag}`;
      await suite.stripe.customers.create({ email: `${tag}@example.com` }, { idempotencyKey });
      const error = await stripeError(
        suite.stripe.customers.create({ email: `other.${tag}@example.com` }, { idempotencyKey }),
        Stripe.errors.StripeIdempotencyError,
      );
      expect(error.statusCode).toBe(400);
      expect(error.rawType).toBe('idempotency_error');
      expect(error.message).toBe(
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
      );
      const list = await suite.stripe.customers.list({ email: `other.${tag}@example.com` });
      expect(list.data).toEqual([]);
    });

    it('the same key on another endpoint is StripeIdempotencyError naming both paths', async () => {
      const idempotencyKey = `key-${suite.tag('endpoint')}`;
      const created = await suite.stripe.customers.create({}, { idempotencyKey });
      const error = await stripeError(
        suite.stripe.customers.update(created.id, {}, { idempotencyKey }),
        Stripe.errors.StripeIdempotencyError,
      );
      expect(error.statusCode).toBe(400);
      expect(error.message).toContain(`('/v1/customers' vs '/v1/customers/${created.id}')`);
    });

    it('a request refused by parameter validation is not remembered: the key then works for a valid request', async () => {
      const tag = suite.tag('invalid-first');
      const idempotencyKey = `key-${tag}`;
      const invalid = { email: `${tag}@example.com`, not_a_param: 'x' } as Stripe.CustomerCreateParams;
      const refused = await stripeError(
        suite.stripe.customers.create(invalid, { idempotencyKey }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(refused.code).toBe('parameter_unknown');
      expect(responseHeader(refused, 'idempotent-replayed')).toBeUndefined();

      const created = await suite.stripe.customers.create({ email: `${tag}@example.com` }, { idempotencyKey });
      expect(responseHeader(created.lastResponse, 'idempotent-replayed')).toBeUndefined();
      expect(created.email).toBe(`${tag}@example.com`);
    });

    it('an error after execution began is remembered and replayed', async () => {
      const idempotencyKey = `key-${suite.tag('missing')}`;
      const first = await stripeError(
        suite.stripe.customers.update('cus_missing0000001', { name: 'x' }, { idempotencyKey }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(first.statusCode).toBe(404);
      const again = await stripeError(
        suite.stripe.customers.update('cus_missing0000001', { name: 'x' }, { idempotencyKey }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(again.statusCode).toBe(404);
      expect(again.message).toBe(first.message);
      expect(responseHeader(again, 'idempotent-replayed')).toBe('true');
    });

    it('keys are not shared between create calls without one: the SDK keys every POST itself', async () => {
      const tag = suite.tag('auto-key');
      const first = await suite.stripe.customers.create({ email: `${tag}@example.com` });
      const second = await suite.stripe.customers.create({ email: `${tag}@example.com` });
      expect(first.lastResponse.idempotencyKey).toMatch(/^stripe-node-retry-/);
      expect(second.lastResponse.idempotencyKey).not.toBe(first.lastResponse.idempotencyKey);
      expect(second.id).not.toBe(first.id);
    });

    it('two concurrent requests with one key create one customer; a loser sees 409 idempotency_key_in_use or the replay', async () => {
      const tag = suite.tag('race');
      const idempotencyKey = `key-${tag}`;
      const params = { email: `${tag}@example.com` };
      const outcomes = await Promise.allSettled([0, 1, 2].map(() => suite.stripe.customers.create(params, { idempotencyKey })));
      const created = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.id] : []));
      expect(created.length).toBeGreaterThan(0);
      expect(new Set(created).size).toBe(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          // stripe-node maps a 409 to StripeAPIError (only 400 idempotency_error is StripeIdempotencyError).
          expect(outcome.reason).toBeInstanceOf(Stripe.errors.StripeAPIError);
          expect((outcome.reason as Stripe.errors.StripeError).statusCode).toBe(409);
          expect((outcome.reason as Stripe.errors.StripeError).code).toBe('idempotency_key_in_use');
        }
      }
      const list = await suite.stripe.customers.list({ email: params.email });
      expect(list.data.map((customer) => customer.id)).toEqual([created[0]]);
    });

    it('an idempotency key over 255 characters is refused', async () => {
      const error = await stripeError(
        suite.stripe.customers.create({}, { idempotencyKey: 'k'.repeat(256) }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
    });
  });
}
