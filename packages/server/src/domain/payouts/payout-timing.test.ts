import { describe, expect, it } from 'vitest';
import {
  businessDaysAfter,
  instant_payout_arrival_seconds,
  isBusinessDay,
  payout_submission_delay_seconds,
  payoutSchedule,
} from './payout-timing.js';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('payout timing', () => {
  it('knows weekdays from weekends in UTC', () => {
    expect(isBusinessDay(at('2026-01-16T23:59:59Z'))).toBe(true); // Friday
    expect(isBusinessDay(at('2026-01-17T00:00:00Z'))).toBe(false); // Saturday
    expect(isBusinessDay(at('2026-01-18T12:00:00Z'))).toBe(false); // Sunday
    expect(isBusinessDay(at('2026-01-19T00:00:00Z'))).toBe(true); // Monday
  });

  it.each([
    ['a Thursday', '2026-01-15T12:00:00Z', '2026-01-16T00:00:00Z'],
    ['a Friday', '2026-01-16T12:00:00Z', '2026-01-19T00:00:00Z'],
    ['a Saturday', '2026-01-17T12:00:00Z', '2026-01-19T00:00:00Z'],
    ['a Sunday', '2026-01-18T12:00:00Z', '2026-01-19T00:00:00Z'],
  ])('lands a standard payout made on %s at the next business day', (_day, created, arrival) => {
    expect(businessDaysAfter(at(created), 1)).toBe(at(arrival));
    expect(payoutSchedule(at(created), 'standard')).toEqual({
      submitted_at: at(created) + payout_submission_delay_seconds,
      arrival_date: at(arrival),
    });
  });

  it('never submits a standard payout after it arrives', () => {
    const late = at('2026-01-15T23:30:00Z');
    expect(payoutSchedule(late, 'standard')).toEqual({
      submitted_at: at('2026-01-16T00:00:00Z'),
      arrival_date: at('2026-01-16T00:00:00Z'),
    });
  });

  it('submits an instant payout at once and lands it 30 minutes later', () => {
    const created = at('2026-01-17T12:00:00Z');
    expect(payoutSchedule(created, 'instant')).toEqual({ submitted_at: created, arrival_date: created + instant_payout_arrival_seconds });
  });
});
