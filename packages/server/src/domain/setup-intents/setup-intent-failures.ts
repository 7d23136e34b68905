// The expected failures of SetupIntent decisions, as values, with Stripe's wording. The messages
// follow the confirmed PaymentIntent patterns with "SetupIntent" in place of "PaymentIntent" [inf].
// http/error-envelope.ts maps `code` to status and type.
import type { SetupIntent, SetupIntentStatus } from './setup-intent-model.js';

export type SetupIntentFailure =
  | { code: 'parameter_missing'; param: string; message: string }
  | { code: 'parameter_invalid'; param: string; message: string }
  /** 400; the envelope carries the intent as `setup_intent`. */
  | { code: 'setup_intent_unexpected_state'; param: string | null; message: string; setup_intent: SetupIntent };

export type SetupIntentOutcome<T> = { ok: true; value: T } | { ok: false; failure: SetupIntentFailure };

export const unexpectedState = (intent: SetupIntent, message: string, param: string | null = null): SetupIntentFailure => ({
  code: 'setup_intent_unexpected_state',
  param,
  message,
  setup_intent: intent,
});

export function cancelStateMessage(status: SetupIntentStatus, accepted: readonly SetupIntentStatus[]): string {
  return `You cannot cancel this SetupIntent because it has a status of ${status}. Only a SetupIntent with one of the following statuses may be canceled: ${accepted.join(', ')}.`;
}

export function confirmStateMessage(status: SetupIntentStatus, accepted: readonly SetupIntentStatus[]): string {
  if (status === 'succeeded')
    return 'You cannot confirm this SetupIntent because it has already succeeded after being previously confirmed.';
  return `You cannot confirm this SetupIntent because it has a status of ${status}. Only a SetupIntent with one of the following statuses may be confirmed: ${accepted.join(', ')}.`;
}

export function updateStateMessage(status: SetupIntentStatus, accepted: readonly SetupIntentStatus[]): string {
  return `You cannot update this SetupIntent because it has a status of ${status}. It may be updated only when the SetupIntent has one of the following statuses: ${accepted.join(', ')}.`;
}

export const missing_payment_method_message =
  "You cannot confirm this SetupIntent because it's missing a payment method. You can either update the SetupIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.";

/** Inferred from the PaymentIntent's wording: the 3D Secure step completed for an intent not waiting on one. */
export function completeActionStateMessage(status: SetupIntentStatus): string {
  return `This SetupIntent's next action could not be completed because it has a status of ${status}. Only a SetupIntent with one of the following statuses may complete a next action: requires_action.`;
}

/**
 * last_setup_error after a failed 3D Secure step, observed in a setup_intent.setup_failed event
 * (stripe/stripe-node#1904) and in stripe-ios's SetupIntent fixture (type invalid_request_error).
 */
export const authentication_failure_message = 'The latest attempt to set up the payment method has failed because authentication failed.';
