// The BalanceTransaction wire object (`txn_`) and one constructor per kind of money movement.
// Entries are immutable: a correction is a new entry, never an edit. Amounts are signed integers in
// minor units; `net = amount - fee` always. `status` is stored as it was at `created`; readers
// present it at their own `now` with `balanceTransactionAt` (availability.ts).
import { assert, assertSafeInteger } from './assert.js';

/** The types this ledger writes today; Stripe has about 42 (see spec3 `balance_transaction.type`). */
export type BalanceTransactionType =
  'charge' | 'refund' | 'refund_failure' | 'payout' | 'payout_cancel' | 'payout_failure' | 'adjustment' | 'stripe_fee';

export type BalanceTransactionStatus = 'pending' | 'available';

/**
 * Stripe's reporting categories (docs.stripe.com/reports/reporting-categories). `adjustment` splits
 * into dispute, dispute_reversal, refund_failure and other_adjustment by cause; the caller names it.
 */
export type ReportingCategory =
  'charge' | 'refund' | 'refund_failure' | 'payout' | 'payout_reversal' | 'fee' | 'dispute' | 'dispute_reversal' | 'other_adjustment';

export const reporting_category_by_type: Readonly<Record<Exclude<BalanceTransactionType, 'adjustment'>, ReportingCategory>> = {
  charge: 'charge',
  refund: 'refund',
  refund_failure: 'refund_failure',
  payout: 'payout',
  payout_cancel: 'payout_reversal',
  payout_failure: 'payout_reversal',
  stripe_fee: 'fee',
};

export interface FeeDetail {
  amount: number;
  application: string | null;
  currency: string;
  description: string;
  type: 'stripe_fee';
}

export interface BalanceTransaction {
  id: string;
  object: 'balance_transaction';
  amount: number;
  available_on: number;
  /** Present in Stripe's latest fixture; not yet in spec3 (extra properties are allowed there). */
  balance_type: 'payments';
  created: number;
  currency: string;
  description: string | null;
  exchange_rate: number | null;
  fee: number;
  fee_details: FeeDetail[];
  net: number;
  reporting_category: ReportingCategory;
  source: string | null;
  status: BalanceTransactionStatus;
  type: BalanceTransactionType;
}

/** Facts every entry needs; `id` (`txn_…`) and `created` come from the caller's runtime. */
export interface EntryFacts {
  id: string;
  currency: string;
  created: number;
  description?: string | null;
}

const currency_pattern = /^[a-z]{3}$/;

function entry(
  facts: EntryFacts,
  fields: {
    type: BalanceTransactionType;
    reporting_category: ReportingCategory;
    amount: number;
    fee: number;
    available_on: number;
    source: string | null;
  },
): BalanceTransaction {
  assert(facts.id.startsWith('txn_'), `balance transaction id must start with txn_, got ${facts.id}`);
  assert(currency_pattern.test(facts.currency), `currency must be three lowercase letters, got ${facts.currency}`);
  assertSafeInteger(facts.created, 'created');
  assertSafeInteger(fields.amount, 'amount');
  assertSafeInteger(fields.fee, 'fee');
  assertSafeInteger(fields.available_on, 'available_on');
  assert(fields.fee >= 0, `fee must not be negative, got ${fields.fee}`);
  assert(fields.available_on >= facts.created, 'available_on must not precede created');
  const net = fields.amount - fields.fee;
  assertSafeInteger(net, 'net');
  return {
    id: facts.id,
    object: 'balance_transaction',
    amount: fields.amount,
    available_on: fields.available_on,
    balance_type: 'payments',
    created: facts.created,
    currency: facts.currency,
    description: facts.description ?? null,
    exchange_rate: null,
    fee: fields.fee,
    fee_details: fields.fee === 0 ? [] : [stripeFeeDetail(fields.fee, facts.currency)],
    net,
    reporting_category: fields.reporting_category,
    source: fields.source,
    status: fields.available_on <= facts.created ? 'available' : 'pending',
    type: fields.type,
  };
}

export function stripeFeeDetail(amount: number, currency: string): FeeDetail {
  return { amount, application: null, currency, description: 'Stripe processing fees', type: 'stripe_fee' };
}

