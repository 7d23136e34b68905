// End to end: the SDK against a live Tender started in-process on a free port with an in-memory
// database. Checks the wire contract both sides must honour: shapes, ids, errors, idempotency,
// pagination and events.

import { describe, expect, it } from 'vitest';
import { AuthenticationError, IdempotencyError, InvalidRequestError, StripeClient, type Customer, type DeletedCustomer } from '@tender/sdk';
import { useLiveTender } from './support/live-tender.js';

const suite = useLiveTender();

const isLive = (customer: Customer | DeletedCustomer): customer is Customer => customer.deleted !== true;

describe('customers against a live Tender', () => {
  it('creates, retrieves, updates and deletes a customer', async () => {
    const created = await suite.client.customers.create({
      email: 'jenny@example.com',
      name: 'Jenny Rosen',
      metadata: { plan: 'pro', region: 'eu' },
      address: { line1: '1 Main St', city: 'Springfield', country: 'US' },
      preferred_locales: ['en', 'fr'],
    });
    expect(created.id).toMatch(/^cus_/);
    expect(created).toMatchObject({
      object: 'customer',
      email: 'jenny@example.com',
      name: 'Jenny Rosen',
      metadata: { plan: 'pro', region: 'eu' },
      livemode: false,
      preferred_locales: ['en', 'fr'],
      phone: null,
    });
    expect(created.address?.city).toBe('Springfield');
    expect(created.lastResponse.requestId).toMatch(/^req_/);
    expect(created.lastResponse.statusCode).toBe(200);

    const retrieved = await suite.client.customers.retrieve(created.id);
    expect(isLive(retrieved) && retrieved.email).toBe('jenny@example.com');

    const updated = await suite.client.customers.update(created.id, { name: 'Jenny R.', metadata: { region: '' }, phone: '+15555550100' });
    expect(updated.name).toBe('Jenny R.');
    expect(updated.phone).toBe('+15555550100');
    expect(updated.metadata).toEqual({ plan: 'pro' });

    const deleted = await suite.client.customers.del(created.id);
    expect(deleted).toEqual({ id: created.id, object: 'customer', deleted: true });
    const afterDelete = await suite.client.customers.retrieve(created.id);
    expect(afterDelete.deleted).toBe(true);
  });

  it('clears an unsettable field with an empty value, and reports a field that cannot be unset', async () => {
    const created = await suite.client.customers.create({ address: { line1: '2 Side St' }, description: 'kept' });
    const updated = await suite.client.customers.update(created.id, { address: '' });
    expect(updated.address).toBeNull();
    // As on Stripe, description has no "unset": the empty value is a 400 naming the param.
    const error = await suite.client.customers.update(created.id, { description: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, param: 'description' });
  });

  it('lists customers newest first and auto-paginates past one page', async () => {
    const marker = `page-${Date.now()}`;
    const ids: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      ids.push((await suite.client.customers.create({ email: `${marker}-${index}@example.com`, metadata: { marker } })).id);
    }
    const firstPage = await suite.client.customers.list({ limit: 3 });
    expect(firstPage.object).toBe('list');
    expect(firstPage.url).toBe('/v1/customers');
    expect(firstPage.data).toHaveLength(3);
    expect(firstPage.has_more).toBe(true);
    expect(firstPage.data.map((customer) => customer.id)).toEqual(ids.slice(-3).reverse());

    const all = await suite.client.customers.list({ limit: 2 }).autoPagingToArray({ limit: 1_000 });
    const seen = all.map((customer) => customer.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());

    const byEmail: string[] = [];
    for await (const customer of suite.client.customers.list({ email: `${marker}-3@example.com` })) byEmail.push(customer.id);
    expect(byEmail).toEqual([ids[3]]);

    const backwards = await suite.client.customers.list({ limit: 2, ending_before: ids[0] }).autoPagingToArray({ limit: 100 });
    expect(backwards.map((customer) => customer.id)).toEqual(ids.slice(1));
  });

  it('searches customers and pages search results', async () => {
    const marker = `search${Date.now()}`;
    const created: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      created.push((await suite.client.customers.create({ name: `Searchable ${index}`, metadata: { marker } })).id);
    }
    const page = await suite.client.customers.search({ query: `metadata["marker"]:"${marker}"`, limit: 2 });
    expect(page.object).toBe('search_result');
    expect(page.data).toHaveLength(2);
    expect(page.has_more).toBe(true);
    expect(typeof page.next_page).toBe('string');

    const found = await suite.client.customers
      .search({ query: `metadata["marker"]:"${marker}"`, limit: 2 })
      .autoPagingToArray({ limit: 100 });
    expect(found.map((customer) => customer.id).sort()).toEqual([...created].sort());
  });

  it('answers a missing customer with InvalidRequestError 404 resource_missing', async () => {
    const error = await suite.client.customers.retrieve('cus_doesnotexist').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', rawType: 'invalid_request_error' });
    expect((error as InvalidRequestError).message).toContain('cus_doesnotexist');
    expect((error as InvalidRequestError).requestId).toMatch(/^req_/);
  });

  it('answers a bad key with AuthenticationError', async () => {
    const stranger = new StripeClient('sk_test_notarealkey0000000000', { baseUrl: suite.tender.url });
    const error = await stranger.customers.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).statusCode).toBe(401);
  });

  it('replays a create with the same idempotency key', async () => {
    const idempotencyKey = `e2e-${Date.now()}`;
    const first = await suite.client.customers.create({ email: 'once@example.com' }, { idempotencyKey });
    const second = await suite.client.customers.create({ email: 'once@example.com' }, { idempotencyKey });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.idempotencyKey).toBe(idempotencyKey);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');

    const reused = await suite.client.customers
      .create({ email: 'other@example.com' }, { idempotencyKey })
      .catch((caught: unknown) => caught);
    expect(reused).toBeInstanceOf(IdempotencyError);
  });

  it('records customer.created events', async () => {
    const created = await suite.client.customers.create({ email: 'evented@example.com' });
    const events = await suite.client.events.list({ type: 'customer.created', limit: 100 }).autoPagingToArray({ limit: 1_000 });
    const event = events.find((candidate) => (candidate.data.object as { id?: string }).id === created.id);
    expect(event).toBeDefined();
    expect(event).toMatchObject({ object: 'event', type: 'customer.created', livemode: false });
    expect(event!.id).toMatch(/^evt_/);

    const retrieved = await suite.client.events.retrieve(event!.id);
    expect(retrieved.data.object).toMatchObject({ id: created.id, object: 'customer' });
  });
});
