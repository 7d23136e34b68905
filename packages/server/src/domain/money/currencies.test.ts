import { describe, expect, it } from 'vitest';
import { checkChargeAmount, currency_table, formatAmount, minimumChargeAmount, minorUnitExponent } from './currencies.js';

describe('currency table', () => {
  it.each([
    ...['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'].map(
      (c) => [c, 0] as const,
    ),
    ...['bhd', 'jod', 'kwd', 'omr', 'tnd'].map((c) => [c, 3] as const),
    ['usd', 2],
    ['eur', 2],
    ['huf', 2],
    ['idr', 2],
    ['zzz', 2],
    ['JPY', 0],
  ] as const)('%s has %i minor-unit digits', (currency, exponent) => {
    expect(minorUnitExponent(currency)).toBe(exponent);
  });

  it.each([
    ['usd', 50],
    ['aud', 50],
    ['brl', 50],
    ['cad', 50],
    ['chf', 50],
    ['eur', 50],
    ['inr', 50],
    ['nzd', 50],
    ['sgd', 50],
    ['gbp', 30],
    ['aed', 200],
    ['pln', 200],
    ['ron', 200],
    ['bgn', 100],
    ['czk', 1500],
    ['dkk', 250],
    ['hkd', 400],
    ['huf', 17500],
    ['jpy', 50],
    ['mxn', 1000],
    ['myr', 200],
    ['nok', 300],
    ['sek', 300],
    ['thb', 1000],
    ['kwd', null],
    ['zzz', null],
  ] as const)('minimum charge in %s is %s', (currency, minimum) => {
    expect(minimumChargeAmount(currency)).toBe(minimum);
  });

  it('holds 24 minimums, 16 zero-decimal and 5 three-decimal currencies', () => {
    const rows = [...currency_table.values()];
    expect(rows.filter((row) => row.minimum_charge_amount !== null)).toHaveLength(24);
    expect(rows.filter((row) => row.exponent === 0)).toHaveLength(16);
    expect(rows.filter((row) => row.exponent === 3)).toHaveLength(5);
  });
});

describe('checkChargeAmount', () => {
  it.each([
    [49, 'usd', 'Amount must be at least $0.50 usd'],
    [49, 'eur', 'Amount must be at least €0.50 eur'],
    [29, 'gbp', 'Amount must be at least £0.30 gbp'],
    [49, 'jpy', 'Amount must be at least ¥50 jpy'],
    [199, 'aed', 'Amount must be at least 2.00 aed'],
    [17499, 'huf', 'Amount must be at least 175.00 huf'],
    [0, 'usd', 'Amount must be at least $0.50 usd'],
  ])('refuses %i %s as too small', (amount, currency, message) => {
    expect(checkChargeAmount(amount, currency)).toEqual({ ok: false, code: 'amount_too_small', param: 'amount', message });
  });

  it.each([
    [50, 'usd'],
    [50, 'jpy'],
    [30, 'gbp'],
    [200, 'aed'],
    [99_999_999, 'usd'],
    [999_999_999, 'inr'],
    [999_999_999_999, 'idr'],
    [1, 'kwd'],
  ])('accepts %i %s', (amount, currency) => {
    expect(checkChargeAmount(amount, currency)).toEqual({ ok: true });
  });

  it.each([
    [100_000_000, 'usd', 'Amount must be no more than $999,999.99'],
    [100_000_000, 'jpy', 'Amount must be no more than ¥99,999,999'],
    [1_000_000_000, 'inr', 'Amount must be no more than 9,999,999.99 inr'],
    [1_000_000_000_000, 'idr', 'Amount must be no more than 9,999,999,999.99 idr'],
  ])('refuses %i %s as too large', (amount, currency, message) => {
    expect(checkChargeAmount(amount, currency)).toEqual({ ok: false, code: 'amount_too_large', param: 'amount', message });
  });

  it('treats a non-integer amount as a programmer error', () => {
    expect(() => checkChargeAmount(0.5, 'usd')).toThrow();
  });
});

describe('formatAmount', () => {
  it.each([
    [123456, 'usd', '$1,234.56'],
    [5, 'usd', '$0.05'],
    [-50, 'usd', '-$0.50'],
    [50, 'jpy', '¥50'],
    [1234567, 'jpy', '¥1,234,567'],
    [1234, 'kwd', '1.234 kwd'],
    [5, 'bhd', '0.005 bhd'],
    [200, 'aed', '2.00 aed'],
    [1000, 'krw', '1,000 krw'],
  ])('formats %i %s as %s', (amount, currency, text) => {
    expect(formatAmount(amount, currency)).toBe(text);
  });
});
