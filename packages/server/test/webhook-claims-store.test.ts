// The outbox's claim on every engine: a claim holds a delivery until its lease ends by making it due
// then, so a second claim neither takes it nor reads it, settling sets the real next attempt, and a
// claim that is never settled (a crashed worker) makes the delivery due again when the lease lapses.
// A batch comes back in the order its deliveries fell due, at most `room` per endpoint. And the worker:
// while an endpoint is saturated and no other has work, commits and settled batches do not each make
// it read that endpoint's whole backlog again; an explicit wake still does. Once a claim found nothing
// due, settling handed-off deliveries claims no more, until a commit writes a delivery it did not hand off.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../src/runtime/clock.js';
import { createLogger } from '../src/runtime/logger.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { test_engines } from '../src/test-support/test-engines.js';
import { insertTestEndpoint } from '../src/test-support/webhook-endpoint-rows.js';
import { startWebhookReceiver } from '../src/test-support/webhook-receiver.js';
import { claimDueDeliveries, insertDeliveries, listDeliveries, settleDeliveries } from '../src/webhooks/delivery-records.js';
import { createDeliveryWorker, webhook_claim_batch_max, webhook_held_per_endpoint_max } from '../src/webhooks/delivery-worker.js';

const scope = { account_id: 'acct_claims', livemode: false };
const start_ms = 1_800_000_000_000;
const lease_ms = 60_000;

