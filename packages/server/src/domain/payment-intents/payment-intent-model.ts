// The PaymentIntent as it goes on the wire (snake_case, every nullable field present as null), plus
// the description of the Charge a payment attempt creates. Invariants (assertIntent): amounts are
// non-negative integers, amount_capturable is non-zero exactly while requires_capture, amount_received
// never exceeds amount, and a succeeded or capturable intent has a latest_charge.

import type { Address } from '../customers/customer-model.js';
import type { PaymentMethodOptions } from './card-options.js';
export type PaymentIntentStatus =
  'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'succeeded' | 'canceled';

export const payment_intent_statuses: readonly PaymentIntentStatus[] = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'succeeded',
  'canceled',
];

export type CaptureMethod = 'automatic' | 'automatic_async' | 'manual';
export type ConfirmationMethod = 'automatic' | 'manual';
export type SetupFutureUsage = 'on_session' | 'off_session';
/** Reasons a caller may give to cancel. */
export type RequestedCancellationReason = 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'abandoned';
/** Reasons Stripe sets itself. */
export type CancellationReason = RequestedCancellationReason | 'automatic' | 'failed_invoice' | 'void_invoice';

export type NextAction =
  | { type: 'redirect_to_url'; redirect_to_url: { url: string; return_url: string } }
  | { type: 'use_stripe_sdk'; use_stripe_sdk: { type: 'three_d_secure_redirect'; stripe_js: string } };

/**
 * `last_payment_error` (spec: api_errors). Its optional fields are absent, never null, as in the
 * spec. The full payment_method object is embedded by the HTTP layer.
 */
export interface PaymentError {
  type: 'card_error' | 'invalid_request_error';
  code: string;
  decline_code?: string;
  message: string;
  param?: string;
  doc_url: string;
  charge?: string;
}

export interface Shipping {
  address: Address;
  carrier: string | null;
  name: string;
  phone: string | null;
  tracking_number: string | null;
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_details: { tip: Record<string, never> };
  amount_received: number;
  application: null;
  application_fee_amount: number | null;
  automatic_payment_methods: { enabled: boolean; allow_redirects?: 'always' | 'never' } | null;
  canceled_at: number | null;
  cancellation_reason: CancellationReason | null;
  capture_method: CaptureMethod;
  client_secret: string;
  confirmation_method: ConfirmationMethod;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  invoice: string | null;
  last_payment_error: PaymentError | null;
  latest_charge: string | null;
  livemode: boolean;
  metadata: Record<string, string>;
  next_action: NextAction | null;
  on_behalf_of: string | null;
  payment_method: string | null;
  payment_method_configuration_details: null;
  payment_method_options: PaymentMethodOptions;
  payment_method_types: string[];
  processing: null;
  receipt_email: string | null;
  review: string | null;
  setup_future_usage: SetupFutureUsage | null;
  shipping: Shipping | null;
  source: null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: PaymentIntentStatus;
  transfer_data: null;
  transfer_group: string | null;
}

/**
 * What a payment attempt does to its Charge. The store renders the full charge from it plus the
 * payment method; `balance_transaction` says when the ledger entry appears: at once, later (an
 * automatic_async capture: Stripe fills it in with a later `charge.updated`), or never (failed or
 * uncaptured).
 */
export interface ChargeAttempt {
  id: string;
  status: 'succeeded' | 'failed';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  paid: boolean;
  refunded: boolean;
  failure_code: string | null;
  failure_message: string | null;
  outcome: {
    type: 'authorized' | 'issuer_declined' | 'blocked';
    network_status: 'approved_by_network' | 'declined_by_network' | 'not_sent_to_network';
    reason: string | null;
    risk_level: 'normal' | 'elevated' | 'highest';
    seller_message: string;
  };
  balance_transaction: 'now' | 'later' | 'none';
}

export class PaymentIntentAssertionError extends Error {
  override name = 'PaymentIntentAssertionError';
}

/** A programmer error: stays on in production; the write rolls back and answers api_error. */
export function assertPaymentIntent(condition: boolean, message: string): asserts condition {
  if (!condition) throw new PaymentIntentAssertionError(message);
}

/** The invariants every intent a decision returns must keep. */
export function assertIntent(intent: PaymentIntent): void {
  for (const field of ['amount', 'amount_capturable', 'amount_received'] as const) {
    assertPaymentIntent(Number.isSafeInteger(intent[field]) && intent[field] >= 0, `${field} must be a non-negative integer`);
  }
  assertPaymentIntent(intent.amount_received <= intent.amount, 'amount_received exceeds amount');
  assertPaymentIntent(intent.amount_capturable <= intent.amount, 'amount_capturable exceeds amount');
  assertPaymentIntent(
    (intent.status === 'requires_capture') === intent.amount_capturable > 0,
    `amount_capturable is ${intent.amount_capturable} with status ${intent.status}`,
  );
  if (intent.status === 'succeeded' || intent.status === 'requires_capture') {
    assertPaymentIntent(intent.latest_charge !== null, `a ${intent.status} intent has a latest_charge`);
  }
  assertPaymentIntent(
    (intent.status === 'requires_action') === (intent.next_action !== null),
    'next_action is set exactly in requires_action',
  );
  assertPaymentIntent((intent.status === 'canceled') === (intent.canceled_at !== null), 'canceled_at is set exactly when canceled');
}
