// The Refund object (`re_`) in Stripe's wire shape (fixture `resources.refund`). A card refund moves
// pending -> succeeded | failed | canceled, or starts succeeded (and may later fail); the fields that
// only a failure sets (`failure_reason`, `failure_balance_transaction`) are absent until then, as in
// Stripe's spec, where they are optional but not nullable.

export const refund_id_prefix = 're';

export type RefundStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'expired_uncaptured_charge';

/** Statuses a refund may be canceled from (POST /v1/refunds/:id/cancel). */
export const cancelable_statuses: readonly RefundStatus[] = ['pending', 'requires_action'];

export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string | null;
  charge: string;
  created: number;
  currency: string;
  /** In Stripe's latest fixture, not yet in spec3. `refund` rather than `reversal` [inf]. */
  destination_details: { card: { reference: null; reference_status: null; reference_type: null; type: 'refund' }; type: 'card' };
  failure_balance_transaction?: string;
  failure_reason?: string;
  metadata: Record<string, string>;
  payment_intent: string | null;
  reason: RefundReason | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: RefundStatus;
  transfer_reversal: null;
}
