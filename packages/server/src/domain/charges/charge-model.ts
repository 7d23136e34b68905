// The Charge (`ch_`) in Stripe's wire shape (fixture `resources.charge`), made by a PaymentIntent's
// payment attempt or by a direct `POST /v1/charges`: built once from a ChargeAttempt, the payment that
// asked for it and the card, then changed only by capture, cancel, expiry, increments and updates.
// Invariant: amount_refunded <= amount_captured, except for an uncaptured hold that was released,
// whose whole amount shows as refunded.
import type { ChargeUpdate } from '../payment-intents/payment-intent-decisions.js';
import type { ChargeAttempt, PaymentIntent } from '../payment-intents/payment-intent-model.js';
import { incrementalAuthorizationAvailable } from '../payment-intents/card-options.js';
import type { BillingDetails, PaymentMethodCard } from '../payment-methods/payment-method-model.js';
import type { TokenCard } from '../tokens/token-model.js';

export const charge_id_prefix = 'ch';

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  application: null;
  application_fee: null;
  application_fee_amount: number | null;
  balance_transaction: string | null;
  billing_details: BillingDetails;
  calculated_statement_descriptor: string | null;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  disputed: boolean;
  failure_balance_transaction: null;
  failure_code: string | null;
  failure_message: string | null;
  fraud_details: ChargeFraudDetails;
  livemode: boolean;
  metadata: Record<string, string>;
  on_behalf_of: null;
  outcome: ChargeAttempt['outcome'] & {
    advice_code: null;
    network_advice_code: null;
    network_decline_code: null;
  };
  paid: boolean;
  /** Null for a direct Charges API charge. */
  payment_intent: string | null;
  payment_method: string;
  payment_method_details: { card: ChargeCardDetails; type: 'card' };
  receipt_email: string | null;
  receipt_number: null;
  receipt_url: null;
  refunded: boolean;
  review: null;
  shipping: PaymentIntent['shipping'];
  /** The card object a direct charge was made from (a token's card); null for PaymentMethods. */
  source: ChargeSource | null;
  source_transfer: null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: ChargeAttempt['status'];
  transfer_data: null;
  transfer_group: string | null;
}

/** Assessments of the charge's risk: `user_report` is the merchant's, set by an update. */
export interface ChargeFraudDetails {
  user_report?: 'safe' | 'fraudulent';
  stripe_report?: 'fraudulent';
}

/** The legacy Card object (`card_`) a token charge shows as its `source`. */
export type ChargeSource = TokenCard & { customer: string | null };

export interface ChargeCardDetails {
  amount_authorized: number | null;
  authorization_code: null;
  brand: string;
  checks: PaymentMethodCard['checks'];
  country: string;
  exp_month: number;
  exp_year: number;
  extended_authorization: { status: 'disabled' };
  fingerprint: string;
  funding: string;
  incremental_authorization: { status: 'available' | 'unavailable' };
  installments: null;
  last4: string;
  mandate: null;
  multicapture: { status: 'unavailable' };
  network: string;
  network_token: { used: boolean };
  network_transaction_id: null;
  overcapture: { maximum_amount_capturable: number; status: 'unavailable' };
  regulated_status: null;
  three_d_secure: null;
  /** In Stripe's latest fixture, not yet in spec3 (extra properties are allowed there). */
  transaction_link_id: null;
  wallet: null;
}

export interface ChargeFacts {
  created: number;
  /** The payment method as the attempt used it (a saved `pm_`, a magic id's fixed object, a token's card). */
  payment_method: { id: string; card: PaymentMethodCard; billing_details: BillingDetails };
  /** Set once the ledger entry is written (`balance_transaction: 'now'`). */
  balance_transaction: string | null;
  /** The card object of a token charge; absent (null) for PaymentMethods. */
  source?: ChargeSource | null;
}

