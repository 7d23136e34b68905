// The Charge object, in Stripe's wire shape, and the params of /v1/charges.

import type { BalanceTransaction } from './balance.js';
import type { Customer } from './customer.js';
import type { Expandable, StripeObjectBase } from './expandable.js';
import type { ApiList, PaginationParams, RangeQueryParam, SearchParams } from './list.js';
import type { ExpandParams, Metadata, MetadataParam } from './metadata.js';
import type { PaymentIntent, PaymentIntentShipping, PaymentIntentShippingParam } from './payment-intent.js';
import type { CardCheckResult, PaymentMethodBillingDetails } from './payment-method.js';
import type { Refund } from './refund.js';

export interface ChargeOutcome {
  advice_code?: string | null;
  network_advice_code?: string | null;
  network_decline_code?: string | null;
  /** `approved_by_network`, `declined_by_network`, `not_sent_to_network` or `reversed_after_approval`. */
  network_status: string | null;
  /** E.g. `highest_risk_level` or `insufficient_funds`. */
  reason: string | null;
  risk_level?: string;
  risk_score?: number;
  rule?: Expandable<StripeObjectBase>;
  seller_message: string | null;
  /** `authorized`, `manual_review`, `issuer_declined`, `blocked` or `invalid`. */
  type: string;
}

export interface ChargePaymentMethodDetailsCard {
  amount_authorized: number | null;
  authorization_code?: string | null;
  brand: string | null;
  checks: { address_line1_check: CardCheckResult; address_postal_code_check: CardCheckResult; cvc_check: CardCheckResult } | null;
  country: string | null;
  exp_month: number;
  exp_year: number;
  fingerprint?: string | null;
  funding: string | null;
  /** `available` when the authorization may still be raised with `paymentIntents.incrementAuthorization`. */
  incremental_authorization?: { status: 'available' | 'unavailable' } | null;
  last4: string | null;
  network: string | null;
  network_transaction_id?: string | null;
  three_d_secure: Record<string, unknown> | null;
  wallet: Record<string, unknown> | null;
  [field: string]: unknown;
}

export interface ChargePaymentMethodDetails {
  type: string;
  card?: ChargePaymentMethodDetailsCard;
  [field: string]: unknown;
}

export interface Charge {
  id: string;
  object: 'charge';
  /** Minor units. */
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  application: Expandable<StripeObjectBase> | null;
  application_fee: Expandable<StripeObjectBase> | null;
  application_fee_amount: number | null;
  balance_transaction: Expandable<BalanceTransaction> | null;
  billing_details: PaymentMethodBillingDetails;
  calculated_statement_descriptor: string | null;
  captured: boolean;
  /** Unix seconds. */
  created: number;
  currency: string;
  customer: Expandable<Customer> | null;
  description: string | null;
  disputed: boolean;
  failure_balance_transaction: Expandable<BalanceTransaction> | null;
  failure_code: string | null;
  failure_message: string | null;
  fraud_details: { stripe_report?: string; user_report?: string } | null;
  livemode: boolean;
  metadata: Metadata;
  on_behalf_of: Expandable<StripeObjectBase> | null;
  outcome: ChargeOutcome | null;
  paid: boolean;
  payment_intent: Expandable<PaymentIntent> | null;
  /** The id of the PaymentMethod (or card) charged. */
  payment_method: string | null;
  payment_method_details: ChargePaymentMethodDetails | null;
  receipt_email: string | null;
  receipt_number: string | null;
  receipt_url: string | null;
  refunded: boolean;
  /** The first refunds of the charge; `refunds.list({ charge })` pages through them all. */
  refunds: ApiList<Refund> | null;
  review: Expandable<StripeObjectBase> | null;
  shipping: PaymentIntentShipping | null;
  source_transfer: Expandable<StripeObjectBase> | null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: 'failed' | 'pending' | 'succeeded';
  transfer_data: { amount: number | null; destination: Expandable<StripeObjectBase> } | null;
  transfer_group: string | null;
}

export type ChargeRetrieveParams = ExpandParams;

export interface ChargeListParams extends PaginationParams, ExpandParams {
  created?: RangeQueryParam;
  customer?: string;
  payment_intent?: string;
  transfer_group?: string;
}

/**
 * `query` fields include amount, created, currency, customer, disputed, metadata,
 * payment_method_details.card.last4, refunded and status; e.g. `amount>999 AND status:"succeeded"`.
 */
export type ChargeSearchParams = SearchParams & ExpandParams;

/** The older way to take a payment, without a PaymentIntent: a token, source or customer is charged at once. */
export interface ChargeCreateParams extends ExpandParams {
  /** Minor units. */
  amount: number;
  currency: string;
  application_fee_amount?: number;
  /** `false` only authorizes; capture later with `charges.capture`. Defaults to true. */
  capture?: boolean;
  /** Charges the customer's default source unless `source` names another. */
  customer?: string;
  description?: string;
  metadata?: MetadataParam;
  on_behalf_of?: string;
  receipt_email?: string;
  shipping?: PaymentIntentShippingParam;
  /** A token (`tok_visa`), or a source or card of `customer`. */
  source?: string;
  statement_descriptor?: string;
  statement_descriptor_suffix?: string;
  transfer_data?: { destination: string; amount?: number };
  transfer_group?: string;
}

export interface ChargeUpdateParams extends ExpandParams {
  customer?: string;
  description?: string;
  fraud_details?: { user_report: '' | 'fraudulent' | 'safe' };
  metadata?: MetadataParam;
  receipt_email?: string;
  shipping?: PaymentIntentShippingParam;
  transfer_group?: string;
}

export interface ChargeCaptureParams extends ExpandParams {
  /** Minor units; defaults to the whole authorized amount. The rest is released. */
  amount?: number;
  application_fee_amount?: number;
  receipt_email?: string;
  statement_descriptor?: string;
  statement_descriptor_suffix?: string;
  transfer_data?: { amount?: number };
  transfer_group?: string;
}
