// Stripe's test-mode pricing (standard US pricing): 2.9% + 30¢ per successful domestic card charge,
// rounded half-up [observed: 65400→1927, 3340→127, 100→33]. Cards from outside the account's country
// pay 1.5% more [inferred, contract §6]. Integers only: rates are in basis points (1/10,000).
import { assert, assertSafeInteger } from './assert.js';

export const domestic_card_rate_bps = 290;
/** [inferred] Stripe's published cross-border surcharge; not yet observed in test mode. */
export const cross_border_rate_bps = 150;
const bps_denominator = 10_000;

/**
 * The fixed part of the fee, in the minor unit of the charge currency. Only USD is observed; for any
 * other currency (including zero-decimal ones such as JPY, whose fixed part is in whole yen) the caller
 * passes `fixed_fee` explicitly until the value is confirmed.
 */
export const fixed_fee_by_currency: Readonly<Record<string, number>> = { usd: 30 };

export function fixedFeeFor(currency: string): number | null {
  return fixed_fee_by_currency[currency] ?? null;
}

/** [inf] The fixed part outside USD is unconfirmed; Tender charges 30 minor units of any other currency. */
export const fixed_fee_fallback = 30;

/** `numerator / denominator` rounded half-up, for non-negative safe integers, without floats. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  assertSafeInteger(numerator, 'numerator');
  assertSafeInteger(denominator, 'denominator');
  assert(numerator >= 0 && denominator > 0, 'divideRoundHalfUp takes a non-negative numerator and a positive denominator');
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator; // exact: an exact multiple divided
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

export interface CardFeeParams {
  amount: number;
  currency: string;
  /** ISO country of the card's issuer, from the test card catalogue. */
  card_country: string;
  /** The account's country; Tender's test accounts are US. */
  account_country?: string;
  /** Required when `currency` has no entry in `fixed_fee_by_currency`. */
  fixed_fee?: number;
}

/**
 * Stripe's processing fee for one successful card charge, in the charge's minor unit.
 * @example stripeCardFee({ amount: 3340, currency: 'usd', card_country: 'US' }) // 127
 */
export function stripeCardFee(params: CardFeeParams): number {
  assertSafeInteger(params.amount, 'amount');
  assert(params.amount > 0, `a fee is charged on a positive amount, got ${params.amount}`);
  const fixed = params.fixed_fee ?? fixedFeeFor(params.currency);
  assert(fixed !== null, `no fixed fee known for ${params.currency}: pass fixed_fee`);
  assertSafeInteger(fixed, 'fixed_fee');
  const cross_border = params.card_country.toUpperCase() !== (params.account_country ?? 'US').toUpperCase();
  const rate_bps = domestic_card_rate_bps + (cross_border ? cross_border_rate_bps : 0);
  const fee = divideRoundHalfUp(params.amount * rate_bps, bps_denominator) + fixed;
  assertSafeInteger(fee, 'fee');
  return fee;
}

/**
 * The fee Tender books on a card charge in any currency: Stripe's, with the fixed part from
 * `fixed_fee_by_currency` or else `fixed_fee_fallback`. Direct charges and PaymentIntents both use it.
 * @example cardFee(3340, 'usd', 'US') // 127
 */
export function cardFee(amount: number, currency: string, card_country: string): number {
  return stripeCardFee({ amount, currency, card_country, fixed_fee: fixedFeeFor(currency) ?? fixed_fee_fallback });
}
