import { describe, expect, it } from 'vitest';
import { cardFingerprint } from './card-number.js';
import { type ResolveCardResult, resolveCard } from './resolve-card.js';
import { type CardBehaviour, findTestCardByMagicId, findTestCardByNumber, test_cards } from './test-card-catalogue.js';

const now = Date.UTC(2026, 5, 15, 12) / 1000;
const context = { now, fingerprint_key: 'acct_test_key' };

const declined = (decline_code: string): CardBehaviour =>
  ({ kind: 'decline', decline: { code: 'card_declined', decline_code } }) as CardBehaviour;
const three_d_secure = (three_d_secure: object): CardBehaviour => ({ kind: 'three_d_secure', three_d_secure }) as CardBehaviour;

/** contract.md section 5, written out independently of the catalogue: number, brand, funding, ids, behaviour. */
const expected: [string, string, string, string[], CardBehaviour][] = [
  ['4242424242424242', 'visa', 'credit', ['pm_card_visa', 'tok_visa'], { kind: 'approve' }],
  ['4000056655665556', 'visa', 'debit', ['pm_card_visa_debit'], { kind: 'approve' }],
  ['5555555555554444', 'mastercard', 'credit', ['pm_card_mastercard', 'tok_mastercard'], { kind: 'approve' }],
  ['5200828282828210', 'mastercard', 'debit', ['pm_card_mastercard_debit'], { kind: 'approve' }],
  ['5105105105105100', 'mastercard', 'prepaid', ['pm_card_mastercard_prepaid'], { kind: 'approve' }],
  [
    '378282246310005',
    'amex',
    'credit',
    ['pm_card_amex', 'pm_card_amex_threeDSecureNotSupported'],
    three_d_secure({ kind: 'not_supported' }),
  ],
  ['6011111111111117', 'discover', 'credit', ['pm_card_discover'], { kind: 'approve' }],
  ['3056930009020004', 'diners', 'credit', ['pm_card_diners'], { kind: 'approve' }],
  ['3566002020360505', 'jcb', 'credit', ['pm_card_jcb'], { kind: 'approve' }],
  ['6200000000000005', 'unionpay', 'credit', ['pm_card_unionpay'], { kind: 'approve' }],
  [
    '4000000000000002',
    'visa',
    'credit',
    ['pm_card_visa_chargeDeclined', 'pm_card_chargeDeclined', 'tok_visa_chargeDeclined'],
    declined('generic_decline'),
  ],
  [
    '4000000000009995',
    'visa',
    'credit',
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'pm_card_chargeDeclinedInsufficientFunds'],
    declined('insufficient_funds'),
  ],
  ['4000000000009987', 'visa', 'credit', ['pm_card_visa_chargeDeclinedLostCard', 'pm_card_chargeDeclinedLostCard'], declined('lost_card')],
  [
    '4000000000009979',
    'visa',
    'credit',
    ['pm_card_visa_chargeDeclinedStolenCard', 'pm_card_chargeDeclinedStolenCard'],
    declined('stolen_card'),
  ],
  [
    '4000000000006975',
    'visa',
    'credit',
    ['pm_card_visa_chargeDeclinedVelocityLimitExceeded', 'pm_card_chargeDeclinedVelocityLimitExceeded'],
    declined('card_velocity_exceeded'),
  ],
  [
    '4000000000000069',
    'visa',
    'credit',
    ['pm_card_chargeDeclinedExpiredCard', 'tok_chargeDeclinedExpiredCard'],
    { kind: 'decline', decline: { code: 'expired_card', decline_code: 'expired_card' } },
  ],
  [
    '4000000000000127',
    'visa',
    'credit',
    ['pm_card_chargeDeclinedIncorrectCvc', 'tok_chargeDeclinedIncorrectCvc'],
    { kind: 'decline', decline: { code: 'incorrect_cvc', decline_code: 'incorrect_cvc' } },
  ],
  [
    '4000000000000119',
    'visa',
    'credit',
    ['pm_card_chargeDeclinedProcessingError', 'tok_chargeDeclinedProcessingError'],
    { kind: 'decline', decline: { code: 'processing_error', decline_code: 'processing_error' } },
  ],
  [
    '4000000000000341',
    'visa',
    'credit',
    ['pm_card_chargeCustomerFail', 'tok_chargeCustomerFail'],
    { kind: 'attach_succeeds_charge_fails', decline: { code: 'card_declined', decline_code: 'generic_decline' } },
  ],
  [
    '4000002500003155',
    'visa',
    'credit',
    ['pm_card_authenticationRequiredOnSetup'],
    three_d_secure({ kind: 'required_unless_set_up_for_off_session' }),
  ],
  ['4000002760003184', 'visa', 'credit', ['pm_card_authenticationRequired'], three_d_secure({ kind: 'required_always' })],
  [
    '4000003800000446',
    'visa',
    'credit',
    ['pm_card_authenticationRequiredSetupForOffSession'],
    three_d_secure({ kind: 'already_set_up_for_off_session' }),
  ],
  [
    '4000008260003178',
    'visa',
    'credit',
    ['pm_card_authenticationRequiredChargeDeclinedInsufficientFunds'],
    three_d_secure({ kind: 'required_then_declined', decline: { code: 'card_declined', decline_code: 'insufficient_funds' } }),
  ],
  ['4000000000003220', 'visa', 'credit', ['pm_card_threeDSecure2Required'], three_d_secure({ kind: 'required_always' })],
  [
    '4000008400001629',
    'visa',
    'credit',
    ['pm_card_threeDSecureRequiredChargeDeclined'],
    three_d_secure({ kind: 'required_then_declined', decline: { code: 'card_declined', decline_code: 'generic_decline' } }),
  ],
  ['4000000000003055', 'visa', 'credit', ['pm_card_threeDSecureOptional'], three_d_secure({ kind: 'optional' })],
  ['4100000000000019', 'visa', 'credit', ['pm_card_radarBlock'], { kind: 'radar_block' }],
  ['4000000000004954', 'visa', 'credit', [], { kind: 'highest_risk' }],
  ['4000000000000101', 'visa', 'credit', [], { kind: 'check_fails', check: 'cvc' }],
  ['4000000000000036', 'visa', 'credit', [], { kind: 'check_fails', check: 'postal_code' }],
  ['4000000000000010', 'visa', 'credit', [], { kind: 'check_fails', check: 'address_line1_and_postal_code' }],
  ['4000000000000259', 'visa', 'credit', ['pm_card_createDispute'], { kind: 'dispute', dispute: 'fraudulent' }],
  ['4000000000002685', 'visa', 'credit', [], { kind: 'dispute', dispute: 'product_not_received' }],
  ['4000000000001976', 'visa', 'credit', [], { kind: 'dispute', dispute: 'inquiry' }],
  ['4000000000005423', 'visa', 'credit', ['pm_card_createIssuerFraudRecord'], { kind: 'early_fraud_warning' }],
  ['4000000000007726', 'visa', 'credit', ['pm_card_pendingRefund'], { kind: 'refund_pending' }],
  ['4000000000005126', 'visa', 'credit', ['pm_card_refundFail'], { kind: 'refund_fails' }],
  ['4000000000000077', 'visa', 'credit', ['pm_card_bypassPending', 'tok_bypassPending'], { kind: 'bypass_pending' }],
  ['4000003720000278', 'visa', 'credit', [], { kind: 'bypass_pending' }],
];

