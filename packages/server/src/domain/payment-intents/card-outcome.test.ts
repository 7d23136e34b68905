// cardOutcome for every card of the catalogue, on- and off-session, then the 3D Secure rules with an
// authentication result (contract §5).
import { describe, expect, it } from 'vitest';
import { findTestCardByMagicId, test_cards, type CardBehaviour } from '../cards/test-card-catalogue.js';
import { cardOutcome, type CardAttemptContext, type CardOutcome } from './card-outcome.js';

/** approved | approved:highest | approved:available | declined:<code>/<decline_code> | blocked | requires_action | authentication_failed */
function summary(outcome: CardOutcome): string {
  switch (outcome.kind) {
    case 'approved':
      if (outcome.risk_level === 'highest') return 'approved:highest';
      return outcome.funds === 'available' ? 'approved:available' : 'approved';
    case 'declined':
      return outcome.blocked ? `blocked:${outcome.error.decline_code}` : `declined:${outcome.error.code}/${outcome.error.decline_code}`;
    default:
      return outcome.kind;
  }
}

const on_session: CardAttemptContext = { off_session: false, setup_future_usage: null };
const off_session: CardAttemptContext = { off_session: true, setup_future_usage: null };
const auth_required = 'declined:authentication_required/authentication_required';

// One row per catalogue card (by its first magic id): [on-session, off-session].
const expected_by_card: Record<string, [string, string]> = {
  pm_card_visa: ['approved', 'approved'],
  pm_card_visa_debit: ['approved', 'approved'],
  pm_card_mastercard: ['approved', 'approved'],
  pm_card_mastercard_debit: ['approved', 'approved'],
  pm_card_mastercard_prepaid: ['approved', 'approved'],
  pm_card_amex: ['approved', 'approved'],
  pm_card_discover: ['approved', 'approved'],
  pm_card_diners: ['approved', 'approved'],
  pm_card_jcb: ['approved', 'approved'],
  pm_card_unionpay: ['approved', 'approved'],
  pm_card_visa_chargeDeclined: ['declined:card_declined/generic_decline', 'declined:card_declined/generic_decline'],
  pm_card_visa_chargeDeclinedInsufficientFunds: ['declined:card_declined/insufficient_funds', 'declined:card_declined/insufficient_funds'],
  pm_card_visa_chargeDeclinedLostCard: ['declined:card_declined/lost_card', 'declined:card_declined/lost_card'],
  pm_card_visa_chargeDeclinedStolenCard: ['declined:card_declined/stolen_card', 'declined:card_declined/stolen_card'],
  pm_card_visa_chargeDeclinedVelocityLimitExceeded: [
    'declined:card_declined/card_velocity_exceeded',
    'declined:card_declined/card_velocity_exceeded',
  ],
  pm_card_chargeDeclinedExpiredCard: ['declined:expired_card/expired_card', 'declined:expired_card/expired_card'],
  pm_card_chargeDeclinedIncorrectCvc: ['declined:incorrect_cvc/incorrect_cvc', 'declined:incorrect_cvc/incorrect_cvc'],
  pm_card_chargeDeclinedProcessingError: ['declined:processing_error/processing_error', 'declined:processing_error/processing_error'],
  pm_card_chargeCustomerFail: ['declined:card_declined/generic_decline', 'declined:card_declined/generic_decline'],
  pm_card_authenticationRequiredOnSetup: ['requires_action', auth_required],
  pm_card_authenticationRequired: ['requires_action', auth_required],
  pm_card_authenticationRequiredSetupForOffSession: ['requires_action', 'approved'],
  pm_card_authenticationRequiredChargeDeclinedInsufficientFunds: ['requires_action', auth_required],
  pm_card_threeDSecure2Required: ['requires_action', auth_required],
  pm_card_threeDSecureRequiredChargeDeclined: ['requires_action', auth_required],
  pm_card_threeDSecureOptional: ['approved', 'approved'],
  pm_card_radarBlock: ['blocked:fraudulent', 'blocked:fraudulent'],
  pm_card_riskLevelHighest: ['approved:highest', 'approved:highest'],
  pm_card_cvcCheckFail: ['approved', 'approved'],
  pm_card_avsZipFail: ['approved', 'approved'],
  pm_card_avsFail: ['approved', 'approved'],
  pm_card_createDispute: ['approved', 'approved'],
  pm_card_createDisputeProductNotReceived: ['approved', 'approved'],
  pm_card_createDisputeInquiry: ['approved', 'approved'],
  pm_card_createIssuerFraudRecord: ['approved', 'approved'],
  pm_card_pendingRefund: ['approved', 'approved'],
  pm_card_refundFail: ['approved', 'approved'],
  pm_card_bypassPending: ['approved:available', 'approved:available'],
  pm_card_bypassPendingInternational: ['approved:available', 'approved:available'],
};

