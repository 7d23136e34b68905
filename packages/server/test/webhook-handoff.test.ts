// The hand-off of new deliveries from the transaction that writes them to this process's worker, on
// every engine. A delivery the worker takes is written leased (out of the claims' reach until the
// lease ends) and reaches the worker, with the event's stored JSON and the endpoint's URL and secret,
// only once its transaction committed; a rollback gives its place back and sends nothing. One the
// worker has no room for is written due, for a claim. And the worker's side: it lends places only
// while started, and keeps a claim's refill of room free on each endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommitSignal, type Written } from '../src/domain/events/commit-signal.js';
import { commandTransaction } from '../src/domain/shared/command-context.js';
import { snapshot } from '../src/domain/shared/snapshot.js';
import { createFakeClock } from '../src/runtime/clock.js';
import { createLogger } from '../src/runtime/logger.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { test_engines } from '../src/test-support/test-engines.js';
import { insertTestEndpoint } from '../src/test-support/webhook-endpoint-rows.js';
import { claimDueDeliveries, listDeliveries, type ClaimedDelivery, type DeliveryHandoff } from '../src/webhooks/delivery-records.js';
import { createDeliveryWorker, webhook_claim_refill_min, webhook_held_per_endpoint_max } from '../src/webhooks/delivery-worker.js';

const scope = { account_id: 'acct_handoff', livemode: false };
const start_ms = 1_800_000_000_000;
const lease_ms = 60_000;

/** A hand-off that lends `room` places, and records what it was given and given back. */
function recordingHandoff(room: number) {
  const log = { reserved: [] as string[], sent: [] as ClaimedDelivery[], released: [] as string[] };
  let free = room;
  const handoff: DeliveryHandoff = {
    reserve(endpoint_id) {
      if (free === 0) return null;
      free -= 1;
      log.reserved.push(endpoint_id);
      return start_ms + lease_ms;
    },
    send: (deliveries) => void log.sent.push(...deliveries),
    release: (endpoint_ids) => void log.released.push(...endpoint_ids),
  };
  return { handoff, log };
}

