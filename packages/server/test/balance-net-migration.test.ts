// Migration 0011 on a database written before it: balance transactions stored without a `net`
// column get theirs from their JSON on both engines, and the database's per-currency sums then equal
// the Balance re-derived from the entries, for every account scope and currency, before and after
// funds settle.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceTotals } from '../src/domain/balance/balance-transaction-records.js';
import { availableOn } from '../src/ledger/availability.js';
import {
  adjustmentEntry,
  chargeEntry,
  payoutEntry,
  payoutReversalEntry,
  refundEntry,
  type BalanceTransaction,
} from '../src/ledger/balance-transaction.js';
import { balanceFromTotals, deriveBalance } from '../src/ledger/balance.js';
import { migrations } from '../src/store/migrations/migrations.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { test_engines } from '../src/test-support/test-engines.js';

const migration_id = '0011-balance-net';
const t0 = Date.UTC(2026, 0, 12, 9, 30) / 1000;
const day = 86_400;
const options = (livemode: boolean) => ({ livemode, default_currency: 'usd' });

/** Entries of two scopes and three currencies: T+2 and instant charges, refunds, payouts and reversals. */
function oldEntries(): { account_id: string; livemode: boolean; entry: BalanceTransaction }[] {
  let next = 0;
  const facts = (currency: string, created: number) => {
    next += 1;
    return { id: `txn_old${String(next).padStart(4, '0')}`, currency, created };
  };
  const one = (livemode: boolean) =>
    [
      chargeEntry(facts('usd', t0), { charge: 'ch_a', amount: 10_000, fee: 320, available_on: availableOn(t0) }),
      chargeEntry(facts('usd', t0), { charge: 'ch_b', amount: 2_000, fee: 88, available_on: t0 }),
      refundEntry(facts('usd', t0 + 60), { refund: 're_a', amount: 700 }),
      payoutEntry(facts('usd', t0 + 120), { payout: 'po_a', amount: 1_000 }),
      payoutReversalEntry(facts('usd', t0 + 180), { payout: 'po_a', amount: 1_000, type: 'payout_cancel' }),
      payoutEntry(facts('usd', t0 + 240), { payout: 'po_b', amount: 150 }),
      chargeEntry(facts('eur', t0), { charge: 'ch_c', amount: 4_000, fee: 200, available_on: availableOn(t0) }),
      adjustmentEntry(facts('jpy', t0 + day), { amount: -500 }),
    ].map((entry) => ({ account_id: 'acct_old', livemode, entry }));
  return [
    ...one(false),
    ...one(true),
    ...one(false).map((row) => ({ ...row, account_id: 'acct_other', entry: { ...row.entry, id: `${row.entry.id}x` } })),
  ];
}

for (const engine of test_engines) {
  describe(`migration ${migration_id} on ${engine.name}`, () => {
    let store: Store;
    const schema = engine.schema();
    const rows = oldEntries();
    beforeAll(async () => {
      store = openStore({ db: engine.db, nowSeconds: () => t0, ...(schema === undefined ? {} : { schema }) });
      const before = migrations.slice(
        0,
        migrations.findIndex((migration) => migration.id === migration_id),
      );
      expect(before.length).toBeGreaterThan(0);
      // The database as the release before 0011 left it: its migrations applied, its rows written.
      await store.transaction(async (tx) => {
        await tx.run(
          store.db.schema
            .createTable('schema_migrations')
            .addColumn('id', 'text', (column) => column.primaryKey())
            .addColumn('applied', 'bigint', (column) => column.notNull())
            .compile(),
        );
        for (const migration of before) {
          for (const statement of migration.statements(store.db)) await tx.run(statement);
          await tx.run(store.db.insertInto('schema_migrations').values({ id: migration.id, applied: t0 }).compile());
        }
        for (const { account_id, livemode, entry } of rows) {
          await tx.run(
            sql`INSERT INTO balance_transactions (account_id, livemode, id, created, source, type, available_on, currency, data)
                VALUES (${account_id}, ${livemode ? 1 : 0}, ${entry.id}, ${entry.created}, ${entry.source}, ${entry.type},
                        ${entry.available_on}, ${entry.currency}, ${JSON.stringify(entry)})`.compile(store.db),
          );
        }
      });
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
      await engine.dropSchema(schema);
    });

    it('records the migration as applied', async () => {
      const applied = await store.read((executor) =>
        executor.all<{ id: string }>(store.db.selectFrom('schema_migrations').select('id').where('id', '=', migration_id).compile()),
      );
      expect(applied).toEqual([{ id: migration_id }]);
    });

    it('fills every old row’s net from its JSON', async () => {
      const stored = await store.read((executor) =>
        executor.all<{ id: string; net: number | string; data: string }>(
          store.db.selectFrom('balance_transactions').select(['id', 'net', 'data']).orderBy('id').compile(),
        ),
      );
      expect(stored).toHaveLength(rows.length);
      for (const row of stored) expect(Number(row.net), row.id).toBe((JSON.parse(row.data) as BalanceTransaction).net);
      expect(stored.some((row) => Number(row.net) < 0)).toBe(true);
    });

    it.each([
      ['at the first charge', t0],
      ['after the refunds and payouts', t0 + 300],
      ['once the T+2 funds settled', availableOn(t0)],
      ['days later', availableOn(t0) + 3 * day],
    ])('sums each scope as the entries derive it, %s', async (_when, now) => {
      for (const [account_id, livemode] of [
        ['acct_old', false],
        ['acct_old', true],
        ['acct_other', false],
      ] as const) {
        const scope = { account_id, livemode };
        const entries = rows.filter((row) => row.account_id === account_id && row.livemode === livemode).map((row) => row.entry);
        const totals = await store.read((executor) => balanceTotals(executor, store, scope, now));
        const derived = deriveBalance(entries, now, options(livemode));
        expect(balanceFromTotals(totals, options(livemode))).toEqual(derived);
        const [eur] = await store.read((executor) => balanceTotals(executor, store, scope, now, 'eur'));
        expect(eur).toEqual({
          currency: 'eur',
          available: derived.available.find((line) => line.currency === 'eur')!.amount,
          pending: derived.pending.find((line) => line.currency === 'eur')!.amount,
        });
      }
    });
  });
}
