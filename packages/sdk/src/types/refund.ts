// The Refund object, in Stripe's wire shape, and the params of /v1/refunds. A card refund moves
// pending -> succeeded | failed | canceled, or starts succeeded and may fail later; the fields only a
// failure sets (failure_reason, failure_balance_transaction) are absent until then.

import type { BalanceTransaction } from './balance.js';
import type { Charge } from './charge.js';
import type { Expandable, StripeObjectBase } from './expandable.js';
import type { PaginationParams, RangeQueryParam } from './list.js';
import type { ExpandParams, Metadata, MetadataParam } from './metadata.js';
import type { PaymentIntent } from './payment-intent.js';

export type RefundStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

export type RefundReason = 'duplicate' | 'expired_uncaptured_charge' | 'fraudulent' | 'requested_by_customer';

export interface Refund {
  id: string;
  object: 'refund';
  /** Minor units. */
  amount: number;
  /** The entry that took the money out of the balance; expand with `expand: ['balance_transaction']`. */
  balance_transaction: Expandable<BalanceTransaction> | null;
  charge: Expandable<Charge> | null;
  /** Unix seconds. */
  created: number;
  currency: string;
  description?: string;
  /** How the money reaches the customer, e.g. `{ type: 'card', card: { type: 'refund', … } }`. */
  destination_details?: { type: string; [field: string]: unknown };
  /** The entry that returned the money when the refund failed or was canceled. */
  failure_balance_transaction?: Expandable<BalanceTransaction>;
  /** E.g. `declined`, `expired_or_canceled_card`, `lost_or_stolen_card`, `merchant_request`, `unknown`. */
  failure_reason?: string;
  instructions_email?: string;
  metadata: Metadata | null;
  next_action?: { type: string; [field: string]: unknown };
  payment_intent: Expandable<PaymentIntent> | null;
  reason: RefundReason | null;
  receipt_number: string | null;
  source_transfer_reversal: Expandable<StripeObjectBase> | null;
  status: RefundStatus | null;
  transfer_reversal: Expandable<StripeObjectBase> | null;
}

export interface RefundCreateParams extends ExpandParams {
  /** Minor units; defaults to what is left unrefunded on the charge. */
  amount?: number;
  /** The charge to refund; give this or `payment_intent`. */
  charge?: string;
  currency?: string;
  customer?: string;
  instructions_email?: string;
  metadata?: MetadataParam;
  origin?: 'customer_balance';
  /** The PaymentIntent whose successful charge to refund; give this or `charge`. */
  payment_intent?: string;
  reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
  refund_application_fee?: boolean;
  reverse_transfer?: boolean;
}

export type RefundRetrieveParams = ExpandParams;

export interface RefundUpdateParams extends ExpandParams {
  metadata?: MetadataParam;
}

export interface RefundListParams extends PaginationParams, ExpandParams {
  charge?: string;
  created?: RangeQueryParam;
  payment_intent?: string;
}

export type RefundCancelParams = ExpandParams;
