// External bank account commands: load (the account row locked on PostgreSQL, so one default per
// currency holds under concurrency), decide in bank-account-decisions.ts, then write the account,
// the demoted old default and the account.external_account.* events in the request's transaction.
// Also the bootstrap step that gives every account scope its default test bank account.
import type { Runtime } from '../../runtime/runtime.js';
import type { Store, Transaction } from '../../store/store.js';
import { lockAccount } from '../accounts/account-records.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Outcome } from '../shared/failures.js';
import { previousAttributes } from '../shared/previous-attributes.js';
import { snapshot, type Snapshot } from '../shared/snapshot.js';
import {
  decideCreateBankAccount,
  decideDeleteBankAccount,
  decideUpdateBankAccount,
  defaultBankAccount,
  externalAccountParam,
  type CreateExternalAccountParams,
  type UpdateExternalAccountParams,
} from './bank-account-decisions.js';
import { bank_account_id_prefix, type BankAccount, type DeletedBankAccount } from './bank-account-model.js';
import {
  defaultCurrencies,
  findBankAccountRow,
  findDefaultBankAccount,
  insertBankAccount,
  scopesWithoutBankAccount,
  updateBankAccount,
} from './bank-account-records.js';

const missing = (id: string) => fail({ code: 'resource_missing', resource: 'external_account', id, param: 'id', in_path: true });

export async function createExternalAccount(
  context: CommandContext,
  params: CreateExternalAccountParams,
): Promise<Outcome<Snapshot<BankAccount>>> {
  const { name, value } = externalAccountParam(params);
  // Tender issues no bank account tokens (`btok_`), so a token names nothing Tender has.
  if (typeof value === 'string') return fail({ code: 'resource_missing', resource: 'token', id: value, param: name, in_path: false });
  await lockAccount(context.tx, context.store, context.scope);
  const decided = decideCreateBankAccount(params, {
    id: context.runtime.ids.next(bank_account_id_prefix),
    account: context.scope.account_id,
    fingerprint_key: context.fingerprint_key,
    default_currencies: await defaultCurrencies(context.tx, context.store, context.scope),
  });
  if (!decided.ok) return fail({ code: 'external_account_failure', failure: decided.failure });
  const { bank_account, behaviour, demote_default } = decided.value;
  if (demote_default) await demoteDefault(context, bank_account.currency, bank_account.id);
  const created = snapshot(bank_account);
  await insertBankAccount(context.tx, context.store, context.scope, created, behaviour, context.now);
  await context.events.emit('account.external_account.created', created);
  return succeed(created);
}

export async function updateExternalAccount(
  context: CommandContext,
  id: string,
  params: UpdateExternalAccountParams,
): Promise<Outcome<Snapshot<BankAccount>>> {
  await lockAccount(context.tx, context.store, context.scope);
  const row = await findBankAccountRow(context.tx, context.store, context.scope, id, true);
  if (row === null || row.deleted) return missing(id);
  const current = JSON.parse(row.json) as BankAccount;
  const decided = decideUpdateBankAccount(current, params);
  if (!decided.ok) return fail({ code: 'external_account_failure', failure: decided.failure });
  if (decided.value.demote_default) await demoteDefault(context, current.currency, id);
  const previous = previousAttributes({ ...current }, { ...decided.value.bank_account });
  if (Object.keys(previous).length === 0) return succeed({ object: current, json: row.json });
  const updated = snapshot(decided.value.bank_account);
  await updateBankAccount(context.tx, context.store, context.scope, updated);
  await context.events.emit('account.external_account.updated', updated, previous);
  return succeed(updated);
}

export async function deleteExternalAccount(context: CommandContext, id: string): Promise<Outcome<Snapshot<DeletedBankAccount>>> {
  await lockAccount(context.tx, context.store, context.scope);
  const row = await findBankAccountRow(context.tx, context.store, context.scope, id, true);
  if (row === null || row.deleted) return missing(id);
  const current = JSON.parse(row.json) as BankAccount;
  const decided = decideDeleteBankAccount(current);
  if (!decided.ok) return fail({ code: 'external_account_failure', failure: decided.failure });
  await updateBankAccount(context.tx, context.store, context.scope, { object: current, json: row.json }, true);
  await context.events.emit('account.external_account.deleted', { object: current, json: row.json });
  return succeed(snapshot<DeletedBankAccount>({ id, object: 'bank_account', currency: current.currency, deleted: true }));
}

/** The currency's current default (other than `except`) stops being the default. */
async function demoteDefault(context: CommandContext, currency: string, except: string): Promise<void> {
  const row = await findDefaultBankAccount(context.tx, context.store, context.scope, currency);
  if (row === null) return;
  const current = JSON.parse(row.json) as BankAccount;
  if (current.id === except) return;
  const demoted = snapshot<BankAccount>({ ...current, default_for_currency: false });
  await updateBankAccount(context.tx, context.store, context.scope, demoted);
  await context.events.emit('account.external_account.updated', demoted, { default_for_currency: true });
}

/**
 * Gives every account scope without a bank account Stripe's default test bank account (usd, payouts
 * succeed), so payouts have a destination from the first start on. Idempotent; no events, as no
 * request made the change.
 * @example await ensureDefaultBankAccounts(tx, store, runtime, now)
 */
export async function ensureDefaultBankAccounts(tx: Transaction, store: Store, runtime: Runtime, now: number): Promise<number> {
  const scopes = await scopesWithoutBankAccount(tx, store);
  for (const scope of scopes) {
    const { bank_account, behaviour } = defaultBankAccount({
      id: runtime.ids.next(bank_account_id_prefix),
      account: scope.account_id,
      fingerprint_key: scope.fingerprint_key,
    });
    await insertBankAccount(tx, store, { account_id: scope.account_id, livemode: scope.livemode }, snapshot(bank_account), behaviour, now);
  }
  return scopes.length;
}
