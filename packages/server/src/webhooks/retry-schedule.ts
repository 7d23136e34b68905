// When a failed delivery is tried again: exponential backoff with jitter, for up to three days after
// the event (Stripe's live-mode window, contract §7), then the delivery is given up. `scale` shrinks
// every delay and the window alike, so tests and developers can watch the whole schedule in seconds.

/** The first retry waits about this long; each later one twice as long as the one before. */
export const webhook_retry_base_ms = 60_000;
/** No single wait is longer than this. */
export const webhook_retry_delay_ms_max = 12 * 60 * 60 * 1000;
/** Deliveries are retried until this long after the event, then given up. */
export const webhook_retry_window_ms = 3 * 24 * 60 * 60 * 1000;

export interface RetryPolicy {
  /** 1 is Stripe's schedule; 0.001 turns a minute into 60 ms. */
  scale: number;
}

/**
 * The time of the next attempt after `attempts` failed ones, or null when the window is over.
 * `random` is in [0, 1): the wait is between half and all of the backoff, so retries of many
 * deliveries to one recovering endpoint spread out.
 * @example nextAttemptMs({ scale: 1 }, 1, created_ms, now_ms, 0.5) // now + 45 s
 */
export function nextAttemptMs(policy: RetryPolicy, attempts: number, created_ms: number, now_ms: number, random: number): number | null {
  if (attempts < 1) throw new Error('invariant: a retry follows at least one attempt');
  const backoff = Math.min(webhook_retry_base_ms * 2 ** (attempts - 1), webhook_retry_delay_ms_max) * policy.scale;
  const next = now_ms + Math.max(1, Math.round(backoff * (0.5 + random / 2)));
  return next - created_ms > webhook_retry_window_ms * policy.scale ? null : next;
}
