// External bank accounts in the store: the wire object as JSON, the columns defaults and lists need
// (currency, default_for_currency, deleted), and `payout_behaviour`, the catalogue's verdict on the
// account number, which is never rendered. A deleted account keeps its row (payouts still name it)
// with deleted = 1. Request-path statements are compiled once per engine.
import { sql } from 'kysely';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { BankAccount } from './bank-account-model.js';
import type { PayoutBehaviour } from './test-bank-accounts.js';

type Key = { account_id: string; livemode: number; id: string };

export interface BankAccountRow {
  json: string;
  deleted: boolean;
}

/** A payout's destination at arrival, with what the test bank does with payouts to it. */
export interface PayoutDestinationRow extends BankAccountRow {
  behaviour: PayoutBehaviour;
}

interface StoredRow {
  data: string;
  deleted: number;
}

const selectRow = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('bank_accounts')
    .select(['data', 'deleted'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

// PostgreSQL: an update or delete holds the row, so two changes to one account apply one at a time.
const selectRowForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('bank_accounts')
    .select(['data', 'deleted'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);

// Only a payout's arrival reads `payout_behaviour`; it may mark the account errored, so it holds the row.
const selectDestinationForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('bank_accounts')
    .select(['data', 'deleted', 'payout_behaviour'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);

const selectDestination = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('bank_accounts')
    .select(['data', 'deleted', 'payout_behaviour'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

// The defaults are read through the partial unique index bank_accounts_one_default (migration 0007).
// Its condition is written as literals, not parameters, so both planners can prove a prepared
// statement's rows satisfy it and use the index.
const selectDefault = preparedQuery<{ account_id: string; livemode: number; currency: string }>((db, p) =>
  db
    .selectFrom('bank_accounts')
    .select(['data', 'deleted'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('currency', '=', p.currency)
    .where(sql<boolean>`default_for_currency = 1 and deleted = 0`),
);

const selectDefaultCurrencies = preparedQuery<{ account_id: string; livemode: number }>((db, p) =>
  db
    .selectFrom('bank_accounts')
    .select('currency')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where(sql<boolean>`default_for_currency = 1 and deleted = 0`),
);

const insertRow = preparedQuery<
  Key & { created: number; currency: string; default_for_currency: number; payout_behaviour: string; data: string }
>((db, p) =>
  db.insertInto('bank_accounts').values({
    account_id: p.account_id,
    livemode: p.livemode,
    id: p.id,
    created: p.created,
    currency: p.currency,
    default_for_currency: p.default_for_currency,
    deleted: 0,
    payout_behaviour: p.payout_behaviour,
    data: p.data,
  }),
);

const updateRow = preparedQuery<Key & { default_for_currency: number; deleted: number; data: string }>((db, p) =>
  db
    .updateTable('bank_accounts')
    .set({ default_for_currency: p.default_for_currency, deleted: p.deleted, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const key = (scope: Scope, id: string): Key => ({ account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id });

const fromStored = (row: StoredRow): BankAccountRow => ({ json: row.data, deleted: Number(row.deleted) === 1 });

/** The bank account, deleted or not (payouts keep naming a deleted one); null if it never existed. */
export async function findBankAccountRow(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
  lock = false,
): Promise<BankAccountRow | null> {
  const query = lock && store.engine === 'postgres' ? selectRowForUpdate(store, key(scope, id)) : selectRow(store, key(scope, id));
  const row = await executor.first<StoredRow>(query);
  return row === undefined ? null : fromStored(row);
}

/** A payout's destination, deleted or not, with its test behaviour; held until commit on PostgreSQL. */
export async function findPayoutDestination(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
): Promise<PayoutDestinationRow | null> {
  const query = store.engine === 'postgres' ? selectDestinationForUpdate(store, key(scope, id)) : selectDestination(store, key(scope, id));
  const row = await executor.first<StoredRow & { payout_behaviour: string }>(query);
  return row === undefined ? null : { ...fromStored(row), behaviour: JSON.parse(row.payout_behaviour) as PayoutBehaviour };
}

/** The live default bank account for `currency`, where payouts go when no destination is named. */
export async function findDefaultBankAccount(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  currency: string,
): Promise<BankAccountRow | null> {
  const row = await executor.first<StoredRow>(
    selectDefault(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, currency }),
  );
  return row === undefined ? null : fromStored(row);
}

export async function defaultCurrencies(executor: SqlExecutor, store: Store, scope: Scope): Promise<Set<string>> {
  const rows = await executor.all<{ currency: string }>(
    selectDefaultCurrencies(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0 }),
  );
  return new Set(rows.map((row) => row.currency));
}

export async function insertBankAccount(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: bank, json }: Snapshot<BankAccount>,
  behaviour: PayoutBehaviour,
  created: number,
): Promise<void> {
  await executor.run(
    insertRow(store, {
      ...key(scope, bank.id),
      created,
      currency: bank.currency,
      default_for_currency: bank.default_for_currency ? 1 : 0,
      payout_behaviour: JSON.stringify(behaviour),
      data: json,
    }),
  );
}

export async function updateBankAccount(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: bank, json }: Snapshot<BankAccount>,
  deleted = false,
): Promise<void> {
  const changed = await executor.run(
    updateRow(store, {
      ...key(scope, bank.id),
      default_for_currency: bank.default_for_currency ? 1 : 0,
      deleted: deleted ? 1 : 0,
      data: json,
    }),
  );
  if (changed !== 1) throw new Error(`invariant: updating bank account ${bank.id} changed ${changed} rows`);
}

/**
 * Account scopes (account and mode with an API key) that have no bank account at all: the first
 * start after migration 0007, or a new account. Run once per start, not on the request path.
 */
export async function scopesWithoutBankAccount(
  executor: SqlExecutor,
  store: Store,
): Promise<{ account_id: string; livemode: boolean; fingerprint_key: string }[]> {
  const rows = await executor.all<{ account_id: string; livemode: number; fingerprint_key: string | null }>(
    store.db
      .selectFrom('api_keys')
      .innerJoin('accounts', 'accounts.id', 'api_keys.account_id')
      .select(['api_keys.account_id', 'api_keys.livemode', 'accounts.fingerprint_key'])
      .distinct()
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('bank_accounts')
              .select('bank_accounts.id')
              .whereRef('bank_accounts.account_id', '=', 'api_keys.account_id')
              .whereRef('bank_accounts.livemode', '=', 'api_keys.livemode'),
          ),
        ),
      )
      .orderBy('api_keys.account_id')
      .orderBy('api_keys.livemode')
      .compile(),
  );
  return rows.map((row) => {
    if (row.fingerprint_key === null) throw new Error(`invariant: account ${row.account_id} has its fingerprint key`);
    return { account_id: row.account_id, livemode: Number(row.livemode) === 1, fingerprint_key: row.fingerprint_key };
  });
}
