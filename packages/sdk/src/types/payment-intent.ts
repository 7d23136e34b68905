// The PaymentIntent object, in Stripe's wire shape (object type only: no service yet).

import type { Charge } from './charge.js';
import type { Customer } from './customer.js';
import type { Expandable, StripeObjectBase } from './expandable.js';
import type { Address, Metadata } from './metadata.js';
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
