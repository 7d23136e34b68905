// When a charge's funds move from pending to available. Standard US card funds settle at the start of
// the UTC day two days after the charge (T+2) [inferred, contract §6]; `bypassPending` (test cards
// such as 4000000000000077) makes them available at once. Status is never stored as a truth: it is a
// function of `available_on` and the injected `now`.
import { assertSafeInteger } from './assert.js';
import type { BalanceTransaction, BalanceTransactionStatus } from './balance-transaction.js';

export const day_seconds = 86_400;
export const standard_delay_days = 2;

/** Midnight UTC of the day containing `timestamp` (Unix seconds; no leap seconds, so exact). */
export function startOfDayUtc(timestamp: number): number {
  assertSafeInteger(timestamp, 'timestamp');
  const into_day = ((timestamp % day_seconds) + day_seconds) % day_seconds;
  return timestamp - into_day;
}

/**
 * @example availableOn(created) // start of day UTC of created, plus 2 days
 * @example availableOn(created, { bypass_pending: true }) // created
 */
export function availableOn(created: number, options: { bypass_pending?: boolean; delay_days?: number } = {}): number {
  assertSafeInteger(created, 'created');
  if (options.bypass_pending === true) return created;
  const delay_days = options.delay_days ?? standard_delay_days;
  assertSafeInteger(delay_days, 'delay_days');
  return startOfDayUtc(created) + delay_days * day_seconds;
}

export function statusAt(entry: Pick<BalanceTransaction, 'available_on'>, now: number): BalanceTransactionStatus {
  assertSafeInteger(now, 'now');
  return now >= entry.available_on ? 'available' : 'pending';
}

/** The entry as a reader sees it at `now`; the stored entry is not touched. */
export function balanceTransactionAt(entry: BalanceTransaction, now: number): BalanceTransaction {
  const status = statusAt(entry, now);
  return status === entry.status ? entry : { ...entry, status };
}
