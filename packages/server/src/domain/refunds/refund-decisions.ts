// Pure refund decisions: given the charge (and the refund, for cancel), say what changes or why not.
// Invariants kept: a charge's amount_refunded never exceeds its amount (so refunds never exceed what
// was captured: a partial capture already counts the released remainder as refunded), and
// `refunded` is true exactly when nothing is left to refund.
import type { Charge } from '../charges/charge-model.js';
import { formatAmount } from '../money/currencies.js';
import { createMetadata, mergeMetadataWithinLimit, type MetadataParam } from '../shared/metadata.js';
import type { RefundFailure } from './refund-failures.js';
import { cancelable_statuses, type Refund, type RefundReason, type RefundStatus } from './refund-model.js';

export type RefundOutcome<T> = { ok: true; value: T } | { ok: false; failure: RefundFailure };

const refuse = (failure: RefundFailure): RefundOutcome<never> => ({ ok: false, failure });

export interface CreateRefundParams {
  amount?: number;
  reason?: Exclude<RefundReason, 'expired_uncaptured_charge'>;
  metadata?: MetadataParam;
}

export interface RefundFacts {
  id: string;
  now: number;
  /** The network's answer for this card: `pending` for pm_card_pendingRefund, else `succeeded`. */
  status: Extract<RefundStatus, 'pending' | 'succeeded'>;
  /** How the charge was named in the request, for the param of a refusal. */
  param: 'charge' | 'payment_intent';
}

export type ChargeChanges = Pick<Charge, 'amount_refunded' | 'refunded'>;

export interface RefundDecision {
  refund: Refund;
  charge_changes: ChargeChanges;
  /**
   * The refund releases an uncaptured direct charge's authorization: no money moved, so the writer
   * books no entry and the refund has no balance_transaction.
   */
  release?: true;
}

/** What is left to refund: the released part of a partial capture already counts as refunded. */
export const unrefundedAmount = (charge: Charge): number => charge.amount - charge.amount_refunded;

/**
 * Decides a new refund of `charge`, in Stripe's order of precedence: charge state, fully refunded,
 * then the amount. The refund's `balance_transaction` is filled in by the writer.
 * @example decideRefund(charge, { amount: 500 }, { id: 're_1', now, status: 'succeeded', param: 'charge' })
 */
export function decideRefund(charge: Charge, params: CreateRefundParams, facts: RefundFacts): RefundOutcome<RefundDecision> {
  if (charge.status !== 'succeeded') {
    return refuse({ code: 'charge_not_refundable', param: facts.param, message: `Charge ${charge.id} has failed and cannot be refunded.` });
  }
  if (!charge.captured && charge.payment_intent !== null) {
    // [inf] Stripe releases a PaymentIntent's uncaptured authorization through a cancel of the intent.
    return refuse({
      code: 'charge_not_refundable',
      param: facts.param,
      message: `Charge ${charge.id} has not been captured. Cancel its PaymentIntent to release the authorization instead.`,
    });
  }
  const unrefunded = unrefundedAmount(charge);
  if (unrefunded <= 0) return refuse({ code: 'charge_already_refunded', message: `Charge ${charge.id} has already been refunded.` });
  const amount = params.amount ?? unrefunded;
  if (amount < 1) {
    return refuse({ code: 'parameter_invalid', param: 'amount', message: 'Refund amount must be greater than or equal to 1.' });
  }
  if (amount > unrefunded) {
    return refuse({
      code: 'amount_too_large',
      param: 'amount',
      message: `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(unrefunded, charge.currency)})`,
    });
  }
  // A direct charge left uncaptured (capture=false) is voided by refunding it, which releases the
  // whole authorization (Stripe's Charges API); [inf] a part of it cannot be released alone.
  const release = !charge.captured;
  if (release && amount !== charge.amount) {
    return refuse({
      code: 'parameter_invalid',
      param: 'amount',
      message: `Charge ${charge.id} has not been captured: refund it in full to release its authorization, or capture part of it instead.`,
    });
  }
  const amount_refunded = charge.amount_refunded + amount;
  return {
    ok: true,
    value: {
      ...(release ? { release: true as const } : {}),
      refund: {
        id: facts.id,
        object: 'refund',
        amount,
        balance_transaction: null,
        charge: charge.id,
        created: facts.now,
        currency: charge.currency,
        destination_details: { card: { reference: null, reference_status: null, reference_type: null, type: 'refund' }, type: 'card' },
        metadata: createMetadata(params.metadata),
        payment_intent: charge.payment_intent,
        reason: params.reason ?? null,
        receipt_number: null,
        source_transfer_reversal: null,
        // A release is not sent to the card's network, so the refund behaviours of the test cards do not apply [inf].
        status: release ? 'succeeded' : facts.status,
        transfer_reversal: null,
      },
      charge_changes: { amount_refunded, refunded: amount_refunded === charge.amount },
    },
  };
}

