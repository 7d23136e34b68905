// The expected failures of PaymentIntent decisions, as values, with Stripe's wording. Each message
// says whether it is confirmed (seen in Stripe responses quoted in public issues / contract.md) or
// inferred from the confirmed pattern. The HTTP error envelope maps `code` to status and type.
import { formatAmount } from '../money/currencies.js';
import type { AttemptError } from './card-outcome.js';
import type { PaymentIntent, PaymentIntentStatus } from './payment-intent-model.js';

export type PaymentIntentFailure =
  | { code: 'parameter_missing'; param: string; message: string }
  | { code: 'parameter_invalid'; param: string; message: string }
  | { code: 'amount_too_small' | 'amount_too_large'; param: 'amount' | 'amount_to_capture'; message: string }
  /** 400; the envelope carries the intent as `payment_intent`. */
  | { code: 'payment_intent_unexpected_state'; param: string | null; message: string; payment_intent: PaymentIntent }
  /** 400: the hold is past its validity; the expiry sweep will cancel the intent. */
  | { code: 'charge_expired_for_capture'; param: null; message: string; payment_intent: PaymentIntent }
  /** 402 card_error for a declined increment; nothing was written. */
  | { code: 'card_error'; error: AttemptError; payment_intent: PaymentIntent }
  /**
   * 400: the authorization cannot be raised; the intent did not ask for it with
   * payment_method_options[card][request_incremental_authorization]=if_available, or its card's
   * network does not allow it. Stripe's code and wording are unconfirmed [inf].
   */
  | { code: 'incremental_authorization_unavailable'; param: null; message: string; payment_intent: PaymentIntent }
  | AuthorizationNotDue;

/** Internal, never on the wire: an expiry job (a PaymentIntent's or a direct charge's) ran too early. */
export interface AuthorizationNotDue {
  code: 'authorization_not_due';
  expires_at: number;
}

export type PaymentIntentOutcome<T> = { ok: true; value: T } | { ok: false; failure: PaymentIntentFailure };

export const unexpectedState = (intent: PaymentIntent, message: string, param: string | null = null): PaymentIntentFailure => ({
  code: 'payment_intent_unexpected_state',
  param,
  message,
  payment_intent: intent,
});

/** [inf] Stripe's wording is unconfirmed. */
export const incremental_authorization_unavailable_message =
  'This PaymentIntent is not eligible for incremental authorization. Request it when creating or confirming the PaymentIntent with `payment_method_options[card][request_incremental_authorization]=if_available`, on a card network that supports it.';

/** Confirmed (contract.md §3, observed). */
export function captureStateMessage(status: PaymentIntentStatus): string {
  return `This PaymentIntent could not be captured because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`;
}

/**
 * Confirmed (exercism/website#3239 and #7062, stripe-ruby-mock#859, openedx ecommerce#4156). Stripe
 * lists `processing` too; Tender's cards never reach it, so the list is Stripe's, not the table's.
 */
export function cancelStateMessage(status: PaymentIntentStatus): string {
  return `You cannot cancel this PaymentIntent because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`;
}

/** `succeeded` is confirmed (stripe-android#4959, bigcommerce/checkout-js#1488); other statuses are inferred from the cancel pattern. */
export function confirmStateMessage(status: PaymentIntentStatus, accepted: readonly PaymentIntentStatus[]): string {
  if (status === 'succeeded')
    return 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.';
  return `You cannot confirm this PaymentIntent because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${accepted.join(', ')}.`;
}

/** Inferred from the capture pattern. */
export function incrementStateMessage(status: PaymentIntentStatus): string {
  return `This PaymentIntent's authorization could not be incremented because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may have its authorization incremented: requires_capture.`;
}

/** Inferred: the 3D Secure step completed for an intent that was not waiting on one. */
export function completeActionStateMessage(status: PaymentIntentStatus): string {
  return `This PaymentIntent's next action could not be completed because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may complete a next action: requires_action.`;
}

/** Inferred (recalled wording, not confirmed in the corpus). */
export const missing_payment_method_message =
  "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.";

/** The start is confirmed (contract.md §4, truncated there); the rest is recalled wording [inf]. */
export const return_url_required_message =
  'A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.';

/** Inferred (recalled wording): last_payment_error after a failed 3D Secure step. */
export const authentication_failure_message =
  'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.';

/** Inferred. */
export function captureAmountTooLargeMessage(amount_capturable: number, currency: string): string {
  return `The amount to capture must be less than or equal to the amount capturable (${formatAmount(amount_capturable, currency)}).`;
}

/** Inferred. */
export function incrementAmountMessage(current: number, currency: string): string {
  return `The amount must be greater than the PaymentIntent's current amount (${formatAmount(current, currency)}).`;
}

/** Inferred. */
export const charge_expired_for_capture_message = 'This PaymentIntent could not be captured because its authorization has expired.';

/** Inferred from Stripe's enum wording ("must be one of a, b, or c"). */
export function enumMessage(param: string, allowed: readonly string[]): string {
  const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')}, or ${allowed[allowed.length - 1]}` : allowed.join('');
  return `Invalid ${param}: must be one of ${list}`;
}

/** Confirmed form (contract.md §3): `Missing required param: amount.` Direct charges use it too. */
export function missingParamMessage(param: string): string {
  return `Missing required param: ${param}.`;
}

/**
 * A capture amount that is not a positive integer (PaymentIntents' amount_to_capture, a direct
 * charge's amount) [inf: Stripe's form for invalid integers, unconfirmed for this case].
 */
export const positive_integer_message = 'Invalid positive integer';

export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;
}

/** Inferred from the cancel pattern and Stripe's documented editable statuses. */
export function updateStateMessage(status: PaymentIntentStatus, param: string): string {
  return `You cannot update \`${param}\` on this PaymentIntent because it has a status of ${status}. It may be updated only when the PaymentIntent has one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`;
}
