import { describe, expect, it } from 'vitest';
import { cardFingerprint, checkCardNumber, checkCvc, checkExpiry, detectBrand, lastFour, passesLuhn } from './card-number.js';

// 2026-06-15T12:00:00Z
const now = Date.UTC(2026, 5, 15, 12) / 1000;

describe('card numbers', () => {
  it.each([
    ['4242424242424242', true],
    ['4242424242424241', false],
    ['378282246310005', true],
    ['378282246310006', false],
    ['36227206271667', true],
    ['6205500000000000004', true],
    ['0', true],
    ['4242 4242 4242 4242', false],
    ['', false],
  ])('Luhn of %j is %s', (number, valid) => {
    expect(passesLuhn(number)).toBe(valid);
  });

  it.each([
    ['4242424242424242', 'visa'],
    ['4111111111111111', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['2720990000000007', 'mastercard'],
    ['2721000000000004', 'unknown'],
    ['378282246310005', 'amex'],
    ['371449635398431', 'amex'],
    ['6011111111111117', 'discover'],
    ['6445644564456445', 'discover'],
    ['6500000000000002', 'discover'],
    ['3056930009020004', 'diners'],
    ['36227206271667', 'diners'],
    ['38520000023237', 'diners'],
    ['3566002020360505', 'jcb'],
    ['3530111333300000', 'jcb'],
    ['6200000000000005', 'unionpay'],
    ['8100000000000000', 'unionpay'],
    ['9999999999999995', 'unknown'],
    ['1234567812345670', 'unknown'],
  ])('%s is %s', (number, brand) => {
    expect(detectBrand(number)).toBe(brand);
  });

  it('takes the last four digits', () => {
    expect(lastFour('378282246310005')).toBe('0005');
  });

  it.each([
    ['4242424242424242', null],
    ['4242424242424241', 'incorrect_number'],
    ['42424242424a4242', 'invalid_number'],
    ['42424', 'invalid_number'],
    ['42424242424242424242', 'invalid_number'],
  ])('checks %s → %s', (number, code) => {
    expect(checkCardNumber(number)?.code ?? null).toBe(code);
  });
});

describe('fingerprint', () => {
  it('is stable per number and key, 16 alphanumerics', () => {
    const first = cardFingerprint('4242424242424242', 'acct_1_key');
    expect(first).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(cardFingerprint('4242424242424242', 'acct_1_key')).toBe(first);
  });

  it('depends on the key and the number', () => {
    const base = cardFingerprint('4242424242424242', 'acct_1_key');
    expect(cardFingerprint('4242424242424242', 'acct_2_key')).not.toBe(base);
    expect(cardFingerprint('4000056655665556', 'acct_1_key')).not.toBe(base);
  });

  it('does not contain the number or its last four', () => {
    const fingerprint = cardFingerprint('4242424242424242', 'k');
    expect(fingerprint).not.toContain('4242');
  });

  it('refuses an empty key', () => {
    expect(() => cardFingerprint('4242424242424242', '')).toThrow();
  });
});

describe('expiry', () => {
  it.each([
    [6, 2026, null],
    [12, 2026, null],
    [1, 2027, null],
    [12, 2099, null],
    [5, 2026, 'invalid_expiry_month'],
    [0, 2030, 'invalid_expiry_month'],
    [13, 2030, 'invalid_expiry_month'],
    [1.5, 2030, 'invalid_expiry_month'],
    [12, 2025, 'invalid_expiry_year'],
    [12, 26, 'invalid_expiry_year'],
    [13, 2025, 'invalid_expiry_month'],
  ])('month %s year %s → %s', (month, year, code) => {
    expect(checkExpiry(month, year, now)?.code ?? null).toBe(code);
  });

  it('uses the injected clock, not the wall clock', () => {
    const in_2030 = Date.UTC(2030, 0, 1) / 1000;
    expect(checkExpiry(12, 2029, in_2030)?.code).toBe('invalid_expiry_year');
  });
});

describe('cvc', () => {
  it.each([
    [undefined, 'visa', null],
    ['123', 'visa', null],
    ['12', 'visa', 'invalid_cvc'],
    ['1234', 'visa', 'invalid_cvc'],
    ['12a', 'mastercard', 'invalid_cvc'],
    ['1234', 'amex', null],
    ['123', 'amex', 'invalid_cvc'],
    ['123', 'unknown', null],
    ['1234', 'unknown', null],
    ['', 'visa', 'invalid_cvc'],
  ] as const)('%j on %s → %s', (cvc, brand, code) => {
    expect(checkCvc(cvc, brand)?.code ?? null).toBe(code);
  });
});
