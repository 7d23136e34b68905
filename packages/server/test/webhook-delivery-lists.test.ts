// The outbox's lists on every engine: newest first (ties by id), for an account and mode, one of its
// endpoints or one event, never another account's or mode's rows; and cancelling an endpoint's
// pending deliveries leaves its settled ones and every other endpoint's alone; counts by state, all or
// one. On SQLite (the engine whose planner is part of the product) the lists read their page from an
// index (before migration 0012 they sorted every delivery of the account, on the request thread), and
// the backlog is counted from the pending rows' index, not over the whole outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open-store.js';
import type { SqlExecutor, SqlQuery, Store } from '../src/store/store.js';
import { test_engines } from '../src/test-support/test-engines.js';
import {
  cancelPendingDeliveries,
  delivery_states,
  deliveryCounts,
  insertDeliveries,
  listDeliveries,
  settleDeliveries,
  type DeliveryState,
} from '../src/webhooks/delivery-records.js';

const start_ms = 1_800_000_000_000;
const test = { account_id: 'acct_lists', livemode: false };
const live = { account_id: 'acct_lists', livemode: true };
const other = { account_id: 'acct_other', livemode: false };

/** 12 deliveries of the test scope over two endpoints, three to a millisecond (so ids break ties). */
const rows = Array.from({ length: 12 }, (_, index) => ({
  id: `wd_${String.fromCharCode(97 + ((index * 5) % 12))}${index}`,
  event_id: `evt_${Math.floor(index / 2)}`,
  endpoint_id: index % 3 === 0 ? 'we_rare' : 'we_busy',
  created_ms: start_ms + Math.floor(index / 3),
  lease_until_ms: 0,
}));

/** Newest first, as Stripe lists: by creation, then by id. */
const newestFirst = (list: typeof rows) =>
  [...list].sort((a, b) => b.created_ms - a.created_ms || (a.id < b.id ? 1 : -1)).map((row) => row.id);