/** What a Charge takes from the payment that asked for it: a PaymentIntent, or a direct charge's params. */
export interface ChargePayment {
  currency: string;
  customer: string | null;
  description: string | null;
  livemode: boolean;
  metadata: Record<string, string>;
  payment_intent: string | null;
  receipt_email: string | null;
  shipping: PaymentIntent['shipping'];
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  transfer_group: string | null;
  /** The merchant asked for incremental authorization and the card's network allows it. */
  incremental_authorization: boolean;
}

/** What Tender's account is called on statements when a payment names no descriptor [inf]. */
export const default_statement_descriptor = 'TENDER';

/** A new charge of a PaymentIntent; the intent's metadata is copied once onto it (contract §4). */
export function buildCharge(attempt: ChargeAttempt, intent: PaymentIntent, facts: ChargeFacts): Charge {
  return chargeFromAttempt(
    attempt,
    {
      currency: intent.currency,
      customer: intent.customer,
      description: intent.description,
      livemode: intent.livemode,
      metadata: intent.metadata,
      payment_intent: intent.id,
      receipt_email: intent.receipt_email,
      shipping: intent.shipping,
      statement_descriptor: intent.statement_descriptor,
      statement_descriptor_suffix: intent.statement_descriptor_suffix,
      transfer_group: intent.transfer_group,
      incremental_authorization: incrementalAuthorizationAvailable(intent.payment_method_options, facts.payment_method.card.brand),
    },
    facts,
  );
}

/** A new charge from an attempt and the payment behind it (a PaymentIntent or a direct charge). */
export function chargeFromAttempt(attempt: ChargeAttempt, payment: ChargePayment, facts: ChargeFacts): Charge {
  const card = facts.payment_method.card;
  return {
    id: attempt.id,
    object: 'charge',
    amount: attempt.amount,
    amount_captured: attempt.amount_captured,
    amount_refunded: attempt.amount_refunded,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: facts.balance_transaction,
    billing_details: facts.payment_method.billing_details,
    calculated_statement_descriptor: payment.statement_descriptor ?? default_statement_descriptor,
    captured: attempt.captured,
    created: facts.created,
    currency: payment.currency,
    customer: payment.customer,
    description: payment.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: attempt.failure_code,
    failure_message: attempt.failure_message,
    fraud_details: {},
    livemode: payment.livemode,
    metadata: { ...payment.metadata },
    on_behalf_of: null,
    outcome: { advice_code: null, network_advice_code: null, network_decline_code: null, ...attempt.outcome },
    paid: attempt.paid,
    payment_intent: payment.payment_intent,
    payment_method: facts.payment_method.id,
    payment_method_details: {
      card: {
        amount_authorized: attempt.status === 'succeeded' ? attempt.amount : null,
        authorization_code: null,
        brand: card.brand,
        checks: card.checks,
        country: card.country,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        extended_authorization: { status: 'disabled' },
        fingerprint: card.fingerprint,
        funding: card.funding,
        incremental_authorization: { status: !attempt.captured && payment.incremental_authorization ? 'available' : 'unavailable' },
        installments: null,
        last4: card.last4,
        mandate: null,
        multicapture: { status: 'unavailable' },
        network: card.brand,
        network_token: { used: false },
        network_transaction_id: null,
        overcapture: { maximum_amount_capturable: attempt.amount, status: 'unavailable' },
        regulated_status: null,
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: payment.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: attempt.refunded,
    review: null,
    shipping: payment.shipping,
    source: facts.source ?? null,
    source_transfer: null,
    statement_descriptor: payment.statement_descriptor,
    statement_descriptor_suffix: payment.statement_descriptor_suffix,
    status: attempt.status,
    transfer_data: null,
    transfer_group: payment.transfer_group,
  };
}

/** Applies a decision's charge changes; a capture's balance transaction is set by its booking (bookCapture). */
export function applyChargeUpdate(charge: Charge, update: ChargeUpdate): Charge {
  const next: Charge = { ...charge, ...update.changes };
  if (update.changes.amount !== undefined) {
    next.payment_method_details = {
      ...charge.payment_method_details,
      card: { ...charge.payment_method_details.card, amount_authorized: update.changes.amount },
    };
  }
  return next;
}
