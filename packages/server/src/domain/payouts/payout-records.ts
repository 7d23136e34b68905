// Payouts in the store: the wire object as JSON plus the columns lists filter on (status, destination,
// arrival_date), and the read of a payout's own ledger entries that its invariant check needs.
// Request-path statements are compiled once per engine.
import type { BalanceTransaction } from '../../ledger/balance-transaction.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { Payout } from './payout-model.js';

type Key = { account_id: string; livemode: number; id: string };

const selectRow = preparedQuery<Key>((db, p) =>
  db.selectFrom('payouts').select('data').where('account_id', '=', p.account_id).where('livemode', '=', p.livemode).where('id', '=', p.id),
);

// PostgreSQL: a cancel and the scheduler's moves hold the payout row, so only one of them applies.
const selectRowForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('payouts')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);

const insertRow = preparedQuery<Key & { created: number; status: string; destination: string; arrival_date: number; data: string }>(
  (db, p) =>
    db.insertInto('payouts').values({
      account_id: p.account_id,
      livemode: p.livemode,
      id: p.id,
      created: p.created,
      status: p.status,
      destination: p.destination,
      arrival_date: p.arrival_date,
      data: p.data,
    }),
);

const updateRow = preparedQuery<Key & { status: string; data: string }>((db, p) =>
  db
    .updateTable('payouts')
    .set({ status: p.status, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const selectEntriesBySource = preparedQuery<{ account_id: string; livemode: number; source: string }>((db, p) =>
  db
    .selectFrom('balance_transactions')
    .select('data')
    .where('source', '=', p.source)
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode),
);

const key = (scope: Scope, id: string): Key => ({ account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id });

export async function findPayoutJson(executor: SqlExecutor, store: Store, scope: Scope, id: string, lock = false): Promise<string | null> {
  const query = lock && store.engine === 'postgres' ? selectRowForUpdate(store, key(scope, id)) : selectRow(store, key(scope, id));
  const row = await executor.first<{ data: string }>(query);
  return row?.data ?? null;
}

export async function insertPayout(executor: SqlExecutor, store: Store, scope: Scope, { object: payout, json }: Snapshot<Payout>) {
  await executor.run(
    insertRow(store, {
      ...key(scope, payout.id),
      created: payout.created,
      status: payout.status,
      destination: payout.destination,
      arrival_date: payout.arrival_date,
      data: json,
    }),
  );
}

export async function updatePayout(executor: SqlExecutor, store: Store, scope: Scope, { object: payout, json }: Snapshot<Payout>) {
  const changed = await executor.run(updateRow(store, { ...key(scope, payout.id), status: payout.status, data: json }));
  if (changed !== 1) throw new Error(`invariant: updating payout ${payout.id} changed ${changed} rows`);
}

/** Every entry a payout sourced (its debit, and its reversal once failed or canceled). */
export async function entriesOfPayout(executor: SqlExecutor, store: Store, scope: Scope, payout: string): Promise<BalanceTransaction[]> {
  const rows = await executor.all<{ data: string }>(
    selectEntriesBySource(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, source: payout }),
  );
  return rows.map((row) => JSON.parse(row.data) as BalanceTransaction);
}
