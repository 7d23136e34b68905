// The single mapping from failures to Stripe's error envelope:
// {error: {type, code, param, message, doc_url, request_log_url}} plus the HTTP status. Messages are
// Stripe's own wording where it is known (see ../shared/docs/contract.md sections 2-3).
import type { ExternalAccountFailure } from '../domain/bank-accounts/bank-account-failures.js';
import type { ChargeFailure } from '../domain/charges/charge-failures.js';
import type { PaymentIntentFailure } from '../domain/payment-intents/payment-intent-failures.js';
import type { PayoutFailure } from '../domain/payouts/payout-failures.js';
import type { RefundFailure } from '../domain/refunds/refund-failures.js';
import type { SetupIntentFailure } from '../domain/setup-intents/setup-intent-failures.js';
import type { Failure, ResourceName } from '../domain/shared/failures.js';
import { publishable_key_message } from './authenticate.js';
import type { ParamError } from './params/param-errors.js';

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string | null;
  [extra: string]: unknown;
}

export interface ErrorResponse {
  status: number;
  fields: StripeErrorFields;
}

export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

/** Renders the envelope. `request_log_url` points at Tender's own log of the request. */
export function errorBody(error: ErrorResponse, requestLogUrl: string): { error: Record<string, unknown> } {
  const { type, message, code, param, ...extra } = error.fields;
  const body: Record<string, unknown> = {};
  if (code !== undefined) body.code = code;
  if (code !== undefined) body.doc_url = docUrl(code);
  body.message = message;
  if (param !== undefined && param !== null) body.param = param;
  body.request_log_url = requestLogUrl;
  body.type = type;
  Object.assign(body, extra);
  return { error: body };
}

export function invalidRequest(status: number, message: string, code?: string, param?: string | null): ErrorResponse {
  return {
    status,
    fields: { type: 'invalid_request_error', message, ...(code === undefined ? {} : { code }), ...(param == null ? {} : { param }) },
  };
}

/** A parameter's error as Stripe answers it: always 400 `invalid_request_error`, its code only where Stripe sends one. */
export function paramErrorResponse(error: ParamError): ErrorResponse {
  return invalidRequest(400, error.message, error.code, error.param);
}

