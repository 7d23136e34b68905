// payment_method_options.card: requests merge over the current ones, '' unsets, and incremental
// authorization is available only when requested on a network that allows it.
import { describe, expect, it } from 'vitest';
import { incrementalAuthorizationAvailable, mergePaymentMethodOptions } from './card-options.js';

describe('mergePaymentMethodOptions', () => {
  it('leaves the options alone when none are given', () => {
    expect(mergePaymentMethodOptions({}, undefined)).toEqual({});
  });

  it('fills Stripe defaults around the first card request', () => {
    expect(mergePaymentMethodOptions({}, { card: { request_incremental_authorization: 'if_available' } })).toEqual({
      card: {
        installments: null,
        mandate_options: null,
        network: null,
        request_three_d_secure: 'automatic',
        request_incremental_authorization: 'if_available',
      },
    });
  });

  it('merges later requests over earlier ones and unsets one with an empty string', () => {
    const first = mergePaymentMethodOptions(
      {},
      { card: { request_incremental_authorization: 'if_available', request_overcapture: 'never' } },
    );
    const second = mergePaymentMethodOptions(first, { card: { request_incremental_authorization: '', request_three_d_secure: 'any' } });
    expect(second.card).toMatchObject({ request_overcapture: 'never', request_three_d_secure: 'any' });
    expect(second.card).not.toHaveProperty('request_incremental_authorization');
  });

  it('clears the card options with an empty card or an empty whole', () => {
    const set = mergePaymentMethodOptions({}, { card: { request_multicapture: 'if_available' } });
    expect(mergePaymentMethodOptions(set, { card: '' })).toEqual({});
    expect(mergePaymentMethodOptions(set, '')).toEqual({});
  });
});

describe('incrementalAuthorizationAvailable', () => {
  const requested = mergePaymentMethodOptions({}, { card: { request_incremental_authorization: 'if_available' } });
  it.each([
    ['visa', requested, true],
    ['mastercard', requested, true],
    ['jcb', requested, false],
    ['visa', mergePaymentMethodOptions({}, { card: { request_incremental_authorization: 'never' } }), false],
    ['visa', {}, false],
  ] as const)('%s with %j: %s', (brand, options, expected) => {
    expect(incrementalAuthorizationAvailable(options, brand)).toBe(expected);
  });
});
