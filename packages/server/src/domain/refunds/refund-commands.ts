// Refund commands: load the charge (locked on PostgreSQL; named directly or through its
// PaymentIntent's latest charge) and its card's refund behaviour, decide in refund-decisions.ts,
// then write in the request's one transaction: the refund, the charge's amount_refunded, the ledger
// entry, the events. The ledger is re-checked for the charge before commit (refunds never exceed
// what was captured).
import { refundEntry, refundFailureEntry, type BalanceTransaction } from '../../ledger/balance-transaction.js';
import { assertLedger } from '../../ledger/ledger-invariants.js';
import { findBalanceTransaction, insertBalanceTransaction } from '../balance/balance-transaction-records.js';
import type { Charge } from '../charges/charge-model.js';
import { loadCharge } from '../charges/charge-commands.js';
import { updateCharge } from '../charges/charge-records.js';
import type { PaymentIntent } from '../payment-intents/payment-intent-model.js';
import { findPaymentIntentJson } from '../payment-intents/payment-intent-records.js';
import { loadPaymentMethod } from '../payment-methods/payment-method-commands.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Failure, type Outcome } from '../shared/failures.js';
import type { MetadataParam } from '../shared/metadata.js';
import { previousAttributes } from '../shared/previous-attributes.js';
import { snapshot, snapshotFromJson, type Snapshot } from '../shared/snapshot.js';
import { scheduleJob, type ScheduledJob } from '../../scheduler/scheduled-job-records.js';
import {
  decideCancelRefund,
  decideRefund,
  decideSettleRefund,
  decideUpdateRefund,
  scheduledSettlement,
  type ChargeChanges,
  type CreateRefundParams,
} from './refund-decisions.js';
import type { RefundFailure } from './refund-failures.js';
import { refund_id_prefix, type Refund } from './refund-model.js';
import { findRefundJson, insertRefund, refundsOfCharge, updateRefund } from './refund-records.js';

const balance_transaction_id_prefix = 'txn';

type Params = Record<string, unknown>;

