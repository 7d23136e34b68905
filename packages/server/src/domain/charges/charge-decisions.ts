// Pure decisions for direct Charges API charges (POST /v1/charges, /capture, updates, the expiry
// job): given validated params, the loaded charge or payer and the injected facts (ids, now), return a
// failure value, or the new charge, its events in order and the money the ledger must book. No I/O.
// Invariants: amount_refunded <= amount; a captured charge books one entry for its whole hold.
import { availableOn } from '../../ledger/availability.js';
import { cardFee } from '../../ledger/fees.js';
import type { CardBehaviour } from '../cards/test-card-catalogue.js';
import { checkChargeAmount } from '../money/currencies.js';
import { cardOutcome, type AttemptError, type CardOutcome } from '../payment-intents/card-outcome.js';
import {
  authorizationExpiresAt,
  authorizationNotDue,
  chargeAttempt,
  decideHoldCapture,
} from '../payment-intents/payment-intent-decisions.js';
import { missingParamMessage, positive_integer_message } from '../payment-intents/payment-intent-failures.js';
import type { ChargeAttempt, Shipping } from '../payment-intents/payment-intent-model.js';
import { shippingFromParam, type ShippingParam } from '../customers/address.js';
import { createMetadata, mergeMetadataWithinLimit, type MetadataParam } from '../shared/metadata.js';
import { previousAttributes } from '../shared/previous-attributes.js';
import {
  alreadyCapturedMessage,
  alreadyRefundedMessage,
  capture_amount_too_large_message,
  chargeOfPaymentIntentMessage,
  customerAlreadySetMessage,
  expiredForCaptureMessage,
  notCapturableMessage,
  source_or_customer_missing_message,
  type ChargeFailure,
  type ChargeOutcome,
} from './charge-failures.js';
import { chargeFromAttempt, default_statement_descriptor, type Charge, type ChargeFacts, type ChargeSource } from './charge-model.js';

export type ChargeEventType =
  'charge.succeeded' | 'charge.failed' | 'charge.captured' | 'charge.refunded' | 'charge.expired' | 'charge.updated';

/** Parameters of POST /v1/charges Stripe has and Tender cannot honour yet: refused, never ignored. */
const unsupported_create_params = [
  'application_fee',
  'application_fee_amount',
  'card',
  'destination',
  'on_behalf_of',
  'radar_options',
  'transfer_data',
] as const;

/** Parameters of POST /v1/charges/:id/capture Tender cannot honour yet (Connect fees and transfers). */
const unsupported_capture_params = ['application_fee', 'application_fee_amount', 'transfer_data'] as const;

/** The ledger entry a charge books when it is captured: the whole hold, less what was released. */
export interface ChargeMoney {
  /** The amount the charge entry credits: the whole authorization. */
  amount: number;
  /** Stripe's fee on what was captured. */
  fee: number;
  available_on: number;
  /** What a partial capture released; booked as a refund entry sourced by the charge. */
  released: number;
}

export interface ChargeDecision {
  charge: Charge;
  events: ChargeEventType[];
  money: ChargeMoney | null;
  /** An uncaptured authorization lapses then; the expiry job is due at this moment. */
  expires_at: number | null;
  /** Persist the failed charge, then answer 402 with this error. */
  declined: AttemptError | null;
}

const fail = (failure: ChargeFailure): ChargeOutcome<never> => ({ ok: false, failure });
const succeed = <T>(value: T): ChargeOutcome<T> => ({ ok: true, value });

/**
 * What a captured hold books, one rule for direct charges and PaymentIntents (charge-booking.ts writes
 * it): the charge entry credits the whole authorization with Stripe's fee on what was captured;
 * bypassPending cards' funds are available at once (contract §5), others T+2 from the capture; the
 * released rest is booked as a refund entry sourced by the charge.
 */
export function captureMoney(
  hold: { amount: number; amount_captured: number; currency: string; card_country: string },
  facts: { now: number; bypass_pending: boolean },
): ChargeMoney {
  return {
    amount: hold.amount,
    fee: cardFee(hold.amount_captured, hold.currency, hold.card_country),
    available_on: availableOn(facts.now, { bypass_pending: facts.bypass_pending }),
    released: hold.amount - hold.amount_captured,
  };
}

