import { describe, expect, it } from 'vitest';
import { maskKey, parseKey } from './api-keys.js';

describe('api keys', () => {
  it.each([
    ['sk_test_abcdefgh', { key_type: 'secret', livemode: false }],
    ['pk_live_abcdefgh1234', { key_type: 'publishable', livemode: true }],
    ['rk_test_abcdefgh', { key_type: 'restricted', livemode: false }],
    ['sk_test_short', null],
    ['xk_test_abcdefgh', null],
    ['sk_test_abc-defgh', null],
  ])('parses %s', (key, expected) => {
    expect(parseKey(key)).toEqual(expected);
  });

  it('masks all but the first 8 and last 4 characters, as Stripe shows them', () => {
    expect(maskKey('sk_test_abcdefghijkl1234')).toBe('sk_test_************1234');
    expect(maskKey('short')).toBe('*****');
  });
});
