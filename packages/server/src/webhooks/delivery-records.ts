// The webhook outbox in the store. A delivery row is written in the transaction of the event it
// carries (so it exists exactly when the event does), held by one worker at a time under a lease (so
// two workers never send it at once, and a crashed worker's hold lapses), and settled with one attempt
// row per try. A worker gets the lease in one of two ways: the writing process's worker takes it as
// the row is written (the hand-off), or any worker claims the row once it is due. Every batch is
// bounded by its caller.
import { sql } from 'kysely';
import type { Scope } from '../store/object-pages.js';
import { preparedQuery, preparedRowsQuery } from '../store/prepared-query.js';
import type { SqlExecutor, Store, Transaction } from '../store/store.js';

export const delivery_states = ['pending', 'delivered', 'failed', 'canceled'] as const;
export type DeliveryState = (typeof delivery_states)[number];

export interface NewDelivery {
  id: string;
  event_id: string;
  endpoint_id: string;
  created_ms: number;
  /** Written leased to this process's worker until then (handed off), or 0: due at once, for a claim. */
  lease_until_ms: number;
}

/** A delivery a worker holds the lease on, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  account_id: string;
  livemode: boolean;
  event_id: string;
  endpoint_id: string;
  created_ms: number;
  attempts: number;
  event_json: string;
  /** Null when the endpoint was deleted since. */
  endpoint: { url: string; secret: string; status: string } | null;
}

/**
 * The writing process's delivery worker, taking deliveries from the transaction that writes them. A
 * handed-off delivery is written already leased to this process and is sent once the transaction
 * commits: no claim has to scan for it, lease it and read it back. If the process dies first, the
 * lease lapses and any worker claims it, as after a crash mid-attempt.
 */
export interface DeliveryHandoff {
  /**
   * Takes a place for one delivery to the endpoint and answers the end of its lease, or null when the
   * worker has none to spare: the delivery is then written due, for a claim.
   */
  reserve(endpoint_id: string): number | null;
  /** Their transaction committed: sends them (each took a place with `reserve`). */
  send(deliveries: readonly ClaimedDelivery[]): void;
  /** Their transaction rolled back: frees the places taken for these endpoints, one per entry. */
  release(endpoint_ids: readonly string[]): void;
}

/**
 * What recording an attempt needs of its delivery. A worker keeps only this while the attempt runs:
 * the event JSON (2-3 KB) has gone to the sending thread, and kept here it would outlive the young
 * generation and be copied, promoted and marked with every delivery in flight.
 */
export type HeldDelivery = Pick<ClaimedDelivery, 'id' | 'endpoint_id' | 'created_ms' | 'attempts'>;

export type DeliveryResult =
  | { kind: 'delivered'; status_code: number }
  | { kind: 'retry'; next_attempt_ms: number; status_code: number | null; error: string | null }
  | { kind: 'failed'; status_code: number | null; error: string | null }
  | { kind: 'canceled' };

export interface SettledAttempt {
  delivery: HeldDelivery;
  /** Null for a delivery canceled without an attempt. */
  attempt: { attempted_ms: number; duration_ms: number; status_code: number | null; error: string | null } | null;
  result: DeliveryResult;
}

const insertDelivery = preparedQuery<{
  id: string;
  account_id: string;
  livemode: number;
  event_id: string;
  endpoint_id: string;
  created_ms: number;
  next_attempt_ms: number;
  lease_until_ms: number;
}>((db, p) =>
  db.insertInto('webhook_deliveries').values({
    id: p.id,
    account_id: p.account_id,
    livemode: p.livemode,
    event_id: p.event_id,
    endpoint_id: p.endpoint_id,
    created_ms: p.created_ms,
    state: 'pending',
    attempts: 0,
    next_attempt_ms: p.next_attempt_ms,
    lease_until_ms: p.lease_until_ms,
    last_status_code: null,
    last_error: null,
    completed_ms: null,
  }),
);

