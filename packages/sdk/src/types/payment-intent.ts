// The PaymentIntent object, in Stripe's wire shape, and the params of /v1/payment_intents.

import type { EncodableValue } from '../core/encode.js';
import type { Charge } from './charge.js';
import type { Customer } from './customer.js';
import type { Expandable, StripeObjectBase } from './expandable.js';
import type { PaginationParams, RangeQueryParam, SearchParams } from './list.js';
import type { Address, AddressParam, ExpandParams, Metadata, MetadataParam, PaymentMethodOptionsParam } from './metadata.js';
import type { PaymentMethod } from './payment-method.js';

export type PaymentIntentStatus =
  'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';

export type PaymentIntentCancellationReason =
  'abandoned' | 'automatic' | 'duplicate' | 'failed_invoice' | 'fraudulent' | 'requested_by_customer' | 'void_invoice';

/** The error of the last failed payment attempt, as in an error envelope. */
export interface PaymentIntentLastPaymentError {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';
  charge?: string;
  code?: string;
  decline_code?: string;
  doc_url?: string;
  message?: string;
  param?: string;
  payment_method?: PaymentMethod;
  payment_method_type?: string;
}

export interface PaymentIntentShipping {
  address: Address;
  carrier?: string | null;
  name: string;
  phone?: string | null;
  tracking_number?: string | null;
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  /** Minor units. */
  amount: number;
  amount_capturable: number;
  amount_details?: { tip?: { amount?: number } };
  amount_received: number;
  application: Expandable<StripeObjectBase> | null;
  application_fee_amount: number | null;
  automatic_payment_methods: { allow_redirects?: 'always' | 'never'; enabled: boolean } | null;
  /** Unix seconds. */
  canceled_at: number | null;
  cancellation_reason: PaymentIntentCancellationReason | null;
  capture_method: 'automatic' | 'automatic_async' | 'manual';
  client_secret: string | null;
  confirmation_method: 'automatic' | 'manual';
  /** Unix seconds. */
  created: number;
  currency: string;
  customer: Expandable<Customer> | null;
  description: string | null;
  last_payment_error: PaymentIntentLastPaymentError | null;
  latest_charge: Expandable<Charge> | null;
  livemode: boolean;
  metadata: Metadata;
  /** What the customer must do next, e.g. `{ type: 'use_stripe_sdk', … }` for 3D Secure. */
  next_action: { type: string; [field: string]: unknown } | null;
  on_behalf_of: Expandable<StripeObjectBase> | null;
  payment_method: Expandable<PaymentMethod> | null;
  payment_method_configuration_details: { id: string; parent: string | null } | null;
  payment_method_options: Record<string, unknown> | null;
  payment_method_types: string[];
  processing: { type: string; [field: string]: unknown } | null;
  receipt_email: string | null;
  review: Expandable<StripeObjectBase> | null;
  setup_future_usage: 'off_session' | 'on_session' | null;
  shipping: PaymentIntentShipping | null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: PaymentIntentStatus;
  transfer_data: { amount?: number; destination: Expandable<StripeObjectBase> } | null;
  transfer_group: string | null;
}

export interface PaymentIntentShippingParam {
  address: AddressParam;
  name: string;
  carrier?: string;
  phone?: string;
  tracking_number?: string;
}

/** Card options of a PaymentIntent; other keys of Stripe's `payment_method_options.card` pass through. */
export type PaymentIntentCardOptionsParam = {
  capture_method?: '' | 'manual';
  /** `if_available` lets `incrementAuthorization` raise a manual authorization later. */
  request_incremental_authorization?: 'if_available' | 'never';
  request_three_d_secure?: 'any' | 'automatic' | 'challenge';
  setup_future_usage?: '' | 'none' | 'off_session' | 'on_session';
} & { readonly [field: string]: EncodableValue };

/** Per payment method type, e.g. `{ card: { request_three_d_secure: 'any' } }`; `''` clears a type's. */
export type PaymentIntentPaymentMethodOptionsParam = { card?: PaymentIntentCardOptionsParam | '' } & PaymentMethodOptionsParam<''>;

/** Params a PaymentIntent takes on create and update. */
interface PaymentIntentWritableParams extends ExpandParams {
  /** Minor units, e.g. 2000 for $20.00. */
  amount?: number;
  currency?: string;
  customer?: string;
  description?: string;
  metadata?: MetadataParam;
  /** A PaymentMethod id, or a magic test id such as `pm_card_visa`. */
  payment_method?: string;
  payment_method_options?: PaymentIntentPaymentMethodOptionsParam;
  payment_method_types?: string[];
  receipt_email?: string;
  setup_future_usage?: 'off_session' | 'on_session' | '';
  shipping?: PaymentIntentShippingParam | '';
  statement_descriptor?: string;
  statement_descriptor_suffix?: string;
  transfer_group?: string;
}

export interface PaymentIntentCreateParams extends PaymentIntentWritableParams {
  amount: number;
  currency: string;
  automatic_payment_methods?: { enabled: boolean; allow_redirects?: 'always' | 'never' };
  capture_method?: 'automatic' | 'automatic_async' | 'manual';
  /** Confirm at once: the payment is attempted in the same request. */
  confirm?: boolean;
  confirmation_method?: 'automatic' | 'manual';
  error_on_requires_action?: boolean;
  off_session?: boolean;
  /** Where to send the customer back after 3D Secure or a redirect. */
  return_url?: string;
}

export type PaymentIntentRetrieveParams = ExpandParams & { client_secret?: string };

export type PaymentIntentUpdateParams = PaymentIntentWritableParams;

export interface PaymentIntentListParams extends PaginationParams, ExpandParams {
  created?: RangeQueryParam;
  customer?: string;
}

/** `query` fields: amount, created, currency, customer, metadata, status; e.g. `status:"succeeded" AND metadata["order_id"]:"6735"`. */
export type PaymentIntentSearchParams = SearchParams & ExpandParams;

export interface PaymentIntentConfirmParams extends ExpandParams {
  capture_method?: 'automatic' | 'automatic_async' | 'manual';
  error_on_requires_action?: boolean;
  off_session?: boolean;
  payment_method?: string;
  payment_method_options?: PaymentIntentPaymentMethodOptionsParam;
  receipt_email?: string | '';
  return_url?: string;
  setup_future_usage?: 'off_session' | 'on_session' | '';
  shipping?: PaymentIntentShippingParam | '';
}

export interface PaymentIntentCaptureParams extends ExpandParams {
  /** Minor units; defaults to the whole `amount_capturable`. The rest is released. */
  amount_to_capture?: number;
  metadata?: MetadataParam;
  statement_descriptor?: string;
  statement_descriptor_suffix?: string;
}

export interface PaymentIntentCancelParams extends ExpandParams {
  cancellation_reason?: 'abandoned' | 'duplicate' | 'fraudulent' | 'requested_by_customer';
}

export interface PaymentIntentIncrementAuthorizationParams extends ExpandParams {
  /** The new, larger total in minor units. */
  amount: number;
  description?: string;
  metadata?: MetadataParam;
  statement_descriptor?: string;
}
