// The Balance as the API shows it (GET /v1/balance, balance.available), summed by the database, and
// balance.available itself: a charge's entry schedules one job for the moment it settles
// (`available_on`); entries settling at the same moment share it, whatever their currency, so each
// moment emits one event whose object is the whole Balance at that time.
import type { BalanceTransaction } from '../../ledger/balance-transaction.js';
import { balanceFromTotals, type Balance } from '../../ledger/balance.js';
import { scheduleJob } from '../../scheduler/scheduled-job-records.js';
import type { Scope } from '../../store/object-pages.js';
import type { SqlExecutor, Store } from '../../store/store.js';
import type { CommandContext } from '../shared/command-context.js';
import { snapshot } from '../shared/snapshot.js';
import { balanceTotals } from './balance-transaction-records.js';

export const balance_available_job = 'balance_available';
/** Tender's test accounts are US accounts: the currency the Balance always lists. */
export const account_default_currency = 'usd';

/** The scope's Balance at `now`, from the database's per-currency sums of `net`. */
export async function readBalance(executor: SqlExecutor, store: Store, scope: Scope, now: number): Promise<Balance> {
  const totals = await balanceTotals(executor, store, scope, now);
  return balanceFromTotals(totals, { livemode: scope.livemode, default_currency: account_default_currency });
}

/** Schedules balance.available for an entry that brings money in, at the moment it settles. */
export async function scheduleBalanceAvailable(context: CommandContext, entry: BalanceTransaction): Promise<void> {
  if (entry.net <= 0) return;
  await scheduleJob(context.tx, context.store, context.scope, {
    id: context.runtime.ids.next('job'),
    kind: balance_available_job,
    subject: String(entry.available_on),
    due_at: entry.available_on,
    created: context.now,
  });
}

/** The balance_available job: one balance.available event with the Balance as it is now. */
export async function emitBalanceAvailable(context: CommandContext): Promise<void> {
  const balance = await readBalance(context.tx, context.store, context.scope, context.now);
  await context.events.emit('balance.available', snapshot(balance));
}
