// The delivery worker inside `tender serve`: takes new deliveries from this process's transactions as
// they are written (the hand-off) and claims due ones from the outbox in bounded batches, POSTs each
// event to its endpoint signed with Stripe's headers (a fresh `t` and signature per attempt), and
// settles the results in batched transactions. Any 2xx is success; anything else (3xx, 4xx, 5xx,
// timeout, refused connection) is retried on the retry schedule. At least once: a delivery is settled
// only after its attempt, so a crash at any point leaves it claimable once its lease ends.
// Bounded: deliveries held overall and per endpoint, attempts in flight per endpoint, claim batch
// size, attempt timeout.
//
// The hand-off exists for the request thread's sake: a claim is a due scan, a lease update and a read
// of the event and endpoint back, about a third of the thread's time per delivery at the bench's load,
// for a row the writing transaction had in hand a moment before.
import type { Logger } from '../runtime/logger.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Store } from '../store/store.js';
import {
  claimDueDeliveries,
  settleDeliveries,
  type ClaimedDelivery,
  type DeliveryHandoff,
  type DeliveryResult,
  type HeldDelivery,
  type SettledAttempt,
} from './delivery-records.js';
import { nextAttemptMs, type RetryPolicy } from './retry-schedule.js';
import { createPoster, type PostAnswer } from './http-post.js';

/** How long one attempt may take, response headers included (Stripe publishes none; contract §10). */
export const webhook_timeout_ms_default = 10_000;
export const webhook_poll_interval_ms = 200;
/** Deliveries held overall (claimed or handed off), sent or waiting for a slot of their endpoint. */
export const webhook_held_max = 2048;
/**
 * Attempts to one endpoint running at once (the sending thread keeps each endpoint's queue). On two
 * cores shared with the API, an attempt to a local receiver takes 4-30 ms, most of it waiting for a
 * CPU: 32 at once delivered about 3,000/s to one endpoint. With 64, at the bench's 1,200 payments/s
 * (3,600 deliveries/s), the endpoint's queue often reached the hand-off's limit, and a third of the
 * deliveries took the dearer claim path; with 128, 8% did. Stripe publishes no figure.
 */
export const webhook_in_flight_per_endpoint_max = 128;
/**
 * Deliveries one endpoint may hold, sent or waiting for a free slot. With the payments as fast as
 * they go, 4 x 128 still sent a third of the deliveries down the claim path whenever the receiver
 * fell behind for a moment; 8 x 128 sent none. Each held delivery keeps its event JSON (2-3 KB) in
 * memory, so the bound is also about 6 MB overall.
 */
export const webhook_held_per_endpoint_max = 8 * webhook_in_flight_per_endpoint_max;
export const webhook_claim_batch_max = 100;
/**
 * Free slots (overall, or of one endpoint) below which no new claim is made while others are out. The
 * hand-off leaves claims this much room, so retries and an endpoint's backlog are still claimed.
 */
export const webhook_claim_refill_min = 32;
/** A response body is never read; at most this much of an error is kept for the attempt log. */
export const webhook_error_chars_max = 500;

export interface DeliveryWorkerOptions {
  store: Store;
  runtime: Runtime;
  logger: Logger;
  retry: RetryPolicy;
  timeout_ms?: number;
  poll_interval_ms?: number;
}

export interface DeliveryWorker {
  /** Starts polling (and answering wake()). */
  start(): void;
  /** Looks for due deliveries now instead of at the next poll. */
  wake(): void;
  /**
   * Deliveries were committed that were not handed off: looks for them now, unless the last claim
   * found nothing but the backlog of endpoints that are still saturated (then the next poll or
   * settled attempt does).
   */
  committed(): void;
  /**
   * An endpoint was disabled or deleted (its pending deliveries canceled in that transaction): the
   * attempts this process holds for it and has not started are dropped, not sent. Those on the wire
   * finish and are recorded as they end.
   */
  endpointStopped(endpoint_id: string): void;
  /** Stops claiming, waits for attempts in flight and records them. */
  stop(): Promise<void>;
  /** Resolves once nothing is in flight or waiting to be recorded (tests). */
  idle(): Promise<void>;
  /** Takes deliveries from the transactions that write them, while started and not behind. */
  readonly handoff: DeliveryHandoff;
}

/** Stripe's delivery headers (contract §7); the poster adds the signature, made afresh per attempt.
 * `tender listen` forwards with the same ones. */