/**
 * Cancels a pending (or requires_action) refund: the money returns to the charge, and the writer
 * books the reversal as `failure_balance_transaction` with Stripe's reason `merchant_request`.
 */
export function decideCancelRefund(refund: Refund, charge: Charge): RefundOutcome<RefundDecision> {
  if (!cancelable_statuses.includes(refund.status)) {
    return refuse({
      code: 'refund_not_cancelable',
      message: `Refund ${refund.id} cannot be canceled because it has a status of ${refund.status}. Only refunds with a status of ${cancelable_statuses.join(' or ')} can be canceled.`,
    });
  }
  const amount_refunded = charge.amount_refunded - refund.amount;
  if (amount_refunded < 0) throw new Error(`invariant: charge ${charge.id} has refunded at least refund ${refund.id}`);
  return {
    ok: true,
    value: {
      refund: { ...refund, status: 'canceled', failure_reason: 'merchant_request' },
      charge_changes: { amount_refunded, refunded: false },
    },
  };
}

/** Metadata is the only field a refund update may change. */
export function decideUpdateRefund(refund: Refund, params: { metadata?: MetadataParam }): RefundOutcome<Refund> {
  const metadata = mergeMetadataWithinLimit(refund.metadata, params.metadata);
  return metadata.ok ? { ok: true, value: { ...refund, metadata: metadata.value } } : refuse(metadata.failure);
}

/**
 * What the simulated network does later with a refund it first answered: a pending refund
 * (pm_card_pendingRefund) settles `succeeded`; a refund on pm_card_refundFail, answered
 * `succeeded` at first, `fails` (contract §5).
 */
export type RefundSettlement = 'succeeds' | 'fails';

/**
 * The network's second answer to a refund scheduled to settle, read from where its first answer left
 * it: a pending refund (pm_card_pendingRefund) succeeds; one that succeeded at once was scheduled only
 * because its card fails refunds later (pm_card_refundFail). A canceled or failed one then settles to
 * nothing (decideSettleRefund).
 */
export function scheduledSettlement(refund: Pick<Refund, 'status'>): RefundSettlement {
  return refund.status === 'pending' ? 'succeeds' : 'fails';
}

/** Stripe's failure_reason for the refundFail test card (docs: "fails ... with expired_or_canceled_card"). */
export const refund_fail_card_reason = 'expired_or_canceled_card';

export interface RefundSettlementDecision {
  refund: Refund;
  /** Set when the refund failed: the money goes back to the charge (and the balance). */
  charge_changes: ChargeChanges | null;
  event: 'refund.updated' | 'refund.failed';
}

/**
 * Settles a refund the network answered earlier. Null when nothing is left to do: the refund was
 * canceled meanwhile, or is already in its final state.
 * @example decideSettleRefund(pendingRefund, charge, 'succeeds') // status succeeded, refund.updated
 */
export function decideSettleRefund(refund: Refund, charge: Charge, settlement: RefundSettlement): RefundSettlementDecision | null {
  if (settlement === 'succeeds') {
    if (refund.status !== 'pending') return null;
    return { refund: { ...refund, status: 'succeeded' }, charge_changes: null, event: 'refund.updated' };
  }
  if (refund.status !== 'succeeded' && refund.status !== 'pending') return null;
  const amount_refunded = charge.amount_refunded - refund.amount;
  if (amount_refunded < 0) throw new Error(`invariant: charge ${charge.id} has refunded at least refund ${refund.id}`);
  return {
    refund: { ...refund, status: 'failed', failure_reason: refund_fail_card_reason },
    charge_changes: { amount_refunded, refunded: false },
    event: 'refund.failed',
  };
}
