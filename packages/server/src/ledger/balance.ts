// The Balance object, never a counter: per currency, the `net` of the entries whose `available_on` has
// come lands in `available`, the rest in `pending`. The store sums those per currency in SQL
// (balanceFromTotals shapes its answer); deriveBalance re-sums parsed entries from scratch, for
// verify-ledger and tests. Every currency seen appears in both lists (amount 0 when empty), sorted;
// balances may go negative. `connect_reserved` and `instant_available` are optional in Stripe's spec
// and omitted here.
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

/** One currency's sums of `net` at some `now`: entries available by then, and those still pending. */
export interface CurrencyTotals {
  currency: string;
  available: number;
  pending: number;
}

/**
 * The Balance from per-currency totals (the store's SUM, or deriveBalance's own).
 * @example balanceFromTotals([{ currency: 'usd', available: 1000, pending: 3213 }], { livemode: false, default_currency: 'usd' })
 */
export function balanceFromTotals(totals: readonly CurrencyTotals[], options: BalanceOptions): Balance {
  const by_currency = new Map<string, CurrencyTotals>();
  by_currency.set(options.default_currency, { currency: options.default_currency, available: 0, pending: 0 });
  for (const line of totals) {
    assertSafeInteger(line.available, `available ${line.currency}`);
    assertSafeInteger(line.pending, `pending ${line.currency}`);
    by_currency.set(line.currency, line);
  }
  const currencies = [...by_currency.keys()].sort();
  // All funds in this ledger come from cards today, so the whole amount is attributed to `card`.
  const amounts = (pick: 'available' | 'pending'): BalanceAmount[] =>
    currencies.map((currency) => {
      const amount = by_currency.get(currency)?.[pick] ?? 0;
      return { amount, currency, source_types: { card: amount } };
    });
  return { object: 'balance', available: amounts('available'), livemode: options.livemode, pending: amounts('pending') };
}

/**
 * @example deriveBalance(entries, now, { livemode: false, default_currency: 'usd' })
 */
export function deriveBalance(entries: readonly BalanceTransaction[], now: number, options: BalanceOptions): Balance {
  assertSafeInteger(now, 'now');
  const totals = new Map<string, CurrencyTotals>();
  for (const entry of entries) {
    assertSafeInteger(entry.net, `net of ${entry.id}`);
    const total = totals.get(entry.currency) ?? { currency: entry.currency, available: 0, pending: 0 };
    if (statusAt(entry, now) === 'available') total.available += entry.net;
    else total.pending += entry.net;
    assertSafeInteger(total.available, `available ${entry.currency}`);
    assertSafeInteger(total.pending, `pending ${entry.currency}`);
    totals.set(entry.currency, total);
  }
  return balanceFromTotals([...totals.values()], options);
}