// ---------------------------------------------------------------------------------------------- create

export interface CreateChargeParams {
  amount?: number;
  currency?: string;
  capture?: boolean;
  customer?: string;
  source?: string;
  description?: string;
  metadata?: MetadataParam;
  receipt_email?: string;
  shipping?: ShippingParam;
  statement_descriptor?: string;
  statement_descriptor_suffix?: string;
  transfer_group?: string;
}

/** A create request that passed the checks that need no store: what the charge will be. */
export interface ChargeRequest {
  amount: number;
  currency: string;
  capture: boolean;
  description: string | null;
  metadata: Record<string, string>;
  receipt_email: string | null;
  shipping: Shipping | null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  transfer_group: string | null;
}

const text = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

/**
 * The checks of a create that need nothing loaded, in Stripe's order: unsupported params, the
 * amount and currency, then a payer (`source` or `customer`).
 * @example checkCreateCharge({ amount: 2000, currency: 'usd', source: 'tok_visa' }) // ok, capture true
 */
export function checkCreateCharge(params: CreateChargeParams & Record<string, unknown>): ChargeOutcome<ChargeRequest> {
  for (const name of unsupported_create_params) {
    if (params[name] !== undefined) {
      return fail({ code: 'parameter_invalid', param: name, message: `Tender does not support the \`${name}\` parameter on charges yet.` });
    }
  }
  if (params.amount === undefined) return fail({ code: 'parameter_missing', param: 'amount', message: missingParamMessage('amount') });
  if (params.currency === undefined) {
    return fail({ code: 'parameter_missing', param: 'currency', message: missingParamMessage('currency') });
  }
  const currency = params.currency.toLowerCase();
  const amount_check = checkChargeAmount(params.amount, currency);
  if (!amount_check.ok) return fail({ code: amount_check.code, param: 'amount', message: amount_check.message });
  // Currencies without a published minimum still need a positive amount: the ledger books no zero charge.
  if (params.amount < 1) return fail({ code: 'parameter_invalid', param: 'amount', message: positive_integer_message });
  if (text(params.source) === null && text(params.customer) === null) {
    return fail({ code: 'source_or_customer_missing', message: source_or_customer_missing_message });
  }
  return succeed({
    amount: params.amount,
    currency,
    capture: params.capture ?? true,
    description: text(params.description),
    metadata: createMetadata(params.metadata),
    receipt_email: text(params.receipt_email),
    shipping: params.shipping === undefined ? null : shippingFromParam(params.shipping),
    statement_descriptor: text(params.statement_descriptor),
    statement_descriptor_suffix: text(params.statement_descriptor_suffix),
    transfer_group: text(params.transfer_group),
  });
}

/** Who pays and with what: the card (a token's, or the customer's default payment method). */
export interface ChargePayer {
  customer: string | null;
  payment_method: ChargeFacts['payment_method'];
  /** The card object of a token charge; null when a PaymentMethod pays. */
  source: ChargeSource | null;
  behaviour: CardBehaviour;
}

interface NewChargeFacts {
  id: string;
  now: number;
  livemode: boolean;
}

/**
 * The network's answer to a direct charge. The Charges API cannot run 3D Secure, so a card that asks
 * for it is declined with `authentication_required`, as an off-session payment is (contract §5;
 * [inf] for the card already set up for off-session use, which goes through).
 */
function directChargeOutcome(behaviour: CardBehaviour): Extract<CardOutcome, { kind: 'approved' | 'declined' }> {
  const outcome = cardOutcome(behaviour, { off_session: true, setup_future_usage: null });
  if (outcome.kind !== 'approved' && outcome.kind !== 'declined') {
    throw new Error(`invariant: an off-session attempt is approved or declined, got ${outcome.kind}`);
  }
  return outcome;
}

/**
 * A new charge: approved (captured at once, or held when `capture` is false) or declined (written
 * as failed, answered 402).
 */