export function failureResponse(failure: Failure): ErrorResponse {
  switch (failure.code) {
    case 'resource_missing':
      // An id in the path answers 404; an id in the body is a bad parameter and answers 400.
      return invalidRequest(
        failure.in_path ? 404 : 400,
        `No such ${resourceLabel(failure.resource)}: '${failure.id}'`,
        'resource_missing',
        failure.param,
      );
    case 'parameter_invalid':
    case 'parameter_invalid_integer':
      return invalidRequest(400, failure.message, failure.code, failure.param);
    case 'email_invalid':
      return invalidRequest(400, `Invalid email address: ${failure.email}`, 'email_invalid', failure.param);
    case 'search_query_invalid':
      return invalidRequest(400, failure.message, 'parameter_invalid', 'query');
    case 'expand_invalid':
      return invalidRequest(400, failure.message);
    case 'parameter_missing':
      return invalidRequest(400, `Missing required param: ${failure.param}.`, 'parameter_missing', failure.param);
    case 'card_error':
      return cardErrorResponse(failure.error);
    case 'token_already_used':
      return invalidRequest(400, `You cannot use a Stripe token more than once: ${failure.id}.`, 'token_already_used');
    // The next three messages are Stripe's observed wording; Stripe sends no code with them [obs].
    case 'payment_method_already_attached':
      return invalidRequest(400, 'The payment method you provided has already been attached to a customer.');
    case 'payment_method_detached':
      return invalidRequest(
        400,
        'This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.',
      );
    case 'payment_method_not_attached':
      return invalidRequest(400, 'The payment method you provided is not attached to a customer so detachment is impossible.');
    case 'payment_method_not_saved':
      return invalidRequest(400, 'You must save this PaymentMethod to a customer before you can update it.');
    case 'payment_method_not_attached_to_customer':
      return invalidRequest(
        400,
        `The customer does not have a payment method with the ID ${failure.id}. The payment method must be attached to the customer.`,
        'resource_missing',
        failure.param,
      );
    case 'payment_intent_failure':
      return paymentIntentFailureResponse(failure.failure);
    case 'payment_intent_declined': {
      // Stripe's card error on a PaymentIntent: the error, plus the failed charge's id, the payment
      // method and the intent itself (now requires_payment_method, last_payment_error set) [obs].
      return cardErrorResponse(failure.error, { payment_intent: failure.payment_intent, payment_method: failure.payment_method });
    }
    case 'secret_key_required':
      return invalidRequest(401, publishable_key_message, 'secret_key_required');
    case 'client_secret_mismatch':
      // [obs] Stripe's wording, quoted in public issues (flutter-stripe#517, #645).
      return invalidRequest(
        400,
        `The client_secret provided does not match the client_secret associated with the ${failure.object}.`,
        undefined,
        'client_secret',
      );
    case 'webhook_endpoint_failure': {
      const { code, param, message } = failure.failure;
      // [inf] Stripe's answer past 16 endpoints carries no code that is known; none is invented.
      return invalidRequest(400, message, code === 'webhook_endpoint_limit' ? undefined : code, param);
    }
    case 'refund_failure':
      return refundFailureResponse(failure.failure);
    case 'setup_intent_failure':
      return setupIntentFailureResponse(failure.failure);
    case 'setup_intent_declined': {
      // As for a PaymentIntent: the card error, the payment method and the intent itself (now
      // requires_payment_method with last_setup_error set) [inf from the PaymentIntent envelope].
      return cardErrorResponse(failure.error, { setup_intent: failure.setup_intent, payment_method: failure.payment_method });
    }
    case 'payout_failure':
      return payoutFailureResponse(failure.failure);
    case 'charge_failure':
      return chargeFailureResponse(failure.failure);
    case 'external_account_failure':
      return externalAccountFailureResponse(failure.failure);
    case 'account_invalid':
      // Stripe's answer when the key cannot act for the account in the path [obs].
      return invalidRequest(
        403,
        `The provided key '${failure.masked_key}' does not have access to account '${failure.account}' (or that account does not exist). Application access may have been revoked.`,
        'account_invalid',
      );
  }
}

function chargeFailureResponse(failure: ChargeFailure): ErrorResponse {
  switch (failure.code) {
    case 'parameter_missing':
    case 'parameter_invalid':
    case 'amount_too_small':
    case 'amount_too_large':
      return invalidRequest(400, failure.message, failure.code, failure.param);
    case 'source_or_customer_missing':
    case 'payment_method_as_source':
    case 'charge_of_payment_intent':
    case 'charge_not_capturable':
      return invalidRequest(400, failure.message);
    case 'source_not_linked':
      // Stripe's `missing`: "both a customer and source ID have been provided, but the source has not
      // been saved to the customer" (error codes docs).
      return invalidRequest(400, failure.message, 'missing', 'source');
    case 'charge_already_captured':
    case 'charge_already_refunded':
    case 'charge_expired_for_capture':
      return invalidRequest(400, failure.message, failure.code);
    case 'customer_without_card':
      return cardErrorResponse({ code: 'missing', message: failure.message, param: 'card' });
    case 'charge_declined':
      // The Charges API's decline: the card's error and the failed charge's id [obs].
      return cardErrorResponse({ ...failure.error, charge: failure.charge });
    case 'authorization_not_due':
      // Only the expiry job asks for this; reaching HTTP with it is a programmer error.
      throw new Error('invariant: authorization_not_due is never answered over HTTP');
  }
}

function payoutFailureResponse(failure: PayoutFailure): ErrorResponse {
  switch (failure.code) {
    case 'balance_insufficient':
      return invalidRequest(400, failure.message, failure.code);
    case 'parameter_invalid':
      return invalidRequest(400, failure.message, failure.code, failure.param);
    case 'no_external_account':
      return invalidRequest(400, failure.message, undefined, failure.param);
    case 'payout_not_cancelable':
      return invalidRequest(400, failure.message);
  }
}

function externalAccountFailureResponse(failure: ExternalAccountFailure): ErrorResponse {
  switch (failure.code) {
    case 'parameter_missing':
    case 'parameter_invalid':
    case 'parameter_unknown':
    case 'routing_number_invalid':
    case 'account_number_invalid':
      return invalidRequest(400, failure.message, failure.code, failure.param);
    case 'default_external_account_not_deletable':
      return invalidRequest(400, failure.message);
  }
}

