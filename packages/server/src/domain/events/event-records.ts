// Events in the store: written inside the transaction of the change they record, read back by id and
// in pages. Each row keeps the rendered event JSON, so reads never re-serialise. Writing an event also
// writes its webhook deliveries (the outbox) in the same transaction, one per enabled endpoint that
// wants its type, and records their number as the event's `pending_webhooks`. Where this process's
// delivery worker has room, the deliveries are handed off to it: written leased to it, and sent as
// soon as the transaction commits.
import type { IdGenerator } from '../../runtime/ids.js';
import type { SqlExecutor, Store, Transaction } from '../../store/store.js';
import {
  insertDeliveries,
  undeliveredCounts,
  type ClaimedDelivery,
  type DeliveryHandoff,
  type NewDelivery,
} from '../../webhooks/delivery-records.js';
import { enabledWebhookEndpoints, type EnabledWebhookEndpoint } from '../webhook-endpoints/webhook-endpoint-records.js';
import { endpointWants } from '../webhook-endpoints/webhook-endpoint-model.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { Snapshot } from '../shared/snapshot.js';
import { renderEvent, type EventSource } from './event-model.js';
import type { Written } from './commit-signal.js';

const insertEvent = preparedQuery<{ account_id: string; livemode: number; id: string; created: number; type: string; data: string }>(
  (db, p) =>
    db
      .insertInto('events')
      .values({ account_id: p.account_id, livemode: p.livemode, id: p.id, created: p.created, type: p.type, data: p.data }),
);
/** One column of a retained event: the stored JSON, or only its type (events are large). */
const selectEventColumn = (column: 'data' | 'type') =>
  preparedQuery<{ account_id: string; livemode: number; id: string; not_before: number }>((db, p) =>
    db
      .selectFrom('events')
      .select(column)
      .where('account_id', '=', p.account_id)
      .where('livemode', '=', p.livemode)
      .where('id', '=', p.id)
      .where('created', '>=', p.not_before),
  );
const selectEvent = selectEventColumn('data');
const selectEventType = selectEventColumn('type');

export interface EventWriter {
  /** Records one event about `subject`, whose JSON is spliced in as `data.object` without re-serialising. */
  emit(type: string, subject: Snapshot, previousAttributes?: Record<string, unknown>): Promise<string>;
  /** What it wrote so far, for the commit signal once the transaction committed. */
  readonly written: Written;
  /** The transaction disabled or deleted this endpoint: once it commits, the worker stops sending to it. */
  endpointStopped(endpoint_id: string): void;
  /** The transaction committed: sends the deliveries handed off to the worker. */
  committed(): void;
  /** The transaction rolled back: gives the worker back the places its deliveries took. */
  rolledBack(): void;
}

export const event_id_prefix = 'evt';
export const webhook_delivery_id_prefix = 'wd';

export function createEventWriter(
  tx: Transaction,
  store: Store,
  scope: Scope,
  source: EventSource,
  ids: IdGenerator,
  handoff: DeliveryHandoff | null,
): EventWriter {
  // The account's endpoints are read once per transaction, on the first event: the same snapshot
  // decides every event of the change.
  let endpoints: Promise<EnabledWebhookEndpoint[]> | null = null;
  const written: Written = { events: 0, deliveries: 0, handed: 0 };
  /** Endpoints of the places taken from the worker, one per leased delivery written or being written. */
  const reserved: string[] = [];
  /** The leased deliveries written, for the worker once the transaction commits. */
  const handed: ClaimedDelivery[] = [];
  const lease =
    handoff === null
      ? undefined
      : (endpoint_id: string) => {
          const until = handoff.reserve(endpoint_id);
          if (until !== null) reserved.push(endpoint_id);
          return until;
        };
  return {
    async emit(type, subject, previousAttributes) {
      endpoints ??= enabledWebhookEndpoints(tx, store, scope);
      const enabled = await endpoints;
      const id = ids.next(event_id_prefix);
      // The deliveries are counted into the event's pending_webhooks, so they are queued first (the
      // same transaction writes both, so no one sees one without the other).
      const deliveries = await enqueueDeliveries(tx, store, scope, ids, { id, type }, { enabled }, source.now * 1000, lease);
      const json = renderEvent(id, type, subject.json, source, previousAttributes, deliveries.length);
      await tx.run(
        insertEvent(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id, created: source.now, type, data: json }),
      );
      for (const delivery of deliveries) {
        if (delivery.lease_until_ms === 0) continue;
        const endpoint = enabled.find((candidate) => candidate.id === delivery.endpoint_id)!;
        handed.push({
          id: delivery.id,
          account_id: scope.account_id,
          livemode: scope.livemode,
          event_id: id,
          endpoint_id: delivery.endpoint_id,
          created_ms: delivery.created_ms,
          attempts: 0,
          event_json: json,
          endpoint: { url: endpoint.url, secret: endpoint.secret, status: 'enabled' },
        });
      }
      written.deliveries += deliveries.length;
      written.handed = handed.length;
      written.events += 1;
      return id;
    },
    written,
    endpointStopped(endpoint_id) {
      (written.stopped_endpoints ??= []).push(endpoint_id);
    },
    committed() {
      if (handoff === null) return;
      const sent = handed.splice(0);
      if (sent.length > 0) handoff.send(sent);
      if (reserved.length === sent.length) return void reserved.splice(0);
      // An emit failed between taking a place and writing its delivery, and the command went on: the
      // places no written delivery uses go back.
      const unused = reserved.splice(0);
      for (const delivery of sent) unused.splice(unused.indexOf(delivery.endpoint_id), 1);
      handoff.release(unused);
    },
    rolledBack() {
      handed.splice(0);
      if (handoff !== null && reserved.length > 0) handoff.release(reserved.splice(0));
    },
  };
}

