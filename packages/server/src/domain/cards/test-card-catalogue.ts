// Every test card of contract.md section 5 in one table: its number, what the simulated network
// says about it and the magic `pm_card_*` / `tok_*` ids that stand for it. Invariants (asserted at
// load): numbers pass Luhn, numbers and magic ids are unique, the brand matches the number's prefix.
// Countries marked [inf] follow the ISO 3166 numeric code embedded in the number (e.g. 276 → DE).
import type { Decline } from './card-messages.js';
import { detectBrand, passesLuhn } from './card-number.js';

export type CatalogueBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay';
export type Funding = 'credit' | 'debit' | 'prepaid';

/** What 3D Secure does for a card. */
export type ThreeDSecureBehaviour =
  /** Every payment asks for authentication, on- or off-session. */
  | { kind: 'required_always' }
  /** Asks unless the card was set up for off-session use; on-session payments always ask. */
  | { kind: 'required_unless_set_up_for_off_session' }
  /** Already set up: off-session payments succeed without asking. */
  | { kind: 'already_set_up_for_off_session' }
  /** Asks, and after a successful authentication the charge is declined. */
  | { kind: 'required_then_declined'; decline: Decline }
  /** Supported but not required: asks only when the integration requests it. */
  | { kind: 'optional' }
  /** Not enrolled: never asks, the charge proceeds without authentication. */
  | { kind: 'not_supported' };

/** A check that fails when its input is supplied (the CVC check runs only if a CVC is given, etc.). */
export type FailingCheck = 'cvc' | 'postal_code' | 'address_line1_and_postal_code';

export type DisputeKind = 'fraudulent' | 'product_not_received' | 'inquiry';

export type CardBehaviour =
  | { kind: 'approve' }
  /** The charge fails; attaching to a customer fails with the same error [inf]. */
  | { kind: 'decline'; decline: Decline }
  /** Attaching to a customer succeeds; every charge fails. */
  | { kind: 'attach_succeeds_charge_fails'; decline: Decline }
  | { kind: 'three_d_secure'; three_d_secure: ThreeDSecureBehaviour }
  /** Radar always blocks it (risk level highest; answered as card_declined / fraudulent). */
  | { kind: 'radar_block' }
  /** Risk level highest; Radar rules decide whether it is blocked. */
  | { kind: 'highest_risk' }
  | { kind: 'check_fails'; check: FailingCheck }
  /** The charge succeeds, then a dispute of this kind opens. */
  | { kind: 'dispute'; dispute: DisputeKind }
  /** The charge succeeds, then an early fraud warning is created. */
  | { kind: 'early_fraud_warning' }
  /** Refunds start `pending`, later `succeeded`. */
  | { kind: 'refund_pending' }
  /** Refunds start `succeeded`, later `failed`. */
  | { kind: 'refund_fails' }
  /** Funds go straight to the available balance instead of pending. */
  | { kind: 'bypass_pending' };

export interface TestCard {
  number: string;
  brand: CatalogueBrand;
  funding: Funding;
  country: string;
  payment_method_ids: readonly string[];
  token_ids: readonly string[];
  behaviour: CardBehaviour;
}

const approve: CardBehaviour = { kind: 'approve' };
const declined = (decline_code: Extract<Decline, { code: 'card_declined' }>['decline_code']): CardBehaviour => ({
  kind: 'decline',
  decline: { code: 'card_declined', decline_code },
});
const three_d_secure = (behaviour: ThreeDSecureBehaviour): CardBehaviour => ({ kind: 'three_d_secure', three_d_secure: behaviour });

/** A visa credit card issued in the US, the shape of most behaviour cards. */
function visa(number: string, payment_method_ids: string[], token_ids: string[], behaviour: CardBehaviour, country = 'US'): TestCard {
  return { number, brand: 'visa', funding: 'credit', country, payment_method_ids, token_ids, behaviour };
}

/** `pm_card_visa_X` / `tok_visa_X` plus the aliases without `visa_` third parties use [inf]. */
function withAliases(suffix: string): { payment_method_ids: string[]; token_ids: string[] } {
  return {
    payment_method_ids: [`pm_card_visa_${suffix}`, `pm_card_${suffix}`],
    token_ids: [`tok_visa_${suffix}`, `tok_${suffix}`],
  };
}

function visaDecline(number: string, suffix: string, behaviour: CardBehaviour): TestCard {
  const { payment_method_ids, token_ids } = withAliases(suffix);
  return visa(number, payment_method_ids, token_ids, behaviour);
}

