// Why a direct Charges API request (create, capture, update) was refused, as values with Stripe's
// wording. Each message says whether it was seen in a Stripe answer quoted in public issues [obs] or
// inferred [inf]. http/error-envelope.ts maps them to status, type, code and param.
import type { AttemptError } from '../payment-intents/card-outcome.js';
import type { AuthorizationNotDue } from '../payment-intents/payment-intent-failures.js';

export type ChargeFailure =
  | { code: 'parameter_missing'; param: string; message: string }
  | { code: 'parameter_invalid'; param: string; message: string }
  | { code: 'amount_too_small' | 'amount_too_large'; param: 'amount'; message: string }
  /** 400 with no code and no param [obs]. */
  | { code: 'source_or_customer_missing'; message: string }
  /** A `pm_` id as `source`: 400 with no code known [obs message]. */
  | { code: 'payment_method_as_source'; message: string }
  /** A source that is not one of the customer's: 400 `missing` on `source` (error codes docs; wording [inf]). */
  | { code: 'source_not_linked'; message: string }
  /** 402 card_error `missing` on `card` [obs]: the customer has nothing to charge. */
  | { code: 'customer_without_card'; message: string }
  /** The network declined: the failed charge was written, answered 402 with its id. */
  | { code: 'charge_declined'; error: AttemptError; charge: string }
  | { code: 'charge_already_captured'; message: string }
  | { code: 'charge_already_refunded'; message: string }
  | { code: 'charge_expired_for_capture'; message: string }
  /** 400 with no code known [obs message]: capture the PaymentIntent instead. */
  | { code: 'charge_of_payment_intent'; message: string }
  /** A failed charge has nothing to capture; Stripe's wording is unknown [inf], no code invented. */
  | { code: 'charge_not_capturable'; message: string }
  | AuthorizationNotDue;

export type ChargeOutcome<T> = { ok: true; value: T } | { ok: false; failure: ChargeFailure };

/** [obs] stripe-php#180 and stripe-node#307. */
export const source_or_customer_missing_message = 'Must provide source or customer.';

/** [obs] jonasbark/flutter_stripe_payment#54: the answer to `source=pm_...`. */
export const payment_method_as_source_message = 'You cannot create a charge with a PaymentMethod. Use the Payment Intents API instead.';

/** [obs] stripe-node#282: 402 card_error, code `missing`, param `card`. */
export const customer_without_card_message = 'Cannot charge a customer that has no active card';

/** [inf] Recalled wording for a source the customer does not hold. */
export function sourceNotLinkedMessage(customer: string, source: string): string {
  return `Customer ${customer} does not have a linked source with ID ${source}.`;
}

/** [obs] spree/spree#7675: `Charge foobar has already been captured.` */
export function alreadyCapturedMessage(charge: string): string {
  return `Charge ${charge} has already been captured.`;
}

/** Same wording as a refund of a refunded charge [obs contract §3]; on capture it is [inf]. */
export function alreadyRefundedMessage(charge: string): string {
  return `Charge ${charge} has already been refunded.`;
}

/** [obs] stripe-python#330. */
export function expiredForCaptureMessage(charge: string): string {
  return `Charge ${charge} cannot be captured because the charge has expired (a charge must be captured within 7 days). You will need to create a new charge to retry the payment.`;
}

/**
 * [obs] stripe/stripe-mirakl-connector#46, quoted up to "https://stripe.com/docs/payments/payment-inten";
 * the rest of the link is [inf].
 */
export function chargeOfPaymentIntentMessage(payment_intent: string): string {
  return `This uncaptured Charge was created by a PaymentIntent (${payment_intent}). You must capture the PaymentIntent instead. For more information, see https://stripe.com/docs/payments/payment-intents/use-cases#separate-auth-capture`;
}

/** [inf] */
export function notCapturableMessage(charge: string): string {
  return `Charge ${charge} has failed and cannot be captured.`;
}

/** [obs] 202-ecommerce/stripe_official#98 (the capture of more than was authorized); code [inf]. */
export const capture_amount_too_large_message =
  'The payment could not be captured because the requested capture amount is greater than the authorized amount. If you are trying to collect a tip or over-capture, your account might not be configured for those features. Contact us via https://support.stripe.com/contact/';

/** [inf] The customer of a charge is set once. */
export function customerAlreadySetMessage(charge: string, customer: string): string {
  return `Charge ${charge} already belongs to customer ${customer}; its customer can only be set when it has none.`;
}
