// Re-verifies the whole ledger from the stored rows, as `tender verify` does: every account's balance
// transactions, charges and payouts are read through the store, then checked by the pure invariants
// (ledger-invariants.ts) plus the ties between charges and payouts and their entries, and each entry's
// columns the API's Balance is summed from (net, currency, available_on) against its JSON. Nothing is
// written; a clean ledger answers an empty `violations` list. Rows that fail to parse are violations.
import type { Store } from '../store/store.js';
import type { BalanceTransaction } from './balance-transaction.js';
import { deriveBalance } from './balance.js';
import { checkBalance, checkEntries, checkPayouts, checkRefunds, type Violation } from './ledger-invariants.js';

/** Tender's test accounts are US accounts (as GET /v1/balance assumes). */
const default_currency = 'usd';

/** What ties a charge to the ledger, beyond what ledger-invariants.ts checks on entries alone. */
export type ChargeViolation =
  | { code: 'unreadable_row'; table: 'balance_transactions' | 'charges' | 'payouts'; id: string }
  | { code: 'charge_captured_mismatch'; charge: string; amount_captured: number; entries: number }
  | { code: 'entry_source_missing'; id: string; source: string }
  /** A column GET /v1/balance sums by no longer says what the entry's JSON says. */
  | { code: 'entry_column_mismatch'; id: string; column: EntryColumn; stored: number | string; data: number | string };

/** The columns of an entry the database sums the Balance by (migration 0011), copied from its JSON. */
const entry_columns = ['net', 'currency', 'available_on'] as const;
type EntryColumn = (typeof entry_columns)[number];
type EntryRow = { account_id: string; livemode: number; id: string; data: string } & Record<EntryColumn, number | string>;

export type LedgerViolation = (Violation | ChargeViolation) & { account: string; livemode: boolean };

export interface LedgerReport {
  /** Account scopes checked: one per account and mode (test, live) that has rows. */
  accounts: number;
  entries: number;
  charges: number;
  payouts: number;
  violations: LedgerViolation[];
}

interface ChargeFacts {
  id: string;
  amount_captured: number;
}

interface PayoutFacts {
  id: string;
  amount: number;
  status: string;
}

interface Scope {
  account: string;
  livemode: boolean;
  entries: BalanceTransaction[];
  charges: ChargeFacts[];
  payouts: PayoutFacts[];
}

const charge_prefix = 'ch_';
const payout_prefix = 'po_';

/**
 * Reads every balance transaction, charge and payout (all at once: a verification pass, not a request path)
 * and returns every violation, each naming its account and mode.
 * @example const report = await verifyLedger(store, Math.floor(Date.now() / 1000)); // report.violations: []
 */
export async function verifyLedger(store: Store, now: number): Promise<LedgerReport> {
  const { entryRows, chargeRows, payoutRows, accountRows } = await store.read(async (executor) => ({
    entryRows: await executor.all<EntryRow>(
      store.db
        .selectFrom('balance_transactions')
        .select(['account_id', 'livemode', 'id', 'data', ...entry_columns])
        .orderBy('id')
        .compile(),
    ),
    chargeRows: await executor.all<{ account_id: string; livemode: number; id: string; data: string }>(
      store.db.selectFrom('charges').select(['account_id', 'livemode', 'id', 'data']).orderBy('id').compile(),
    ),
    payoutRows: await executor.all<{ account_id: string; livemode: number; id: string; data: string }>(
      store.db.selectFrom('payouts').select(['account_id', 'livemode', 'id', 'data']).orderBy('id').compile(),
    ),
    accountRows: await executor.all<{ id: string; livemode: number }>(store.db.selectFrom('accounts').select(['id', 'livemode']).compile()),
  }));

  const scopes = new Map<string, Scope>();
  const scopeOf = (account: string, livemode: number): Scope => {
    const name = `${account}:${livemode}`;
    let scope = scopes.get(name);
    if (scope === undefined) {
      scope = { account, livemode: livemode === 1, entries: [], charges: [], payouts: [] };
      scopes.set(name, scope);
    }
    return scope;
  };
  for (const row of accountRows) scopeOf(row.id, Number(row.livemode));

  const violations: LedgerViolation[] = [];
  for (const row of entryRows) {
    const scope = scopeOf(row.account_id, Number(row.livemode));
    const entry = parse<BalanceTransaction>(row.data);
    if (entry === null) {
      violations.push(at(scope, { code: 'unreadable_row', table: 'balance_transactions', id: row.id }));
      continue;
    }
    scope.entries.push(entry);
    for (const column of entry_columns) {
      // Bigint columns may arrive as numbers or text, depending on the engine.
      const stored = column === 'currency' ? row[column] : Number(row[column]);
      if (stored !== entry[column]) {
        violations.push(at(scope, { code: 'entry_column_mismatch', id: row.id, column, stored, data: entry[column] }));
      }
    }
  }
  for (const row of chargeRows) {
    const scope = scopeOf(row.account_id, Number(row.livemode));
    const charge = parse<ChargeFacts>(row.data);
    if (charge === null) violations.push(at(scope, { code: 'unreadable_row', table: 'charges', id: row.id }));
    else scope.charges.push({ id: charge.id, amount_captured: charge.amount_captured });
  }
  for (const row of payoutRows) {
    const scope = scopeOf(row.account_id, Number(row.livemode));
    const payout = parse<PayoutFacts>(row.data);
    if (payout === null) violations.push(at(scope, { code: 'unreadable_row', table: 'payouts', id: row.id }));
    else scope.payouts.push({ id: payout.id, amount: payout.amount, status: payout.status });
  }

  for (const scope of scopes.values()) {
    for (const violation of checkScope(scope, now)) violations.push(at(scope, violation));
  }
  return { accounts: scopes.size, entries: entryRows.length, charges: chargeRows.length, payouts: payoutRows.length, violations };
}