/**
 * A captured card charge: credits `amount`, less Stripe's `fee` (fees.ts), pending until
 * `available_on` (availability.ts).
 * @example chargeEntry({ id: 'txn_1', currency: 'usd', created }, { charge: 'ch_1', amount: 3340, fee: 127, available_on })
 */
export function chargeEntry(
  facts: EntryFacts,
  params: { charge: string; amount: number; fee: number; available_on: number },
): BalanceTransaction {
  assert(params.amount > 0, `a charge entry credits a positive amount, got ${params.amount}`);
  assert(params.fee <= params.amount, 'a charge fee must not exceed the charge');
  return entry(facts, {
    type: 'charge',
    reporting_category: reporting_category_by_type.charge,
    amount: params.amount,
    fee: params.fee,
    available_on: params.available_on,
    source: params.charge,
  });
}

/**
 * A refund debits the refunded amount from the balance at once; the original fee is not returned,
 * so the refund's own fee is 0 [inferred, contract §6].
 * @example refundEntry({ id: 'txn_2', currency: 'usd', created }, { refund: 're_1', amount: 1000 })
 */
export function refundEntry(facts: EntryFacts, params: { refund: string; amount: number }): BalanceTransaction {
  assert(params.amount > 0, `a refund entry takes the positive refunded amount, got ${params.amount}`);
  return entry(facts, {
    type: 'refund',
    reporting_category: reporting_category_by_type.refund,
    amount: -params.amount,
    fee: 0,
    available_on: facts.created,
    source: params.refund,
  });
}

/**
 * A refund that failed or was canceled returns its amount to the balance at once; it is the refund's
 * `failure_balance_transaction` [inferred from Stripe's refund object docs].
 */
export function refundFailureEntry(facts: EntryFacts, params: { refund: string; amount: number }): BalanceTransaction {
  assert(params.amount > 0, `a refund failure returns the positive refunded amount, got ${params.amount}`);
  return entry(facts, {
    type: 'refund_failure',
    reporting_category: reporting_category_by_type.refund_failure,
    amount: params.amount,
    fee: 0,
    available_on: facts.created,
    source: params.refund,
  });
}

/** A payout debits the available balance when it is created. */
export function payoutEntry(facts: EntryFacts, params: { payout: string; amount: number }): BalanceTransaction {
  assert(params.amount > 0, `a payout entry takes the positive paid-out amount, got ${params.amount}`);
  return entry(facts, {
    type: 'payout',
    reporting_category: reporting_category_by_type.payout,
    amount: -params.amount,
    fee: 0,
    available_on: facts.created,
    source: params.payout,
  });
}

/**
 * A failed (`payout_failure`) or canceled (`payout_cancel`) payout returns its funds to the available
 * balance at once [inferred]; both are reported as `payout_reversal`.
 * @example payoutReversalEntry({ id: 'txn_3', currency: 'usd', created }, { payout: 'po_1', amount: 700, type: 'payout_cancel' })
 */
export function payoutReversalEntry(
  facts: EntryFacts,
  params: { payout: string; amount: number; type: 'payout_failure' | 'payout_cancel' },
): BalanceTransaction {
  assert(params.amount > 0, `a ${params.type} entry returns the positive payout amount, got ${params.amount}`);
  return entry(facts, {
    type: params.type,
    reporting_category: reporting_category_by_type[params.type],
    amount: params.amount,
    fee: 0,
    available_on: facts.created,
    source: params.payout,
  });
}

/** A signed correction; it never edits an older entry. Available at once unless told otherwise. */
export function adjustmentEntry(
  facts: EntryFacts,
  params: {
    amount: number;
    source?: string | null;
    reporting_category?: 'other_adjustment' | 'dispute' | 'dispute_reversal' | 'refund_failure' | 'fee';
    available_on?: number;
  },
): BalanceTransaction {
  assert(params.amount !== 0, 'an adjustment moves a non-zero amount');
  return entry(facts, {
    type: 'adjustment',
    reporting_category: params.reporting_category ?? 'other_adjustment',
    amount: params.amount,
    fee: 0,
    available_on: params.available_on ?? facts.created,
    source: params.source ?? null,
  });
}