for (const engine of test_engines) {
  describe(`webhook delivery claims on ${engine.name}`, () => {
    let store: Store;
    const schema = engine.schema();
    beforeAll(async () => {
      store = openStore({ db: engine.db, nowSeconds: () => start_ms / 1000, ...(schema === undefined ? {} : { schema }) });
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
      await engine.dropSchema(schema);
    });

    /** Writes an event and one delivery of it per endpoint, due at `due_ms`, or handed off leased until `lease_until_ms`. */
    const enqueue = async (event_id: string, endpoint_ids: readonly string[], due_ms: number, lease_until_ms = 0) => {
      await store.transaction(async (tx) => {
        await tx.run(
          store.db
            .insertInto('events')
            .values({
              account_id: scope.account_id,
              livemode: 0,
              id: event_id,
              created: due_ms / 1000,
              type: 'customer.created',
              data: `{"id":"${event_id}"}`,
            })
            .compile(),
        );
        await insertDeliveries(
          tx,
          store,
          scope,
          endpoint_ids.map((endpoint_id) => ({
            id: `wd_${event_id}_${endpoint_id}`,
            event_id,
            endpoint_id,
            created_ms: due_ms,
            lease_until_ms,
          })),
        );
      });
    };
    /** An enabled endpoint of the test account, sending to `url`. */
    const insertEndpoint = (id: string, url: string, created_ms: number) =>
      store.transaction((tx) => insertTestEndpoint(tx, store, scope, id, url, created_ms / 1000));
    const claim = (now_ms: number, room = 10) =>
      claimDueDeliveries(store, { now_ms, limit: 10, lease_ms, room: () => room, full_endpoints: [] });
    const view = async (event_id: string) =>
      (await store.read((executor) => listDeliveries(executor, store, scope, { event_id, limit: 10 })))[0]!;

    it('holds a claimed delivery until its lease ends, then offers it again if it was never settled', async () => {
      await enqueue('evt_lease', ['we_a'], start_ms);
      const [first] = await claim(start_ms);
      expect(first).toMatchObject({ id: 'wd_evt_lease_we_a', event_json: '{"id":"evt_lease"}', attempts: 0 });
      expect((await view('evt_lease')).next_attempt_ms).toBe(start_ms + lease_ms);

      expect(await claim(start_ms + lease_ms - 1)).toEqual([]);
      const [again] = await claim(start_ms + lease_ms);
      expect(again?.id).toBe('wd_evt_lease_we_a');
      await settleDeliveries(store, [{ delivery: again!, attempt: null, result: { kind: 'canceled' } }], start_ms + lease_ms);
    });

    it('leaves a delivery written handed off to its lease holder, and offers it to claims once that lease lapses', async () => {
      await enqueue('evt_handed', ['we_h'], start_ms, start_ms + lease_ms);
      expect(await view('evt_handed')).toMatchObject({ state: 'pending', attempts: 0, next_attempt_ms: start_ms + lease_ms });
      expect(await claim(start_ms)).toEqual([]);
      expect(await claim(start_ms + lease_ms - 1)).toEqual([]);
      const [lapsed] = await claim(start_ms + lease_ms);
      expect(lapsed).toMatchObject({ id: 'wd_evt_handed_we_h', attempts: 0, event_json: '{"id":"evt_handed"}' });
      await settleDeliveries(store, [{ delivery: lapsed!, attempt: null, result: { kind: 'canceled' } }], start_ms + lease_ms);
    });

    it('sets the next attempt from the settled result, not from the lease', async () => {
      await enqueue('evt_retry', ['we_b'], start_ms);
      const [claimed] = await claim(start_ms);
      const retry_ms = start_ms + 30_000;
      await settleDeliveries(
        store,
        [
          {
            delivery: claimed!,
            attempt: { attempted_ms: start_ms, duration_ms: 5, status_code: 500, error: 'HTTP 500' },
            result: { kind: 'retry', next_attempt_ms: retry_ms, status_code: 500, error: 'HTTP 500' },
          },
        ],
        start_ms,
      );
      expect(await view('evt_retry')).toMatchObject({ state: 'pending', attempts: 1, next_attempt_ms: retry_ms });
      expect(await claim(retry_ms - 1)).toEqual([]);
      const [retried] = await claim(retry_ms);
      expect(retried).toMatchObject({ id: 'wd_evt_retry_we_b', attempts: 1 });
      await settleDeliveries(
        store,
        [
          {
            delivery: retried!,
            attempt: { attempted_ms: retry_ms, duration_ms: 5, status_code: 200, error: null },
            result: { kind: 'delivered', status_code: 200 },
          },
        ],
        retry_ms,
      );
      expect(await view('evt_retry')).toMatchObject({ state: 'delivered', attempts: 2, next_attempt_ms: null });
    });

    it('answers a batch in the order it fell due, taking at most the room each endpoint has', async () => {
      const later_ms = start_ms + 10 * lease_ms;
      await enqueue('evt_order_3', ['we_c', 'we_d'], later_ms - 1_000);
      await enqueue('evt_order_1', ['we_c', 'we_d'], later_ms - 3_000);
      await enqueue('evt_order_2', ['we_c', 'we_d'], later_ms - 2_000);
      const claimed = await claim(later_ms, 2);
      expect(claimed.map((delivery) => delivery.id)).toEqual([
        'wd_evt_order_1_we_c',
        'wd_evt_order_1_we_d',
        'wd_evt_order_2_we_c',
        'wd_evt_order_2_we_d',
      ]);
      const rest = await claim(later_ms, 2);
      expect(rest.map((delivery) => delivery.id)).toEqual(['wd_evt_order_3_we_c', 'wd_evt_order_3_we_d']);
      expect(await claim(later_ms, 2)).toEqual([]);
      // Settled, so no lease of theirs lapses into the next test's claims.
      await settleDeliveries(
        store,
        [...claimed, ...rest].map((delivery) => ({ delivery, attempt: null, result: { kind: 'canceled' as const } })),
        later_ms,
      );
    });
    it('records a large mixed batch in one call: every attempt row and every outcome, whatever the batch size', async () => {
      const batch_ms = start_ms + 20 * lease_ms;
      // 87 deliveries: more than the largest chunk, and no sum of equal chunks; five outcomes.
      const ids = Array.from({ length: 87 }, (_, index) => `evt_mix_${String(index).padStart(2, '0')}`);
      for (const id of ids) await enqueue(id, ['we_mix'], batch_ms);
      const claimed: Awaited<ReturnType<typeof claim>> = [];
      for (let batch = await claim(batch_ms); batch.length > 0; batch = await claim(batch_ms)) claimed.push(...batch);
      expect(claimed).toHaveLength(87);
      const retry_ms = batch_ms + 45_000;
      const outcomeOf = (index: number) => {
        const attempt = (status_code: number | null, error: string | null) => ({
          attempted_ms: batch_ms + index,
          duration_ms: index,
          status_code,
          error,
        });
        switch (index % 5) {
          case 0:
            return { attempt: attempt(200, null), result: { kind: 'delivered' as const, status_code: 200 } };
          case 1:
            return { attempt: attempt(204, null), result: { kind: 'delivered' as const, status_code: 204 } };
          case 2:
            return {
              attempt: attempt(500, 'HTTP 500'),
              result: { kind: 'retry' as const, next_attempt_ms: retry_ms, status_code: 500, error: 'HTTP 500' },
            };
          case 3:
            return { attempt: attempt(null, 'timed out'), result: { kind: 'failed' as const, status_code: null, error: 'timed out' } };
          default:
            return { attempt: null, result: { kind: 'canceled' as const } };
        }
      };
      const byEvent = new Map(claimed.map((delivery) => [delivery.event_id, delivery]));
      await settleDeliveries(
        store,
        ids.map((id, index) => ({ delivery: byEvent.get(id)!, ...outcomeOf(index) })),
        batch_ms,
      );
      for (const [index, id] of ids.entries()) {
        const row = await view(id);
        const { attempt, result } = outcomeOf(index);
        expect(row).toMatchObject({
          state: result.kind === 'retry' ? 'pending' : result.kind,
          attempts: attempt === null ? 0 : 1,
          next_attempt_ms: result.kind === 'retry' ? retry_ms : null,
          last_status_code: attempt?.status_code ?? null,
          last_error: result.kind === 'retry' || result.kind === 'failed' ? attempt!.error : null,
          completed_ms: result.kind === 'retry' ? null : batch_ms,
        });
        expect(row.attempt_log).toEqual(attempt === null ? [] : [{ attempt: 1, ...attempt }]);
      }
      // The retries are due again when their result said, not when the lease would have lapsed.
      const retried: Awaited<ReturnType<typeof claim>> = [];
      for (let batch = await claim(retry_ms); batch.length > 0; batch = await claim(retry_ms)) retried.push(...batch);
      expect(retried.map((delivery) => delivery.event_id)).toEqual(ids.filter((_, index) => index % 5 === 2));
      // Settled, so no lease of theirs lapses into the next test's claims.
      await settleDeliveries(
        store,
        retried.map((delivery) => ({ delivery, attempt: null, result: { kind: 'canceled' as const } })),
        retry_ms,
      );
    });

    it('stops re-reading a saturated endpoint backlog on every wake while nothing else is due', async () => {
      // An endpoint that accepts connections and never answers keeps every claimed delivery in flight.
      const sockets = new Set<Socket>();
      const hanging: Server = createServer(() => undefined);
      let closing = false;
      hanging.on('connection', (socket) => {
        if (closing) socket.destroy();
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
      const address = hanging.address() as { port: number };
      const due_ms = start_ms + 100 * lease_ms;
      await insertEndpoint('we_saturated', `http://127.0.0.1:${address.port}/hook`, due_ms);
      const backlog = webhook_held_per_endpoint_max + 40;
      for (let index = 0; index < backlog; index += 1) await enqueue(`evt_sat_${String(index).padStart(4, '0')}`, ['we_saturated'], due_ms);

      let claims = 0;
      let claimsDone = 0;
      const counting: Store = {
        ...store,
        transaction: async (work) => {
          claims += 1;
          try {
            return await store.transaction(work);
          } finally {
            claimsDone += 1;
          }
        },
      };
      const worker = createDeliveryWorker({
        store: counting,
        runtime: createRuntime({ clock: createFakeClock(due_ms) }),
        logger: createLogger('silent'),
        retry: { scale: 1 },
        timeout_ms: 60_000,
        poll_interval_ms: 3_600_000,
      });
      try {
        worker.start();
        await waitFor(() => sockets.size > 0);
        // The count once every claim begun has ended and five turns in a row began none (filling takes a
        // claim per batch; on PostgreSQL a claim spans round trips, so turns pass while one is open).
        const settledClaims = async () => {
          for (let quiet = 0, seen = claims; quiet < 5;) {
            await new Promise((resolve) => setTimeout(resolve, 2));
            quiet = claims === seen && claimsDone === claims ? quiet + 1 : 0;
            seen = claims;
          }
          return claims;
        };
        const afterFilling = await settledClaims();
        expect(afterFilling).toBeLessThanOrEqual(Math.ceil(webhook_held_per_endpoint_max / webhook_claim_batch_max) + 1);
        const commits = async (count: number) => {
          for (let commit = 0; commit < count; commit += 1) {
            worker.committed();
            await new Promise((resolve) => setImmediate(resolve));
          }
          return settledClaims();
        };
        // At most one claim finds the endpoint full; after it, commits claim nothing, not one each.
        const afterFull = await commits(20);
        expect(afterFull - afterFilling).toBeLessThanOrEqual(1);
        expect(await commits(20)).toBe(afterFull);
        // An explicit wake still looks at once.
        worker.wake();
        expect(await settledClaims()).toBe(afterFull + 1);
      } finally {
        // Stop first (no more attempts start), then end the ones hanging so the stop can finish.
        const stopping = worker.stop();
        closing = true;
        for (const socket of sockets) socket.destroy();
        await stopping;
        await new Promise<void>((resolve) => hanging.close(() => resolve()));
      }
    });

    it('settles handed-off deliveries without a claim per batch, and claims again once a commit writes a due one', async () => {
      const receiver = await startWebhookReceiver();
      const received = () => receiver.received.map((request) => (JSON.parse(request.body) as { id: string }).id);
      const now_ms = start_ms + 200 * lease_ms;
      await insertEndpoint('we_quiet', receiver.url, now_ms);
      // Claims are the transactions that scan the due index; settling is counted apart.
      let claims = 0;
      const counting: Store = {
        ...store,
        transaction: (work) =>
          store.transaction((tx) =>
            work({
              ...tx,
              all: (query) => {
                if (query.sql.includes(`state = 'pending'`)) claims += 1;
                return tx.all(query);
              },
            }),
          ),
      };
      const worker = createDeliveryWorker({
        store: counting,
        runtime: createRuntime({ clock: createFakeClock(now_ms) }),
        logger: createLogger('silent'),
        retry: { scale: 1 },
        poll_interval_ms: 3_600_000,
      });
      try {
        // The first claims also take what earlier tests left due; the last of them finds nothing.
        worker.start();
        await worker.idle();
        const quiet = claims;
        expect(quiet).toBeGreaterThanOrEqual(1);
        const handed = 30;
        for (let index = 0; index < handed; index += 1) {
          const event_id = `evt_quiet_${index}`;
          const lease_until_ms = worker.handoff.reserve('we_quiet');
          expect(lease_until_ms).not.toBeNull();
          await enqueue(event_id, ['we_quiet'], now_ms, lease_until_ms!);
          worker.handoff.send([
            {
              id: `wd_${event_id}_we_quiet`,
              account_id: scope.account_id,
              livemode: false,
              event_id,
              endpoint_id: 'we_quiet',
              created_ms: now_ms,
              attempts: 0,
              event_json: JSON.stringify({ id: event_id }),
              endpoint: { url: receiver.url, secret: 'whsec_we_quiet', status: 'enabled' },
            },
          ]);
          // Some turns apart, so the attempts settle in several batches.
          if (index % 10 === 9) await worker.idle();
        }
        await worker.idle();
        expect(receiver.received).toHaveLength(handed);
        for (const index of [0, handed - 1]) expect((await view(`evt_quiet_${index}`)).state).toBe('delivered');
        expect(claims).toBe(quiet);

        // A delivery written due (no place was taken for it) is claimed once the commit says so.
        await enqueue('evt_quiet_due', ['we_quiet'], now_ms);
        worker.committed();
        await waitFor(() => received().includes('evt_quiet_due'));
        await worker.idle();
        expect((await view('evt_quiet_due')).state).toBe('delivered');
        // The claim that took it, and at most one more after it settled that found nothing.
        expect(claims - quiet).toBeGreaterThanOrEqual(1);
        expect(claims - quiet).toBeLessThanOrEqual(2);
      } finally {
        await worker.stop();
        await receiver.close();
      }
    });
  });
}

async function waitFor(condition: () => boolean, timeout_ms = 5_000): Promise<void> {
  const deadline = Date.now() + timeout_ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