export function decideCreateCharge(request: ChargeRequest, payer: ChargePayer, facts: NewChargeFacts): ChargeDecision {
  const outcome = directChargeOutcome(payer.behaviour);
  // The charge names its ledger entry once the writer books it (bookCapture).
  const build = (attempt: ChargeAttempt): Charge =>
    chargeFromAttempt(
      attempt,
      {
        currency: request.currency,
        customer: payer.customer,
        description: request.description,
        livemode: facts.livemode,
        metadata: request.metadata,
        payment_intent: null,
        receipt_email: request.receipt_email,
        shipping: request.shipping,
        statement_descriptor: request.statement_descriptor,
        statement_descriptor_suffix: request.statement_descriptor_suffix,
        transfer_group: request.transfer_group,
        incremental_authorization: false,
      },
      { created: facts.now, payment_method: payer.payment_method, balance_transaction: null, source: payer.source },
    );
  if (outcome.kind === 'declined') {
    const charge = build(chargeAttempt(facts.id, request.amount, outcome));
    return { charge, events: ['charge.failed'], money: null, expires_at: null, declined: outcome.error };
  }
  const attempt = chargeAttempt(facts.id, request.amount, outcome, request.capture);
  if (!request.capture) {
    const charge = build(attempt);
    return { charge, events: ['charge.succeeded'], money: null, expires_at: authorizationExpiresAt(charge), declined: null };
  }
  const money = captureMoney(
    {
      amount: request.amount,
      amount_captured: request.amount,
      currency: request.currency,
      card_country: payer.payment_method.card.country,
    },
    { now: facts.now, bypass_pending: outcome.funds === 'available' },
  );
  return { charge: build(attempt), events: ['charge.succeeded'], money, expires_at: null, declined: null };
}

// --------------------------------------------------------------------------------------------- capture

export interface CaptureChargeParams {
  amount?: number;
  receipt_email?: string;
  statement_descriptor?: string;
  statement_descriptor_suffix?: string;
  transfer_group?: string;
}

interface CaptureFacts {
  now: number;
  /** The card's funds skip the pending balance (bypassPending test cards). */
  bypass_pending: boolean;
}

/**
 * Captures all or part of an uncaptured, unexpired, succeeded charge; a partial capture releases the
 * rest, which shows as refunded and books as a refund entry sourced by the charge (as a PaymentIntent's
 * partial capture does). Refusals in Stripe's order: another owner, captured, failed, expired, released.
 */
export function decideCaptureCharge(
  charge: Charge,
  params: CaptureChargeParams & Record<string, unknown>,
  facts: CaptureFacts,
): ChargeOutcome<ChargeDecision> {
  for (const name of unsupported_capture_params) {
    if (params[name] !== undefined) {
      return fail({ code: 'parameter_invalid', param: name, message: `Tender does not support the \`${name}\` parameter on charges yet.` });
    }
  }
  if (charge.payment_intent !== null && !charge.captured && charge.status === 'succeeded') {
    return fail({ code: 'charge_of_payment_intent', message: chargeOfPaymentIntentMessage(charge.payment_intent) });
  }
  if (charge.captured) return fail({ code: 'charge_already_captured', message: alreadyCapturedMessage(charge.id) });
  if (charge.status !== 'succeeded') return fail({ code: 'charge_not_capturable', message: notCapturableMessage(charge.id) });
  // A refund before it lapsed released the hold [inf: Stripe's code for capturing it is unconfirmed].
  const hold = decideHoldCapture(
    { created: charge.created, amount_capturable: charge.amount, released: charge.refunded },
    params.amount,
    facts.now,
  );
  if (!hold.ok) {
    switch (hold.refusal) {
      case 'expired':
        return fail({ code: 'charge_expired_for_capture', message: expiredForCaptureMessage(charge.id) });
      case 'released':
        return fail({ code: 'charge_already_refunded', message: alreadyRefundedMessage(charge.id) });
      case 'amount_not_positive':
        return fail({ code: 'parameter_invalid', param: 'amount', message: positive_integer_message });
      case 'amount_too_large':
        return fail({ code: 'amount_too_large', param: 'amount', message: capture_amount_too_large_message });
    }
  }
  const { amount_captured: amount, amount_released: released } = hold;
  const statement_descriptor = params.statement_descriptor === undefined ? charge.statement_descriptor : text(params.statement_descriptor);
  const captured: Charge = {
    ...charge,
    amount_captured: amount,
    amount_refunded: released,
    calculated_statement_descriptor: statement_descriptor ?? default_statement_descriptor,
    captured: true,
    receipt_email: params.receipt_email === undefined ? charge.receipt_email : text(params.receipt_email),
    statement_descriptor,
    statement_descriptor_suffix:
      params.statement_descriptor_suffix === undefined ? charge.statement_descriptor_suffix : text(params.statement_descriptor_suffix),
    transfer_group: params.transfer_group === undefined ? charge.transfer_group : text(params.transfer_group),
  };
  return succeed({
    charge: captured,
    events: released === 0 ? ['charge.captured'] : ['charge.captured', 'charge.refunded'],
    money: captureMoney(
      {
        amount: charge.amount,
        amount_captured: amount,
        currency: charge.currency,
        card_country: charge.payment_method_details.card.country,
      },
      facts,
    ),
    expires_at: null,
    declined: null,
  });
}

