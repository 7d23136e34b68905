// Payout commands and the scheduler's payout jobs. Create holds the account row (PostgreSQL) while it
// reads the available balance and books the debit, so concurrent payouts never take more than is
// available (a refund takes no lock and may still take the balance negative, as Stripe allows);
// SQLite runs one transaction at a time. Every write (payout, ledger entries, jobs,
// events) happens in the request's or the job's one transaction, and the payout's entries are
// re-checked against the ledger invariants before commit.
import { payoutEntry, payoutReversalEntry, type BalanceTransaction } from '../../ledger/balance-transaction.js';
import { assertLedger } from '../../ledger/ledger-invariants.js';
import { scheduleJob, unscheduleJob, type ScheduledJob } from '../../scheduler/scheduled-job-records.js';
import { balanceTotals, insertBalanceTransaction } from '../balance/balance-transaction-records.js';
import type { BankAccount } from '../bank-accounts/bank-account-model.js';
import { lockAccount } from '../accounts/account-records.js';
import {
  findBankAccountRow,
  findDefaultBankAccount,
  findPayoutDestination,
  updateBankAccount,
} from '../bank-accounts/bank-account-records.js';
import { payoutFailureOf } from '../bank-accounts/test-bank-accounts.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Outcome } from '../shared/failures.js';
import type { MetadataParam } from '../shared/metadata.js';
import { previousAttributes } from '../shared/previous-attributes.js';
import { snapshot, snapshotFromJson, type Snapshot } from '../shared/snapshot.js';
import {
  checkPayoutRequest,
  decideArrival,
  decideCancelPayout,
  decideCreatePayout,
  decideSubmission,
  decideUpdatePayout,
  type CreatePayoutParams,
  type PayoutStep,
} from './payout-decisions.js';
import { payout_id_prefix, type Payout, type PayoutSourceType } from './payout-model.js';
import { entriesOfPayout, findPayoutJson, insertPayout, updatePayout } from './payout-records.js';

export const payout_submission_job = 'payout_submission';
export const payout_arrival_job = 'payout_arrival';

const balance_transaction_id_prefix = 'txn';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

const missingPayout = (id: string) => fail({ code: 'resource_missing', resource: 'payout', id, param: 'payout', in_path: true });

/** The destination a create names, else the currency's default; a named one must exist and be live. */
async function destinationOf(context: CommandContext, named: string | null, currency: string): Promise<Outcome<BankAccount | null>> {
  if (named === null) {
    const row = await findDefaultBankAccount(context.tx, context.store, context.scope, currency);
    return succeed(row === null ? null : (JSON.parse(row.json) as BankAccount));
  }
  const row = await findBankAccountRow(context.tx, context.store, context.scope, named);
  if (row === null || row.deleted) {
    return fail({ code: 'resource_missing', resource: 'external_account', id: named, param: 'destination', in_path: false });
  }
  return succeed(JSON.parse(row.json) as BankAccount);
}

/** What a payout of `source_type` may draw: the currency's available balance, as GET /v1/balance sums it. */
async function availableFor(context: CommandContext, currency: string, source_type: PayoutSourceType): Promise<number> {
  // The ledger attributes every fund to cards (balance.ts), so other source types hold nothing.
  if (source_type !== 'card') return 0;
  const [totals] = await balanceTotals(context.tx, context.store, context.scope, context.now, currency);
  return totals?.available ?? 0;
}

export async function createPayoutCommand(context: CommandContext, params: CreatePayoutParams): Promise<Outcome<Snapshot<Payout>>> {
  // Held until commit: a concurrent payout of this account reads the balance after this one's debit.
  await lockAccount(context.tx, context.store, context.scope);
  const currency = params.currency.toLowerCase();
  const destination = await destinationOf(context, text(params.destination), currency);
  if (!destination.ok) return destination;
  // A request refused before the balance matters (amount, no bank account for the currency) reads none.
  const checked = checkPayoutRequest(params, destination.value);
  if (!checked.ok) return fail({ code: 'payout_failure', failure: checked.failure });
  const decided = decideCreatePayout(params, {
    id: context.runtime.ids.next(payout_id_prefix),
    now: context.now,
    livemode: context.scope.livemode,
    destination: destination.value,
    available: await availableFor(context, currency, params.source_type ?? 'card'),
  });
  if (!decided.ok) return fail({ code: 'payout_failure', failure: decided.failure });
  const { payout: decidedPayout, schedule } = decided.value;
  const entry = payoutEntry(entryFacts(context, currency), { payout: decidedPayout.id, amount: decidedPayout.amount });
  const payout = snapshot<Payout>({ ...decidedPayout, balance_transaction: entry.id });
  await insertPayout(context.tx, context.store, context.scope, payout);
  await insertBalanceTransaction(context.tx, context.store, context.scope, entry);
  assertLedger({
    entries: [entry],
    payouts: [{ payout: payout.object.id, amount: payout.object.amount, status: 'pending', entries: [entry] }],
  });
  await schedulePayoutJob(context, payout_submission_job, payout.object.id, schedule.submitted_at);
  await schedulePayoutJob(context, payout_arrival_job, payout.object.id, schedule.arrival_date);
  await context.events.emit('payout.created', payout);
  return succeed(payout);
}

export async function updatePayoutCommand(
  context: CommandContext,
  id: string,
  params: { metadata?: MetadataParam },
): Promise<Outcome<Snapshot<Payout>>> {
  const json = await findPayoutJson(context.tx, context.store, context.scope, id, true);
  if (json === null) return missingPayout(id);
  const current = snapshotFromJson<Payout>(json);
  const decided = decideUpdatePayout(current.object, params);
  if (!decided.ok) return fail({ code: 'payout_failure', failure: decided.failure });
  const next = decided.value;
  const previous = previousAttributes({ ...current.object }, { ...next });
  if (Object.keys(previous).length === 0) return succeed(current);
  const payout = snapshot(next);
  await updatePayout(context.tx, context.store, context.scope, payout);
  await context.events.emit('payout.updated', payout, previous);
  return succeed(payout);
}

