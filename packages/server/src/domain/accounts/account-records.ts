// Accounts and their keys in the store, the account-wide lock (lockAccount), and the first-start
// bootstrap: with a known secret key the account behind it is reused (or created once); without one,
// the first start creates an account and keys and later starts reuse that account.
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { Store, SqlExecutor, Transaction } from '../../store/store.js';
import type { Runtime } from '../../runtime/runtime.js';
import { unixSeconds } from '../../runtime/clock.js';
import { ensureDefaultBankAccounts } from '../bank-accounts/bank-account-commands.js';
import { generated_key_random_chars, hashKey, keyPrefix, parseKey, type KeyType } from './api-keys.js';

/** The API version whose object shapes Tender's answers validate against. */
export const default_api_version = '2023-08-16';

export interface AccountKeyRecord {
  account_id: string;
  /** The account's secret for card fingerprints. */
  fingerprint_key: string;
  livemode: boolean;
  key_type: KeyType;
  default_api_version: string;
}

export interface BootstrapResult {
  account_id: string;
  created: boolean;
  /** Keys created by this start, shown once. Empty when an existing account is reused. */
  new_keys: { secret?: string; publishable?: string };
}

export async function findKey(executor: SqlExecutor, store: Store, keyHash: string): Promise<AccountKeyRecord | null> {
  const row = await executor.first<{
    account_id: string;
    livemode: number;
    key_type: KeyType;
    default_api_version: string;
    fingerprint_key: string | null;
  }>(
    store.db
      .selectFrom('api_keys')
      .innerJoin('accounts', 'accounts.id', 'api_keys.account_id')
      .select(['api_keys.account_id', 'api_keys.livemode', 'api_keys.key_type', 'accounts.default_api_version', 'accounts.fingerprint_key'])
      .where('api_keys.key_hash', '=', keyHash)
      .compile(),
  );
  if (row === undefined) return null;
  return {
    account_id: row.account_id,
    fingerprint_key: fingerprintKeyOf(row),
    livemode: row.livemode === 1,
    key_type: row.key_type,
    default_api_version: row.default_api_version,
  };
}

// PostgreSQL: the account row is the account-wide lock for its payouts and payout destinations (a
// payout's balance check and debit, a currency's one default bank account). Refunds do not take it:
// Stripe lets a refund take the balance negative. SQLite runs one transaction at a time.
const lockAccountRow = preparedQuery<{ id: string }>((db, p) => db.selectFrom('accounts').select('id').where('id', '=', p.id).forUpdate());

/** Holds the scope's account row until commit (PostgreSQL); concurrent holders wait their turn. */
export async function lockAccount(executor: SqlExecutor, store: Store, scope: Scope): Promise<void> {
  if (store.engine !== 'postgres') return;
  const row = await executor.first<{ id: string }>(lockAccountRow(store, { id: scope.account_id }));
  if (row === undefined) throw new Error(`invariant: account ${scope.account_id} exists`);
}

export interface AccountRecord {
  id: string;
  fingerprint_key: string;
  default_api_version: string;
}

/** An account by id, for work Tender starts itself (scheduled jobs), where no API key names it. */
export async function findAccount(executor: SqlExecutor, store: Store, id: string): Promise<AccountRecord | null> {
  const row = await executor.first<{ id: string; fingerprint_key: string | null; default_api_version: string }>(
    store.db.selectFrom('accounts').select(['id', 'fingerprint_key', 'default_api_version']).where('id', '=', id).compile(),
  );
  if (row === undefined) return null;
  if (row.fingerprint_key === null) throw new Error(`invariant: account ${row.id} has no fingerprint key`);
  return { id: row.id, fingerprint_key: row.fingerprint_key, default_api_version: row.default_api_version };
}

/** The account an object belongs to, for pages that have no API key (the object's id is the capability). */
export interface ObjectOwner {
  account_id: string;
  livemode: boolean;
  fingerprint_key: string;
  default_api_version: string;
}

/** Finds which account owns an intent (ids are globally unique: the column is the primary key). */
export async function findObjectOwner(
  executor: SqlExecutor,
  store: Store,
  table: 'payment_intents' | 'setup_intents',
  id: string,
): Promise<ObjectOwner | null> {
  const row = await executor.first<{ account_id: string; livemode: number; default_api_version: string; fingerprint_key: string | null }>(
    store.db
      .selectFrom(`${table} as owned` as 'payment_intents as owned')
      .innerJoin('accounts', 'accounts.id', 'owned.account_id')
      .select(['owned.account_id', 'owned.livemode', 'accounts.default_api_version', 'accounts.fingerprint_key'])
      .where('owned.id', '=', id)
      .compile(),
  );
  if (row === undefined) return null;
  return {
    account_id: row.account_id,
    livemode: row.livemode === 1,
    fingerprint_key: fingerprintKeyOf(row),
    default_api_version: row.default_api_version,
  };
}

const fingerprint_key_chars = 40;

/** Every account gets its fingerprint key when it is made (or migrated); a row without one is a bug. */
function fingerprintKeyOf(row: { account_id: string; fingerprint_key: string | null }): string {
  if (row.fingerprint_key === null) throw new Error(`invariant: account ${row.account_id} has no fingerprint key`);
  return row.fingerprint_key;
}