// ---------------------------------------------------------------------------------------------- expire

/**
 * The expiry job: a direct charge still uncaptured when its authorization lapses is released, its
 * whole amount shown as refunded (charge.expired), as a PaymentIntent's expired hold is. Null when
 * nothing is left to release (captured, released by a refund, failed, or a PaymentIntent's).
 */
export function decideExpireCharge(charge: Charge, facts: { now: number }): ChargeOutcome<ChargeDecision | null> {
  if (charge.payment_intent !== null || charge.captured || charge.refunded || charge.status !== 'succeeded') return succeed(null);
  const not_due = authorizationNotDue(charge, facts.now);
  if (not_due !== null) return fail(not_due);
  return succeed({
    charge: { ...charge, amount_refunded: charge.amount, refunded: true },
    events: ['charge.expired'],
    money: null,
    expires_at: null,
    declined: null,
  });
}

// ---------------------------------------------------------------------------------------------- update

export interface UpdateChargeParams {
  customer?: string;
  description?: string;
  metadata?: MetadataParam;
  receipt_email?: string;
  shipping?: ShippingParam;
  fraud_details?: { user_report: '' | 'fraudulent' | 'safe' };
  transfer_group?: string;
}

interface ChargeUpdateDecision {
  charge: Charge;
  /** The old values of what changed; empty when nothing did (then nothing is written). */
  previous_attributes: Record<string, unknown>;
}

/**
 * An update of the fields Stripe lets change on any charge; metadata merges (`metadata[k]=` deletes a
 * key, `metadata=` all). The customer may be set only while the charge has none.
 */
export function decideUpdateCharge(charge: Charge, params: UpdateChargeParams): ChargeOutcome<ChargeUpdateDecision> {
  const customer = text(params.customer);
  if (customer !== null && charge.customer !== null && customer !== charge.customer) {
    return fail({ code: 'parameter_invalid', param: 'customer', message: customerAlreadySetMessage(charge.id, charge.customer) });
  }
  const merged = mergeMetadataWithinLimit(charge.metadata, params.metadata);
  if (!merged.ok) return fail(merged.failure);
  const metadata = merged.value;
  const fraud_details = { ...charge.fraud_details };
  const user_report = params.fraud_details?.user_report;
  if (user_report === '') delete fraud_details.user_report;
  else if (user_report !== undefined) fraud_details.user_report = user_report;
  const keep = <K extends keyof Charge>(field: K, value: string | undefined): Charge[K] =>
    (value === undefined ? charge[field] : text(value)) as Charge[K];
  const next: Charge = {
    ...charge,
    customer: customer ?? charge.customer,
    description: keep('description', params.description),
    fraud_details,
    metadata,
    receipt_email: keep('receipt_email', params.receipt_email),
    shipping: params.shipping === undefined ? charge.shipping : shippingFromParam(params.shipping),
    transfer_group: keep('transfer_group', params.transfer_group),
  };
  return succeed({ charge: next, previous_attributes: previousAttributes({ ...charge }, { ...next }) });
}
