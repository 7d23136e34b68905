import { describe, expect, it } from 'vitest';
import { retryDelayMs, shouldRetry, type AttemptOutcome } from './retry.js';

const response = (statusCode: number, shouldRetryHeader?: string, errorCode?: string): AttemptOutcome => ({
  kind: 'response',
  statusCode,
  shouldRetryHeader,
  errorCode,
});
const network = (code: string): AttemptOutcome => ({ kind: 'network', code });

describe('shouldRetry', () => {
  it.each([
    ['500', response(500), true],
    ['503', response(503), true],
    ['409', response(409), true],
    ['plain 429', response(429, undefined, 'rate_limit'), false],
    ['429 lock_timeout', response(429, undefined, 'lock_timeout'), true],
    ['400', response(400), false],
    ['404', response(404), false],
    ['500 with Stripe-Should-Retry: false', response(500, 'false'), false],
    ['400 with Stripe-Should-Retry: true', response(400, 'true'), true],
    ['429 lock_timeout with Stripe-Should-Retry: false', response(429, 'false', 'lock_timeout'), false],
    ['timeout', network('ETIMEDOUT'), true],
    ['refused', network('ECONNREFUSED'), true],
    ['certificate error', network('CERT_HAS_EXPIRED'), false],
    ['TLS error', network('ERR_TLS_CERT_ALTNAME_INVALID'), false],
    ['self-signed', network('DEPTH_ZERO_SELF_SIGNED_CERT'), false],
    ['caller abort', network('EABORTED'), false],
  ])('%s → %s with retries left', (_name, outcome, expected) => {
    expect(shouldRetry(outcome, 0, 2)).toBe(expected);
  });

  it('stops once the retries are used up', () => {
    expect(shouldRetry(response(500), 1, 2)).toBe(true);
    expect(shouldRetry(response(500), 2, 2)).toBe(false);
    expect(shouldRetry(network('ETIMEDOUT'), 2, 2)).toBe(false);
  });

  it('retries a reset or broken connection once on the first attempt even with retries off', () => {
    expect(shouldRetry(network('ECONNRESET'), 0, 0)).toBe(true);
    expect(shouldRetry(network('EPIPE'), 0, 0)).toBe(true);
    expect(shouldRetry(network('ECONNRESET'), 1, 0)).toBe(false);
    expect(shouldRetry(network('ETIMEDOUT'), 0, 0)).toBe(false);
    expect(shouldRetry(response(500), 0, 0)).toBe(false);
  });
});

describe('retryDelayMs', () => {
  const range = (retry: number): [number, number] => [retryDelayMs(retry, 0), retryDelayMs(retry, 0.999_999)];

  it('follows the documented ranges', () => {
    expect(range(1)).toEqual([500, 500]);
    expect(range(2)[0]).toBe(500);
    expect(range(2)[1]).toBeCloseTo(1_000, 0);
    expect(range(3)[0]).toBe(1_000);
    expect(range(3)[1]).toBeCloseTo(2_000, 0);
    expect(range(4)[0]).toBe(2_000);
    expect(range(4)[1]).toBeCloseTo(4_000, 0);
    expect(range(5)[0]).toBe(2_500);
    expect(range(5)[1]).toBeCloseTo(5_000, 0);
    expect(range(9)[0]).toBe(2_500);
    expect(range(9)[1]).toBeCloseTo(5_000, 0);
  });

  it('never goes below the floor or above the ceiling', () => {
    for (let retry = 1; retry <= 12; retry += 1) {
      for (const random of [0, 0.25, 0.5, 0.75, 0.999]) {
        const delay = retryDelayMs(retry, random);
        expect(delay).toBeGreaterThanOrEqual(500);
        expect(delay).toBeLessThan(5_000);
      }
    }
  });
});