const refundFailure = (failure: RefundFailure): Failure => ({ code: 'refund_failure', failure });

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The charge a create names: `charge`, or the latest charge of `payment_intent` (one, not both). */
async function chargeToRefund(context: CommandContext, params: Params): Promise<Outcome<Snapshot<Charge>>> {
  const chargeId = text(params.charge);
  const intentId = text(params.payment_intent);
  if (chargeId !== null && intentId !== null) {
    // [inf] Stripe's wording for naming both is unconfirmed.
    return fail(
      refundFailure({
        code: 'parameter_invalid',
        param: 'payment_intent',
        message: 'You can only specify one of `charge` or `payment_intent`.',
      }),
    );
  }
  if (chargeId !== null) return loadCharge(context, chargeId, { param: 'charge', in_path: false });
  if (intentId === null) {
    return fail(
      refundFailure({
        code: 'parameter_missing',
        param: 'charge',
        message: 'One of the following params should be provided for this request: payment_intent or charge.',
      }),
    );
  }
  const json = await findPaymentIntentJson(context.tx, context.store, context.scope, intentId, true);
  if (json === null)
    return fail({ code: 'resource_missing', resource: 'payment_intent', id: intentId, param: 'payment_intent', in_path: false });
  const intent = JSON.parse(json) as PaymentIntent;
  if (intent.latest_charge === null) {
    return fail(
      refundFailure({
        code: 'charge_not_refundable',
        param: 'payment_intent',
        message: `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      }),
    );
  }
  return loadCharge(context, intent.latest_charge, { param: 'payment_intent', in_path: false });
}

/** Seconds after creation at which the network settles a pending or failing refund [inf: "some time later"]. */
export const refund_settlement_delay_seconds = 30;
export const refund_settlement_job = 'refund_settlement';

/**
 * How the card's network answers a refund, now and later (contract §5): pm_card_pendingRefund
 * refunds start pending and later succeed; pm_card_refundFail ones start succeeded and later fail;
 * every other card's refund succeeds at once for good.
 */
async function refundBehaviour(
  context: CommandContext,
  charge: Charge,
): Promise<{ status: 'pending' | 'succeeded'; settles_later: boolean }> {
  const loaded = await loadPaymentMethod(context, charge.payment_method);
  const kind = loaded.ok ? loaded.value.behaviour.kind : null;
  if (kind === 'refund_pending') return { status: 'pending', settles_later: true };
  if (kind === 'refund_fails') return { status: 'succeeded', settles_later: true };
  return { status: 'succeeded', settles_later: false };
}

// ------------------------------------------------------------------------------------------- commands

export async function createRefund(context: CommandContext, params: Params): Promise<Outcome<Snapshot<Refund>>> {
  const loaded = await chargeToRefund(context, params);
  if (!loaded.ok) return loaded;
  const charge = loaded.value.object;
  const behaviour = await refundBehaviour(context, charge);
  const decided = decideRefund(charge, params as CreateRefundParams, {
    id: context.runtime.ids.next(refund_id_prefix),
    now: context.now,
    status: behaviour.status,
    param: text(params.charge) === null ? 'payment_intent' : 'charge',
  });
  if (!decided.ok) return fail(refundFailure(decided.failure));
  // The balance is debited when the refund is created, pending or not: Stripe shows a pending
  // refund's balance_transaction and returns the money through failure_balance_transaction if it
  // fails or is canceled (refund object docs), which only makes sense for an early debit. Releasing
  // an uncaptured authorization moves no money: no entry, and nothing settles later.
  const released = decided.value.release === true;
  const entry = released
    ? null
    : refundEntry(entryFacts(context, charge.currency), { refund: decided.value.refund.id, amount: decided.value.refund.amount });
  const refund = snapshot<Refund>(entry === null ? decided.value.refund : { ...decided.value.refund, balance_transaction: entry.id });
  await insertRefund(context.tx, context.store, context.scope, refund);
  if (entry !== null) await insertBalanceTransaction(context.tx, context.store, context.scope, entry);
  const updatedCharge = await writeCharge(context, charge, decided.value.charge_changes);
  await checkChargeLedger(context, updatedCharge.object, entry === null ? [] : [entry]);
  if (!released && behaviour.settles_later) {
    await scheduleJob(context.tx, context.store, context.scope, {
      id: context.runtime.ids.next('job'),
      kind: refund_settlement_job,
      subject: refund.object.id,
      due_at: context.now + refund_settlement_delay_seconds,
      created: context.now,
    });
  }
  // Stripe sends charge.refunded for every refund, partial ones too, and no charge.updated [inf].
  await context.events.emit('refund.created', refund);
  await context.events.emit('charge.refunded', updatedCharge, chargePrevious(charge, updatedCharge.object));
  return succeed(refund);
}

export async function cancelRefund(context: CommandContext, id: string): Promise<Outcome<Snapshot<Refund>>> {
  const json = await findRefundJson(context.tx, context.store, context.scope, id, true);
  if (json === null) return fail({ code: 'resource_missing', resource: 'refund', id, param: 'refund', in_path: true });
  const current = JSON.parse(json) as Refund;
  const loaded = await loadCharge(context, current.charge);
  if (!loaded.ok) throw new Error(`invariant: refund ${id} has its charge ${current.charge}`);
  const charge = loaded.value.object;
  const decided = decideCancelRefund(current, charge);
  if (!decided.ok) return fail(refundFailure(decided.failure));
  const entry = refundFailureEntry(entryFacts(context, charge.currency), { refund: id, amount: current.amount });
  const refund = snapshot<Refund>({ ...decided.value.refund, failure_balance_transaction: entry.id });
  await updateRefund(context.tx, context.store, context.scope, refund);
  await insertBalanceTransaction(context.tx, context.store, context.scope, entry);
  const updatedCharge = await writeCharge(context, charge, decided.value.charge_changes);
  await checkChargeLedger(context, updatedCharge.object, [entry]);
  await context.events.emit('refund.updated', refund, previousAttributes({ ...current }, { ...refund.object }));
  return succeed(refund);
}

export async function updateRefundCommand(context: CommandContext, id: string, params: Params): Promise<Outcome<Snapshot<Refund>>> {
  const json = await findRefundJson(context.tx, context.store, context.scope, id, true);
  if (json === null) return fail({ code: 'resource_missing', resource: 'refund', id, param: 'refund', in_path: true });
  const current = snapshotFromJson<Refund>(json);
  const decided = decideUpdateRefund(current.object, { metadata: params.metadata as MetadataParam });
  if (!decided.ok) return fail(refundFailure(decided.failure));
  const next = decided.value;
  const previous = previousAttributes({ ...current.object }, { ...next });
  if (Object.keys(previous).length === 0) return succeed(current);
  const refund = snapshot(next);
  await updateRefund(context.tx, context.store, context.scope, refund);
  await context.events.emit('refund.updated', refund, previous);
  return succeed(refund);
}

/**
 * The scheduled second answer of the network (refund_settlement job): a pending refund succeeds, a
 * refund on the refundFail card fails and its money returns to the charge and the balance through a
 * refund_failure entry, its failure_balance_transaction. A refund canceled meanwhile stays as it is.
 */
export async function settleRefund(context: CommandContext, job: ScheduledJob): Promise<void> {
  const json = await findRefundJson(context.tx, context.store, context.scope, job.subject, true);
  if (json === null) throw new Error(`invariant: refund ${job.subject} of a settlement job exists`);
  const current = JSON.parse(json) as Refund;
  const loaded = await loadCharge(context, current.charge);
  if (!loaded.ok) throw new Error(`invariant: refund ${current.id} has its charge ${current.charge}`);
  const charge = loaded.value.object;
  const decided = decideSettleRefund(current, charge, scheduledSettlement(current));
  if (decided === null) return;
  let next = decided.refund;
  if (decided.charge_changes !== null) {
    const entry = refundFailureEntry(entryFacts(context, charge.currency), { refund: current.id, amount: current.amount });
    next = { ...next, failure_balance_transaction: entry.id };
    await insertBalanceTransaction(context.tx, context.store, context.scope, entry);
    const updatedCharge = await writeCharge(context, charge, decided.charge_changes);
    await checkChargeLedger(context, updatedCharge.object, [entry]);
  }
  const refund = snapshot(next);
  await updateRefund(context.tx, context.store, context.scope, refund);
  await context.events.emit(decided.event, refund, previousAttributes({ ...current }, { ...refund.object }));
}

// ---------------------------------------------------------------------------------------------- write

async function writeCharge(context: CommandContext, charge: Charge, changes: ChargeChanges): Promise<Snapshot<Charge>> {
  const updated = snapshot<Charge>({ ...charge, ...changes });
  await updateCharge(context.tx, context.store, context.scope, updated);
  return updated;
}

/** Re-checks the new entries and every live refund of the charge against what it captured. */
async function checkChargeLedger(context: CommandContext, charge: Charge, entries: BalanceTransaction[]): Promise<void> {
  const refunds = await refundsOfCharge(context.tx, context.store, context.scope, charge.id);
  const refundEntries: BalanceTransaction[] = [];
  for (const refund of refunds) {
    if (refund.status === 'failed' || refund.status === 'canceled' || refund.balance_transaction === null) continue;
    const found = await findBalanceTransaction(context.tx, context.store, context.scope, refund.balance_transaction);
    if (found === null) throw new Error(`invariant: refund ${refund.id} has its balance transaction`);
    refundEntries.push(found);
  }
  assertLedger({ entries, charges: [{ charge: charge.id, amount_captured: charge.amount_captured, refunds: refundEntries }] });
}

function chargePrevious(before: Charge, after: Charge): Record<string, unknown> {
  return previousAttributes({ ...before }, { ...after });
}

function entryFacts(context: CommandContext, currency: string) {
  return { id: context.runtime.ids.next(balance_transaction_id_prefix), currency, created: context.now };
}