/**
 * A settled batch is written with few statements of a few fixed shapes: rows go in chunks of these
 * sizes, largest first, so each engine prepares at most one statement per size, and a batch of 100
 * attempts is 4 inserts and a handful of updates instead of 200 statements. Per-statement work (the
 * call into the driver, binding, stepping) was most of what recording cost the request thread.
 */
const settle_chunk_sizes = [64, 16, 4, 1] as const;

/** Splits `rows` into chunks of `settle_chunk_sizes`, largest first. */
function chunked<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let at = 0;
  for (const size of settle_chunk_sizes) {
    for (; rows.length - at >= size; at += size) chunks.push(rows.slice(at, at + size));
  }
  return chunks;
}

interface AttemptRow extends Record<string, unknown> {
  delivery_id: string;
  attempt: number;
  attempted_ms: number;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
}

const insertAttempts = preparedRowsQuery<Record<string, never>, AttemptRow>((db, _shared, rows) =>
  db.insertInto('webhook_delivery_attempts').values(
    rows.map((row) => ({
      delivery_id: row.delivery_id,
      attempt: row.attempt,
      attempted_ms: row.attempted_ms,
      duration_ms: row.duration_ms,
      status_code: row.status_code,
      error: row.error,
    })),
  ),
);

/** A delivery's state after an attempt; deliveries settled alike share one update. */
interface DeliveryOutcome extends Record<string, unknown> {
  state: string;
  attempts: number;
  next_attempt_ms: number;
  last_status_code: number | null;
  last_error: string | null;
  completed_ms: number | null;
}

/**
 * `UPDATE webhook_deliveries SET (the outcome) WHERE id IN (...)`; the lease ends with it. With
 * `keep_canceled`, a row canceled while its attempt ran (its endpoint was disabled or deleted) keeps
 * its state and completion time and takes the rest (the attempt count, its status and error), so a
 * failed attempt does not make it pending again. A delivered one is recorded as delivered: it was.
 */
function settleAlike(keep_canceled: boolean) {
  return preparedRowsQuery<DeliveryOutcome, { id: string }>((db, outcome, rows) =>
    db
      .updateTable('webhook_deliveries')
      .set({
        state: keep_canceled ? sql<string>`case when state = 'canceled' then state else ${outcome.state} end` : outcome.state,
        attempts: outcome.attempts,
        next_attempt_ms: outcome.next_attempt_ms,
        lease_until_ms: 0,
        last_status_code: outcome.last_status_code,
        last_error: outcome.last_error,
        completed_ms: keep_canceled
          ? sql<number | null>`case when state = 'canceled' then completed_ms else ${outcome.completed_ms} end`
          : outcome.completed_ms,
      })
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      ),
  );
}
const settleDelivered = settleAlike(false);
const settleUndelivered = settleAlike(true);

/**
 * Writes one pending delivery per endpoint for an event: due at once, or (handed off) leased, and due
 * only when the lease ends, like a claimed delivery, so that claims do not read past it.
 */
export async function insertDeliveries(tx: Transaction, store: Store, scope: Scope, deliveries: readonly NewDelivery[]): Promise<void> {
  for (const delivery of deliveries) {
    const next_attempt_ms = Math.max(delivery.created_ms, delivery.lease_until_ms);
    await tx.run(insertDelivery(store, { ...delivery, next_attempt_ms, account_id: scope.account_id, livemode: scope.livemode ? 1 : 0 }));
  }
}

export interface ClaimRequest {
  now_ms: number;
  /** Deliveries to claim at most, over all endpoints. */
  limit: number;
  lease_ms: number;
  /** How many more deliveries each endpoint may take now; endpoints at 0 are not even read. */
  room(endpoint_id: string): number;
  /** Endpoints with no room, left out of the scan so their backlog cannot crowd out the others. */
  full_endpoints: readonly string[];
}

/** Due rows read per claim, beyond `limit`, so busy endpoints' rows do not hide the others'. */
const claim_scan_factor = 4;

/**
 * Claims up to `limit` due deliveries, as many per endpoint as it has room for, for `lease_ms`, and
 * loads what sending them needs. The claim commits before anything is sent, so a crash after it only
 * delays the delivery until the lease ends.
 */
