// The card_error codes Tender's simulated network answers with, and Stripe's wording for each. One
// table per kind of error; http/error-envelope.ts (or the charge path) turns a CardError into the
// 402 envelope `{error:{type:'card_error', code, decline_code, param, message}}`.

/** Why the issuer (or Radar) refused a charge. Each code implies the top-level error `code`. */
export type Decline =
  | {
      code: 'card_declined';
      decline_code: 'generic_decline' | 'insufficient_funds' | 'lost_card' | 'stolen_card' | 'card_velocity_exceeded' | 'fraudulent';
    }
  | { code: 'expired_card'; decline_code: 'expired_card' }
  | { code: 'incorrect_cvc'; decline_code: 'incorrect_cvc' }
  | { code: 'processing_error'; decline_code: 'processing_error' };

export type DeclineCode = Decline['decline_code'];

/** Refusals of the card data itself, before any network call. */
export type CardDataErrorCode = 'incorrect_number' | 'invalid_number' | 'invalid_expiry_month' | 'invalid_expiry_year' | 'invalid_cvc';

export type CardErrorParam = 'number' | 'exp_month' | 'exp_year' | 'cvc';

export interface CardError {
  code: Decline['code'] | CardDataErrorCode;
  decline_code: DeclineCode | null;
  param: CardErrorParam | null;
  message: string;
}

/**
 * Stripe's messages per decline code. Confirmed against observed responses: generic_decline,
 * insufficient_funds, lost/stolen/fraudulent ("Your card was declined."), card_velocity_exceeded,
 * expired_card, incorrect_cvc, processing_error.
 */
export const decline_messages: Readonly<Record<DeclineCode, string>> = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  lost_card: 'Your card was declined.',
  stolen_card: 'Your card was declined.',
  card_velocity_exceeded: 'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.',
  fraudulent: 'Your card was declined.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
  processing_error: 'An error occurred while processing your card. Try again in a little bit.',
};

/** `param` Stripe sets on declines that point at a field; the others carry none. [inf for expired_card] */
const decline_params: Readonly<Partial<Record<DeclineCode, CardErrorParam>>> = {
  expired_card: 'exp_month',
  incorrect_cvc: 'cvc',
};

/**
 * Messages for invalid card data. `invalid_number` (not digits, or a length no card has) is
 * inferred wording; the other four are Stripe's observed messages.
 */
export const card_data_messages: Readonly<Record<CardDataErrorCode, { param: CardErrorParam; message: string }>> = {
  incorrect_number: { param: 'number', message: 'Your card number is incorrect.' },
  invalid_number: { param: 'number', message: 'Your card number is invalid.' },
  invalid_expiry_month: { param: 'exp_month', message: "Your card's expiration month is invalid." },
  invalid_expiry_year: { param: 'exp_year', message: "Your card's expiration year is invalid." },
  invalid_cvc: { param: 'cvc', message: "Your card's security code is invalid." },
};

/** The card_error a decline answers with, e.g. `declineError({code:'card_declined', decline_code:'insufficient_funds'})`. */
export function declineError(decline: Decline): CardError {
  return {
    code: decline.code,
    decline_code: decline.decline_code,
    param: decline_params[decline.decline_code] ?? null,
    message: decline_messages[decline.decline_code],
  };
}

/** The card_error for invalid card data, e.g. `cardDataError('invalid_cvc')`. */
export function cardDataError(code: CardDataErrorCode): CardError {
  const { param, message } = card_data_messages[code];
  return { code, decline_code: null, param, message };
}
