// The Balance object, derived from the entries at `now`: never a counter. Each entry's `net` lands in
// `available` once `now` reaches its `available_on`, in `pending` before. Every currency seen appears
// in both lists (amount 0 when empty), sorted; balances may go negative. `connect_reserved` and
// `instant_available` are optional in Stripe's spec and omitted here.
import { assertSafeInteger } from './assert.js';
import { statusAt } from './availability.js';
import type { BalanceTransaction } from './balance-transaction.js';

export interface BalanceAmount {
  amount: number;
  currency: string;
  source_types: { card: number };
}

export interface Balance {
  object: 'balance';
  available: BalanceAmount[];
  livemode: boolean;
  pending: BalanceAmount[];
}

export interface BalanceOptions {
  livemode: boolean;
  /** Shown with amount 0 when the ledger is empty, as Stripe shows the account's default currency. */
  default_currency: string;
}

/**
 * @example deriveBalance(entries, now, { livemode: false, default_currency: 'usd' })
 */
export function deriveBalance(entries: readonly BalanceTransaction[], now: number, options: BalanceOptions): Balance {
  assertSafeInteger(now, 'now');
  const totals = new Map<string, { available: number; pending: number }>();
  totals.set(options.default_currency, { available: 0, pending: 0 });
  for (const entry of entries) {
    assertSafeInteger(entry.net, `net of ${entry.id}`);
    const total = totals.get(entry.currency) ?? { available: 0, pending: 0 };
    if (statusAt(entry, now) === 'available') total.available += entry.net;
    else total.pending += entry.net;
    assertSafeInteger(total.available, `available ${entry.currency}`);
    assertSafeInteger(total.pending, `pending ${entry.currency}`);
    totals.set(entry.currency, total);
  }
  const currencies = [...totals.keys()].sort();
  // All funds in this ledger come from cards today, so the whole amount is attributed to `card`.
  const amounts = (pick: 'available' | 'pending'): BalanceAmount[] =>
    currencies.map((currency) => {
      const amount = totals.get(currency)?.[pick] ?? 0;
      return { amount, currency, source_types: { card: amount } };
    });
  return { object: 'balance', available: amounts('available'), livemode: options.livemode, pending: amounts('pending') };
}