/** Where an event goes: the endpoints named (a resend to one), or each of `enabled` that wants its type. */
export type DeliveryTargets = { endpoint_ids: readonly string[] } | { enabled: readonly { id: string; enabled_events: string[] }[] };

/**
 * Queues one pending delivery of an event per target endpoint, made at `created_ms`, in `tx`, and
 * answers the rows it wrote. Each is leased until the time `lease` answers for its endpoint (handed
 * off), or due at once when there is no `lease` or it answers null. Writing an event and resending one
 * both choose their endpoints here.
 */
export async function enqueueDeliveries(
  tx: Transaction,
  store: Store,
  scope: Scope,
  ids: IdGenerator,
  event: { id: string; type: string },
  targets: DeliveryTargets,
  created_ms: number,
  lease?: (endpoint_id: string) => number | null,
): Promise<NewDelivery[]> {
  const endpointIds =
    'endpoint_ids' in targets
      ? targets.endpoint_ids
      : targets.enabled.filter((endpoint) => endpointWants(endpoint.enabled_events, event.type)).map((endpoint) => endpoint.id);
  const deliveries = endpointIds.map((endpoint_id) => ({
    id: ids.next(webhook_delivery_id_prefix),
    event_id: event.id,
    endpoint_id,
    created_ms,
    lease_until_ms: lease?.(endpoint_id) ?? 0,
  }));
  if (deliveries.length > 0) await insertDeliveries(tx, store, scope, deliveries);
  return deliveries;
}

/** A retained event's type, from its column: for callers that need no more of it. */
export async function findEventType(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
  notBefore: number,
): Promise<string | null> {
  const row = await executor.first<{ type: string }>(selectEventType(store, eventKey(scope, id, notBefore)));
  return row?.type ?? null;
}

export async function findEventJson(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
  notBefore: number,
): Promise<string | null> {
  const row = await executor.first<{ data: string }>(selectEvent(store, eventKey(scope, id, notBefore)));
  return row?.data ?? null;
}

function eventKey(scope: Scope, id: string, notBefore: number) {
  return { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id, not_before: notBefore };
}

/**
 * Stored events as they are answered: `pending_webhooks` is the number of their deliveries not yet
 * made, counted now (the stored text keeps the count from creation). The count comes after `data` in
 * the text (event-model.ts renders it there), so the last occurrence of the key is the event's own:
 * a nested object's would come earlier, and a string cannot hold it unescaped.
 */
export async function withPendingWebhooks(executor: SqlExecutor, store: Store, events: readonly string[]): Promise<string[]> {
  const ids = events.map(eventIdOf);
  const counts = await undeliveredCounts(executor, store, ids);
  return events.map((json, index) => setPendingWebhooks(json, counts.get(ids[index]!) ?? 0));
}

const pending_marker = '"pending_webhooks":';

function eventIdOf(json: string): string {
  // renderEvent writes the id first: {"id":"evt_…",
  const start = json.indexOf('"id":"') + 6;
  return json.slice(start, json.indexOf('"', start));
}

function setPendingWebhooks(json: string, count: number): string {
  const at = json.lastIndexOf(pending_marker);
  if (at === -1) throw new Error('invariant: a stored event has pending_webhooks');
  const start = at + pending_marker.length;
  let end = start;
  while (end < json.length && json.charCodeAt(end) >= 48 && json.charCodeAt(end) <= 57) end += 1;
  return `${json.slice(0, start)}${count}${json.slice(end)}`;
}
