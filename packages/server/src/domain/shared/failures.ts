// Expected failures are values, never exceptions. Domain code returns one of these codes with the
// facts its message needs; http/error-envelope.ts is the one place that turns them into Stripe's
// status, type, code, param and message.
import type { ExternalAccountFailure } from '../bank-accounts/bank-account-failures.js';
import type { CardError } from '../cards/card-messages.js';
import type { ChargeFailure } from '../charges/charge-failures.js';
import type { PaymentIntentFailure } from '../payment-intents/payment-intent-failures.js';
import type { PaymentError, PaymentIntent } from '../payment-intents/payment-intent-model.js';
import type { PayoutFailure } from '../payouts/payout-failures.js';
import type { RefundFailure } from '../refunds/refund-failures.js';
import type { SetupIntentFailure } from '../setup-intents/setup-intent-failures.js';
import type { SetupIntent } from '../setup-intents/setup-intent-model.js';
import type { WebhookEndpointFailure } from '../webhook-endpoints/webhook-endpoint-decisions.js';

export type Failure =
  /** A publishable key where only a secret key (or the intent's client_secret) will do: 401. */
  | { code: 'secret_key_required' }
  /** The client_secret given does not belong to the intent named in the path. */
  | { code: 'client_secret_mismatch'; object: 'PaymentIntent' | 'SetupIntent' }
  /** A webhook endpoint request was refused (URL, events, the 16-endpoint limit); nothing was written. */
  | { code: 'webhook_endpoint_failure'; failure: WebhookEndpointFailure }
  | { code: 'resource_missing'; resource: ResourceName; id: string; param: string | null; in_path: boolean }
  | { code: 'parameter_invalid'; param: string; message: string }
  /** An integer outside its range, e.g. a list `limit` of 0 (Stripe answers code parameter_invalid_integer). */
  | { code: 'parameter_invalid_integer'; param: string; message: string }
  | { code: 'email_invalid'; param: string; email: string }
  | { code: 'search_query_invalid'; message: string }
  | { code: 'expand_invalid'; message: string }
  | { code: 'parameter_missing'; param: string }
  /** The simulated network refused the card or its data (HTTP 402). */
  | { code: 'card_error'; error: CardError }
  | { code: 'token_already_used'; id: string }
  | { code: 'payment_method_already_attached' }
  | { code: 'payment_method_detached' }
  | { code: 'payment_method_not_attached' }
  | { code: 'payment_method_not_saved' }
  /** A customer field names a PaymentMethod that is not attached to that customer. */
  | { code: 'payment_method_not_attached_to_customer'; id: string; param: string }
  /** A PaymentIntent decision refused the request (wrong state, bad amount...); nothing was written. */
  | { code: 'payment_intent_failure'; failure: PaymentIntentFailure }
  /** A payment attempt was declined: the failed charge and the intent were written; answers 402. */
  | { code: 'payment_intent_declined'; error: PaymentError; payment_intent: PaymentIntent; payment_method: object | null }
  /** A refund decision refused the request (amount, charge state, cancel rules); nothing was written. */
  | { code: 'refund_failure'; failure: RefundFailure }
  /** A SetupIntent decision refused the request (wrong state, bad params); nothing was written. */
  | { code: 'setup_intent_failure'; failure: SetupIntentFailure }
  /** A setup attempt was declined: the intent was written (requires_payment_method); answers 402. */
  | { code: 'setup_intent_declined'; error: PaymentError; setup_intent: SetupIntent; payment_method: object | null }
  /** A payout decision refused the request (balance, currency, state); nothing was written. */
  | { code: 'payout_failure'; failure: PayoutFailure }
  /** A direct Charges API request was refused or declined (a declined charge was written first). */
  | { code: 'charge_failure'; failure: ChargeFailure }
  /** An external account request was refused (details, default rules); nothing was written. */
  | { code: 'external_account_failure'; failure: ExternalAccountFailure }
  /** The path names an account the key does not belong to (Stripe's 403 `account_invalid`). */
  | { code: 'account_invalid'; account: string; masked_key: string };

/** Stripe's names for objects, as they appear in "No such customer: 'cus_x'". */
export type ResourceName =
  | 'webhook_endpoint'
  | 'customer'
  | 'event'
  | 'payment_method'
  | 'token'
  | 'source'
  | 'coupon'
  | 'promotion_code'
  | 'test_clock'
  | 'payment_intent'
  | 'charge'
  | 'balance_transaction'
  | 'refund'
  | 'setup_intent'
  | 'setup_attempt'
  | 'payout'
  | 'external_account';

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const succeed = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = never>(failure: Failure): Outcome<T> => ({ ok: false, failure });
