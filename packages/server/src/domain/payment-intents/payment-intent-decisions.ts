// Pure PaymentIntent decisions: given the loaded intent, validated params and injected facts (ids,
// now, the network's answer), return a failure value or the new intent, the charge it creates or
// changes, the events in order and the money the ledger must book. Every status change goes through
// the transition table; every returned intent passes assertIntent.
import { mergePaymentMethodOptions, type PaymentMethodOptionsParam } from './card-options.js';
import { declineError, type Decline } from '../cards/card-messages.js';
import { shippingFromParam, type ShippingParam } from '../customers/address.js';
import { checkChargeAmount } from '../money/currencies.js';
import { createMetadata, type MetadataParam } from '../shared/metadata.js';
import type { CardOutcome } from './card-outcome.js';
import {
  assertIntent,
  assertPaymentIntent,
  type CaptureMethod,
  type ChargeAttempt,
  type ConfirmationMethod,
  type NextAction,
  type PaymentError,
  type PaymentIntent,
  type RequestedCancellationReason,
  type SetupFutureUsage,
} from './payment-intent-model.js';
import {
  authentication_failure_message,
  cancelStateMessage,
  captureAmountTooLargeMessage,
  captureStateMessage,
  charge_expired_for_capture_message,
  completeActionStateMessage,
  confirmStateMessage,
  docUrl,
  enumMessage,
  incrementAmountMessage,
  incrementStateMessage,
  incremental_authorization_unavailable_message,
  missing_payment_method_message,
  missingParamMessage,
  positive_integer_message,
  return_url_required_message,
  unexpectedState,
  type AuthorizationNotDue,
  type PaymentIntentFailure,
  type PaymentIntentOutcome,
} from './payment-intent-failures.js';
import {
  statusesAccepting,
  transition,
  type PaymentIntentCommand,
  type PaymentIntentEventType,
  type TransitionOutcome,
  type TransitionRow,
} from './payment-intent-state-machine.js';

/** Uncaptured card authorizations are canceled this long after the intent was created (contract §4). */
export const authorization_validity_seconds = 7 * 86_400;

export interface PaymentIntentEvent {
  type: PaymentIntentEventType;
  /** Which object the event's `data.object` is: the intent, or the charge of this decision. */
  object: 'payment_intent' | 'charge';
}

/** What the ledger must book. Amounts in minor units of `currency`. */
export type MoneyEffect =
  /** Automatic capture: authorized and captured at once. `later`: automatic_async, the balance transaction comes with a later charge.updated. */
  | {
      kind: 'charge';
      charge: string;
      amount: number;
      currency: string;
      balance_transaction: 'now' | 'later';
      funds: 'pending' | 'available';
    }
  /** Manual capture: a pending hold, nothing in the balance yet. */
  | { kind: 'authorize'; charge: string; amount: number; currency: string; funds: 'pending' | 'available' }
  /** Posts the hold: a charge entry for amount_captured; amount_released is voided (books as a refund entry, contract §4). */
  | { kind: 'capture'; charge: string; amount_captured: number; amount_released: number; currency: string }
  /** Voids the whole hold: `expired` refunds with reason expired_uncaptured_charge. */
  | { kind: 'release'; charge: string; amount: number; currency: string; reason: 'canceled' | 'expired' }
  | { kind: 'increase_authorization'; charge: string; amount_added: number; currency: string };

export interface ChargeUpdate {
  id: string;
  changes: Partial<Pick<ChargeAttempt, 'amount' | 'amount_captured' | 'amount_refunded' | 'captured' | 'refunded'>>;
}

export interface PaymentIntentDecision {
  intent: PaymentIntent;
  /** The table row this decision followed. */
  transition: TransitionRow;
  /** A new Charge created by this attempt. */
  charge_attempt?: ChargeAttempt;
  /** Changes to the intent's existing latest charge. */
  charge_update?: ChargeUpdate;
  events: PaymentIntentEvent[];
  money?: MoneyEffect;
  /** Persist the decision, then answer 402 with this error (and the intent embedded). */
  card_error?: PaymentError;
}

type Decided = PaymentIntentOutcome<PaymentIntentDecision>;