export const webhook_delivery_headers: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
  'cache-control': 'no-cache',
  accept: '*/*; q=0.5, application/xml',
};

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, runtime, logger, retry } = options;
  const timeout_ms = options.timeout_ms ?? webhook_timeout_ms_default;
  // The lease outlives the longest wait a claimed delivery can have: the claims queued ahead of it on
  // its endpoint, each a full timeout, then its own attempt.
  const lease_ms = timeout_ms * (webhook_held_per_endpoint_max / webhook_in_flight_per_endpoint_max + 2);
  const random = new Uint8Array(1);
  const poster = createPoster({
    headers: webhook_delivery_headers,
    timeout_ms,
    sockets_per_origin_max: webhook_in_flight_per_endpoint_max,
    in_flight_per_queue_max: webhook_in_flight_per_endpoint_max,
    onThreadError: (error) => logger.error({ err: error }, 'the webhook sender thread failed'),
  });

  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let pumping: Promise<void> | null = null;
  let wanted = false;
  /**
   * Deliveries held and not yet finished: claimed, or handed off (a place reserved in a transaction
   * that may not have committed yet), then with the sending thread, in flight or in its queue.
   */
  let heldTotal = 0;
  const heldPerEndpoint = new Map<string, number>();
  let unsettled: SettledAttempt[] = [];
  /**
   * The endpoints left out of the last claim when it found nothing, or null. A claim that leaves out a
   * saturated endpoint reads past that endpoint's whole backlog; while the same endpoints stay full,
   * only the poll timer claims again, not every commit and every settled batch.
   */
  let fruitlessFull: string | null = null;
  /** A look was asked for that must claim even so (the poll timer, an explicit wake). */
  let forced = false;
  /**
   * Counts what can make a delivery due: a commit that wrote deliveries it did not hand off, and each
   * wake (the poll timer: retries falling due, lapsed leases, other processes' rows). A claim that
   * found nothing due, with no endpoint left out, records the count it began at; until the count
   * moves on, settled batches claim no more. Before, every settled batch claimed: at full load, a
   * transaction and a due scan a few hundred times a second that found nothing, the hand-off having
   * taken every new delivery.
   */
  let dueSignals = 1;
  let quietSince = 0;
  /**
   * The last claim filled its batch: older deliveries are due. New ones are then written due, behind
   * them, instead of handed off past them, until a claim finds less than a batch.
   */
  let behind = false;
  let flushing: Promise<void> | null = null;
  const idleWaiters: (() => void)[] = [];

  const nowMs = () => runtime.clock.nowMs();
  /** What an endpoint holds: sending now, or waiting for a slot. A finished attempt no longer counts:
   * until its record commits, the delivery's lease keeps any claim (here or elsewhere) away from it. */
  const heldBy = (endpointId: string) => heldPerEndpoint.get(endpointId) ?? 0;

  /** Queues a finished attempt (or a cancellation) for recording in the next batch. */
  function settle(entry: SettledAttempt): void {
    unsettled.push(entry);
    if (flushing === null) flushing = flush();
  }

  async function flush(): Promise<void> {
    // Results arriving in the same turn share one transaction.
    await new Promise((resolve) => setImmediate(resolve));
    while (unsettled.length > 0) {
      const batch = unsettled;
      unsettled = [];
      try {
        await settleDeliveries(store, batch, nowMs());
      } catch (error) {
        // Not recorded: the leases lapse and the deliveries are sent again (at least once).
        logger.error({ err: error, deliveries: batch.length }, 'could not record webhook attempts');
      }
    }
    flushing = null;
    pump();
    checkIdle();
  }

  function checkIdle(): void {
    if (heldTotal > 0 || flushing !== null || pumping !== null) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  /** Counts a delivery as held (claimed or handed off) until its attempt ends or its place is given back. */
  function hold(endpointId: string): void {
    heldTotal += 1;
    heldPerEndpoint.set(endpointId, heldBy(endpointId) + 1);
  }

  function unhold(endpointId: string): void {
    heldTotal -= 1;
    const left = heldBy(endpointId) - 1;
    if (left <= 0) heldPerEndpoint.delete(endpointId);
    else heldPerEndpoint.set(endpointId, left);
    checkIdle();
  }

  /** Sends a held delivery; its place is freed when the attempt ends (recorded or dropped). */
  function startAttempt(delivery: ClaimedDelivery, endpoint: NonNullable<ClaimedDelivery['endpoint']>): void {
    const handed_ms = nowMs();
    const held: HeldDelivery = {
      id: delivery.id,
      endpoint_id: delivery.endpoint_id,
      created_ms: delivery.created_ms,
      attempts: delivery.attempts,
    };
    poster.send(
      { url: endpoint.url, body: delivery.event_json, secret: endpoint.secret, at_ms: handed_ms, queue: delivery.endpoint_id },
      (answer) => {
        try {
          record(held, handed_ms, answer);
        } finally {
          unhold(held.endpoint_id);
        }
      },
    );
  }

  function record(delivery: HeldDelivery, handed_ms: number, answer: PostAnswer): void {
    // Never sent (the worker is stopping): nothing to record; the lease lapses and it is sent later.
    if (answer.outcome === null) return;
    const attempted_ms = handed_ms + answer.waited_ms;
    let status_code: number | null = null;
    let error: string | null = null;
    if (answer.outcome.ok) {
      status_code = answer.outcome.status;
      if (status_code < 200 || status_code > 299) error = `HTTP ${status_code}`;
    } else {
      error = answer.outcome.error.slice(0, webhook_error_chars_max);
    }
    let result: DeliveryResult;
    if (error === null && status_code !== null) {
      result = { kind: 'delivered', status_code };
    } else {
      const next = nextAttemptMs(retry, delivery.attempts + 1, delivery.created_ms, nowMs(), runtime.random.fill(random)[0]! / 256);
      result = next === null ? { kind: 'failed', status_code, error } : { kind: 'retry', next_attempt_ms: next, status_code, error };
    }
    settle({ delivery, attempt: { attempted_ms, duration_ms: answer.duration_ms, status_code, error }, result });
  }

  function accept(delivery: ClaimedDelivery): void {
    const endpoint = delivery.endpoint;
    if (endpoint === null || endpoint.status !== 'enabled') {
      // Disabled or deleted endpoints stop receiving, retries included.
      settle({ delivery, attempt: null, result: { kind: 'canceled' } });
      return;
    }
    hold(delivery.endpoint_id);
    startAttempt(delivery, endpoint);
  }

  const handoff: DeliveryHandoff = {
    reserve(endpointId) {
      if (timer === null || stopped || behind) return null;
      // Leaves claims their refill's room, overall and on this endpoint (see webhook_claim_refill_min).
      if (webhook_held_max - heldTotal <= webhook_claim_refill_min) return null;
      if (webhook_held_per_endpoint_max - heldBy(endpointId) <= webhook_claim_refill_min) return null;
      hold(endpointId);
      return nowMs() + lease_ms;
    },
    send(deliveries) {
      for (const delivery of deliveries) {
        if (delivery.endpoint === null) throw new Error(`invariant: delivery ${delivery.id} was handed off without its endpoint`);
        // Stopping: not sent here; its lease lapses and a claim sends it (as with a claimed one).
        if (stopped) unhold(delivery.endpoint_id);
        else startAttempt(delivery, delivery.endpoint);
      }
    },
    release(endpointIds) {
      for (const endpointId of endpointIds) unhold(endpointId);
    },
  };

  async function pumpOnce(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const claimed_now = heldTotal;
      const capacity = webhook_held_max - claimed_now;
      // A claim is a transaction of its own: refill in batches, not one slot at a time, unless idle.
      if (capacity <= 0 || (claimed_now > 0 && capacity < webhook_claim_refill_min)) return;
      const full = [...heldPerEndpoint.keys()].filter((id) => webhook_held_per_endpoint_max - heldBy(id) < webhook_claim_refill_min);
      const fullKey = full.sort().join(' ');
      if (full.length > 0 && fullKey === fruitlessFull && !forced) return;
      if (quietSince === dueSignals && !forced) return;
      forced = false;
      const signals = dueSignals;
      const claimed = await claimDueDeliveries(store, {
        now_ms: nowMs(),
        limit: Math.min(capacity, webhook_claim_batch_max),
        lease_ms,
        room: (endpointId) => webhook_held_per_endpoint_max - heldBy(endpointId),
        full_endpoints: full,
      });
      fruitlessFull = claimed.length === 0 && full.length > 0 ? fullKey : null;
      if (claimed.length === 0 && full.length === 0) quietSince = signals;
      for (const delivery of claimed) accept(delivery);
      behind = claimed.length === Math.min(capacity, webhook_claim_batch_max);
      if (!behind) return;
    }
  }

  function wake(): void {
    forced = true;
    dueSignals += 1;
    pump();
  }

  function committed(): void {
    dueSignals += 1;
    pump();
  }

  function pump(): void {
    if (stopped) return;
    if (pumping !== null) {
      wanted = true;
      return;
    }
    pumping = (async () => {
      do {
        wanted = false;
        try {
          await pumpOnce();
        } catch (error) {
          logger.error({ err: error }, 'could not claim webhook deliveries');
        }
      } while (wanted && !stopped);
    })().finally(() => {
      pumping = null;
      checkIdle();
    });
  }

  return {
    start() {
      if (timer !== null || stopped) return;
      timer = setInterval(wake, options.poll_interval_ms ?? webhook_poll_interval_ms);
      timer.unref();
      wake();
    },
    wake,
    committed,
    endpointStopped(endpointId) {
      // A dropped attempt is answered as never made: nothing is recorded and its place is freed.
      poster.dropQueued(endpointId);
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      timer = null;
      await pumping;
      // Claimed deliveries still waiting for a slot are not sent; their leases lapse.
      poster.dropQueued();
      while (heldTotal > 0 || flushing !== null) await new Promise((resolve) => setTimeout(resolve, 10));
      await poster.close();
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    handoff,
  };
}