for (const engine of test_engines) {
  describe(`webhook delivery hand-off on ${engine.name}`, () => {
    let store: Store;
    const schema = engine.schema();
    const runtime = createRuntime({ clock: createFakeClock(start_ms) });
    beforeAll(async () => {
      store = openStore({ db: engine.db, nowSeconds: () => start_ms / 1000, ...(schema === undefined ? {} : { schema }) });
      await store.migrate();
      await store.transaction(async (tx) => {
        for (const [id, url] of [
          ['we_one', 'http://127.0.0.1:9/one'],
          ['we_two', 'http://127.0.0.1:9/two'],
        ] as const)
          await insertTestEndpoint(tx, store, scope, id, url, start_ms / 1000);
      });
    });
    afterAll(async () => {
      await store.close();
      await engine.dropSchema(schema);
    });

    /** Writes one customer.created event in a command transaction; `fail` rolls it back after the write. */
    const writeEvent = async (handoff: DeliveryHandoff, fail = false) => {
      const signal = createCommitSignal(handoff);
      const told: Written[] = [];
      signal.subscribe((written) => void told.push({ ...written }));
      let eventId = '';
      const outcome = commandTransaction(store, signal, async (tx, open) => {
        const context = open(
          { tx, store, scope, now: start_ms / 1000, fingerprint_key: 'fp', runtime },
          { request_id: 'req_handoff', idempotency_key: null, api_version: '2023-08-16' },
        );
        eventId = await context.events.emit('customer.created', snapshot({ id: 'cus_handoff', object: 'customer' }));
        if (fail) throw new Error('the command failed after writing its event');
      });
      if (fail) await expect(outcome).rejects.toThrow('failed after writing');
      else await outcome;
      return { eventId, told };
    };
    const deliveriesOf = (event_id: string) => store.read((executor) => listDeliveries(executor, store, scope, { event_id, limit: 10 }));
    const claimAll = (now_ms: number) => claimDueDeliveries(store, { now_ms, limit: 10, lease_ms, room: () => 10, full_endpoints: [] });

    it('writes taken deliveries leased and hands them over, with the stored event and the endpoint, once committed', async () => {
      const { handoff, log } = recordingHandoff(2);
      const { eventId, told } = await writeEvent(handoff);
      expect(log.reserved.sort()).toEqual(['we_one', 'we_two']);
      expect(told).toEqual([{ events: 1, deliveries: 2, handed: 2 }]);
      const stored = await store.read((executor) =>
        executor.first<{ data: string }>(store.db.selectFrom('events').select('data').where('id', '=', eventId).compile()),
      );
      expect(log.sent.map((delivery) => delivery.endpoint_id).sort()).toEqual(['we_one', 'we_two']);
      for (const delivery of log.sent) {
        expect(delivery).toMatchObject({ event_id: eventId, attempts: 0, account_id: scope.account_id, livemode: false });
        expect(delivery.event_json).toBe(stored!.data);
        expect(delivery.endpoint).toEqual({
          url: `http://127.0.0.1:9/${delivery.endpoint_id === 'we_one' ? 'one' : 'two'}`,
          secret: `whsec_${delivery.endpoint_id}`,
          status: 'enabled',
        });
      }
      // Leased: pending, due only when the lease ends, so no claim takes it before.
      for (const row of await deliveriesOf(eventId)) expect(row).toMatchObject({ state: 'pending', next_attempt_ms: start_ms + lease_ms });
      expect(await claimAll(start_ms + lease_ms - 1)).toEqual([]);
      expect((await claimAll(start_ms + lease_ms)).map((delivery) => delivery.event_id)).toEqual([eventId, eventId]);
    });

    it('writes what the worker has no room for due at once, for a claim', async () => {
      const { handoff, log } = recordingHandoff(1);
      const { eventId, told } = await writeEvent(handoff);
      expect(told).toEqual([{ events: 1, deliveries: 2, handed: 1 }]);
      expect(log.sent).toHaveLength(1);
      const claimed = await claimAll(start_ms);
      expect(claimed.map((delivery) => delivery.endpoint_id)).toEqual(['we_one', 'we_two'].filter((id) => id !== log.sent[0]!.endpoint_id));
      expect(claimed[0]!.event_id).toBe(eventId);
    });

    it('gives the places of a rolled-back transaction back and sends nothing', async () => {
      const { handoff, log } = recordingHandoff(2);
      const { eventId, told } = await writeEvent(handoff, true);
      expect(log.reserved).toHaveLength(2);
      expect(log.released.sort()).toEqual([...log.reserved].sort());
      expect(log.sent).toEqual([]);
      expect(told).toEqual([]);
      expect(await deliveriesOf(eventId)).toEqual([]);
    });
  });
}

describe('the worker lending places', () => {
  const startWorker = async () => {
    const store = openStore({ db: ':memory:', nowSeconds: () => start_ms / 1000 });
    await store.migrate();
    const worker = createDeliveryWorker({
      store,
      runtime: createRuntime({ clock: createFakeClock(start_ms) }),
      logger: createLogger('silent'),
      retry: { scale: 1 },
      poll_interval_ms: 60_000,
    });
    return {
      worker,
      close: async () => {
        await worker.stop();
        await store.close();
      },
    };
  };

  it('lends none before it starts or after it stops', async () => {
    const { worker, close } = await startWorker();
    expect(worker.handoff.reserve('we_x')).toBeNull();
    worker.start();
    expect(worker.handoff.reserve('we_x')).not.toBeNull();
    worker.handoff.release(['we_x']);
    await close();
    expect(worker.handoff.reserve('we_x')).toBeNull();
  });

  it("keeps a claim's refill of room free on an endpoint, and lends again what is given back", async () => {
    const { worker, close } = await startWorker();
    worker.start();
    const lent: number[] = [];
    for (let until = worker.handoff.reserve('we_full'); until !== null; until = worker.handoff.reserve('we_full')) lent.push(until);
    expect(lent).toHaveLength(webhook_held_per_endpoint_max - webhook_claim_refill_min);
    expect(lent.every((until) => until > start_ms)).toBe(true);
    // Another endpoint still gets places; the full one gets one again once one is given back.
    expect(worker.handoff.reserve('we_other')).not.toBeNull();
    worker.handoff.release(['we_full', 'we_other']);
    expect(worker.handoff.reserve('we_full')).not.toBeNull();
    // Idle only once every place lent is given back.
    let idle = false;
    void worker.idle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(idle).toBe(false);
    worker.handoff.release(Array.from({ length: lent.length }, () => 'we_full'));
    await worker.idle();
    await close();
  });
});
