// When to retry and how long to wait. The decision follows stripe-node's order, plus the
// lock_timeout rule Ruby, PHP and Go have: a reset connection on the first attempt is retried even
// with retries off (keep-alive sockets frozen by serverless hosts), TLS failures never are, and the
// server's Stripe-Should-Retry header beats the status code. Pure functions: no clock, no random.

/** Retries unless the client or request says otherwise. */
export const DEFAULT_NETWORK_RETRIES_COUNT = 2;
/** Upper bound on `maxNetworkRetries`, so a typo can't turn one call into minutes of retrying. */
export const NETWORK_RETRIES_MAX_COUNT = 10;
/** First backoff step; each later one doubles. */
export const RETRY_DELAY_INITIAL_MS = 500;
/** Ceiling on the doubling. */
export const RETRY_DELAY_MAX_MS = 5_000;
/** Floor applied after jitter. */
export const RETRY_DELAY_MIN_MS = 500;

/** Codes for a connection the peer closed under us; retried once even with retries off. */
const CONNECTION_CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** The outcome of one attempt, reduced to what the decision needs. */
export type AttemptOutcome =
  | { kind: 'network'; code: string }
  | { kind: 'response'; statusCode: number; shouldRetryHeader: string | undefined; errorCode: string | undefined };

/** True for certificate and handshake failures, which no retry can fix. */
export function isTlsErrorCode(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH/.test(code);
}

/**
 * Decides whether to send another attempt.
 *
 * @param retriesDone retries already sent (0 after the first attempt)
 * @example
 * shouldRetry({ kind: 'response', statusCode: 503, shouldRetryHeader: undefined, errorCode: undefined }, 0, 2); // true
 */
export function shouldRetry(outcome: AttemptOutcome, retriesDone: number, maxNetworkRetries: number): boolean {
  if (outcome.kind === 'network' && outcome.code === 'EABORTED') return false;
  if (outcome.kind === 'network' && retriesDone === 0 && CONNECTION_CLOSED_CODES.has(outcome.code)) return true;
  if (retriesDone >= maxNetworkRetries) return false;
  if (outcome.kind === 'network') return !isTlsErrorCode(outcome.code);
  if (outcome.shouldRetryHeader === 'false') return false;
  if (outcome.shouldRetryHeader === 'true') return true;
  if (outcome.statusCode === 409) return true;
  if (outcome.statusCode >= 500) return true;
  return outcome.statusCode === 429 && outcome.errorCode === 'lock_timeout';
}

/**
 * Backoff before retry number `retryNumber` (1-based): `min(0.5 s * 2^(n-1), 5 s)`, scaled by a
 * jitter in [0.5, 1), floored at 0.5 s.
 *
 * @param random a float in [0, 1)
 * @example
 * retryDelayMs(3, 0.5); // 1500
 */
export function retryDelayMs(retryNumber: number, random: number): number {
  const exponent = Math.max(0, retryNumber - 1);
  const unjittered = Math.min(RETRY_DELAY_INITIAL_MS * 2 ** exponent, RETRY_DELAY_MAX_MS);
  const jittered = unjittered * 0.5 * (1 + random);
  return Math.max(RETRY_DELAY_MIN_MS, jittered);
}