function checkScope(scope: Scope, now: number): (Violation | ChargeViolation)[] {
  const entryViolations = checkEntries(scope.entries);
  // A charge's money is the charge entry for its hold less the refund entry for any released
  // remainder, both sourced by the charge; that must equal the charge's amount_captured. Refunds made
  // later (re_ sources, with their Refund objects) are not part of what was captured.
  const bySource = new Map<string, BalanceTransaction[]>();
  for (const entry of scope.entries) {
    if (entry.source === null) continue;
    bySource.set(entry.source, [...(bySource.get(entry.source) ?? []), entry]);
  }
  const known = new Set([...scope.charges.map((charge) => charge.id), ...scope.payouts.map((payout) => payout.id)]);
  const violations: (Violation | ChargeViolation)[] = [...entryViolations];
  for (const entry of scope.entries) {
    const source = entry.source;
    const tied = source !== null && (source.startsWith(charge_prefix) || source.startsWith(payout_prefix));
    if (tied && !known.has(source)) violations.push({ code: 'entry_source_missing', id: entry.id, source });
  }
  const refunds = [];
  for (const charge of scope.charges) {
    const entries = bySource.get(charge.id) ?? [];
    const booked = entries.filter((entry) => entry.type === 'charge').reduce((sum, entry) => sum + entry.amount, 0);
    const released = entries.filter((entry) => entry.type === 'refund');
    const net = released.reduce((sum, entry) => sum + entry.amount, booked);
    if (net !== charge.amount_captured) {
      violations.push({ code: 'charge_captured_mismatch', charge: charge.id, amount_captured: charge.amount_captured, entries: net });
    }
    // What comes back out of a charge never exceeds what its charge entries booked.
    refunds.push({ charge: charge.id, amount_captured: booked, refunds: released });
  }
  violations.push(...checkRefunds(refunds));
  // A payout's debit, and its reversal once failed or canceled, are exactly its amount.
  violations.push(
    ...checkPayouts(
      scope.payouts.map((payout) => ({
        payout: payout.id,
        amount: payout.amount,
        status: payout.status,
        entries: bySource.get(payout.id) ?? [],
      })),
    ),
  );
  // The balance as GET /v1/balance derives it, re-summed independently; a float in an entry already
  // failed checkEntries and would only make deriveBalance throw.
  if (entryViolations.every((violation) => violation.code !== 'not_safe_integer')) {
    const balance = deriveBalance(scope.entries, now, { livemode: scope.livemode, default_currency });
    violations.push(...checkBalance(balance, scope.entries, now));
  }
  return violations;
}

function at(scope: Scope, violation: Violation | ChargeViolation): LedgerViolation {
  return { ...violation, account: scope.account, livemode: scope.livemode };
}

function parse<T>(data: string): T | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? (value as T) : null;
  } catch {
    return null;
  }
}