for (const engine of test_engines) {
  describe(`webhook delivery lists on ${engine.name}`, () => {
    let store: Store;
    const schema = engine.schema();
    beforeAll(async () => {
      store = openStore({ db: engine.db, nowSeconds: () => start_ms / 1000, ...(schema === undefined ? {} : { schema }) });
      await store.migrate();
      await store.transaction(async (tx) => {
        await insertDeliveries(tx, store, test, rows);
        // Newer rows of the same endpoint ids in another mode and another account: never listed here.
        for (const [index, scope] of [live, other].entries()) {
          await insertDeliveries(
            tx,
            store,
            scope,
            rows.map((row) => ({ ...row, id: `${row.id}_${index}`, created_ms: row.created_ms + 1_000 })),
          );
        }
      });
    });
    afterAll(async () => {
      await store.close();
      await engine.dropSchema(schema);
    });

    const ids = (filter: { event_id?: string; endpoint_id?: string; limit: number }, scope = test) =>
      store.read(async (executor) => (await listDeliveries(executor, store, scope, filter)).map((delivery) => delivery.id));

    it('lists newest first, ties by id, for the account and mode, an endpoint or an event', async () => {
      expect(await ids({ limit: 100 })).toEqual(newestFirst(rows));
      expect(await ids({ limit: 5 })).toEqual(newestFirst(rows).slice(0, 5));
      expect(await ids({ endpoint_id: 'we_rare', limit: 100 })).toEqual(newestFirst(rows.filter((row) => row.endpoint_id === 'we_rare')));
      expect(await ids({ endpoint_id: 'we_busy', limit: 3 })).toEqual(
        newestFirst(rows.filter((row) => row.endpoint_id === 'we_busy')).slice(0, 3),
      );
      expect(await ids({ event_id: 'evt_2', limit: 100 })).toEqual(newestFirst(rows.filter((row) => row.event_id === 'evt_2')));
      expect(await ids({ limit: 2 }, live)).toEqual(
        newestFirst(rows)
          .slice(0, 2)
          .map((id) => `${id}_0`),
      );
      expect(await ids({ endpoint_id: 'we_nowhere', limit: 10 })).toEqual([]);
    });

    if (engine.name === 'sqlite') {
      it('reads each list page from an index, without sorting the account or endpoint', async () => {
        const plans: string[] = [];
        await store.read(async (executor) => {
          // Runs each list query's plan beside it, with the same parameters.
          const explaining: SqlExecutor = {
            ...executor,
            all: async <Row>(query: SqlQuery) => {
              if (query.sql.startsWith('select * from "webhook_deliveries"')) {
                const plan = await executor.all<{ detail: string }>({
                  sql: `EXPLAIN QUERY PLAN ${query.sql}`,
                  parameters: query.parameters,
                });
                plans.push(plan.map((step) => step.detail).join(' | '));
              }
              return executor.all<Row>(query);
            },
          };
          await listDeliveries(explaining, store, test, { limit: 10 });
          await listDeliveries(explaining, store, test, { endpoint_id: 'we_rare', limit: 10 });
        });
        expect(plans).toEqual([
          expect.stringContaining('USING INDEX webhook_deliveries_by_created'),
          expect.stringContaining('USING INDEX webhook_deliveries_by_endpoint'),
        ]);
        for (const plan of plans) expect(plan).not.toContain('TEMP B-TREE');
      });
    }

    it("cancels an endpoint's pending deliveries only", async () => {
      // One of we_rare's deliveries was delivered before the endpoint was disabled.
      const [delivered, ...pending] = rows.filter((row) => row.endpoint_id === 'we_rare');
      await settleDeliveries(
        store,
        [
          {
            delivery: { ...delivered!, attempts: 0 },
            attempt: { attempted_ms: start_ms + 10, duration_ms: 3, status_code: 200, error: null },
            result: { kind: 'delivered', status_code: 200 },
          },
        ],
        start_ms + 20,
      );
      await store.transaction((tx) => cancelPendingDeliveries(tx, store, 'we_rare', start_ms + 30));
      const states = await store.read(async (executor) => {
        const listed = await listDeliveries(executor, store, test, { limit: 100 });
        return new Map(listed.map((delivery) => [delivery.id, delivery.state]));
      });
      expect(states.get(delivered!.id)).toBe('delivered');
      for (const row of pending) expect(states.get(row.id)).toBe('canceled');
      for (const row of rows.filter((candidate) => candidate.endpoint_id === 'we_busy')) expect(states.get(row.id)).toBe('pending');
    });

    it('counts deliveries by state for the account and mode, all at once or one state, the backlog from its own index', async () => {
      // After the cancellation above: we_rare has one delivered and three canceled, we_busy eight pending.
      const counted = (scope: typeof test, only?: DeliveryState) => store.read((executor) => deliveryCounts(executor, store, scope, only));
      const all = { pending: 8, delivered: 1, failed: 0, canceled: 3 };
      expect(await counted(test)).toEqual(all);
      for (const state of delivery_states) expect(await counted(test, state)).toEqual({ [state]: all[state] });
      // The other scopes reuse the endpoint ids (real ones are unique), so we_rare's four were canceled there too.
      expect(await counted(live, 'pending')).toEqual({ pending: 8 });
      expect(await counted(other)).toEqual({ pending: 8, delivered: 0, failed: 0, canceled: 4 });
      if (engine.name === 'sqlite') {
        const plans: string[] = [];
        await store.read(async (executor) => {
          const explaining: SqlExecutor = {
            ...executor,
            first: async <Row>(query: SqlQuery) => {
              const plan = await executor.all<{ detail: string }>({ sql: `EXPLAIN QUERY PLAN ${query.sql}`, parameters: query.parameters });
              plans.push(plan.map((step) => step.detail).join(' | '));
              return executor.first<Row>(query);
            },
          };
          await deliveryCounts(explaining, store, test, 'pending');
        });
        expect(plans).toEqual([expect.stringContaining('USING INDEX webhook_deliveries_due')]);
      }
    });
  });
}