/** Cancels a pending payout: the funds come back through a `payout_cancel` entry, and its jobs go. */
export async function cancelPayoutCommand(context: CommandContext, id: string): Promise<Outcome<Snapshot<Payout>>> {
  const json = await findPayoutJson(context.tx, context.store, context.scope, id, true);
  if (json === null) return missingPayout(id);
  const current = JSON.parse(json) as Payout;
  const decided = decideCancelPayout(current);
  if (!decided.ok) return fail({ code: 'payout_failure', failure: decided.failure });
  const entry = payoutReversalEntry(entryFacts(context, current.currency), { payout: id, amount: current.amount, type: 'payout_cancel' });
  const payout = snapshot<Payout>({ ...decided.value, failure_balance_transaction: entry.id });
  await updatePayout(context.tx, context.store, context.scope, payout);
  await insertBalanceTransaction(context.tx, context.store, context.scope, entry);
  await checkPayoutLedger(context, payout.object, entry);
  await unscheduleJob(context.tx, context.store, context.scope, payout_submission_job, id);
  await unscheduleJob(context.tx, context.store, context.scope, payout_arrival_job, id);
  await context.events.emit('payout.canceled', payout);
  return succeed(payout);
}

// ------------------------------------------------------------------------------------ scheduled jobs

/** The payout_submission job: a pending payout goes in_transit (payout.updated). */
export async function submitPayout(context: CommandContext, job: ScheduledJob): Promise<void> {
  const current = await loadForJob(context, job);
  await applySteps(context, current, decideSubmission(current), null);
}

/**
 * The payout_arrival job: the destination's test behaviour decides. Paid (payout.paid), or failed
 * with Stripe's code and message, a `payout_failure` entry returning the funds (payout.failed), and
 * the bank account marked `errored` as Stripe does after a failed payout.
 */
export async function arrivePayout(context: CommandContext, job: ScheduledJob): Promise<void> {
  const current = await loadForJob(context, job);
  const row = await findPayoutDestination(context.tx, context.store, context.scope, current.destination);
  if (row === null) throw new Error(`invariant: payout ${current.id} has its destination ${current.destination}`);
  const steps = decideArrival(current, payoutFailureOf(row.behaviour, current.method));
  const failed = steps.some((step) => step.action === 'fail');
  await applySteps(context, current, steps, failed ? { json: row.json, deleted: row.deleted } : null);
}

async function loadForJob(context: CommandContext, job: ScheduledJob): Promise<Payout> {
  const json = await findPayoutJson(context.tx, context.store, context.scope, job.subject, true);
  if (json === null) throw new Error(`invariant: scheduled payout ${job.subject} exists`);
  return JSON.parse(json) as Payout;
}

/** Writes the last step's payout once and announces every step, each with its own snapshot. */
async function applySteps(
  context: CommandContext,
  current: Payout,
  steps: readonly PayoutStep[],
  destination: { json: string; deleted: boolean } | null,
): Promise<void> {
  let before = current;
  let written: Snapshot<Payout> | null = null;
  const announcements: { event: PayoutStep['event']; payout: Snapshot<Payout>; previous?: Record<string, unknown> }[] = [];
  for (const step of steps) {
    let after = step.payout;
    if (step.action === 'fail') {
      const entry = payoutReversalEntry(entryFacts(context, after.currency), {
        payout: after.id,
        amount: after.amount,
        type: 'payout_failure',
      });
      after = { ...after, failure_balance_transaction: entry.id };
      await insertBalanceTransaction(context.tx, context.store, context.scope, entry);
      await checkPayoutLedger(context, after, entry);
    }
    written = snapshot(after);
    const previous = step.event === 'payout.updated' ? previousAttributes({ ...before }, { ...after }) : undefined;
    announcements.push({ event: step.event, payout: written, ...(previous === undefined ? {} : { previous }) });
    before = after;
  }
  if (written === null) return;
  await updatePayout(context.tx, context.store, context.scope, written);
  for (const { event, payout, previous } of announcements) await context.events.emit(event, payout, previous);
  if (destination !== null && !destination.deleted) await markErrored(context, destination.json);
}

async function markErrored(context: CommandContext, json: string): Promise<void> {
  const current = JSON.parse(json) as BankAccount;
  if (current.status === 'errored') return;
  const errored = snapshot<BankAccount>({ ...current, status: 'errored' });
  await updateBankAccount(context.tx, context.store, context.scope, errored);
  await context.events.emit('account.external_account.updated', errored, { status: current.status });
}

/** The payout's entries, including the one just written, net as its status says (ledger-invariants.ts). */
async function checkPayoutLedger(context: CommandContext, payout: Payout, entry: BalanceTransaction): Promise<void> {
  const entries = await entriesOfPayout(context.tx, context.store, context.scope, payout.id);
  assertLedger({ entries: [entry], payouts: [{ payout: payout.id, amount: payout.amount, status: payout.status, entries }] });
}

async function schedulePayoutJob(context: CommandContext, kind: string, subject: string, due_at: number): Promise<void> {
  await scheduleJob(context.tx, context.store, context.scope, {
    id: context.runtime.ids.next('job'),
    kind,
    subject,
    due_at,
    created: context.now,
  });
}

function entryFacts(context: CommandContext, currency: string) {
  return { id: context.runtime.ids.next(balance_transaction_id_prefix), currency, created: context.now };
}