export async function claimDueDeliveries(store: Store, request: ClaimRequest): Promise<ClaimedDelivery[]> {
  return store.transaction(async (tx) => {
    // `state = 'pending'` is written out, not bound, so both engines see it matches the partial index.
    let due = store.db
      .selectFrom('webhook_deliveries')
      .select(['id', 'endpoint_id'])
      .where(sql<boolean>`state = 'pending'`)
      .where('next_attempt_ms', '<=', request.now_ms)
      .where('lease_until_ms', '<=', request.now_ms);
    if (request.full_endpoints.length > 0) due = due.where('endpoint_id', 'not in', [...request.full_endpoints]);
    let query = due
      .orderBy('next_attempt_ms')
      .orderBy('id')
      .limit(request.limit * claim_scan_factor);
    // PostgreSQL: rows another process is claiming right now are skipped, not waited for.
    if (store.engine === 'postgres') query = query.forUpdate().skipLocked();
    const taken = new Map<string, number>();
    const ids: string[] = [];
    for (const row of await tx.all<{ id: string; endpoint_id: string }>(query.compile())) {
      if (ids.length >= request.limit) break;
      const count = taken.get(row.endpoint_id) ?? 0;
      if (count >= request.room(row.endpoint_id)) continue;
      taken.set(row.endpoint_id, count + 1);
      ids.push(row.id);
    }
    if (ids.length === 0) return [];
    // The claim also moves the delivery's due time to the lease's end, so held deliveries leave the
    // due index's range: the next claim no longer reads past every delivery in flight to find work.
    // Settling sets the real next attempt; if settling never happens, the delivery is due again then.
    const leaseEnd = request.now_ms + request.lease_ms;
    await tx.run(
      store.db
        .updateTable('webhook_deliveries')
        .set({ lease_until_ms: leaseEnd, next_attempt_ms: leaseEnd })
        .where('id', 'in', ids)
        .compile(),
    );
    const rows = await tx.all<{
      id: string;
      account_id: string;
      livemode: number;
      event_id: string;
      endpoint_id: string;
      created_ms: number;
      attempts: number;
      event_json: string;
      endpoint_json: string | null;
      secret: string | null;
      status: string | null;
    }>(
      store.db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('events as e', 'e.id', 'd.event_id')
        .leftJoin('webhook_endpoints as w', (join) =>
          join.onRef('w.id', '=', 'd.endpoint_id').onRef('w.account_id', '=', 'd.account_id').onRef('w.livemode', '=', 'd.livemode'),
        )
        .select([
          'd.id',
          'd.account_id',
          'd.livemode',
          'd.event_id',
          'd.endpoint_id',
          'd.created_ms',
          'd.attempts',
          'e.data as event_json',
          'w.data as endpoint_json',
          'w.secret',
          'w.status',
        ])
        .where('d.id', 'in', ids)
        .compile(),
    );
    // In the order they fell due (the claim above gave them all the same due time).
    const dueOrder = new Map(ids.map((id, index) => [id, index]));
    rows.sort((a, b) => dueOrder.get(a.id)! - dueOrder.get(b.id)!);
    // A batch mostly goes to few endpoints: read each endpoint's URL out of its JSON once.
    const urls = new Map<string, string>();
    const urlOf = (endpoint_id: string, data: string) => {
      let url = urls.get(endpoint_id);
      if (url === undefined) urls.set(endpoint_id, (url = (JSON.parse(data) as { url: string }).url));
      return url;
    };
    return rows.map((row) => ({
      id: row.id,
      account_id: row.account_id,
      livemode: row.livemode === 1,
      event_id: row.event_id,
      endpoint_id: row.endpoint_id,
      created_ms: Number(row.created_ms),
      attempts: row.attempts,
      event_json: row.event_json,
      endpoint:
        row.endpoint_json === null || row.secret === null || row.status === null
          ? null
          : { url: urlOf(row.endpoint_id, row.endpoint_json), secret: row.secret, status: row.status },
    }));
  });
}

