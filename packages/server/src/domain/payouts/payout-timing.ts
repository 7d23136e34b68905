// When a payout moves: submitted to the bank (pending -> in_transit), then arrived (paid or failed)
// at `arrival_date`. Stripe publishes no test-mode timing, so these are Tender's choices [inf]:
// standard payouts arrive at the start (00:00 UTC) of the next business day (Monday to Friday, no
// bank holidays) and are submitted an hour after creation, or at arrival if that comes first;
// instant payouts are submitted at once and arrive 30 minutes later, Stripe's stated typical time.
import { day_seconds, startOfDayUtc } from '../../ledger/availability.js';
import type { PayoutMethod } from '../bank-accounts/bank-account-model.js';

export const payout_submission_delay_seconds = 3600;
export const standard_payout_business_days = 1;
export const instant_payout_arrival_seconds = 1800;

/** 1970-01-01 was a Thursday: day index 0 is weekday 4 (0 = Sunday). */
const epoch_weekday = 4;

export interface PayoutSchedule {
  /** When the payout goes in_transit. */
  submitted_at: number;
  /** When it is paid (or fails); the object's `arrival_date`. */
  arrival_date: number;
}

/** Whether the UTC day containing `timestamp` is Monday to Friday. */
export function isBusinessDay(timestamp: number): boolean {
  const weekday = (((Math.floor(timestamp / day_seconds) + epoch_weekday) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
}

/** 00:00 UTC of the `count`-th business day after the day containing `timestamp`. */
export function businessDaysAfter(timestamp: number, count: number): number {
  let day = startOfDayUtc(timestamp);
  for (let passed = 0; passed < count;) {
    day += day_seconds;
    if (isBusinessDay(day)) passed += 1;
  }
  return day;
}

/**
 * @example payoutSchedule(created, 'standard') // { submitted_at: created + 3600, arrival_date: next business day 00:00 UTC }
 */
export function payoutSchedule(created: number, method: PayoutMethod): PayoutSchedule {
  if (method === 'instant') return { submitted_at: created, arrival_date: created + instant_payout_arrival_seconds };
  const arrival_date = businessDaysAfter(created, standard_payout_business_days);
  return { submitted_at: Math.min(created + payout_submission_delay_seconds, arrival_date), arrival_date };
}
