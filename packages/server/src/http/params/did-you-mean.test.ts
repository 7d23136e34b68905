import { describe, expect, it } from 'vitest';
import { jaroWinkler, levenshtein, suggestName } from './did-you-mean.js';

const customerParams = ['address', 'balance', 'description', 'email', 'metadata', 'name', 'phone', 'shipping', 'source', 'tax_exempt'];
const priceParams = ['currency', 'product', 'recurring', 'unit_amount', 'unit_amount_decimal', 'tiers', 'tiers_mode'];

describe('suggestName', () => {
  it.each([
    // The one suggestion seen from Stripe itself: a stray quote.
    { input: '"recurring', candidates: priceParams, expected: 'recurring' },
    { input: 'emial', candidates: customerParams, expected: 'email' },
    { input: 'descripton', candidates: customerParams, expected: 'description' },
    { input: 'Email', candidates: customerParams, expected: 'email' },
    { input: 'unit_ammount', candidates: priceParams, expected: 'unit_amount' },
    { input: 'tier', candidates: priceParams, expected: 'tiers' },
    { input: 'customer', candidates: customerParams, expected: null },
    { input: 'zz', candidates: customerParams, expected: null },
    { input: 'email', candidates: ['email'], expected: null },
  ])('$input → $expected', ({ input, candidates, expected }) => {
    expect(suggestName(input, candidates)).toBe(expected);
  });
});

describe('string distances', () => {
  it.each([
    { first: 'kitten', second: 'sitting', edits: 3 },
    { first: '', second: 'abc', edits: 3 },
    { first: 'amount', second: 'amount', edits: 0 },
  ])('levenshtein($first, $second) = $edits', ({ first, second, edits }) => {
    expect(levenshtein(first, second)).toBe(edits);
  });

  it('scores Jaro-Winkler like the textbook examples', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});