function behaviourOf(magic_id: string): CardBehaviour {
  const card = findTestCardByMagicId(magic_id);
  if (card === null) throw new Error(`no test card ${magic_id}`);
  return card.behaviour;
}

describe('cardOutcome per catalogue card', () => {
  it('has a row for every card of the catalogue', () => {
    expect(Object.keys(expected_by_card).sort()).toEqual(test_cards.map((card) => card.payment_method_ids[0]).sort());
  });

  it.each(Object.entries(expected_by_card))('%s → %j', (magic_id, [on, off]) => {
    const behaviour = behaviourOf(magic_id);
    expect(summary(cardOutcome(behaviour, on_session))).toBe(on);
    expect(summary(cardOutcome(behaviour, off_session))).toBe(off);
  });
});

describe('cardOutcome with 3D Secure results', () => {
  const rows: [string, CardAttemptContext, string][] = [
    ['pm_card_authenticationRequired', { ...on_session, authenticated: true }, 'approved'],
    ['pm_card_authenticationRequired', { ...on_session, authenticated: false }, 'authentication_failed'],
    ['pm_card_threeDSecure2Required', { ...on_session, setup_future_usage: 'off_session' }, 'requires_action'],
    [
      'pm_card_authenticationRequiredChargeDeclinedInsufficientFunds',
      { ...on_session, authenticated: true },
      'declined:card_declined/insufficient_funds',
    ],
    ['pm_card_threeDSecureRequiredChargeDeclined', { ...on_session, authenticated: true }, 'declined:card_declined/generic_decline'],
    ['pm_card_threeDSecureRequiredChargeDeclined', { ...on_session, authenticated: false }, 'authentication_failed'],
    // 3155: off-session succeeds only once the card was set up for it; on-session always asks.
    ['pm_card_authenticationRequiredOnSetup', { ...off_session, set_up_for_off_session: true }, 'approved'],
    ['pm_card_authenticationRequiredOnSetup', { ...on_session, set_up_for_off_session: true }, 'requires_action'],
    ['pm_card_authenticationRequiredOnSetup', { ...on_session, setup_future_usage: 'off_session' }, 'requires_action'],
    // 3184 always authenticates, even when set up.
    ['pm_card_authenticationRequired', { ...off_session, set_up_for_off_session: true }, auth_required],
    ['pm_card_authenticationRequiredSetupForOffSession', { ...on_session, authenticated: true }, 'approved'],
    // Cards that never ask ignore an authentication result.
    ['pm_card_visa', { ...on_session, authenticated: false }, 'approved'],
    ['pm_card_amex_threeDSecureNotSupported', { ...off_session }, 'approved'],
  ];

  it.each(rows)('%s with %j → %s', (magic_id, context, expected) => {
    expect(summary(cardOutcome(behaviourOf(magic_id), context))).toBe(expected);
  });

  it('answers off-session authentication with Stripe’s card error', () => {
    expect(cardOutcome(behaviourOf('pm_card_authenticationRequired'), off_session)).toEqual({
      kind: 'declined',
      blocked: false,
      error: {
        code: 'authentication_required',
        decline_code: 'authentication_required',
        param: null,
        message: 'Your card was declined. This transaction requires authentication.',
      },
    });
  });

  it('carries the decline message and param of the card catalogue', () => {
    expect(cardOutcome(behaviourOf('pm_card_chargeDeclinedIncorrectCvc'), on_session)).toEqual({
      kind: 'declined',
      blocked: false,
      error: { code: 'incorrect_cvc', decline_code: 'incorrect_cvc', param: 'cvc', message: "Your card's security code is incorrect." },
    });
  });
});
