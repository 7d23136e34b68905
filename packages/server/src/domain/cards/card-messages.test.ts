import { describe, expect, it } from 'vitest';
import { cardDataError, declineError } from './card-messages.js';

describe('card messages', () => {
  it.each([
    ['card_declined', 'generic_decline', null, 'Your card was declined.'],
    ['card_declined', 'insufficient_funds', null, 'Your card has insufficient funds.'],
    ['card_declined', 'lost_card', null, 'Your card was declined.'],
    ['card_declined', 'stolen_card', null, 'Your card was declined.'],
    ['card_declined', 'fraudulent', null, 'Your card was declined.'],
    [
      'card_declined',
      'card_velocity_exceeded',
      null,
      'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.',
    ],
    ['expired_card', 'expired_card', 'exp_month', 'Your card has expired.'],
    ['incorrect_cvc', 'incorrect_cvc', 'cvc', "Your card's security code is incorrect."],
    ['processing_error', 'processing_error', null, 'An error occurred while processing your card. Try again in a little bit.'],
  ] as const)('%s / %s answers %j', (code, decline_code, param, message) => {
    expect(declineError({ code, decline_code } as Parameters<typeof declineError>[0])).toEqual({ code, decline_code, param, message });
  });

  it.each([
    ['incorrect_number', 'number', 'Your card number is incorrect.'],
    ['invalid_number', 'number', 'Your card number is invalid.'],
    ['invalid_expiry_month', 'exp_month', "Your card's expiration month is invalid."],
    ['invalid_expiry_year', 'exp_year', "Your card's expiration year is invalid."],
    ['invalid_cvc', 'cvc', "Your card's security code is invalid."],
  ] as const)('%s points at %s', (code, param, message) => {
    expect(cardDataError(code)).toEqual({ code, decline_code: null, param, message });
  });
});
