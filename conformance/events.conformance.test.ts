// Events as the SDK reads them: each customer change records one event (created, updated with
// previous_attributes, deleted), tied to the request and idempotency key that caused it, listed
// newest first, filtered by `type` (with a `*` wildcard) or `types[]`, and retrievable by id.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';

function objectId(event: Stripe.Event): string | undefined {
  return (event.data.object as { id?: string }).id;
}

for (const engine of test_engines) {
  describe(`events via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('records created, updated and deleted for one customer, newest first, under customer.*', async () => {
      const tag = suite.tag('lifecycle');
      const idempotencyKey = `key-${tag}`;
      const created = await suite.stripe.customers.create({ name: 'Old name', email: `${tag}@example.com` }, { idempotencyKey });
      const updated = await suite.stripe.customers.update(created.id, { name: 'New name', metadata: { tag } });
      const deleted = await suite.stripe.customers.del(created.id);

      const events = await suite.stripe.events.list({ type: 'customer.*', limit: 100 });
      expect(events.object).toBe('list');
      expect(events.url).toBe('/v1/events');
      for (const event of events.data) expect(event.type).toMatch(/^customer\./);
      const mine = events.data.filter((event) => objectId(event) === created.id);
      expect(mine.map((event) => event.type)).toEqual(['customer.deleted', 'customer.updated', 'customer.created']);

      const [deletedEvent, updatedEvent, createdEvent] = mine as [Stripe.Event, Stripe.Event, Stripe.Event];
      for (const event of mine) {
        expect(event.id).toMatch(/^evt_/);
        expect(event.object).toBe('event');
        expect(event.livemode).toBe(false);
        expect(typeof event.api_version).toBe('string');
        expect(event.pending_webhooks).toBe(0);
      }

      expect(createdEvent.data.object).toMatchObject({ id: created.id, object: 'customer', name: 'Old name' });
      expect(createdEvent.request).toEqual({ id: created.lastResponse.requestId, idempotency_key: idempotencyKey });

      expect(updatedEvent.data.object).toMatchObject({ id: created.id, name: 'New name', metadata: { tag } });
      expect(updatedEvent.data.previous_attributes).toEqual({ name: 'Old name', metadata: { tag: null } });
      expect(updatedEvent.request?.id).toBe(updated.lastResponse.requestId);

      // customer.deleted carries the customer as it was, not the stub.
      expect(deletedEvent.data.object).toMatchObject({ id: created.id, object: 'customer', name: 'New name' });
      expect(deletedEvent.request?.id).toBe(deleted.lastResponse.requestId);
      expect(createdEvent.created).toBeLessThanOrEqual(deletedEvent.created);
    });

    it('retrieves an event by id exactly as listed', async () => {
      const customer = await suite.stripe.customers.create({ name: suite.tag('retrieve') });
      const listed = (await suite.stripe.events.list({ type: 'customer.created', limit: 100 })).data.find(
        (event) => objectId(event) === customer.id,
      );
      expect(listed).toBeDefined();
      const fetched = await suite.stripe.events.retrieve(listed!.id);
      const { lastResponse, ...body } = fetched;
      expect(lastResponse.statusCode).toBe(200);
      expect(body).toEqual(listed);
    });

    it('filters by exact type and by types[]', async () => {
      const customer = await suite.stripe.customers.create({ name: 'types' });
      await suite.stripe.customers.update(customer.id, { name: 'types 2' });

      const updatedOnly = await suite.stripe.events.list({ type: 'customer.updated', limit: 100 });
      expect(updatedOnly.data.length).toBeGreaterThan(0);
      for (const event of updatedOnly.data) expect(event.type).toBe('customer.updated');

      const some = await suite.stripe.events.list({ types: ['customer.created', 'customer.updated'], limit: 100 });
      const mine = some.data.filter((event) => objectId(event) === customer.id).map((event) => event.type);
      expect(mine).toEqual(['customer.updated', 'customer.created']);
      for (const event of some.data) expect(['customer.created', 'customer.updated']).toContain(event.type);

      const none = await suite.stripe.events.list({ type: 'payment_intent.*' });
      expect(none.data).toEqual([]);
      expect(none.has_more).toBe(false);
    });

    it('an update that changes nothing records no event', async () => {
      const customer = await suite.stripe.customers.create({ name: 'same' });
      await suite.stripe.customers.update(customer.id, { name: 'same' });
      const events = await suite.stripe.events.list({ type: 'customer.updated', limit: 100 });
      expect(events.data.filter((event) => objectId(event) === customer.id)).toEqual([]);
    });

    it('auto-paginates events over several pages', async () => {
      const ids = new Set<string>();
      for (let index = 0; index < 4; index += 1) ids.add((await suite.stripe.customers.create({ name: `page ${index}` })).id);
      const seen = new Set<string>();
      const eventIds = new Set<string>();
      for await (const event of suite.stripe.events.list({ type: 'customer.created', limit: 2 })) {
        expect(eventIds.has(event.id), `duplicate ${event.id}`).toBe(false);
        eventIds.add(event.id);
        const id = objectId(event);
        if (id !== undefined) seen.add(id);
      }
      for (const id of ids) expect(seen.has(id)).toBe(true);
    });

    it('type and types together are refused', async () => {
      const error = await stripeError(
        suite.stripe.events.list({ type: 'customer.created', types: ['customer.updated'] }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
    });
  });
}
