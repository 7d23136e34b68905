// The Payout object (`po_`) in Stripe's wire shape (spec `payout`, plus the newer fields of the latest
// fixture). A payout is created `pending`, goes `in_transit` when submitted to the bank and ends
// `paid`, `failed` (the bank refused it) or `canceled` (only while pending). Every payout Tender makes
// is a manual one (`automatic: false`): Tender runs no payout schedule.
import type { PayoutMethod } from '../bank-accounts/bank-account-model.js';
import type { PayoutFailureCode } from './payout-failure-codes.js';

export const payout_id_prefix = 'po';

export type PayoutStatus = 'pending' | 'in_transit' | 'paid' | 'failed' | 'canceled';

/** The balance a payout draws on (Stripe's `source_types`); Tender's ledger holds card funds only. */
export type PayoutSourceType = 'card' | 'bank_account' | 'fpx';

export interface Payout {
  id: string;
  object: 'payout';
  amount: number;
  /** In Stripe's latest fixture; Connect application fees, never set here. */
  application_fee: null;
  application_fee_amount: null;
  arrival_date: number;
  automatic: false;
  balance_transaction: string | null;
  created: number;
  currency: string;
  description: string | null;
  destination: string;
  failure_balance_transaction: string | null;
  failure_code: PayoutFailureCode | null;
  failure_message: string | null;
  livemode: boolean;
  metadata: Record<string, string>;
  method: PayoutMethod;
  original_payout: null;
  /** In Stripe's latest fixture (payouts to a v2 payout method); null for bank accounts. */
  payout_method: null;
  /** Manual payouts cannot be reconciled against the transactions they paid out. */
  reconciliation_status: 'not_applicable';
  reversed_by: null;
  source_type: PayoutSourceType;
  statement_descriptor: string | null;
  status: PayoutStatus;
  /** In Stripe's latest fixture: the bank's trace id, which test payouts never get. */
  trace_id: { status: 'pending' | 'unsupported'; value: null };
  type: 'bank_account';
}
