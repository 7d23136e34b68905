// The Balance and BalanceTransaction objects, in Stripe's wire shape, and the params that read them.

import type { Expandable, StripeObjectBase } from './expandable.js';
import type { PaginationParams, RangeQueryParam } from './list.js';
import type { ExpandParams } from './metadata.js';

export interface BalanceFeeDetail {
  amount: number;
  application: string | null;
  currency: string;
  description: string | null;
  /** `application_fee`, `payment_method_passthrough_fee`, `stripe_fee` or `tax`. */
  type: string;
}

export interface BalanceTransaction {
  id: string;
  object: 'balance_transaction';
  /** Gross amount in minor units; negative for money leaving the balance. */
  amount: number;
  /** Unix seconds when the funds become available. */
  available_on: number;
  /** Unix seconds. */
  created: number;
  currency: string;
  description: string | null;
  exchange_rate: number | null;
  fee: number;
  fee_details: BalanceFeeDetail[];
  /** `amount - fee`. */
  net: number;
  /** E.g. `charge`, `refund`, `fee`. */
  reporting_category: string;
  /** The object that caused it (a Charge, Refund, …). */
  source: Expandable<StripeObjectBase> | null;
  status: 'available' | 'pending';
  /** E.g. `charge`, `payment`, `refund`, `adjustment`, `payout`, `stripe_fee`. */
  type: string;
}

export interface BalanceAmount {
  amount: number;
  currency: string;
  source_types?: { bank_account?: number; card?: number; fpx?: number };
}

export interface Balance {
  object: 'balance';
  available: BalanceAmount[];
  connect_reserved?: BalanceAmount[];
  instant_available?: BalanceAmount[];
  issuing?: { available: BalanceAmount[] };
  livemode: boolean;
  pending: BalanceAmount[];
}

export type BalanceRetrieveParams = ExpandParams;

export type BalanceTransactionRetrieveParams = ExpandParams;

export interface BalanceTransactionListParams extends PaginationParams, ExpandParams {
  created?: RangeQueryParam;
  currency?: string;
  payout?: string;
  /** The id of the object that caused the transaction, e.g. a Charge. */
  source?: string;
  /** E.g. `charge`, `refund`, `payout`. */
  type?: string;
}
