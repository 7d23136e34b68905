// Invariants the ledger re-verifies from scratch: pure checks that return every violation (an empty
// list when all is well), and `assertLedger`, which throws them. Assertions stay on in production; a
// failure rolls the write back and answers `api_error`, and nothing catches it quietly.
import { LedgerAssertionError } from './assert.js';
import type { Balance } from './balance.js';
import type { BalanceTransaction } from './balance-transaction.js';

export type Violation =
  | { code: 'not_safe_integer'; id: string; field: string; value: number }
  | { code: 'net_mismatch'; id: string; amount: number; fee: number; net: number }
  | { code: 'fee_details_mismatch'; id: string; fee: number; fee_details_total: number }
  | { code: 'refunds_exceed_captured'; charge: string; amount_captured: number; refunded: number }
  | { code: 'refund_not_a_debit'; charge: string; id: string }
  | { code: 'balance_mismatch'; currency: string; bucket: 'available' | 'pending'; balance: number | null; entries: number }
  | { code: 'payout_entries_mismatch'; payout: string; status: string; amount: number; debits: number; reversals: number; net: number };

/** A charge with the refund entries written against it (linked by the caller, who knows re_ → ch_). */
export interface ChargeRefunds {
  charge: string;
  amount_captured: number;
  refunds: readonly BalanceTransaction[];
}

/** A payout with every entry sourced by it (its debit, and the reversal if it failed or was canceled). */
export interface PayoutEntries {
  payout: string;
  amount: number;
  status: string;
  entries: readonly BalanceTransaction[];
}

export interface LedgerFacts {
  entries: readonly BalanceTransaction[];
  charges?: readonly ChargeRefunds[];
  payouts?: readonly PayoutEntries[];
  /** A Balance that was derived (or cached) at `now`, to verify against the entries. */
  balance?: { value: Balance; now: number };
}

export function checkEntries(entries: readonly BalanceTransaction[]): Violation[] {
  const violations: Violation[] = [];
  for (const entry of entries) {
    const fields: [string, number][] = [
      ['amount', entry.amount],
      ['fee', entry.fee],
      ['net', entry.net],
      ['created', entry.created],
      ['available_on', entry.available_on],
      ...entry.fee_details.map((detail, index): [string, number] => [`fee_details[${index}].amount`, detail.amount]),
    ];
    const bad = fields.filter(([, value]) => !Number.isSafeInteger(value));
    for (const [field, value] of bad) violations.push({ code: 'not_safe_integer', id: entry.id, field, value });
    if (bad.length > 0) continue;
    if (entry.net !== entry.amount - entry.fee) {
      violations.push({ code: 'net_mismatch', id: entry.id, amount: entry.amount, fee: entry.fee, net: entry.net });
    }
    const fee_details_total = entry.fee_details.reduce((sum, detail) => sum + detail.amount, 0);
    if (fee_details_total !== entry.fee) {
      violations.push({ code: 'fee_details_mismatch', id: entry.id, fee: entry.fee, fee_details_total });
    }
  }
  return violations;
}

export function checkRefunds(charges: readonly ChargeRefunds[]): Violation[] {
  const violations: Violation[] = [];
  for (const { charge, amount_captured, refunds } of charges) {
    let refunded = 0;
    for (const refund of refunds) {
      if (refund.amount >= 0) violations.push({ code: 'refund_not_a_debit', charge, id: refund.id });
      else refunded -= refund.amount;
    }
    if (!Number.isSafeInteger(amount_captured)) {
      violations.push({ code: 'not_safe_integer', id: charge, field: 'amount_captured', value: amount_captured });
    } else if (refunded > amount_captured) {
      violations.push({ code: 'refunds_exceed_captured', charge, amount_captured, refunded });
    }
  }
  return violations;
}

/** Statuses whose funds came back: the payout's reversal entry offsets its debit. */
const reversed_payout_statuses: readonly string[] = ['failed', 'canceled'];
const payout_reversal_types: readonly string[] = ['payout_failure', 'payout_cancel'];

/**
 * A payout is one debit of exactly its amount; once failed or canceled, also one reversal of the same
 * amount, so its entries net to zero; nothing else is sourced by it.
 */
export function checkPayouts(payouts: readonly PayoutEntries[]): Violation[] {
  const violations: Violation[] = [];
  for (const { payout, amount, status, entries } of payouts) {
    const debits = entries.filter((entry) => entry.type === 'payout');
    const reversals = entries.filter((entry) => payout_reversal_types.includes(entry.type));
    const net = entries.reduce((sum, entry) => sum + entry.amount, 0);
    const reversed = reversed_payout_statuses.includes(status);
    const sound =
      debits.length === 1 &&
      debits[0]!.amount === -amount &&
      reversals.length === (reversed ? 1 : 0) &&
      reversals.every((entry) => entry.amount === amount) &&
      debits.length + reversals.length === entries.length &&
      net === (reversed ? 0 : -amount);
    if (!sound) {
      violations.push({ code: 'payout_entries_mismatch', payout, status, amount, debits: debits.length, reversals: reversals.length, net });
    }
  }
  return violations;
}

/** Re-sums the entries independently of balance.ts and compares every currency and bucket. */
export function checkBalance(balance: Balance, entries: readonly BalanceTransaction[], now: number): Violation[] {
  const expected = new Map<string, number>();
  const key = (bucket: 'available' | 'pending', currency: string) => `${bucket}:${currency}`;
  for (const entry of entries) {
    const bucket = now >= entry.available_on ? 'available' : 'pending';
    expected.set(key(bucket, entry.currency), (expected.get(key(bucket, entry.currency)) ?? 0) + entry.net);
  }
  const shown = new Map<string, number>();
  const violations: Violation[] = [];
  for (const bucket of ['available', 'pending'] as const) {
    for (const line of balance[bucket]) {
      shown.set(key(bucket, line.currency), line.amount);
      for (const [field, value] of [
        ['amount', line.amount],
        ['source_types.card', line.source_types.card],
      ] as const) {
        if (!Number.isSafeInteger(value))
          violations.push({ code: 'not_safe_integer', id: `balance.${bucket}.${line.currency}`, field, value });
      }
    }
  }
  for (const name of new Set([...expected.keys(), ...shown.keys()])) {
    const [bucket, currency] = name.split(':') as ['available' | 'pending', string];
    const from_entries = expected.get(name) ?? 0;
    const from_balance = shown.get(name);
    if (from_balance !== from_entries) {
      violations.push({ code: 'balance_mismatch', currency, bucket, balance: from_balance ?? null, entries: from_entries });
    }
  }
  return violations;
}

export function checkLedger(facts: LedgerFacts): Violation[] {
  return [
    ...checkEntries(facts.entries),
    ...checkRefunds(facts.charges ?? []),
    ...checkPayouts(facts.payouts ?? []),
    ...(facts.balance ? checkBalance(facts.balance.value, facts.entries, facts.balance.now) : []),
  ];
}

/** Throws a LedgerAssertionError naming every violation; returns quietly when the ledger holds. */
export function assertLedger(facts: LedgerFacts): void {
  const violations = checkLedger(facts);
  if (violations.length === 0) return;
  const lines = violations.map((violation) => JSON.stringify(violation));
  throw new LedgerAssertionError(`ledger invariants violated (${violations.length}):\n${lines.join('\n')}`);
}
