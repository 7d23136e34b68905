import { describe, expect, it } from 'vitest';
import { availableOn, balanceTransactionAt, startOfDayUtc, statusAt } from './availability.js';
import { chargeEntry } from './balance-transaction.js';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('availableOn', () => {
  it.each([
    ['mid-day', '2024-03-05T15:42:10Z', '2024-03-07T00:00:00Z'],
    ['midnight exactly', '2024-03-05T00:00:00Z', '2024-03-07T00:00:00Z'],
    ['last second of a day', '2024-03-05T23:59:59Z', '2024-03-07T00:00:00Z'],
    ['month end (30 days)', '2024-04-29T10:00:00Z', '2024-05-01T00:00:00Z'],
    ['leap day', '2024-02-28T10:00:00Z', '2024-03-01T00:00:00Z'],
    ['non-leap February', '2023-02-27T10:00:00Z', '2023-03-01T00:00:00Z'],
    ['year end', '2024-12-30T18:00:00Z', '2025-01-01T00:00:00Z'],
    ['last day of the year', '2024-12-31T23:59:59Z', '2025-01-02T00:00:00Z'],
  ])('T+2 at start of day UTC: %s', (_name, created, expected) => {
    expect(availableOn(at(created))).toBe(at(expected));
  });

  it('is immediate with bypass_pending', () => {
    expect(availableOn(at('2024-03-05T15:42:10Z'), { bypass_pending: true })).toBe(at('2024-03-05T15:42:10Z'));
  });

  it('takes another delay in days', () => {
    expect(availableOn(at('2024-03-05T15:42:10Z'), { delay_days: 7 })).toBe(at('2024-03-12T00:00:00Z'));
  });

  it('finds the start of a UTC day, before 1970 too', () => {
    expect(startOfDayUtc(at('1969-12-31T12:00:00Z'))).toBe(at('1969-12-31T00:00:00Z'));
  });
});

describe('statusAt', () => {
  const created = at('2024-12-31T08:00:00Z');
  const entry = chargeEntry(
    { id: 'txn_1', currency: 'usd', created },
    { charge: 'ch_1', amount: 1_000, fee: 59, available_on: availableOn(created) },
  );

  it.each([
    [created, 'pending'],
    [at('2025-01-01T23:59:59Z'), 'pending'],
    [at('2025-01-02T00:00:00Z'), 'available'],
    [at('2025-06-01T00:00:00Z'), 'available'],
  ])('at %i the entry is %s', (now, status) => {
    expect(statusAt(entry, now)).toBe(status);
    expect(balanceTransactionAt(entry, now).status).toBe(status);
  });

  it('presents a copy and leaves the stored entry alone', () => {
    const later = balanceTransactionAt(entry, at('2025-01-02T00:00:00Z'));
    expect(later).not.toBe(entry);
    expect(entry.status).toBe('pending');
    expect(balanceTransactionAt(entry, created)).toBe(entry);
  });
});
