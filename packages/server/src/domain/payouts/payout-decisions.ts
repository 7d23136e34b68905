// Pure payout decisions: a new payout from the request and the available balance, cancel, metadata
// updates, and the moves the scheduler makes (submission, arrival). Invariant: a payout is created
// only when its amount is at most what is available in its currency and source type, so payouts
// never overdraw against other payouts (refunds may still take the balance negative, as Stripe's
// do); every status change goes through payout-state-machine.ts.
import type { BankAccount, PayoutMethod } from '../bank-accounts/bank-account-model.js';
import { createMetadata, mergeMetadataWithinLimit, type MetadataParam } from '../shared/metadata.js';
import { payout_failure_messages, type PayoutFailureCode } from './payout-failure-codes.js';
import type { PayoutFailure } from './payout-failures.js';
import type { Payout, PayoutSourceType } from './payout-model.js';
import { nextStatus, payout_transitions, type PayoutAction } from './payout-state-machine.js';
import { payoutSchedule, type PayoutSchedule } from './payout-timing.js';

export type PayoutOutcome<T> = { ok: true; value: T } | { ok: false; failure: PayoutFailure };

const refuse = (failure: PayoutFailure): PayoutOutcome<never> => ({ ok: false, failure });

/** Currencies whose payout amounts must be whole units (contract §6). */
const whole_unit_payout_currencies: ReadonlySet<string> = new Set(['huf', 'twd']);
const whole_unit_minor_units = 100;

export interface CreatePayoutParams {
  amount: number;
  currency: string;
  description?: string;
  destination?: string;
  metadata?: MetadataParam;
  method?: PayoutMethod;
  source_type?: PayoutSourceType;
  statement_descriptor?: string;
}

export interface PayoutFacts {
  id: string;
  now: number;
  livemode: boolean;
  /** The bank account the payout goes to: the one named, else the currency's default; null if none. */
  destination: BankAccount | null;
  /** What the ledger holds available now in the payout's currency, for its source type. */
  available: number;
}

export interface NewPayout {
  /** `balance_transaction` is filled in by the writer. */
  payout: Payout;
  schedule: PayoutSchedule;
}

/** Stripe's balance_insufficient wording for payouts [obs for `card`; other source types inf]. */
function insufficientBalanceMessage(source_type: PayoutSourceType): string {
  return `You have insufficient funds in your Stripe account for this transfer. Your ${source_type} balance is too low.  You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).`;
}

/**
 * The refusals that come before the balance, in Stripe's order: amount, currency rules, destination.
 * The command asks this first so that a request refused here reads no balance; decideCreatePayout
 * asks it again (it is pure and cheap) so that it stays the whole decision.
 * @example checkPayoutRequest({ amount: 1000, currency: 'usd' }, destination) // { ok: true, value: destination }
 */
export function checkPayoutRequest(params: CreatePayoutParams, destination: BankAccount | null): PayoutOutcome<BankAccount> {
  const currency = params.currency.toLowerCase();
  if (params.amount < 1) {
    return refuse({ code: 'parameter_invalid', param: 'amount', message: 'This value must be greater than or equal to 1.' });
  }
  if (whole_unit_payout_currencies.has(currency) && params.amount % whole_unit_minor_units !== 0) {
    // [inf] Stripe's wording for this rule is unconfirmed.
    return refuse({
      code: 'parameter_invalid',
      param: 'amount',
      message: `Payouts in ${currency} must be a multiple of 100 (whole units).`,
    });
  }
  if (destination === null) {
    return refuse({
      code: 'no_external_account',
      param: 'currency',
      message: `Sorry, you don't have any external accounts in that currency (${currency}).`,
    });
  }
  if (destination.currency !== currency) {
    // [inf] Stripe's wording for a destination in another currency is unconfirmed.
    return refuse({
      code: 'parameter_invalid',
      param: 'destination',
      message: `The bank account ${destination.id} takes payouts in ${destination.currency}, not ${currency}.`,
    });
  }
  return { ok: true, value: destination };
}