const fail = (failure: PaymentIntentFailure): Decided => ({ ok: false, failure });

/** Moves `before` along the table row for (command, outcome) and checks the result. */
function decide(
  before: PaymentIntent | null,
  command: PaymentIntentCommand,
  outcome: TransitionOutcome,
  next: PaymentIntent,
  extra: Omit<PaymentIntentDecision, 'intent' | 'events' | 'transition'> = {},
): Decided {
  const row = transition(before?.status ?? null, command, outcome);
  const intent: PaymentIntent = { ...next, status: row.to };
  assertIntent(intent);
  const events = row.events.map((type): PaymentIntentEvent => ({ type, object: type.startsWith('charge.') ? 'charge' : 'payment_intent' }));
  return { ok: true, value: { intent, transition: row, events, ...extra } };
}

// ---------------------------------------------------------------------------------------------- create

export interface CreatePaymentIntentParams {
  amount?: number;
  currency?: string;
  capture_method?: string;
  confirmation_method?: string;
  setup_future_usage?: string;
  customer?: string;
  description?: string;
  metadata?: MetadataParam;
  payment_method?: string;
  payment_method_types?: string[];
  payment_method_options?: PaymentMethodOptionsParam;
  automatic_payment_methods?: { enabled: boolean; allow_redirects?: 'always' | 'never' };
  receipt_email?: string;
  shipping?: ShippingParam;
  statement_descriptor?: string;
  statement_descriptor_suffix?: string;
}

export interface NewPaymentIntentFacts {
  id: string;
  created: number;
  livemode: boolean;
  /** Random part of `client_secret`: `${id}_secret_${client_secret_suffix}`. */
  client_secret_suffix: string;
}

const capture_methods: readonly CaptureMethod[] = ['automatic', 'automatic_async', 'manual'];
const confirmation_methods: readonly ConfirmationMethod[] = ['automatic', 'manual'];
const setup_future_usages: readonly SetupFutureUsage[] = ['off_session', 'on_session'];

function checkEnum<T extends string>(param: string, value: string | undefined, allowed: readonly T[]): PaymentIntentFailure | null {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return null;
  return { code: 'parameter_invalid', param, message: enumMessage(param, allowed) };
}

/**
 * A new intent in requires_payment_method (or requires_confirmation when a payment method is given).
 * `confirm=true` is the command's business: it calls decideConfirm on the result.
 * Default capture_method is `automatic`, the default of API version 2023-08-16.
 */