function setupIntentFailureResponse(failure: SetupIntentFailure): ErrorResponse {
  switch (failure.code) {
    case 'parameter_missing':
    case 'parameter_invalid':
      return invalidRequest(400, failure.message, failure.code, failure.param);
    case 'setup_intent_unexpected_state': {
      const response = invalidRequest(400, failure.message, failure.code, failure.param);
      return { ...response, fields: { ...response.fields, setup_intent: failure.setup_intent } };
    }
  }
}

function refundFailureResponse(failure: RefundFailure): ErrorResponse {
  switch (failure.code) {
    case 'amount_too_large':
    case 'parameter_invalid':
    case 'parameter_missing':
      return invalidRequest(400, failure.message, failure.code, failure.param);
    case 'charge_already_refunded':
      return invalidRequest(400, failure.message, failure.code);
    case 'charge_not_refundable':
      return invalidRequest(400, failure.message, undefined, failure.param);
    case 'refund_not_cancelable':
      return invalidRequest(400, failure.message);
  }
}

function paymentIntentFailureResponse(failure: PaymentIntentFailure): ErrorResponse {
  switch (failure.code) {
    case 'parameter_missing':
      return invalidRequest(400, failure.message, 'parameter_missing', failure.param);
    case 'parameter_invalid':
      return invalidRequest(400, failure.message, 'parameter_invalid', failure.param);
    case 'amount_too_small':
    case 'amount_too_large':
      return invalidRequest(400, failure.message, failure.code, failure.param);
    case 'payment_intent_unexpected_state':
    case 'charge_expired_for_capture': {
      const response = invalidRequest(400, failure.message, failure.code, failure.param);
      return { ...response, fields: { ...response.fields, payment_intent: failure.payment_intent } };
    }
    case 'incremental_authorization_unavailable': {
      // No Stripe code is confirmed for this refusal, so none is invented: the message says it all.
      const response = invalidRequest(400, failure.message, undefined, failure.param);
      return { ...response, fields: { ...response.fields, payment_intent: failure.payment_intent } };
    }
    case 'card_error':
      return cardErrorResponse(failure.error, { payment_intent: failure.payment_intent });
    case 'authorization_not_due':
      // Only the expiry sweep asks for this; reaching HTTP with it is a programmer error.
      throw new Error('invariant: authorization_not_due is never answered over HTTP');
  }
}

interface CardErrorFacts {
  type?: StripeErrorType;
  code: string;
  message: string;
  decline_code?: string | null;
  param?: string | null;
  charge?: string | null;
}

/**
 * Every 402 answer: the card's code, decline_code and param, then the objects the failure is about
 * (the PaymentIntent or SetupIntent, its payment method). Absent and null facts are left out.
 */
function cardErrorResponse(error: CardErrorFacts, about: Record<string, unknown> = {}): ErrorResponse {
  const fields: StripeErrorFields = { type: error.type ?? 'card_error', message: error.message, code: error.code };
  for (const key of ['param', 'decline_code', 'charge'] as const) {
    const value = error[key];
    if (value != null) fields[key] = value;
  }
  for (const [key, value] of Object.entries(about)) if (value != null) fields[key] = value;
  return { status: 402, fields };
}

function resourceLabel(resource: ResourceName): string {
  switch (resource) {
    case 'webhook_endpoint':
      return 'webhook endpoint';
    case 'payment_method':
      return 'PaymentMethod';
    case 'test_clock':
      return 'test clock';
    case 'balance_transaction':
      return 'balance transaction';
    case 'setup_intent':
      return 'setupintent';
    // [inf] By analogy with "No such setupintent".
    case 'setup_attempt':
      return 'setupattempt';
    case 'promotion_code':
      return 'promotion code';
    // [inf] Stripe's label for a missing ba_ under /v1/accounts/{account}/external_accounts.
    case 'external_account':
      return 'external account';
    default:
      return resource;
  }
}

export const unexpectedErrorMessage =
  'An unknown error occurred while processing your request. Please try again, or contact support if the problem persists.';
