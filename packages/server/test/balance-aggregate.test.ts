// The Balance the API shows is the database's per-currency SUM of the `net` column (migration 0011);
// verify-ledger re-derives it from every entry's JSON. On every engine, after mixed charges (pending
// T+2 and bypassPending, usd and eur), refunds and payouts (paid, failed, canceled) and as the fake
// clock settles funds, GET /v1/balance, the balance.available event and what a payout may draw all
// equal that derivation, and the ledger verifies clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BalanceTransaction } from '../src/ledger/balance-transaction.js';
import { deriveBalance, type Balance } from '../src/ledger/balance.js';
import { verifyLedger } from '../src/ledger/verify-ledger.js';
import { createFakeClock, type FakeClock } from '../src/runtime/clock.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

/** A Tuesday, 15:00 UTC: T+2 funds settle Thursday 00:00 UTC. */
const start_ms = Date.UTC(2026, 1, 10, 15, 0, 0);
const day_ms = 86_400_000;

for (const engine of test_engines) {
  describe(`the summed Balance on ${engine.name}`, () => {
    let tender: LiveTender;
    let clock: FakeClock;
    beforeAll(async () => {
      clock = createFakeClock(start_ms);
      tender = await startLiveTender(engine, { runtime: createRuntime({ clock }), schedulerPollIntervalMs: 0 });
    });
    afterAll(async () => {
      await tender.close();
    });

    const now = () => Math.floor(clock.nowMs() / 1000);
    const ok = async (method: string, path: string, form?: string) => {
      const answer = await tender.call(method, path, form === undefined ? {} : { form });
      expect(answer.status, answer.text).toBe(200);
      return answer.json;
    };
    const pay = (amount: number, currency: string, payment_method: string) =>
      ok(
        'POST',
        '/v1/payment_intents',
        `amount=${amount}&currency=${currency}&payment_method=${payment_method}&confirm=true&payment_method_types[]=card`,
      );
    /** What verify-ledger derives: every stored entry's JSON, re-summed at `now`. */
    const derived = async (): Promise<Balance> => {
      const rows = await tender.store.read((executor) =>
        executor.all<{ data: string }>(tender.store.db.selectFrom('balance_transactions').select('data').compile()),
      );
      const entries = rows.map((row) => JSON.parse(row.data) as BalanceTransaction);
      return deriveBalance(entries, now(), { livemode: false, default_currency: 'usd' });
    };
    const expectSummedEqualsDerived = async () => {
      const shown = await ok('GET', '/v1/balance');
      expect(shown).toEqual(await derived());
      expect((await verifyLedger(tender.store, now())).violations).toEqual([]);
      return shown as Balance;
    };
    const amountOf = (balance: Balance, bucket: 'available' | 'pending', currency: string) =>
      balance[bucket].find((line) => line.currency === currency)?.amount;

    it('shows only the default currency at zero before any entry', async () => {
      expect(await expectSummedEqualsDerived()).toMatchObject({
        available: [{ amount: 0, currency: 'usd' }],
        pending: [{ amount: 0, currency: 'usd' }],
      });
    });

    it('agrees with the derivation through charges, refunds and payouts, as funds settle', async () => {
      const pendingUsd = await pay(5000, 'usd', 'pm_card_visa');
      await pay(3000, 'usd', 'pm_card_bypassPending');
      await pay(4000, 'eur', 'pm_card_visa');
      await pay(2500, 'eur', 'pm_card_bypassPending');
      // A refund of a charge still pending takes the available balance down at once.
      await ok('POST', '/v1/refunds', `payment_intent=${pendingUsd.id}&amount=1200`);
      const first = await expectSummedEqualsDerived();
      expect(amountOf(first, 'pending', 'usd')).toBeGreaterThan(0);
      expect(amountOf(first, 'pending', 'eur')).toBeGreaterThan(0);

      const paid = await ok('POST', '/v1/payouts', 'amount=500&currency=usd');
      const canceled = await ok('POST', '/v1/payouts', 'amount=300&currency=usd');
      await ok('POST', `/v1/payouts/${canceled.id}/cancel`);
      const bank = await ok(
        'POST',
        `/v1/accounts/${tender.account.account_id}/external_accounts`,
        'external_account[object]=bank_account&external_account[country]=US&external_account[currency]=usd&external_account[routing_number]=110000000&external_account[account_number]=000111111116',
      );
      const failed = await ok('POST', '/v1/payouts', `amount=400&currency=usd&destination=${bank.id}`);
      await expectSummedEqualsDerived();

      // Payouts arrive the next business day; the card funds settle at T+2, Thursday 00:00 UTC.
      clock.setMs(Math.max(paid.arrival_date * 1000, failed.arrival_date * 1000, Date.UTC(2026, 1, 12)));
      await tender.runDueJobs();
      expect((await ok('GET', `/v1/payouts/${paid.id}`)).status).toBe('paid');
      expect((await ok('GET', `/v1/payouts/${failed.id}`)).status).toBe('failed');
      const settled = await expectSummedEqualsDerived();
      expect(amountOf(settled, 'pending', 'usd')).toBe(0);
      expect(amountOf(settled, 'pending', 'eur')).toBe(0);

      // The T+2 job runs last (jobs run in due order), so one balance.available event carries the
      // Balance exactly as the final state sums it.
      const events = (await ok('GET', '/v1/events?type=balance.available&limit=100')).data;
      expect(events.map((event: any) => event.data.object)).toContainEqual(settled);
    });

    it('lets a payout draw exactly the summed available balance, not a cent more', async () => {
      clock.advanceMs(day_ms);
      const available = amountOf(await expectSummedEqualsDerived(), 'available', 'usd')!;
      expect(available).toBeGreaterThan(0);
      const over = await tender.call('POST', '/v1/payouts', { form: `amount=${available + 1}&currency=usd` });
      expect(over.status).toBe(400);
      expect(over.json.error.code).toBe('balance_insufficient');
      await ok('POST', '/v1/payouts', `amount=${available}&currency=usd`);
      expect(amountOf(await expectSummedEqualsDerived(), 'available', 'usd')).toBe(0);
    });
  });
}