export function decideCreate(params: CreatePaymentIntentParams, facts: NewPaymentIntentFacts): Decided {
  if (params.amount === undefined) return fail({ code: 'parameter_missing', param: 'amount', message: missingParamMessage('amount') });
  if (params.currency === undefined)
    return fail({ code: 'parameter_missing', param: 'currency', message: missingParamMessage('currency') });
  const currency = params.currency.toLowerCase();
  const amount_check = checkChargeAmount(params.amount, currency);
  if (!amount_check.ok) return fail({ code: amount_check.code, param: 'amount', message: amount_check.message });
  const invalid =
    checkEnum('capture_method', params.capture_method, capture_methods) ??
    checkEnum('confirmation_method', params.confirmation_method, confirmation_methods) ??
    checkEnum('setup_future_usage', params.setup_future_usage, setup_future_usages);
  if (invalid !== null) return fail(invalid);

  const explicit_types = params.payment_method_types !== undefined;
  const intent: PaymentIntent = {
    id: facts.id,
    object: 'payment_intent',
    amount: params.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: explicit_types ? null : (params.automatic_payment_methods ?? { enabled: true }),
    canceled_at: null,
    cancellation_reason: null,
    capture_method: (params.capture_method as CaptureMethod | undefined) ?? 'automatic',
    client_secret: `${facts.id}_secret_${facts.client_secret_suffix}`,
    confirmation_method: (params.confirmation_method as ConfirmationMethod | undefined) ?? 'automatic',
    created: facts.created,
    currency,
    customer: params.customer ?? null,
    description: params.description ?? null,
    invoice: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: facts.livemode,
    metadata: createMetadata(params.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: params.payment_method ?? null,
    payment_method_configuration_details: null,
    payment_method_options: mergePaymentMethodOptions({}, params.payment_method_options),
    payment_method_types: params.payment_method_types ?? ['card'],
    processing: null,
    receipt_email: params.receipt_email ?? null,
    review: null,
    setup_future_usage: (params.setup_future_usage as SetupFutureUsage | undefined) ?? null,
    shipping: params.shipping === undefined ? null : shippingFromParam(params.shipping),
    source: null,
    statement_descriptor: params.statement_descriptor ?? null,
    statement_descriptor_suffix: params.statement_descriptor_suffix ?? null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  return decide(null, 'create', intent.payment_method === null ? 'without_payment_method' : 'with_payment_method', intent);
}

// --------------------------------------------------------------------------------- confirm / action

export interface ConfirmAttempt {
  /** A payment method given with this confirm; null keeps the intent's. */
  payment_method: string | null;
  /** What the network said (cardOutcome), or null when there is no payment method to ask about. */
  outcome: CardOutcome | null;
  return_url: string | null;
  off_session: boolean;
  setup_future_usage?: SetupFutureUsage | null;
}

export interface AttemptFacts {
  now: number;
  /** Id for the Charge this attempt creates, if it creates one. */
  charge_id: string;
  /** Where Tender's hosted 3D Secure page for this intent lives. */
  action_url: string;
}

/** Confirm from requires_payment_method or requires_confirmation (contract §4). */
export function decideConfirm(intent: PaymentIntent, attempt: ConfirmAttempt, facts: AttemptFacts): Decided {
  const accepted = statusesAccepting('confirm');
  if (!accepted.includes(intent.status)) return fail(unexpectedState(intent, confirmStateMessage(intent.status, accepted)));
  const payment_method = attempt.payment_method ?? intent.payment_method;
  if (payment_method === null) return fail(unexpectedState(intent, missing_payment_method_message, 'payment_method'));
  const redirects_allowed =
    intent.automatic_payment_methods?.enabled === true && intent.automatic_payment_methods.allow_redirects !== 'never';
  // Off-session confirms cannot redirect anyone, so they need no return_url [inf].
  if (redirects_allowed && attempt.return_url === null && !attempt.off_session) {
    return fail({ code: 'parameter_missing', param: 'return_url', message: return_url_required_message });
  }
  assertPaymentIntent(attempt.outcome !== null, 'a confirm with a payment method carries the network outcome');
  assertPaymentIntent(attempt.outcome.kind !== 'authentication_failed', 'authentication fails only in complete_action');
  const base: PaymentIntent = {
    ...intent,
    payment_method,
    setup_future_usage: attempt.setup_future_usage === undefined ? intent.setup_future_usage : attempt.setup_future_usage,
  };
  if (attempt.outcome.kind === 'requires_action') {
    return decide(intent, 'confirm', 'requires_action', {
      ...base,
      last_payment_error: null,
      next_action: nextAction(attempt.return_url, facts.action_url),
    });
  }
  return applyAttempt(intent, 'confirm', base, attempt.outcome, facts);
}

function nextAction(return_url: string | null, action_url: string): NextAction {
  if (return_url !== null) return { type: 'redirect_to_url', redirect_to_url: { url: action_url, return_url } };
  return { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: action_url } };
}

/**
 * The customer finished the 3D Secure step: `outcome` is cardOutcome(..., {authenticated}). With
 * confirmation_method=manual the intent waits in requires_confirmation for the server to confirm.
 */
export function decideCompleteAction(intent: PaymentIntent, outcome: CardOutcome, facts: AttemptFacts): Decided {
  if (intent.status !== 'requires_action') return fail(unexpectedState(intent, completeActionStateMessage(intent.status)));
  assertPaymentIntent(outcome.kind !== 'requires_action', 'the network cannot ask twice for one action');
  const base: PaymentIntent = { ...intent, next_action: null };
  if (outcome.kind === 'authentication_failed') {
    const error: PaymentError = {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      message: authentication_failure_message,
      doc_url: docUrl('payment_intent_authentication_failure'),
    };
    return decide(intent, 'complete_action', 'authentication_failed', { ...base, payment_method: null, last_payment_error: error });
  }
  if (intent.confirmation_method === 'manual') return decide(intent, 'complete_action', 'authenticated_manual_confirmation', base);
  return applyAttempt(intent, 'complete_action', base, outcome, facts);
}

/** An approved or declined attempt: a new charge, and the intent's next status per capture_method. */
function applyAttempt(
  before: PaymentIntent,
  command: 'confirm' | 'complete_action',
  base: PaymentIntent,
  outcome: Extract<CardOutcome, { kind: 'approved' | 'declined' }>,
  facts: AttemptFacts,
): Decided {
  const amount = base.amount;
  const charged: PaymentIntent = { ...base, latest_charge: facts.charge_id, next_action: null };
  if (outcome.kind === 'declined') {
    const { code, decline_code, param, message } = outcome.error;
    const error: PaymentError = {
      type: 'card_error',
      code,
      ...(decline_code === null ? {} : { decline_code }),
      message,
      ...(param === null ? {} : { param }),
      doc_url: docUrl(code),
      charge: facts.charge_id,
    };
    // The declined payment method is taken off the intent; last_payment_error still names the failure [inf].
    const intent = { ...charged, payment_method: null, last_payment_error: error };
    const charge_attempt = chargeAttempt(facts.charge_id, amount, outcome);
    return decide(before, command, 'declined', intent, { charge_attempt, card_error: error });
  }
  const approved: PaymentIntent = { ...charged, last_payment_error: null };
  if (base.capture_method === 'manual') {
    return decide(
      before,
      command,
      'approved_manual_capture',
      { ...approved, amount_capturable: amount },
      {
        charge_attempt: chargeAttempt(facts.charge_id, amount, outcome, false),
        money: { kind: 'authorize', charge: facts.charge_id, amount, currency: base.currency, funds: outcome.funds },
      },
    );
  }
  const balance_transaction = base.capture_method === 'automatic_async' ? 'later' : 'now';
  return decide(
    before,
    command,
    'approved_automatic_capture',
    { ...approved, amount_received: amount },
    {
      charge_attempt: chargeAttempt(facts.charge_id, amount, outcome, true, balance_transaction),
      money: { kind: 'charge', charge: facts.charge_id, amount, currency: base.currency, balance_transaction, funds: outcome.funds },
    },
  );
}

/**
 * The Charge a payment attempt makes, as the network answered it: failed with the decline's code and
 * Stripe's outcome wording, or succeeded (captured now, or held). Direct charges use it too.
 */
export function chargeAttempt(
  id: string,
  amount: number,
  outcome: Extract<CardOutcome, { kind: 'approved' | 'declined' }>,
  captured = false,
  balance_transaction: 'now' | 'later' = 'now',
): ChargeAttempt {
  if (outcome.kind === 'declined') {
    return {
      id,
      status: 'failed',
      amount,
      amount_captured: 0,
      amount_refunded: 0,
      captured: false,
      paid: false,
      refunded: false,
      failure_code: outcome.error.code,
      failure_message: outcome.error.message,
      outcome: {
        type: outcome.blocked ? 'blocked' : 'issuer_declined',
        network_status: outcome.blocked ? 'not_sent_to_network' : 'declined_by_network',
        reason: outcome.error.decline_code,
        risk_level: outcome.blocked ? 'highest' : 'normal',
        seller_message: outcome.blocked
          ? 'Stripe blocked this payment as too risky.'
          : 'The bank did not return any further details with this decline.',
      },
      balance_transaction: 'none',
    };
  }
  return {
    id,
    status: 'succeeded',
    amount,
    amount_captured: captured ? amount : 0,
    amount_refunded: 0,
    captured,
    paid: true,
    refunded: false,
    failure_code: null,
    failure_message: null,
    outcome: {
      type: 'authorized',
      network_status: 'approved_by_network',
      reason: null,
      risk_level: outcome.risk_level,
      seller_message: 'Payment complete.',
    },
    balance_transaction: captured ? balance_transaction : 'none',
  };
}

// ---------------------------------------------------------------------------------------------- capture

export interface CaptureParams {
  amount_to_capture?: number;
}

/** The moment an uncaptured authorization lapses: a PaymentIntent's, or a direct charge's. */
export function authorizationExpiresAt(authorized: { created: number }): number {
  return authorized.created + authorization_validity_seconds;
}

/** The expiry job ran before the hold lapsed (only a clock that moved back does that); null once due. */
export function authorizationNotDue(authorized: { created: number }, now: number): AuthorizationNotDue | null {
  const expires_at = authorizationExpiresAt(authorized);
  return now < expires_at ? { code: 'authorization_not_due', expires_at } : null;
}

/** Why a hold cannot be captured; each caller words it for its own API. */
export type HoldCaptureRefusal = 'expired' | 'released' | 'amount_not_positive' | 'amount_too_large';

export type HoldCapture = { ok: true; amount_captured: number; amount_released: number } | { ok: false; refusal: HoldCaptureRefusal };

/**
 * Capturing all or part of an authorization hold, the rule PaymentIntents and direct charges share,
 * refusals in Stripe's order: lapsed (authorization_validity_seconds after it was made), released,
 * then an amount that is not a positive integer or is more than the hold. The rest is released.
 * @example decideHoldCapture({ created, amount_capturable: 5000, released: false }, 3000, now) // 3000 kept, 2000 released
 */
export function decideHoldCapture(
  hold: { created: number; amount_capturable: number; released: boolean },
  amount_to_capture: number | undefined,
  now: number,
): HoldCapture {
  if (now >= authorizationExpiresAt(hold)) return { ok: false, refusal: 'expired' };
  if (hold.released) return { ok: false, refusal: 'released' };
  const amount = amount_to_capture ?? hold.amount_capturable;
  if (!Number.isSafeInteger(amount) || amount <= 0) return { ok: false, refusal: 'amount_not_positive' };
  if (amount > hold.amount_capturable) return { ok: false, refusal: 'amount_too_large' };
  return { ok: true, amount_captured: amount, amount_released: hold.amount_capturable - amount };
}

/** Capture all or part of a requires_capture intent; the rest of the hold is released. */
export function decideCapture(intent: PaymentIntent, params: CaptureParams, facts: { now: number }): Decided {
  if (intent.status !== 'requires_capture') return fail(unexpectedState(intent, captureStateMessage(intent.status)));
  // A requires_capture intent holds its whole amount_capturable: releasing any of it leaves the status.
  const hold = decideHoldCapture(
    { created: intent.created, amount_capturable: intent.amount_capturable, released: false },
    params.amount_to_capture,
    facts.now,
  );
  if (!hold.ok) {
    switch (hold.refusal) {
      case 'expired':
        return fail({
          code: 'charge_expired_for_capture',
          param: null,
          message: charge_expired_for_capture_message,
          payment_intent: intent,
        });
      case 'amount_not_positive':
        return fail({ code: 'parameter_invalid', param: 'amount_to_capture', message: positive_integer_message });
      case 'amount_too_large':
        return fail({
          code: 'amount_too_large',
          param: 'amount_to_capture',
          message: captureAmountTooLargeMessage(intent.amount_capturable, intent.currency),
        });
      case 'released':
        throw new Error(`invariant: ${intent.id} in requires_capture still holds its authorization`);
    }
  }
  const { amount_captured: amount_to_capture, amount_released } = hold;
  const charge = latestCharge(intent);
  return decide(
    intent,
    'capture',
    amount_released === 0 ? 'full_capture' : 'partial_capture',
    { ...intent, amount_capturable: 0, amount_received: amount_to_capture },
    {
      charge_update: { id: charge, changes: { captured: true, amount_captured: amount_to_capture, amount_refunded: amount_released } },
      money: { kind: 'capture', charge, amount_captured: amount_to_capture, amount_released, currency: intent.currency },
    },
  );
}

function latestCharge(intent: PaymentIntent): string {
  assertPaymentIntent(intent.latest_charge !== null, `${intent.id} in ${intent.status} has a latest_charge`);
  return intent.latest_charge;
}

// ----------------------------------------------------------------------------------------------- cancel

export interface CancelParams {
  cancellation_reason?: string;
}

const requested_cancellation_reasons: readonly RequestedCancellationReason[] = [
  'duplicate',
  'fraudulent',
  'requested_by_customer',
  'abandoned',
];

/** Cancel before authorization, or void a hold from requires_capture. */
export function decideCancel(intent: PaymentIntent, params: CancelParams, facts: { now: number }): Decided {
  const invalid = checkEnum('cancellation_reason', params.cancellation_reason, requested_cancellation_reasons);
  if (invalid !== null) return fail(invalid);
  if (!statusesAccepting('cancel').includes(intent.status)) return fail(unexpectedState(intent, cancelStateMessage(intent.status)));
  const canceled: PaymentIntent = {
    ...intent,
    amount_capturable: 0,
    canceled_at: facts.now,
    cancellation_reason: (params.cancellation_reason as RequestedCancellationReason | undefined) ?? null,
    next_action: null,
  };
  if (intent.status !== 'requires_capture') return decide(intent, 'cancel', 'canceled_before_authorization', canceled);
  return decide(intent, 'cancel', 'canceled_authorization', canceled, releaseHold(intent, 'canceled'));
}

function releaseHold(intent: PaymentIntent, reason: 'canceled' | 'expired'): Pick<PaymentIntentDecision, 'charge_update' | 'money'> {
  const charge = latestCharge(intent);
  return {
    charge_update: { id: charge, changes: { amount_refunded: intent.amount_capturable, refunded: true } },
    money: { kind: 'release', charge, amount: intent.amount_capturable, currency: intent.currency, reason },
  };
}

// ---------------------------------------------------------------------------- increment_authorization

export interface IncrementAuthorizationParams {
  amount: number;
}

export interface IncrementFacts {
  now: number;
  /** The charge's payment_method_details.card.incremental_authorization.status is `available`. */
  incremental_authorization_available: boolean;
  /** The network's answer to the larger hold: null approves. */
  decline: Decline | null;
}

/** Raise the hold on a requires_capture intent to `amount`; a decline changes nothing. */
export function decideIncrementAuthorization(intent: PaymentIntent, params: IncrementAuthorizationParams, facts: IncrementFacts): Decided {
  if (intent.status !== 'requires_capture') return fail(unexpectedState(intent, incrementStateMessage(intent.status)));
  if (!Number.isSafeInteger(params.amount) || params.amount <= intent.amount) {
    return fail({ code: 'parameter_invalid', param: 'amount', message: incrementAmountMessage(intent.amount, intent.currency) });
  }
  if (!facts.incremental_authorization_available) {
    return fail({
      code: 'incremental_authorization_unavailable',
      param: null,
      message: incremental_authorization_unavailable_message,
      payment_intent: intent,
    });
  }
  const amount_check = checkChargeAmount(params.amount, intent.currency);
  if (!amount_check.ok) return fail({ code: amount_check.code, param: 'amount', message: amount_check.message });
  if (facts.decline !== null) {
    // Validate the row exists, but nothing is written.
    transition('requires_capture', 'increment_authorization', 'declined');
    return fail({ code: 'card_error', error: declineError(facts.decline), payment_intent: intent });
  }
  const charge = latestCharge(intent);
  return decide(
    intent,
    'increment_authorization',
    'approved',
    { ...intent, amount: params.amount, amount_capturable: params.amount },
    {
      charge_update: { id: charge, changes: { amount: params.amount } },
      money: { kind: 'increase_authorization', charge, amount_added: params.amount - intent.amount, currency: intent.currency },
    },
  );
}

// -------------------------------------------------------------------------------- expire_authorization

/** The expiry sweep: a requires_capture intent whose hold is `authorization_validity_seconds` old is canceled. */
export function decideExpireAuthorization(intent: PaymentIntent, facts: { now: number }): Decided {
  if (intent.status !== 'requires_capture') return fail(unexpectedState(intent, captureStateMessage(intent.status)));
  const not_due = authorizationNotDue(intent, facts.now);
  if (not_due !== null) return fail(not_due);
  return decide(
    intent,
    'expire_authorization',
    'expired',
    { ...intent, amount_capturable: 0, canceled_at: facts.now, cancellation_reason: 'automatic', next_action: null },
    releaseHold(intent, 'expired'),
  );
}
