// Turns what a caller gives for a card (a magic `pm_card_*` / `tok_*` id, or raw card details) into
// the facts the simulated network works with. The full number never leaves this function: the result
// carries brand, last4 and a keyed fingerprint only. A Luhn-valid number outside the catalogue is a
// plain approved card of its brand, as in Stripe test mode.
import type { CardError } from './card-messages.js';
import { type CardBrand, cardFingerprint, checkCardNumber, checkCvc, checkExpiry, detectBrand, lastFour } from './card-number.js';
import { type CardBehaviour, type Funding, findTestCardByMagicId, findTestCardByNumber } from './test-card-catalogue.js';

export type CardInput =
  { kind: 'magic_id'; id: string } | { kind: 'raw'; number: string; exp_month: number; exp_year: number; cvc?: string };

export interface CardContext {
  /** Unix seconds, UTC. */
  now: number;
  /** Per-account secret for `fingerprint`. */
  fingerprint_key: string;
}

export interface ResolvedCard {
  brand: CardBrand;
  funding: Funding;
  country: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
  behaviour: CardBehaviour;
}

export type ResolveCardFailure =
  | { kind: 'card_error'; error: CardError }
  /** Looks like a magic id but names no test card; the caller answers resource_missing. */
  | { kind: 'unknown_magic_id'; id: string };

export type ResolveCardResult = { ok: true; card: ResolvedCard } | { ok: false; failure: ResolveCardFailure };

/** Cards outside the catalogue: Stripe test mode treats them as US credit cards [inf for funding/country]. */
const default_funding: Funding = 'credit';
const default_country = 'US';

/**
 * Resolve a card, e.g. `resolveCard({kind:'magic_id', id:'pm_card_visa'}, {now, fingerprint_key})`.
 * Magic ids get an expiry one year from `now` [inf: Stripe shows a future date].
 */
export function resolveCard(input: CardInput, context: CardContext): ResolveCardResult {
  return input.kind === 'magic_id' ? resolveMagicId(input.id, context) : resolveRawCard(input, context);
}

function resolveMagicId(id: string, context: CardContext): ResolveCardResult {
  const test_card = findTestCardByMagicId(id);
  if (test_card === null) return { ok: false, failure: { kind: 'unknown_magic_id', id } };
  const today = new Date(context.now * 1000);
  return {
    ok: true,
    card: {
      brand: test_card.brand,
      funding: test_card.funding,
      country: test_card.country,
      last4: lastFour(test_card.number),
      exp_month: today.getUTCMonth() + 1,
      exp_year: today.getUTCFullYear() + 1,
      fingerprint: magicFingerprint(test_card.number, context.fingerprint_key),
      behaviour: test_card.behaviour,
    },
  };
}

/** Fingerprints of the catalogue's public test numbers, per account key; raw numbers are never kept. */
const magic_fingerprints = new Map<string, string>();
const magic_fingerprints_max = 4096;

/** A magic id's fingerprint is an HMAC of a public test number: worth computing once per account. */
function magicFingerprint(number: string, fingerprint_key: string): string {
  const key = `${fingerprint_key}\u0000${number}`;
  let fingerprint = magic_fingerprints.get(key);
  if (fingerprint === undefined) {
    fingerprint = cardFingerprint(number, fingerprint_key);
    if (magic_fingerprints.size >= magic_fingerprints_max) magic_fingerprints.clear();
    magic_fingerprints.set(key, fingerprint);
  }
  return fingerprint;
}

function resolveRawCard(input: Extract<CardInput, { kind: 'raw' }>, context: CardContext): ResolveCardResult {
  const brand = detectBrand(input.number);
  const error = checkCardNumber(input.number) ?? checkExpiry(input.exp_month, input.exp_year, context.now) ?? checkCvc(input.cvc, brand);
  if (error !== null) return { ok: false, failure: { kind: 'card_error', error } };
  const test_card = findTestCardByNumber(input.number);
  return {
    ok: true,
    card: {
      brand,
      funding: test_card?.funding ?? default_funding,
      country: test_card?.country ?? default_country,
      last4: lastFour(input.number),
      exp_month: input.exp_month,
      exp_year: input.exp_year,
      fingerprint: cardFingerprint(input.number, context.fingerprint_key),
      behaviour: test_card?.behaviour ?? { kind: 'approve' },
    },
  };
}