/** Records a batch of finished attempts in one transaction: the attempt rows and each delivery's new state. */
export async function settleDeliveries(store: Store, settled: readonly SettledAttempt[], now_ms: number): Promise<void> {
  if (settled.length === 0) return;
  const attemptRows: AttemptRow[] = [];
  // Deliveries with the same outcome (mostly: delivered at the first attempt, with the same status,
  // now) are updated together. The key lists the outcome's fields with the one free text last, so
  // no error message can make two outcomes' keys equal.
  const alike = new Map<string, { outcome: DeliveryOutcome; rows: { id: string }[] }>();
  for (const { delivery, attempt, result } of settled) {
    const attempts = delivery.attempts + (attempt === null ? 0 : 1);
    if (attempt !== null) attemptRows.push({ delivery_id: delivery.id, attempt: attempts, ...attempt });
    const outcome: DeliveryOutcome = {
      state: result.kind === 'retry' ? 'pending' : result.kind,
      attempts,
      next_attempt_ms: result.kind === 'retry' ? result.next_attempt_ms : now_ms,
      last_status_code: result.kind === 'canceled' ? null : result.status_code,
      last_error: result.kind === 'retry' || result.kind === 'failed' ? result.error : null,
      completed_ms: result.kind === 'retry' ? null : now_ms,
    };
    const error = outcome.last_error === null ? '-' : `:${outcome.last_error}`;
    const key = `${outcome.state} ${attempts} ${outcome.next_attempt_ms} ${outcome.last_status_code} ${outcome.completed_ms} ${error}`;
    const group = alike.get(key);
    if (group === undefined) alike.set(key, { outcome, rows: [{ id: delivery.id }] });
    else group.rows.push({ id: delivery.id });
  }
  await store.transaction(async (tx) => {
    for (const chunk of chunked(attemptRows)) await tx.run(insertAttempts(store, {}, chunk));
    for (const { outcome, rows } of alike.values()) {
      for (const chunk of chunked(rows)) {
        const settle = outcome.state === 'delivered' ? settleDelivered : settleUndelivered;
        const changed = await tx.run(settle(store, outcome, chunk));
        // A delivery is settled once per attempt, by the worker holding its lease.
        if (changed !== chunk.length) throw new Error(`invariant: settling ${chunk.length} deliveries changed ${changed} rows`);
      }
    }
  });
}

/**
 * How many webhooks of each event are still to be delivered (pending, or given up), for rendering
 * `pending_webhooks` when an event is read: counting at read time keeps a successful delivery from
 * rewriting its event's row, which would cost every delivery a row as large as the event.
 */
export async function undeliveredCounts(executor: SqlExecutor, store: Store, eventIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (eventIds.length === 0) return counts;
  const rows = await executor.all<{ event_id: string; count: number | string }>(
    store.db
      .selectFrom('webhook_deliveries')
      .select(['event_id', sql<number>`count(*)`.as('count')])
      .where('event_id', 'in', [...eventIds])
      .where('state', 'in', ['pending', 'failed'])
      .groupBy('event_id')
      .compile(),
  );
  for (const row of rows) counts.set(row.event_id, Number(row.count));
  return counts;
}

export interface DeliveryView {
  id: string;
  event_id: string;
  endpoint_id: string;
  created_ms: number;
  state: DeliveryState;
  attempts: number;
  next_attempt_ms: number | null;
  last_status_code: number | null;
  last_error: string | null;
  completed_ms: number | null;
  attempt_log: { attempt: number; attempted_ms: number; duration_ms: number; status_code: number | null; error: string | null }[];
}

