import { describe, expect, it } from 'vitest';
import { availableOn } from './availability.js';
import { deriveBalance } from './balance.js';
import { adjustmentEntry, chargeEntry, payoutEntry, refundEntry } from './balance-transaction.js';

const day = 86_400;
const t0 = Date.parse('2024-06-10T12:00:00Z') / 1000;
const options = { livemode: false, default_currency: 'usd' };
const line = (currency: string, amount: number) => ({ amount, currency, source_types: { card: amount } });

// usd: a T+2 charge (net 3213), an instant charge (net 67), a refund of 1000 on day 1;
// eur: a T+2 charge with a caller-given fee (net 950); jpy: an adjustment of -500 on day 3.
const entries = [
  chargeEntry({ id: 'txn_1', currency: 'usd', created: t0 }, { charge: 'ch_1', amount: 3_340, fee: 127, available_on: availableOn(t0) }),
  chargeEntry({ id: 'txn_2', currency: 'usd', created: t0 }, { charge: 'ch_2', amount: 100, fee: 33, available_on: t0 }),
  chargeEntry({ id: 'txn_3', currency: 'eur', created: t0 }, { charge: 'ch_3', amount: 1_000, fee: 50, available_on: availableOn(t0) }),
  refundEntry({ id: 'txn_4', currency: 'usd', created: t0 + day }, { refund: 're_1', amount: 1_000 }),
  adjustmentEntry({ id: 'txn_5', currency: 'jpy', created: t0 + 3 * day }, { amount: -500 }),
];

describe('deriveBalance', () => {
  it('shows the default currency at zero for an empty ledger', () => {
    expect(deriveBalance([], t0, options)).toEqual({
      object: 'balance',
      available: [line('usd', 0)],
      livemode: false,
      pending: [line('usd', 0)],
    });
  });

  it.each([
    {
      when: 'at creation: T+2 charges pending',
      now: t0,
      available: [line('eur', 0), line('usd', 67)],
      pending: [line('eur', 950), line('usd', 3_213)],
    },
    {
      when: 'day 1: the refund takes available negative',
      now: t0 + day,
      available: [line('eur', 0), line('usd', -933)],
      pending: [line('eur', 950), line('usd', 3_213)],
    },
    {
      when: 'one second before T+2 midnight',
      now: Date.parse('2024-06-12T00:00:00Z') / 1000 - 1,
      available: [line('eur', 0), line('usd', -933)],
      pending: [line('eur', 950), line('usd', 3_213)],
    },
    {
      when: 'at T+2 midnight: pending turns available',
      now: Date.parse('2024-06-12T00:00:00Z') / 1000,
      available: [line('eur', 950), line('usd', 2_280)],
      pending: [line('eur', 0), line('usd', 0)],
    },
    {
      when: 'day 3: a jpy adjustment appears, currencies sorted',
      now: t0 + 3 * day,
      available: [line('eur', 950), line('jpy', -500), line('usd', 2_280)],
      pending: [line('eur', 0), line('jpy', 0), line('usd', 0)],
    },
  ])('$when', ({ now, available, pending }) => {
    // Entries later than `now` would not be loaded by the store; the derivation takes what it is given.
    const visible = entries.filter((entry) => entry.created <= now);
    expect(deriveBalance(visible, now, options)).toEqual({ object: 'balance', available, livemode: false, pending });
  });

  it('derives the same balance whatever the entry order, and after a payout', () => {
    const now = t0 + 3 * day;
    const all = [...entries, payoutEntry({ id: 'txn_6', currency: 'usd', created: now }, { payout: 'po_1', amount: 2_280 })];
    const forward = deriveBalance(all, now, options);
    expect(deriveBalance([...all].reverse(), now, options)).toEqual(forward);
    expect(forward.available.find((l) => l.currency === 'usd')?.amount).toBe(0);
  });

  it('passes livemode through', () => {
    expect(deriveBalance([], t0, { livemode: true, default_currency: 'eur' })).toMatchObject({
      livemode: true,
      available: [line('eur', 0)],
    });
  });
});
