// Cursor pagination and `expand[]` as the SDK drives them: manual starting_after / ending_before,
// auto-pagination over several pages (`for await` and autoPagingToArray), created filters, includable
// fields on objects and list items, total_count on search, and refused expand paths.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite, type ConformanceSuite } from './conformance-suite.js';

const batch_size = 5;

/** Creates `count` customers sharing one email (the list filter), oldest first. */
async function createBatch(suite: ConformanceSuite, label: string, count = batch_size): Promise<{ email: string; ids: string[] }> {
  const email = `${suite.tag(label)}@example.com`;
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1)
    ids.push((await suite.stripe.customers.create({ email, metadata: { index: String(index) } })).id);
  return { email, ids };
}

/** Stripe lists newest first; Tender breaks ties within a second by id, descending. */
function expectNewestFirst(customers: readonly Stripe.Customer[]): void {
  for (let index = 1; index < customers.length; index += 1) {
    const previous = customers[index - 1]!;
    const current = customers[index]!;
    expect(previous.created >= current.created, `${previous.id} before ${current.id}`).toBe(true);
  }
}

for (const engine of test_engines) {
  describe(`lists and expand via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('pages by hand with starting_after and back with ending_before', async () => {
      const { email, ids } = await createBatch(suite, 'manual');
      const first = await suite.stripe.customers.list({ email, limit: 2 });
      expect(first.has_more).toBe(true);
      expect(first.data).toHaveLength(2);
      const second = await suite.stripe.customers.list({ email, limit: 2, starting_after: first.data.at(-1)!.id });
      expect(second.has_more).toBe(true);
      const third = await suite.stripe.customers.list({ email, limit: 2, starting_after: second.data.at(-1)!.id });
      expect(third.has_more).toBe(false);
      expect(third.data).toHaveLength(1);

      const walked = [...first.data, ...second.data, ...third.data];
      expect(new Set(walked.map((customer) => customer.id))).toEqual(new Set(ids));
      expect(walked).toHaveLength(batch_size);
      expectNewestFirst(walked);

      const back = await suite.stripe.customers.list({ email, limit: 2, ending_before: second.data[0]!.id });
      expect(back.data.map((customer) => customer.id)).toEqual(first.data.map((customer) => customer.id));
      expect(back.has_more).toBe(false);
    });

    it('auto-paginates with for await over more than one page', async () => {
      const { email, ids } = await createBatch(suite, 'for-await');
      const seen: string[] = [];
      for await (const customer of suite.stripe.customers.list({ email, limit: 2 })) seen.push(customer.id);
      expect(seen).toHaveLength(batch_size);
      expect(new Set(seen)).toEqual(new Set(ids));
      const listPages = suite.records.filter((record) => record.method === 'GET' && record.path.startsWith('/v1/customers?'));
      expect(listPages.length).toBe(3);
    });

    it('auto-paginates with autoPagingToArray, stopping at its limit', async () => {
      const { email, ids } = await createBatch(suite, 'to-array');
      const all = await suite.stripe.customers.list({ email, limit: 2 }).autoPagingToArray({ limit: 100 });
      expect(new Set(all.map((customer) => customer.id))).toEqual(new Set(ids));
      expectNewestFirst(all);
      const some = await suite.stripe.customers.list({ email, limit: 2 }).autoPagingToArray({ limit: 3 });
      expect(some.map((customer) => customer.id)).toEqual(all.slice(0, 3).map((customer) => customer.id));
    });

    it('filters by created range', async () => {
      const { email, ids } = await createBatch(suite, 'created', 2);
      const created = ((await suite.stripe.customers.retrieve(ids[0]!)) as Stripe.Customer).created;
      const inRange = await suite.stripe.customers.list({ email, created: { gte: created - 1, lte: created + 3600 } });
      expect(new Set(inRange.data.map((customer) => customer.id))).toEqual(new Set(ids));
      const later = await suite.stripe.customers.list({ email, created: { gt: created + 3600 } });
      expect(later.data).toEqual([]);
      const exact = await suite.stripe.customers.list({ email, created: 1 });
      expect(exact.data).toEqual([]);
    });

    it('a cursor naming an unknown object is a 400 resource_missing on that param', async () => {
      const error = await stripeError(
        suite.stripe.customers.list({ starting_after: 'cus_notThere0000001' }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('resource_missing');
      expect(error.param).toBe('starting_after');
      expect(error.message).toBe("No such customer: 'cus_notThere0000001'");
    });

    it('starting_after and ending_before together are refused', async () => {
      const { ids } = await createBatch(suite, 'both-cursors', 2);
      const error = await stripeError(
        suite.stripe.customers.list({ starting_after: ids[0]!, ending_before: ids[1]! }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
    });

    it('expands data.sources on list items, and sources on a single customer', async () => {
      const { email, ids } = await createBatch(suite, 'expand', 2);
      const plain = await suite.stripe.customers.list({ email });
      for (const customer of plain.data) expect(customer).not.toHaveProperty('sources');

      const expanded = await suite.stripe.customers.list({ email, expand: ['data.sources'] });
      expect(expanded.data).toHaveLength(2);
      for (const customer of expanded.data) {
        expect(customer.sources).toMatchObject({ object: 'list', data: [], has_more: false, url: `/v1/customers/${customer.id}/sources` });
      }

      const one = await suite.stripe.customers.retrieve(ids[0]!, { expand: ['sources', 'tax_ids'] });
      expect(one).toMatchObject({
        sources: { object: 'list', url: `/v1/customers/${ids[0]!}/sources` },
        tax_ids: { object: 'list', url: `/v1/customers/${ids[0]!}/tax_ids` },
      });

      const created = await suite.stripe.customers.create({ expand: ['subscriptions'] });
      expect(created.subscriptions).toMatchObject({ object: 'list', data: [], url: `/v1/customers/${created.id}/subscriptions` });
    });

    it('expands total_count on search', async () => {
      const tag = suite.tag('total');
      for (let index = 0; index < 3; index += 1) await suite.stripe.customers.create({ metadata: { total: tag } });
      const query = `metadata["total"]:"${tag}"`;
      const plain = await suite.stripe.customers.search({ query, limit: 1 });
      expect(plain).not.toHaveProperty('total_count');
      const counted = await suite.stripe.customers.search({ query, limit: 1, expand: ['total_count'] });
      expect(counted.total_count).toBe(3);
      expect(counted.data).toHaveLength(1);
      expect(counted.has_more).toBe(true);
    });

    it('refuses an expand path that is not expandable, hinting data. on lists', async () => {
      const onList = await stripeError(suite.stripe.customers.list({ expand: ['sources'] }), Stripe.errors.StripeInvalidRequestError);
      expect(onList.statusCode).toBe(400);
      expect(onList.message).toBe("This property cannot be expanded (sources). You may want to try expanding 'data.sources' instead.");

      const { ids } = await createBatch(suite, 'bad-expand', 1);
      const onObject = await stripeError(
        suite.stripe.customers.retrieve(ids[0]!, { expand: ['email'] }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(onObject.statusCode).toBe(400);
      expect(onObject.message).toBe('This property cannot be expanded (email).');

      const tooDeep = await stripeError(
        suite.stripe.customers.list({ expand: ['data.default_source.customer.default_source.customer'] }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(tooDeep.statusCode).toBe(400);
    });

    it('rawRequest GET /v1/customers answers a list the SDK can read', async () => {
      await createBatch(suite, 'raw', 1);
      const raw = (await suite.stripe.rawRequest('GET', '/v1/customers?limit=1')) as Stripe.ApiList<Stripe.Customer> & {
        lastResponse: Stripe.Response<object>['lastResponse'];
      };
      expect(raw.object).toBe('list');
      expect(raw.url).toBe('/v1/customers');
      expect(raw.data).toHaveLength(1);
      expect(raw.has_more).toBe(true);
      expect(raw.data[0]!.id).toMatch(/^cus_/);
      expect(raw.lastResponse.requestId).toMatch(/^req_/);

      const whole = (await suite.stripe.rawRequest('GET', '/v1/customers')) as Stripe.ApiList<Stripe.Customer>;
      expect(whole.object).toBe('list');
      expect(whole.data.length).toBeGreaterThan(0);
      expect(whole.data.length).toBeLessThanOrEqual(10);
    });
  });
}
