// Balance transactions in the store: immutable rows (inserted, never updated) with the columns lists
// filter on (source, type, currency), and `available_on` and `net` (migration 0011), so the database
// sums the Balance per currency over one index without reading any entry's JSON.
import type { BalanceTransaction } from '../../ledger/balance-transaction.js';
import type { CurrencyTotals } from '../../ledger/balance.js';
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery, type PreparedQuery } from '../../store/prepared-query.js';

type Key = { account_id: string; livemode: number; id: string };

const selectRow = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('balance_transactions')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

type TotalsParams = { account_id: string; livemode: number; now: number; currency: string };

/**
 * Per currency, the sum of `net` available at `now` (available_on <= now, as statusAt says) and the
 * sum still pending; one currency's alone when `one_currency`. Sums are cast back to bigint, since
 * PostgreSQL's SUM of a bigint is a numeric.
 */
function totalsQuery(one_currency: boolean): PreparedQuery<TotalsParams> {
  return preparedQuery<TotalsParams>((db, p) => {
    const query = db
      .selectFrom('balance_transactions')
      .select((eb) => [
        'currency',
        eb.cast<number>(eb.fn.sum(eb.case().when('available_on', '<=', p.now).then(eb.ref('net')).else(0).end()), 'bigint').as('available'),
        eb.cast<number>(eb.fn.sum(eb.case().when('available_on', '>', p.now).then(eb.ref('net')).else(0).end()), 'bigint').as('pending'),
      ])
      .where('account_id', '=', p.account_id)
      .where('livemode', '=', p.livemode)
      .groupBy('currency');
    return one_currency ? query.where('currency', '=', p.currency) : query;
  });
}

const selectTotals = totalsQuery(false);
const selectCurrencyTotals = totalsQuery(true);

const insertRow = preparedQuery<
  Key & { created: number; source: string | null; type: string; available_on: number; currency: string; net: number; data: string }
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
    net: p.net,
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

/**
 * The account's totals at `now` for every currency it has entries in, or for `currency` alone.
 * @example const [usd] = await balanceTotals(tx, store, scope, now, 'usd'); // usd?.available
 */
export async function balanceTotals(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  now: number,
  currency?: string,
): Promise<CurrencyTotals[]> {
  const params = { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, now, currency: currency ?? '' };
  const query = currency === undefined ? selectTotals(store, params) : selectCurrencyTotals(store, params);
  const rows = await executor.all<{ currency: string; available: number | string; pending: number | string }>(query);
  return rows.map((row) => ({ currency: row.currency, available: Number(row.available), pending: Number(row.pending) }));
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
      net: entry.net,
      data: JSON.stringify(entry),
    }),
  );
}