/**
 * Decides a new payout, in order: amount, currency rules, destination, then the balance.
 * @example decideCreatePayout({ amount: 1000, currency: 'usd' }, { id: 'po_1', now, livemode: false, destination, available: 5000 })
 */
export function decideCreatePayout(params: CreatePayoutParams, facts: PayoutFacts): PayoutOutcome<NewPayout> {
  const checked = checkPayoutRequest(params, facts.destination);
  if (!checked.ok) return checked;
  const destination = checked.value;
  const currency = params.currency.toLowerCase();
  const source_type = params.source_type ?? 'card';
  if (params.amount > facts.available) return refuse({ code: 'balance_insufficient', message: insufficientBalanceMessage(source_type) });
  const method = params.method ?? 'standard';
  const schedule = payoutSchedule(facts.now, method);
  return {
    ok: true,
    value: {
      payout: {
        id: facts.id,
        object: 'payout',
        amount: params.amount,
        application_fee: null,
        application_fee_amount: null,
        arrival_date: schedule.arrival_date,
        automatic: false,
        balance_transaction: null,
        created: facts.now,
        currency,
        description: params.description ?? null,
        destination: destination.id,
        failure_balance_transaction: null,
        failure_code: null,
        failure_message: null,
        livemode: facts.livemode,
        metadata: createMetadata(params.metadata),
        method,
        original_payout: null,
        payout_method: null,
        reconciliation_status: 'not_applicable',
        reversed_by: null,
        source_type,
        statement_descriptor: params.statement_descriptor ?? null,
        status: 'pending',
        trace_id: { status: 'pending', value: null },
        type: 'bank_account',
      },
      schedule,
    },
  };
}

/** Metadata is the only field a payout update may change. */
export function decideUpdatePayout(payout: Payout, params: { metadata?: MetadataParam }): PayoutOutcome<Payout> {
  const metadata = mergeMetadataWithinLimit(payout.metadata, params.metadata);
  return metadata.ok ? { ok: true, value: { ...payout, metadata: metadata.value } } : refuse(metadata.failure);
}

/**
 * Cancels a pending payout; the writer books the returned funds as `failure_balance_transaction`.
 * Past pending, Stripe answers 400 with this message whatever the status [obs: stripe-dotnet's
 * canceling_a_payout test and DoorDash's payment-service test, both against live Stripe].
 */
export function decideCancelPayout(payout: Payout): PayoutOutcome<Payout> {
  const status = nextStatus(payout.status, 'cancel');
  if (status === null) return refuse({ code: 'payout_not_cancelable', message: 'Payouts can only be canceled while they are pending.' });
  return { ok: true, value: { ...payout, status, trace_id: { status: 'unsupported', value: null } } };
}

/** One move the scheduler makes, with the event it is announced by. */
export interface PayoutStep {
  action: PayoutAction;
  payout: Payout;
  event: (typeof payout_transitions)[PayoutAction]['event'];
}

function step(payout: Payout, action: PayoutAction, changes: Partial<Payout> = {}): PayoutStep | null {
  const status = nextStatus(payout.status, action);
  if (status === null) return null;
  return { action, payout: { ...payout, ...changes, status }, event: payout_transitions[action].event };
}

/** Submission to the bank: a pending payout goes in_transit; anything else (canceled) stays. */
export function decideSubmission(payout: Payout): PayoutStep[] {
  const submitted = step(payout, 'submit');
  return submitted === null ? [] : [submitted];
}

/**
 * Arrival: the bank pays the payout, or refuses it with `failure` (from the destination's test
 * behaviour). A payout still pending is submitted first; a canceled or finished one does not move.
 */
export function decideArrival(payout: Payout, failure: PayoutFailureCode | null): PayoutStep[] {
  const steps = decideSubmission(payout);
  const current = steps.at(-1)?.payout ?? payout;
  const finished: Partial<Payout> = { trace_id: { status: 'unsupported', value: null } };
  const last =
    failure === null
      ? step(current, 'pay', finished)
      : step(current, 'fail', { ...finished, failure_code: failure, failure_message: payout_failure_messages[failure] });
  return last === null ? steps : [...steps, last];
}
