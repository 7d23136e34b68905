// The Payout object, in Stripe's wire shape, and the params of /v1/payouts. A payout moves money
// from the available balance to an external account: pending -> in_transit -> paid, or failed
// (the money comes back) or canceled while still pending.

import type { BalanceTransaction } from './balance.js';
import type { Expandable, StripeObjectBase } from './expandable.js';
import type { DeletedExternalAccount, ExternalAccount } from './external-account.js';
import type { PaginationParams, RangeQueryParam } from './list.js';
import type { ExpandParams, Metadata, MetadataParam } from './metadata.js';

export type PayoutStatus = 'pending' | 'in_transit' | 'paid' | 'failed' | 'canceled';

export interface Payout {
  id: string;
  object: 'payout';
  /** Minor units. */
  amount: number;
  application_fee?: Expandable<StripeObjectBase> | null;
  application_fee_amount?: number | null;
  /** Unix seconds: the date the money is expected in the bank. */
  arrival_date: number;
  /** True for payouts Stripe made on the account's schedule, false for ones created through the API. */
  automatic: boolean;
  /** The entry that took the money out of the balance. */
  balance_transaction: Expandable<BalanceTransaction> | null;
  /** Unix seconds. */
  created: number;
  currency: string;
  description: string | null;
  /** The bank account or card paid out to; expand with `expand: ['destination']`. */
  destination: Expandable<ExternalAccount | DeletedExternalAccount> | null;
  /** The entry that returned the money when the payout failed. */
  failure_balance_transaction: Expandable<BalanceTransaction> | null;
  /** E.g. `account_closed`, `no_account`, `invalid_account_number`, `could_not_process`. */
  failure_code: string | null;
  failure_message: string | null;
  livemode: boolean;
  metadata: Metadata | null;
  method: 'standard' | 'instant';
  original_payout: Expandable<Payout> | null;
  reconciliation_status: 'completed' | 'in_progress' | 'not_applicable';
  reversed_by: Expandable<Payout> | null;
  /** The balance the money came from: `card`, `bank_account` or `fpx`. */
  source_type: string;
  statement_descriptor: string | null;
  status: PayoutStatus;
  /** The network's trace id for the transfer, once there is one. */
  trace_id?: { status: string; value: string | null } | null;
  type: 'bank_account' | 'card';
}

export interface PayoutCreateParams extends ExpandParams {
  /** Minor units; at most the available balance in `currency`. */
  amount: number;
  currency: string;
  description?: string;
  /** An external account id (`ba_…`, `card_…`); defaults to the default one for the currency. */
  destination?: string;
  metadata?: MetadataParam;
  method?: 'standard' | 'instant';
  source_type?: 'bank_account' | 'card' | 'fpx';
  statement_descriptor?: string;
}

export type PayoutRetrieveParams = ExpandParams;

export interface PayoutUpdateParams extends ExpandParams {
  metadata?: MetadataParam;
}

export interface PayoutListParams extends PaginationParams, ExpandParams {
  arrival_date?: RangeQueryParam;
  created?: RangeQueryParam;
  destination?: string;
  status?: PayoutStatus;
}

export type PayoutCancelParams = ExpandParams;
