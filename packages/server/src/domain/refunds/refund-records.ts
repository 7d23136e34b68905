// Refunds in the store: the wire object as JSON plus the columns lists filter on (charge,
// payment_intent) and `status`. Every statement runs on the request path, so each is compiled once
// per engine.
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { Refund } from './refund-model.js';

type Key = { account_id: string; livemode: number; id: string };

const selectRow = preparedQuery<Key>((db, p) =>
  db.selectFrom('refunds').select('data').where('account_id', '=', p.account_id).where('livemode', '=', p.livemode).where('id', '=', p.id),
);

// PostgreSQL: a cancel holds the refund row until commit, so it is canceled once.
const selectRowForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('refunds')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);

const selectByCharge = preparedQuery<{ account_id: string; livemode: number; charge: string }>((db, p) =>
  db
    .selectFrom('refunds')
    .select('data')
    .where('charge', '=', p.charge)
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode),
);

const insertRow = preparedQuery<Key & { created: number; charge: string; payment_intent: string | null; status: string; data: string }>(
  (db, p) =>
    db.insertInto('refunds').values({
      account_id: p.account_id,
      livemode: p.livemode,
      id: p.id,
      created: p.created,
      charge: p.charge,
      payment_intent: p.payment_intent,
      status: p.status,
      data: p.data,
    }),
);

const updateRow = preparedQuery<Key & { status: string; data: string }>((db, p) =>
  db
    .updateTable('refunds')
    .set({ status: p.status, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const key = (scope: Scope, id: string): Key => ({ account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id });

export async function findRefundJson(executor: SqlExecutor, store: Store, scope: Scope, id: string, lock = false): Promise<string | null> {
  const query = lock && store.engine === 'postgres' ? selectRowForUpdate(store, key(scope, id)) : selectRow(store, key(scope, id));
  const row = await executor.first<{ data: string }>(query);
  return row?.data ?? null;
}

/** Every refund of one charge (a handful at most), for the ledger check after a write. */
export async function refundsOfCharge(executor: SqlExecutor, store: Store, scope: Scope, charge: string): Promise<Refund[]> {
  const rows = await executor.all<{ data: string }>(
    selectByCharge(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, charge }),
  );
  return rows.map((row) => JSON.parse(row.data) as Refund);
}

export async function insertRefund(executor: SqlExecutor, store: Store, scope: Scope, { object: refund, json }: Snapshot<Refund>) {
  await executor.run(
    insertRow(store, {
      ...key(scope, refund.id),
      created: refund.created,
      charge: refund.charge,
      payment_intent: refund.payment_intent,
      status: refund.status,
      data: json,
    }),
  );
}

export async function updateRefund(executor: SqlExecutor, store: Store, scope: Scope, { object: refund, json }: Snapshot<Refund>) {
  const changed = await executor.run(updateRow(store, { ...key(scope, refund.id), status: refund.status, data: json }));
  if (changed !== 1) throw new Error(`invariant: updating refund ${refund.id} changed ${changed} rows`);
}