/** Deliveries of one account, newest first, filtered by event and/or endpoint, with every attempt. */
export async function listDeliveries(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  filter: { event_id?: string; endpoint_id?: string; limit: number },
): Promise<DeliveryView[]> {
  let query = store.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('account_id', '=', scope.account_id)
    .where('livemode', '=', scope.livemode ? 1 : 0);
  if (filter.event_id !== undefined) query = query.where('event_id', '=', filter.event_id);
  if (filter.endpoint_id !== undefined) query = query.where('endpoint_id', '=', filter.endpoint_id);
  const rows = await executor.all<{
    id: string;
    event_id: string;
    endpoint_id: string;
    created_ms: number;
    state: DeliveryState;
    attempts: number;
    next_attempt_ms: number;
    last_status_code: number | null;
    last_error: string | null;
    completed_ms: number | null;
  }>(query.orderBy('created_ms', 'desc').orderBy('id', 'desc').limit(filter.limit).compile());
  if (rows.length === 0) return [];
  const attempts = await executor.all<{
    delivery_id: string;
    attempt: number;
    attempted_ms: number;
    duration_ms: number;
    status_code: number | null;
    error: string | null;
  }>(
    store.db
      .selectFrom('webhook_delivery_attempts')
      .selectAll()
      .where(
        'delivery_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('delivery_id')
      .orderBy('attempt')
      .compile(),
  );
  return rows.map((row) => ({
    id: row.id,
    event_id: row.event_id,
    endpoint_id: row.endpoint_id,
    created_ms: Number(row.created_ms),
    state: row.state,
    attempts: row.attempts,
    next_attempt_ms: row.state === 'pending' ? Number(row.next_attempt_ms) : null,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    completed_ms: row.completed_ms === null ? null : Number(row.completed_ms),
    attempt_log: attempts
      .filter((attempt) => attempt.delivery_id === row.id)
      .map(({ delivery_id: _delivery, ...attempt }) => ({ ...attempt, attempted_ms: Number(attempt.attempted_ms) })),
  }));
}

/** Cancels every pending delivery to an endpoint (it was disabled or deleted): retries stop. */
export async function cancelPendingDeliveries(tx: Transaction, store: Store, endpointId: string, now_ms: number): Promise<void> {
  await tx.run(
    store.db
      .updateTable('webhook_deliveries')
      .set({ state: 'canceled', completed_ms: now_ms, lease_until_ms: 0 })
      .where('endpoint_id', '=', endpointId)
      // Written out, not bound, so both engines see it matches the pending deliveries' partial index.
      .where(sql<boolean>`state = 'pending'`)
      .compile(),
  );
}

/**
 * The account's deliveries still to be made, counted from the pending rows' partial index: the
 * backlog, however large the outbox has grown. The bench reads it every second under load; counted
 * by state over the account's whole outbox (below), each read took 15 ms for 37,000 deliveries on
 * the request thread. SQLite's planner, with no statistics, would rather search the account's
 * creation index and read every delivery it ever had, so it is told which index to use.
 */
async function pendingDeliveryCount(executor: SqlExecutor, store: Store, scope: Scope): Promise<number> {
  const from = store.engine === 'sqlite' ? sql`webhook_deliveries indexed by webhook_deliveries_due` : sql`webhook_deliveries`;
  const query = sql<{ count: number | string }>`select count(*) as count from ${from}
    where state = 'pending' and account_id = ${scope.account_id} and livemode = ${scope.livemode ? 1 : 0}`.compile(store.db);
  const row = await executor.first<{ count: number | string }>(query);
  return Number(row?.count ?? 0);
}

/**
 * The account's deliveries by state (the backlog is `pending`), or in `only` that state. Every state
 * but `pending` is counted over the account's whole outbox.
 */
export async function deliveryCounts(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  only?: DeliveryState,
): Promise<Partial<Record<DeliveryState, number>>> {
  if (only === 'pending') return { pending: await pendingDeliveryCount(executor, store, scope) };
  let query = store.db
    .selectFrom('webhook_deliveries')
    .select(['state', sql<number>`count(*)`.as('count')])
    .where('account_id', '=', scope.account_id)
    .where('livemode', '=', scope.livemode ? 1 : 0);
  if (only !== undefined) query = query.where('state', '=', only);
  const rows = await executor.all<{ state: DeliveryState; count: number | string }>(query.groupBy('state').compile());
  const counts: Partial<Record<DeliveryState, number>> = {};
  for (const state of only === undefined ? delivery_states : [only]) counts[state] = 0;
  for (const row of rows) counts[row.state] = Number(row.count);
  return counts;
}
