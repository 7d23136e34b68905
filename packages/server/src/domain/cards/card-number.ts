// Card data checks that hold for any number, not only the test catalogue: Luhn, brand from the
// prefix, last4, a keyed fingerprint, expiry and CVC. Pure: "now" and the fingerprint key are passed
// in. Nothing here returns or stores the full number except the fingerprint input to the HMAC.
import { createHmac } from 'node:crypto';
import { type CardError, cardDataError } from './card-messages.js';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

/** Card numbers are 12 to 19 digits (ISO/IEC 7812); Stripe's shortest test card is 14 (Diners). */
export const card_number_digits_min = 12;
export const card_number_digits_max = 19;
export const fingerprint_length = 16;

const digits_only = /^[0-9]+$/;

/** True when `number` is all digits and its Luhn (mod 10) checksum holds. */
export function passesLuhn(number: string): boolean {
  if (!digits_only.test(number)) return false;
  let sum = 0;
  for (let index = 0; index < number.length; index++) {
    let digit = number.charCodeAt(number.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Prefix ranges, checked in order; the first match wins (UnionPay's 62 before Discover's 6). */
const brand_prefixes: readonly { brand: CardBrand; matches: (number: string) => boolean }[] = [
  { brand: 'amex', matches: (n) => /^3[47]/.test(n) },
  { brand: 'diners', matches: (n) => /^3(0[0-5]|095|6|[89])/.test(n) },
  { brand: 'jcb', matches: (n) => inRange(n, 4, 3528, 3589) },
  { brand: 'visa', matches: (n) => n.startsWith('4') },
  { brand: 'mastercard', matches: (n) => inRange(n, 2, 51, 55) || inRange(n, 4, 2221, 2720) },
  { brand: 'unionpay', matches: (n) => /^(62|81)/.test(n) },
  { brand: 'discover', matches: (n) => /^(6011|64[4-9]|65)/.test(n) },
];

function inRange(number: string, length: number, low: number, high: number): boolean {
  if (number.length < length) return false;
  const prefix = Number(number.slice(0, length));
  return prefix >= low && prefix <= high;
}

/** The brand a number's prefix belongs to, e.g. `detectBrand('4242424242424242') === 'visa'`. */
export function detectBrand(number: string): CardBrand {
  return brand_prefixes.find((entry) => entry.matches(number))?.brand ?? 'unknown';
}

export function lastFour(number: string): string {
  return number.slice(-4);
}

const base62_alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Stripe-like `card.fingerprint`: the same number gives the same value under the same key (one key
 * per account), and the number cannot be recovered from it. 16 base62 characters of HMAC-SHA256.
 */
export function cardFingerprint(number: string, fingerprint_key: string): string {
  if (fingerprint_key.length === 0) throw new Error('cardFingerprint: the fingerprint key must not be empty');
  let value = BigInt(`0x${createHmac('sha256', fingerprint_key).update(number).digest('hex')}`);
  let fingerprint = '';
  for (let index = 0; index < fingerprint_length; index++) {
    fingerprint += base62_alphabet[Number(value % 62n)];
    value /= 62n;
  }
  return fingerprint;
}

/** `invalid_number` when it cannot be a card number at all, `incorrect_number` when Luhn fails. */
export function checkCardNumber(number: string): CardError | null {
  if (!digits_only.test(number) || number.length < card_number_digits_min || number.length > card_number_digits_max) {
    return cardDataError('invalid_number');
  }
  return passesLuhn(number) ? null : cardDataError('incorrect_number');
}

/**
 * Month outside 1-12 → `invalid_expiry_month`; a year before the current one → `invalid_expiry_year`;
 * a month already past in the current year → `invalid_expiry_month` [inf]. `now` is unix seconds, UTC.
 */
export function checkExpiry(exp_month: number, exp_year: number, now: number): CardError | null {
  if (!Number.isInteger(exp_month) || exp_month < 1 || exp_month > 12) return cardDataError('invalid_expiry_month');
  const today = new Date(now * 1000);
  const current_year = today.getUTCFullYear();
  if (!Number.isInteger(exp_year) || exp_year < current_year) return cardDataError('invalid_expiry_year');
  if (exp_year === current_year && exp_month < today.getUTCMonth() + 1) return cardDataError('invalid_expiry_month');
  return null;
}

/** No CVC is fine (the check is skipped). Amex takes 4 digits, known brands 3, unknown brands 3 or 4. */
export function checkCvc(cvc: string | undefined, brand: CardBrand): CardError | null {
  if (cvc === undefined) return null;
  const pattern = brand === 'amex' ? /^[0-9]{4}$/ : brand === 'unknown' ? /^[0-9]{3,4}$/ : /^[0-9]{3}$/;
  return pattern.test(cvc) ? null : cardDataError('invalid_cvc');
}