const raw = (number: string, cvc?: string) => ({
  kind: 'raw' as const,
  number,
  exp_month: 12,
  exp_year: 2030,
  ...(cvc === undefined ? {} : { cvc }),
});

function cardOf(result: ResolveCardResult) {
  if (!result.ok) throw new Error(`expected a card, got ${JSON.stringify(result.failure)}`);
  return result.card;
}

describe('test card catalogue', () => {
  it('holds exactly the cards of contract.md section 5', () => {
    expect(test_cards.map((card) => card.number).sort()).toEqual(expected.map(([number]) => number).sort());
  });

  it.each(expected)('%s resolves by number as %s %s with its behaviour', (number, brand, funding, _ids, behaviour) => {
    const card = cardOf(resolveCard(raw(number, brand === 'amex' ? '1234' : '123'), context));
    expect(card).toMatchObject({ brand, funding, last4: number.slice(-4), exp_month: 12, exp_year: 2030, behaviour });
    expect(JSON.stringify(card)).not.toContain(number);
  });

  it.each(expected)('%s: each documented magic id resolves to the same card', (number, brand, funding, ids, behaviour) => {
    const by_number = cardOf(resolveCard(raw(number), context));
    for (const id of ids) {
      const card = cardOf(resolveCard({ kind: 'magic_id', id }, context));
      expect(card).toMatchObject({ brand, funding, last4: number.slice(-4), behaviour, fingerprint: by_number.fingerprint });
    }
  });

  it('every magic id in the catalogue resolves to its own card, and ids follow the pm_card_/tok_ forms', () => {
    for (const card of test_cards) {
      for (const id of card.payment_method_ids) expect(id).toMatch(/^pm_card_[A-Za-z0-9_]+$/);
      for (const id of card.token_ids) expect(id).toMatch(/^tok_[A-Za-z0-9_]+$/);
      for (const id of [...card.payment_method_ids, ...card.token_ids]) expect(findTestCardByMagicId(id)).toBe(card);
      expect(findTestCardByNumber(card.number)).toBe(card);
    }
  });
});

