// Customers through the official SDK: create, retrieve, update (merge and unset rules), delete and
// the deleted stub, list filters and search with its `next_page` cursor. Every response is also
// checked against Stripe's spec by the suite's hooks.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';

const now_tolerance_seconds = 120;

for (const engine of test_engines) {
  describe(`customers via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('creates a customer with every common field and returns the full object', async () => {
      const email = `${suite.tag('create')}@example.com`;
      const customer = await suite.stripe.customers.create({
        email,
        name: 'Ada Lovelace',
        description: 'first customer',
        phone: '+15555550100',
        balance: -250,
        preferred_locales: ['en', 'fr'],
        tax_exempt: 'reverse',
        invoice_prefix: 'ADA123',
        metadata: { plan: 'gold', seats: '3' },
        address: { line1: '1 Main St', city: 'London', postal_code: 'N1 9GU', country: 'GB' },
        shipping: { name: 'Ada', address: { line1: '2 Side St', country: 'GB' } },
        invoice_settings: { footer: 'Thanks', custom_fields: [{ name: 'VAT', value: 'GB123' }] },
      });
      expect(customer.id).toMatch(/^cus_[A-Za-z0-9]+$/);
      expect(customer.object).toBe('customer');
      expect(customer.livemode).toBe(false);
      expect(Math.abs(customer.created - Date.now() / 1000)).toBeLessThan(now_tolerance_seconds);
      expect(customer).toMatchObject({
        email,
        name: 'Ada Lovelace',
        description: 'first customer',
        phone: '+15555550100',
        balance: -250,
        preferred_locales: ['en', 'fr'],
        tax_exempt: 'reverse',
        invoice_prefix: 'ADA123',
        metadata: { plan: 'gold', seats: '3' },
        address: { line1: '1 Main St', line2: null, city: 'London', state: null, postal_code: 'N1 9GU', country: 'GB' },
        shipping: { name: 'Ada', phone: null, address: { line1: '2 Side St', country: 'GB', city: null } },
        invoice_settings: { footer: 'Thanks', custom_fields: [{ name: 'VAT', value: 'GB123' }], default_payment_method: null },
        default_source: null,
        delinquent: false,
        discount: null,
      });
      expect(customer.lastResponse.statusCode).toBe(200);
      expect(customer.lastResponse.requestId).toMatch(/^req_/);
    });

    it('creates an empty customer with nullable fields present as null', async () => {
      const customer = await suite.stripe.customers.create();
      for (const field of ['email', 'name', 'description', 'phone', 'address', 'shipping', 'currency', 'default_source'] as const) {
        expect(customer, field).toHaveProperty(field, null);
      }
      expect(customer.metadata).toEqual({});
      expect(customer.balance).toBe(0);
      expect(customer.invoice_prefix).toMatch(/^[A-Z0-9]{3,12}$/);
    });

    it('retrieves what it created, and answers Stripe-Version and a request id', async () => {
      const created = await suite.stripe.customers.create({ name: 'Grace', metadata: { k: 'v' } });
      const fetched = await suite.stripe.customers.retrieve(created.id);
      const { lastResponse: _created, ...createdBody } = created;
      const { lastResponse, ...fetchedBody } = fetched;
      expect(fetchedBody).toEqual(createdBody);
      expect(lastResponse.requestId).toMatch(/^req_/);
      expect(lastResponse.requestId).not.toBe(created.lastResponse.requestId);
      // The SDK pins its own API version and Tender echoes whatever version was asked for.
      expect(lastResponse.apiVersion).toBe(Stripe.API_VERSION);
      const pinned = await suite.stripe.customers.retrieve(created.id, {}, { apiVersion: '2023-08-16' });
      expect(pinned.lastResponse.apiVersion).toBe('2023-08-16');
    });

    it('updates: metadata merges, an empty string unsets a metadata key or an emptyable field, and the change persists', async () => {
      const created = await suite.stripe.customers.create({
        name: 'Before',
        description: 'kept',
        address: { line1: '1 Main St', country: 'US' },
        metadata: { keep: '1', change: 'old', remove: 'x' },
      });
      const updated = await suite.stripe.customers.update(created.id, {
        name: 'After',
        address: '',
        metadata: { change: 'new', remove: '', added: 'yes' },
      });
      expect(updated.id).toBe(created.id);
      expect(updated.name).toBe('After');
      expect(updated.address).toBeNull();
      expect(updated.description).toBe('kept');
      expect(updated.metadata).toEqual({ keep: '1', change: 'new', added: 'yes' });
      expect(updated.created).toBe(created.created);

      const fetched = await suite.stripe.customers.retrieve(created.id);
      expect(fetched).toMatchObject({
        name: 'After',
        address: null,
        description: 'kept',
        metadata: { keep: '1', change: 'new', added: 'yes' },
      });

      // `description` is not "emptyable" in Stripe's spec: an empty string is refused, not a way to unset it.
      const empty = await stripeError(
        suite.stripe.customers.update(created.id, { description: '' }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(empty.code).toBe('parameter_invalid_empty');
      expect(empty.param).toBe('description');

      const cleared = await suite.stripe.customers.update(created.id, { metadata: '' });
      expect(cleared.metadata).toEqual({});
    });

    it('deletes: answers the deleted stub, retrieve then answers the same stub, and a second delete is a 404', async () => {
      const created = await suite.stripe.customers.create({ email: `${suite.tag('delete')}@example.com` });
      const deleted = await suite.stripe.customers.del(created.id);
      expect(deleted).toMatchObject({ id: created.id, object: 'customer', deleted: true });

      const fetched = await suite.stripe.customers.retrieve(created.id);
      const { lastResponse, ...body } = fetched;
      expect(lastResponse.statusCode).toBe(200);
      expect(body).toEqual({ id: created.id, object: 'customer', deleted: true });

      const again = await stripeError(suite.stripe.customers.del(created.id), Stripe.errors.StripeInvalidRequestError);
      expect(again.statusCode).toBe(404);
      expect(again.code).toBe('resource_missing');

      const update = await stripeError(
        suite.stripe.customers.update(created.id, { name: 'ghost' }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(update.statusCode).toBe(404);
      expect(update.code).toBe('resource_missing');
      expect(update.message).toBe(`No such customer: '${created.id}'`);
    });

    it('refuses a malformed email address, as Stripe does', async () => {
      const error = await stripeError(suite.stripe.customers.create({ email: 'not-an-email' }), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(400);
      expect(error.param).toBe('email');
      expect(error.message).toBe('Invalid email address: not-an-email');
      expect(error.code).toBe('email_invalid');
    });

    it('lists by email, leaving out deleted customers', async () => {
      const email = `${suite.tag('list')}@example.com`;
      const first = await suite.stripe.customers.create({ email });
      const second = await suite.stripe.customers.create({ email });
      const other = await suite.stripe.customers.create({ email: `${suite.tag('other')}@example.com` });
      await suite.stripe.customers.del(first.id);

      const list = await suite.stripe.customers.list({ email });
      expect(list.object).toBe('list');
      expect(list.url).toBe('/v1/customers');
      expect(list.has_more).toBe(false);
      expect(list.data.map((customer) => customer.id)).toEqual([second.id]);
      expect(list.data.map((customer) => customer.id)).not.toContain(other.id);
    });

    it('searches by email, name substring and metadata, leaving out deleted customers', async () => {
      const tag = suite.tag('search');
      const email = `${tag}@example.com`;
      const alpha = await suite.stripe.customers.create({ email, name: `Alpha ${tag}`, metadata: { tier: tag } });
      const beta = await suite.stripe.customers.create({ email: `b.${email}`, name: `Beta ${tag}`, metadata: { tier: tag } });
      const gone = await suite.stripe.customers.create({ email, name: `Gone ${tag}`, metadata: { tier: tag } });
      await suite.stripe.customers.del(gone.id);

      const byEmail = await suite.stripe.customers.search({ query: `email:"${email}"` });
      expect(byEmail.object).toBe('search_result');
      expect(byEmail.url).toBe('/v1/customers/search');
      expect(byEmail.has_more).toBe(false);
      expect(byEmail.next_page).toBeNull();
      expect(byEmail.data.map((customer) => customer.id)).toEqual([alpha.id]);

      const byName = await suite.stripe.customers.search({ query: `name~"Beta ${tag}"` });
      expect(byName.data.map((customer) => customer.id)).toEqual([beta.id]);

      const byMetadata = await suite.stripe.customers.search({ query: `metadata["tier"]:"${tag}"` });
      expect(new Set(byMetadata.data.map((customer) => customer.id))).toEqual(new Set([alpha.id, beta.id]));

      const both = await suite.stripe.customers.search({ query: `metadata["tier"]:"${tag}" AND -name~"Alpha"` });
      expect(both.data.map((customer) => customer.id)).toEqual([beta.id]);
    });

    it('pages search results with next_page until has_more is false', async () => {
      const tag = suite.tag('search-pages');
      const ids = new Set<string>();
      for (let index = 0; index < 5; index += 1) ids.add((await suite.stripe.customers.create({ metadata: { batch: tag } })).id);
      const query = `metadata["batch"]:"${tag}"`;

      const seen: string[] = [];
      let page: string | undefined;
      let pages = 0;
      for (;;) {
        const result = await suite.stripe.customers.search({ query, limit: 2, ...(page === undefined ? {} : { page }) });
        pages += 1;
        expect(result.data.length).toBeLessThanOrEqual(2);
        seen.push(...result.data.map((customer) => customer.id));
        if (!result.has_more) {
          expect(result.next_page).toBeNull();
          break;
        }
        expect(typeof result.next_page).toBe('string');
        page = result.next_page!;
        expect(pages).toBeLessThan(10);
      }
      expect(pages).toBe(3);
      expect(seen).toHaveLength(5);
      expect(new Set(seen)).toEqual(ids);

      const all = await suite.stripe.customers.search({ query, limit: 2 }).autoPagingToArray({ limit: 100 });
      expect(all.map((customer) => customer.id)).toEqual(seen);
    });
  });
}
