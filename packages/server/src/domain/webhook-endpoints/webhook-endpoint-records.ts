// Webhook endpoints in the store: the wire object as JSON (without its secret), `status`, and the
// signing secret in its own column. The event writer reads an account's enabled endpoints inside every
// write transaction, so that statement is compiled once per engine.
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { WebhookEndpoint } from './webhook-endpoint-model.js';

type Key = { account_id: string; livemode: number; id: string };
type AccountKey = { account_id: string; livemode: number };

const selectRow = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('webhook_endpoints')
    .select(['data', 'secret', 'status'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const selectRowForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('webhook_endpoints')
    .select(['data', 'secret', 'status'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);

const selectEnabled = preparedQuery<AccountKey>((db, p) =>
  db
    .selectFrom('webhook_endpoints')
    .select(['id', 'data', 'secret'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('status', '=', 'enabled'),
);

const countRows = preparedQuery<AccountKey>((db, p) =>
  db
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode),
);

const insertRow = preparedQuery<Key & { created: number; status: string; secret: string; data: string }>((db, p) =>
  db.insertInto('webhook_endpoints').values({
    account_id: p.account_id,
    livemode: p.livemode,
    id: p.id,
    created: p.created,
    status: p.status,
    secret: p.secret,
    data: p.data,
  }),
);

const updateRow = preparedQuery<Key & { status: string; data: string }>((db, p) =>
  db
    .updateTable('webhook_endpoints')
    .set({ status: p.status, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const deleteRow = preparedQuery<Key>((db, p) =>
  db.deleteFrom('webhook_endpoints').where('account_id', '=', p.account_id).where('livemode', '=', p.livemode).where('id', '=', p.id),
);

const key = (scope: Scope, id: string): Key => ({ account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id });
const accountKey = (scope: Scope): AccountKey => ({ account_id: scope.account_id, livemode: scope.livemode ? 1 : 0 });

export interface WebhookEndpointRow {
  json: string;
  secret: string;
  status: string;
}

export async function findWebhookEndpointRow(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
  lock = false,
): Promise<WebhookEndpointRow | null> {
  const query = lock && store.engine === 'postgres' ? selectRowForUpdate(store, key(scope, id)) : selectRow(store, key(scope, id));
  const row = await executor.first<{ data: string; secret: string; status: string }>(query);
  return row === undefined ? null : { json: row.data, secret: row.secret, status: row.status };
}

/** An enabled endpoint as the event writer needs it: what it wants, and where and how to send it. */
export interface EnabledWebhookEndpoint {
  id: string;
  enabled_events: string[];
  url: string;
  secret: string;
}

/** The account's enabled endpoints (at most 16). */
export async function enabledWebhookEndpoints(executor: SqlExecutor, store: Store, scope: Scope): Promise<EnabledWebhookEndpoint[]> {
  const rows = await executor.all<{ id: string; data: string; secret: string }>(selectEnabled(store, accountKey(scope)));
  return rows.map((row) => {
    const { enabled_events, url } = JSON.parse(row.data) as WebhookEndpoint;
    return { id: row.id, enabled_events, url, secret: row.secret };
  });
}

export async function countWebhookEndpoints(executor: SqlExecutor, store: Store, scope: Scope): Promise<number> {
  const row = await executor.first<{ count: number | string }>(countRows(store, accountKey(scope)));
  return Number(row?.count ?? 0);
}

export async function insertWebhookEndpoint(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: endpoint, json }: Snapshot<WebhookEndpoint>,
  secret: string,
): Promise<void> {
  await executor.run(
    insertRow(store, { ...key(scope, endpoint.id), created: endpoint.created, status: endpoint.status, secret, data: json }),
  );
}

export async function updateWebhookEndpoint(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: endpoint, json }: Snapshot<WebhookEndpoint>,
): Promise<void> {
  const changed = await executor.run(updateRow(store, { ...key(scope, endpoint.id), status: endpoint.status, data: json }));
  if (changed !== 1) throw new Error(`invariant: updating webhook endpoint ${endpoint.id} changed ${changed} rows`);
}

export async function deleteWebhookEndpoint(executor: SqlExecutor, store: Store, scope: Scope, id: string): Promise<void> {
  const changed = await executor.run(deleteRow(store, key(scope, id)));
  if (changed !== 1) throw new Error(`invariant: deleting webhook endpoint ${id} changed ${changed} rows`);
}