describe('resolveCard', () => {
  it('gives magic ids an expiry one year ahead of now', () => {
    expect(cardOf(resolveCard({ kind: 'magic_id', id: 'pm_card_visa' }, context))).toMatchObject({ exp_month: 6, exp_year: 2027 });
  });

  it('answers unknown magic ids with unknown_magic_id', () => {
    expect(resolveCard({ kind: 'magic_id', id: 'pm_card_nope' }, context)).toEqual({
      ok: false,
      failure: { kind: 'unknown_magic_id', id: 'pm_card_nope' },
    });
  });

  it('treats a Luhn-valid number outside the catalogue as an approved card of its brand', () => {
    const card = cardOf(resolveCard(raw('4111111111111111'), context));
    expect(card).toMatchObject({ brand: 'visa', funding: 'credit', country: 'US', last4: '1111', behaviour: { kind: 'approve' } });
    expect(cardOf(resolveCard(raw('3530111333300000'), context)).brand).toBe('jcb');
  });

  it('fingerprints with the account key', () => {
    const card = cardOf(resolveCard(raw('4242424242424242'), context));
    expect(card.fingerprint).toBe(cardFingerprint('4242424242424242', 'acct_test_key'));
    const other = cardOf(resolveCard(raw('4242424242424242'), { ...context, fingerprint_key: 'acct_other_key' }));
    expect(other.fingerprint).not.toBe(card.fingerprint);
  });

  it.each([
    [{ number: '4242424242424241', exp_month: 12, exp_year: 2030 }, 'incorrect_number', 'number', 'Your card number is incorrect.'],
    [
      { number: '4242424242424242', exp_month: 13, exp_year: 2030 },
      'invalid_expiry_month',
      'exp_month',
      "Your card's expiration month is invalid.",
    ],
    [
      { number: '4242424242424242', exp_month: 12, exp_year: 2020 },
      'invalid_expiry_year',
      'exp_year',
      "Your card's expiration year is invalid.",
    ],
    [
      { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '12' },
      'invalid_cvc',
      'cvc',
      "Your card's security code is invalid.",
    ],
    [
      { number: '378282246310005', exp_month: 12, exp_year: 2030, cvc: '123' },
      'invalid_cvc',
      'cvc',
      "Your card's security code is invalid.",
    ],
    [
      { number: '4242424242424241', exp_month: 13, exp_year: 2020, cvc: '1' },
      'incorrect_number',
      'number',
      'Your card number is incorrect.',
    ],
  ])('refuses %j with %s', (card, code, param, message) => {
    expect(resolveCard({ kind: 'raw', ...card }, context)).toEqual({
      ok: false,
      failure: { kind: 'card_error', error: { code, decline_code: null, param, message } },
    });
  });
});
