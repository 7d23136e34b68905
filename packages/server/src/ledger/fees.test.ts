import { describe, expect, it } from 'vitest';
import { cardFee, divideRoundHalfUp, fixed_fee_fallback, fixedFeeFor, stripeCardFee } from './fees.js';

describe('stripeCardFee', () => {
  it.each([
    // observed in Stripe test mode
    [65_400, 1_927],
    [3_340, 127],
    [100, 33],
    // edges: 2.9% of 50 is 1.45 → 1; of 150 is 4.35 → 4; of 1 is 0.029 → 0
    [50, 31],
    [150, 34],
    [1, 30],
    // exact halves round up: 2.9% of 500 = 14.5 → 15; of 1500 = 43.5 → 44
    [500, 45],
    [1_500, 74],
    // 2.9% of 1000 = 29 exactly; the largest 8-digit amount
    [1_000, 59],
    [99_999_999, 2_900_030],
  ])('domestic US card, %i cents → fee %i', (amount, fee) => {
    expect(stripeCardFee({ amount, currency: 'usd', card_country: 'US' })).toBe(fee);
  });

  it.each([
    // 4.4% [inferred]: 1000 → 44 + 30; 3340 → 146.96 → 147 + 30; 250 → 11 exactly + 30
    [1_000, 74],
    [3_340, 177],
    [250, 41],
  ])('cross-border card, %i cents → fee %i [inferred]', (amount, fee) => {
    expect(stripeCardFee({ amount, currency: 'usd', card_country: 'GB' })).toBe(fee);
  });

  it('treats the card country case-insensitively against the account country', () => {
    expect(stripeCardFee({ amount: 3_340, currency: 'usd', card_country: 'us' })).toBe(127);
    expect(stripeCardFee({ amount: 3_340, currency: 'usd', card_country: 'US', account_country: 'GB' })).toBe(177);
  });

  it('takes the fixed part as a parameter for currencies outside the table (zero-decimal too)', () => {
    expect(fixedFeeFor('usd')).toBe(30);
    expect(fixedFeeFor('jpy')).toBeNull();
    expect(() => stripeCardFee({ amount: 1_000, currency: 'jpy', card_country: 'US' })).toThrow(/no fixed fee known for jpy/);
    // ¥1000 × 2.9% = ¥29, plus a caller-given ¥40
    expect(stripeCardFee({ amount: 1_000, currency: 'jpy', card_country: 'US', fixed_fee: 40 })).toBe(69);
  });

  it('refuses non-integer or non-positive amounts', () => {
    expect(() => stripeCardFee({ amount: 10.5, currency: 'usd', card_country: 'US' })).toThrow(/safe integer/);
    expect(() => stripeCardFee({ amount: 0, currency: 'usd', card_country: 'US' })).toThrow(/positive/);
  });
});

describe('cardFee', () => {
  it("is Stripe's fee where the fixed part is known", () => {
    expect(cardFee(3_340, 'usd', 'US')).toBe(127);
    expect(cardFee(1_000, 'usd', 'GB')).toBe(74);
  });

  it('takes the fallback fixed part for other currencies, zero-decimal ones too [inferred]', () => {
    expect(fixed_fee_fallback).toBe(30);
    // ¥1000 × 2.9% = ¥29, plus ¥30; €10.00 from a GB card × 4.4% = 44, plus 30
    expect(cardFee(1_000, 'jpy', 'US')).toBe(59);
    expect(cardFee(1_000, 'eur', 'GB')).toBe(74);
  });
});

describe('divideRoundHalfUp', () => {
  it.each([
    [14, 10, 1],
    [15, 10, 2],
    [16, 10, 2],
    [0, 10, 0],
    [5_000, 10_000, 1],
    [4_999, 10_000, 0],
    [Number.MAX_SAFE_INTEGER, 10_000, 900_719_925_474],
  ])('%i / %i → %i', (numerator, denominator, quotient) => {
    expect(divideRoundHalfUp(numerator, denominator)).toBe(quotient);
  });
});