export const test_cards: readonly TestCard[] = [
  // Success by brand.
  visa('4242424242424242', ['pm_card_visa'], ['tok_visa'], approve),
  {
    number: '4000056655665556',
    brand: 'visa',
    funding: 'debit',
    country: 'US',
    payment_method_ids: ['pm_card_visa_debit'],
    token_ids: ['tok_visa_debit'],
    behaviour: approve,
  },
  {
    number: '5555555555554444',
    brand: 'mastercard',
    funding: 'credit',
    country: 'US',
    payment_method_ids: ['pm_card_mastercard'],
    token_ids: ['tok_mastercard'],
    behaviour: approve,
  },
  {
    number: '5200828282828210',
    brand: 'mastercard',
    funding: 'debit',
    country: 'US',
    payment_method_ids: ['pm_card_mastercard_debit'],
    token_ids: ['tok_mastercard_debit'],
    behaviour: approve,
  },
  {
    number: '5105105105105100',
    brand: 'mastercard',
    funding: 'prepaid',
    country: 'US',
    payment_method_ids: ['pm_card_mastercard_prepaid'],
    token_ids: ['tok_mastercard_prepaid'],
    behaviour: approve,
  },
  // Amex is not enrolled in 3DS: pm_card_amex and pm_card_amex_threeDSecureNotSupported share the number.
  {
    number: '378282246310005',
    brand: 'amex',
    funding: 'credit',
    country: 'US',
    payment_method_ids: ['pm_card_amex', 'pm_card_amex_threeDSecureNotSupported'],
    token_ids: ['tok_amex', 'tok_amex_threeDSecureNotSupported'],
    behaviour: three_d_secure({ kind: 'not_supported' }),
  },
  {
    number: '6011111111111117',
    brand: 'discover',
    funding: 'credit',
    country: 'US',
    payment_method_ids: ['pm_card_discover'],
    token_ids: ['tok_discover'],
    behaviour: approve,
  },
  {
    number: '3056930009020004',
    brand: 'diners',
    funding: 'credit',
    country: 'US',
    payment_method_ids: ['pm_card_diners'],
    token_ids: ['tok_diners'],
    behaviour: approve,
  },
  // Issuing countries of the JCB and UnionPay cards are [inf].
  {
    number: '3566002020360505',
    brand: 'jcb',
    funding: 'credit',
    country: 'JP',
    payment_method_ids: ['pm_card_jcb'],
    token_ids: ['tok_jcb'],
    behaviour: approve,
  },
  {
    number: '6200000000000005',
    brand: 'unionpay',
    funding: 'credit',
    country: 'CN',
    payment_method_ids: ['pm_card_unionpay'],
    token_ids: ['tok_unionpay'],
    behaviour: approve,
  },
  // Declines.
  visaDecline('4000000000000002', 'chargeDeclined', declined('generic_decline')),
  visaDecline('4000000000009995', 'chargeDeclinedInsufficientFunds', declined('insufficient_funds')),
  visaDecline('4000000000009987', 'chargeDeclinedLostCard', declined('lost_card')),
  visaDecline('4000000000009979', 'chargeDeclinedStolenCard', declined('stolen_card')),
  visaDecline('4000000000006975', 'chargeDeclinedVelocityLimitExceeded', declined('card_velocity_exceeded')),
  visa('4000000000000069', ['pm_card_chargeDeclinedExpiredCard'], ['tok_chargeDeclinedExpiredCard'], {
    kind: 'decline',
    decline: { code: 'expired_card', decline_code: 'expired_card' },
  }),
  visa('4000000000000127', ['pm_card_chargeDeclinedIncorrectCvc'], ['tok_chargeDeclinedIncorrectCvc'], {
    kind: 'decline',
    decline: { code: 'incorrect_cvc', decline_code: 'incorrect_cvc' },
  }),
  visa('4000000000000119', ['pm_card_chargeDeclinedProcessingError'], ['tok_chargeDeclinedProcessingError'], {
    kind: 'decline',
    decline: { code: 'processing_error', decline_code: 'processing_error' },
  }),
  visa('4000000000000341', ['pm_card_chargeCustomerFail'], ['tok_chargeCustomerFail'], {
    kind: 'attach_succeeds_charge_fails',
    decline: { code: 'card_declined', decline_code: 'generic_decline' },
  }),
  // 3D Secure / SCA.
  visa(
    '4000002500003155',
    ['pm_card_authenticationRequiredOnSetup'],
    [],
    three_d_secure({ kind: 'required_unless_set_up_for_off_session' }),
    'FR',
  ),
  visa('4000002760003184', ['pm_card_authenticationRequired'], [], three_d_secure({ kind: 'required_always' }), 'DE'),
  visa(
    '4000003800000446',
    ['pm_card_authenticationRequiredSetupForOffSession'],
    [],
    three_d_secure({ kind: 'already_set_up_for_off_session' }),
    'IT',
  ),
  visa(
    '4000008260003178',
    ['pm_card_authenticationRequiredChargeDeclinedInsufficientFunds'],
    [],
    three_d_secure({ kind: 'required_then_declined', decline: { code: 'card_declined', decline_code: 'insufficient_funds' } }),
    'GB',
  ),
  visa('4000000000003220', ['pm_card_threeDSecure2Required'], [], three_d_secure({ kind: 'required_always' })),
  visa(
    '4000008400001629',
    ['pm_card_threeDSecureRequiredChargeDeclined'],
    [],
    three_d_secure({ kind: 'required_then_declined', decline: { code: 'card_declined', decline_code: 'generic_decline' } }),
  ),
  visa('4000000000003055', ['pm_card_threeDSecureOptional'], [], three_d_secure({ kind: 'optional' })),
  // Radar and verification checks.
  visa('4100000000000019', ['pm_card_radarBlock'], ['tok_radarBlock'], { kind: 'radar_block' }),
  visa('4000000000004954', ['pm_card_riskLevelHighest'], ['tok_riskLevelHighest'], { kind: 'highest_risk' }),
  visa('4000000000000101', ['pm_card_cvcCheckFail'], ['tok_cvcCheckFail'], { kind: 'check_fails', check: 'cvc' }),
  visa('4000000000000036', ['pm_card_avsZipFail'], ['tok_avsZipFail'], { kind: 'check_fails', check: 'postal_code' }),
  visa('4000000000000010', ['pm_card_avsFail'], ['tok_avsFail'], { kind: 'check_fails', check: 'address_line1_and_postal_code' }),
  // Disputes.
  visa('4000000000000259', ['pm_card_createDispute'], ['tok_createDispute'], { kind: 'dispute', dispute: 'fraudulent' }),
  visa('4000000000002685', ['pm_card_createDisputeProductNotReceived'], ['tok_createDisputeProductNotReceived'], {
    kind: 'dispute',
    dispute: 'product_not_received',
  }),
  visa('4000000000001976', ['pm_card_createDisputeInquiry'], ['tok_createDisputeInquiry'], { kind: 'dispute', dispute: 'inquiry' }),
  visa('4000000000005423', ['pm_card_createIssuerFraudRecord'], ['tok_createIssuerFraudRecord'], { kind: 'early_fraud_warning' }),
  // Refunds and balance.
  visa('4000000000007726', ['pm_card_pendingRefund'], ['tok_pendingRefund'], { kind: 'refund_pending' }),
  visa('4000000000005126', ['pm_card_refundFail'], ['tok_refundFail'], { kind: 'refund_fails' }),
  visa('4000000000000077', ['pm_card_bypassPending'], ['tok_bypassPending'], { kind: 'bypass_pending' }),
  visa('4000003720000278', ['pm_card_bypassPendingInternational'], ['tok_bypassPendingInternational'], { kind: 'bypass_pending' }, 'IE'),
];

function indexCatalogue(): { by_number: Map<string, TestCard>; by_magic_id: Map<string, TestCard> } {
  const by_number = new Map<string, TestCard>();
  const by_magic_id = new Map<string, TestCard>();
  for (const card of test_cards) {
    if (!passesLuhn(card.number)) throw new Error(`test card ${card.number} fails Luhn`);
    if (detectBrand(card.number) !== card.brand) throw new Error(`test card ${card.number} is not a ${card.brand} number`);
    if (by_number.has(card.number)) throw new Error(`test card ${card.number} is listed twice`);
    by_number.set(card.number, card);
    for (const id of [...card.payment_method_ids, ...card.token_ids]) {
      if (by_magic_id.has(id)) throw new Error(`magic id ${id} is listed twice`);
      by_magic_id.set(id, card);
    }
  }
  return { by_number, by_magic_id };
}

const index = indexCatalogue();

export function findTestCardByNumber(number: string): TestCard | null {
  return index.by_number.get(number) ?? null;
}

/** The card behind a magic `pm_card_*` or `tok_*` id, e.g. `findTestCardByMagicId('pm_card_visa')`. */
export function findTestCardByMagicId(id: string): TestCard | null {
  return index.by_magic_id.get(id) ?? null;
}
