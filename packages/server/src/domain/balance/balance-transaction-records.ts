// Balance transactions in the store: immutable rows (inserted, never updated) with the columns lists
// filter on (source, type, currency) and `available_on`, so the balance is derived from the rows.
import type { BalanceTransaction } from '../../ledger/balance-transaction.js';
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';

type Key = { account_id: string; livemode: number; id: string };

const selectRow = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('balance_transactions')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const selectAll = preparedQuery<{ account_id: string; livemode: number }>((db, p) =>
  db.selectFrom('balance_transactions').select('data').where('account_id', '=', p.account_id).where('livemode', '=', p.livemode),
);

const insertRow = preparedQuery<
  Key & { created: number; source: string | null; type: string; available_on: number; currency: string; data: string }
>((db, p) =>
  db.insertInto('balance_transactions').values({
    account_id: p.account_id,
    livemode: p.livemode,
    id: p.id,
    created: p.created,
    source: p.source,
    type: p.type,
    available_on: p.available_on,
    currency: p.currency,
    data: p.data,
  }),
);

const key = (scope: Scope, id: string): Key => ({ account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id });

export async function findBalanceTransaction(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
): Promise<BalanceTransaction | null> {
  const row = await executor.first<{ data: string }>(selectRow(store, key(scope, id)));
  return row === undefined ? null : (JSON.parse(row.data) as BalanceTransaction);
}

/** Every entry of the account, for deriving the balance. Fine until payouts add balance snapshots. */
export async function allBalanceTransactions(executor: SqlExecutor, store: Store, scope: Scope): Promise<BalanceTransaction[]> {
  const rows = await executor.all<{ data: string }>(selectAll(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0 }));
  return rows.map((row) => JSON.parse(row.data) as BalanceTransaction);
}

export async function insertBalanceTransaction(executor: SqlExecutor, store: Store, scope: Scope, entry: BalanceTransaction) {
  await executor.run(
    insertRow(store, {
      ...key(scope, entry.id),
      created: entry.created,
      source: entry.source,
      type: entry.type,
      available_on: entry.available_on,
      currency: entry.currency,
      data: JSON.stringify(entry),
    }),
  );
}