function newFingerprintKey(runtime: Runtime): string {
  return runtime.ids.randomChars(fingerprint_key_chars);
}

export async function bootstrapAccount(store: Store, runtime: Runtime, secretKey: string | undefined): Promise<BootstrapResult> {
  const now = unixSeconds(runtime.clock);
  return store.transaction(async (tx) => {
    // Processes starting together on one PostgreSQL database bootstrap one after the other, so the
    // second finds the first one's account instead of inserting the same key again, and an account
    // gets one default bank account, not two.
    await tx.lock('tender:bootstrap-account');
    // Accounts created before migration 0002 get their fingerprint key on the first start after it.
    const keyless = await tx.all<{ id: string }>(
      store.db.selectFrom('accounts').select('id').where('fingerprint_key', 'is', null).compile(),
    );
    for (const { id } of keyless) {
      await tx.run(
        store.db
          .updateTable('accounts')
          .set({ fingerprint_key: newFingerprintKey(runtime) })
          .where('id', '=', id)
          .compile(),
      );
    }
    const result = await findOrCreateAccount(tx, store, runtime, secretKey, now);
    // Every account scope has a default test bank account for payouts, existing ones included.
    await ensureDefaultBankAccounts(tx, store, runtime, now);
    return result;
  });
}

async function findOrCreateAccount(
  tx: Transaction,
  store: Store,
  runtime: Runtime,
  secretKey: string | undefined,
  now: number,
): Promise<BootstrapResult> {
  if (secretKey !== undefined) {
    const parsed = parseKey(secretKey);
    if (parsed === null || parsed.key_type !== 'secret') {
      throw new Error('--secret-key must look like sk_test_ followed by 8 or more letters and digits');
    }
    const existing = await findKey(tx, store, hashKey(secretKey));
    if (existing !== null) return { account_id: existing.account_id, created: false, new_keys: {} };
    return createAccount(tx, store, runtime, now, parsed.livemode, () => secretKey);
  }
  const first = await tx.first<{ id: string }>(
    store.db.selectFrom('accounts').select('id').orderBy('created').orderBy('id').limit(1).compile(),
  );
  if (first !== undefined) return { account_id: first.id, created: false, new_keys: {} };
  return createAccount(
    tx,
    store,
    runtime,
    now,
    false,
    () => keyPrefix('secret', false) + runtime.ids.randomChars(generated_key_random_chars),
  );
}

/** A new account with its secret key (given, or made after the account's id) and a new publishable key. */
async function createAccount(
  tx: SqlExecutor,
  store: Store,
  runtime: Runtime,
  now: number,
  livemode: boolean,
  secretKey: () => string,
): Promise<BootstrapResult> {
  const accountId = runtime.ids.next('acct');
  await tx.run(
    store.db
      .insertInto('accounts')
      .values({ id: accountId, created: now, livemode: 0, default_api_version, fingerprint_key: newFingerprintKey(runtime) })
      .compile(),
  );
  const secret = secretKey();
  const publishable = keyPrefix('publishable', livemode) + runtime.ids.randomChars(generated_key_random_chars);
  await insertKey(tx, store, accountId, secret, 'secret', livemode, now);
  await insertKey(tx, store, accountId, publishable, 'publishable', livemode, now);
  return { account_id: accountId, created: true, new_keys: { secret, publishable } };
}

async function insertKey(
  tx: SqlExecutor,
  store: Store,
  accountId: string,
  key: string,
  keyType: KeyType,
  livemode: boolean,
  now: number,
): Promise<void> {
  await tx.run(
    store.db
      .insertInto('api_keys')
      .values({ key_hash: hashKey(key), account_id: accountId, livemode: livemode ? 1 : 0, key_type: keyType, created: now })
      .compile(),
  );
}

/** Random characters after `whsec_` in the `tender listen` secret, as long as an endpoint's. */
const cli_webhook_secret_chars = 32;

/**
 * The whsec_ secret `tender listen` signs the events it forwards with: one per account, stable across
 * restarts, made on first use. Two processes asking at once agree: only a still-empty column is set.
 */
export async function cliWebhookSecret(store: Store, runtime: Runtime, accountId: string): Promise<string> {
  const read = (executor: SqlExecutor) =>
    executor.first<{ cli_webhook_secret: string | null }>(
      store.db.selectFrom('accounts').select('cli_webhook_secret').where('id', '=', accountId).compile(),
    );
  const existing = await store.read(read);
  if (existing === undefined) throw new Error(`invariant: account ${accountId} exists`);
  if (typeof existing.cli_webhook_secret === 'string') return existing.cli_webhook_secret;
  return store.transaction(async (tx) => {
    await tx.run(
      store.db
        .updateTable('accounts')
        .set({ cli_webhook_secret: `whsec_${runtime.ids.randomChars(cli_webhook_secret_chars)}` })
        .where('id', '=', accountId)
        .where('cli_webhook_secret', 'is', null)
        .compile(),
    );
    const row = await read(tx);
    if (typeof row?.cli_webhook_secret !== 'string') throw new Error(`invariant: account ${accountId} has a listen secret`);
    return row.cli_webhook_secret;
  });
}
