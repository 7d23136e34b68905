// The Charge (`ch_`) a PaymentIntent's payment attempt creates, in Stripe's wire shape (fixture
// `resources.charge`): built once from the decision's ChargeAttempt, the intent and the card, then
// changed only by capture, cancel and increments. Invariant: amount_refunded <= amount_captured,
// except for an uncaptured hold that was released, whose whole amount shows as refunded.
import type { ChargeUpdate } from '../payment-intents/payment-intent-decisions.js';
import type { ChargeAttempt, PaymentIntent } from '../payment-intents/payment-intent-model.js';
import { incrementalAuthorizationAvailable } from '../payment-intents/card-options.js';
import type { BillingDetails, PaymentMethodCard } from '../payment-methods/payment-method-model.js';

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
  fraud_details: Record<string, never>;
  livemode: boolean;
  metadata: Record<string, string>;
  on_behalf_of: null;
  outcome: ChargeAttempt['outcome'] & {
    advice_code: null;
    network_advice_code: null;
    network_decline_code: null;
  };
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: { card: ChargeCardDetails; type: 'card' };
  receipt_email: string | null;
  receipt_number: null;
  receipt_url: null;
  refunded: boolean;
  review: null;
  shipping: PaymentIntent['shipping'];
  source: null;
  source_transfer: null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: ChargeAttempt['status'];
  transfer_data: null;
  transfer_group: string | null;
}

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
  wallet: null;
}

export interface ChargeFacts {
  created: number;
  /** The payment method as the attempt used it (a saved `pm_` or a magic id's fixed object). */
  payment_method: { id: string; card: PaymentMethodCard; billing_details: BillingDetails };
  /** Set once the ledger entry is written (`balance_transaction: 'now'`). */
  balance_transaction: string | null;
}

/** A new charge; PI metadata is copied once onto it (contract §4). */
export function buildCharge(attempt: ChargeAttempt, intent: PaymentIntent, facts: ChargeFacts): Charge {
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
    calculated_statement_descriptor: intent.statement_descriptor ?? 'TENDER',
    captured: attempt.captured,
    created: facts.created,
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: attempt.failure_code,
    failure_message: attempt.failure_message,
    fraud_details: {},
    livemode: intent.livemode,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: { advice_code: null, network_advice_code: null, network_decline_code: null, ...attempt.outcome },
    paid: attempt.paid,
    payment_intent: intent.id,
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
        incremental_authorization: {
          status:
            !attempt.captured && incrementalAuthorizationAvailable(intent.payment_method_options, card.brand) ? 'available' : 'unavailable',
        },
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
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: attempt.refunded,
    review: null,
    shipping: intent.shipping,
    source: null,
    source_transfer: null,
    statement_descriptor: intent.statement_descriptor,
    statement_descriptor_suffix: intent.statement_descriptor_suffix,
    status: attempt.status,
    transfer_data: null,
    transfer_group: intent.transfer_group,
  };
}

/** Applies a decision's charge changes; the balance transaction is set when capture books one. */
export function applyChargeUpdate(charge: Charge, update: ChargeUpdate, balance_transaction: string | null): Charge {
  const next: Charge = { ...charge, ...update.changes };
  if (balance_transaction !== null) next.balance_transaction = balance_transaction;
  if (update.changes.amount !== undefined) {
    next.payment_method_details = {
      ...charge.payment_method_details,
      card: { ...charge.payment_method_details.card, amount_authorized: update.changes.amount },
    };
  }
  return next;
}
