// What happens later, driven by the injected clock and the scheduler, on every engine: pending funds
// become available with a balance.available event; an authorization left uncaptured for 7 days is
// released (charge.expired, the intent canceled `automatic`); a pending refund settles and a refund on
// the refundFail card fails later, giving its money back. The ledger verifies after each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../src/runtime/clock.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { verifyLedger } from '../src/ledger/verify-ledger.js';
import { refund_settlement_delay_seconds } from '../src/domain/refunds/refund-commands.js';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validateSchema } = (await import(validator_url)) as {
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

const day_ms = 86_400_000;
// 10:00 UTC, so T+2 settles at midnight two days later.
const start_ms = Date.UTC(2026, 2, 10, 10, 0, 0);

for (const engine of test_engines) {
  describe(`time-driven changes on ${engine.name}`, () => {
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
    const pay = async (form: string) => {
      const intent = await tender.call('POST', '/v1/payment_intents', {
        form: `amount=2000&currency=usd&confirm=true&payment_method_types[]=card&${form}`,
      });
      expect(intent.status).toBe(200);
      return intent.json as { id: string; status: string; latest_charge: string };
    };
    const get = async (path: string) => {
      const answer = await tender.call('GET', path);
      expect(answer.status).toBe(200);
      return answer.json;
    };
    const eventsOf = async (type: string) => (await get(`/v1/events?type=${type}&limit=100`)).data as any[];
    const expectLedgerVerifies = async () => {
      const report = await verifyLedger(tender.store, now());
      expect(report.violations).toEqual([]);
    };

    it('moves pending funds to available at T+2 and says so with one balance.available event', async () => {
      const before = await get('/v1/balance');
      const intent = await pay('payment_method=pm_card_visa');
      const charge = await get(`/v1/charges/${intent.latest_charge}`);
      const txn = await get(`/v1/balance_transactions/${charge.balance_transaction}`);
      expect(txn.status).toBe('pending');
      expect(txn.available_on).toBe(Date.UTC(2026, 2, 12) / 1000);
      await pay('payment_method=pm_card_mastercard');
      const pending = await get('/v1/balance');
      expect(pending.pending[0].amount - before.pending[0].amount).toBe(2 * (2000 - 88));

      // A day later nothing has moved.
      clock.advanceMs(day_ms);
      await tender.runDueJobs();
      expect(await eventsOf('balance.available')).toEqual([]);

      clock.setMs(Date.UTC(2026, 2, 12));
      expect(await tender.runDueJobs()).toBeGreaterThanOrEqual(1);
      const available = await eventsOf('balance.available');
      expect(available).toHaveLength(1);
      expect(available[0]).toMatchObject({ created: now(), request: { id: null, idempotency_key: null } });
      const balance = available[0].data.object;
      expect(balance.object).toBe('balance');
      expect(balance.available[0].amount - before.available[0].amount).toBe(2 * (2000 - 88));
      expect(validateSchema('event', available[0]).errors ?? []).toEqual([]);
      expect((await get(`/v1/balance_transactions/${charge.balance_transaction}`)).status).toBe('available');
      expect(await get('/v1/balance')).toEqual(balance);
      await expectLedgerVerifies();
    });

    it('makes bypassPending funds available at once, with their own balance.available', async () => {
      const before = (await eventsOf('balance.available')).length;
      await pay('payment_method=pm_card_bypassPending');
      expect(await tender.runDueJobs()).toBe(1);
      expect(await eventsOf('balance.available')).toHaveLength(before + 1);
    });

    it('releases an authorization left uncaptured for 7 days: charge.expired, the intent canceled automatic', async () => {
      const intent = await pay('payment_method=pm_card_visa&capture_method=manual');
      expect(intent.status).toBe('requires_capture');
      clock.advanceMs(7 * day_ms - 1000);
      await tender.runDueJobs();
      expect((await get(`/v1/payment_intents/${intent.id}`)).status).toBe('requires_capture');

      clock.advanceMs(1000);
      await tender.runDueJobs();
      const expired = await get(`/v1/payment_intents/${intent.id}`);
      expect(expired).toMatchObject({ status: 'canceled', cancellation_reason: 'automatic', amount_capturable: 0, canceled_at: now() });
      expect(validateSchema('payment_intent', expired).errors ?? []).toEqual([]);
      const charge = await get(`/v1/charges/${intent.latest_charge}`);
      expect(charge).toMatchObject({ captured: false, refunded: true, amount_refunded: 2000, balance_transaction: null });
      const ofIntent = async (type: string) =>
        (await eventsOf(type)).filter((event) => [intent.id, intent.latest_charge].includes(event.data.object.id));
      expect(await ofIntent('charge.expired')).toHaveLength(1);
      expect(await ofIntent('payment_intent.canceled')).toHaveLength(1);

      const capture = await tender.call('POST', `/v1/payment_intents/${intent.id}/capture`);
      expect(capture.status).toBe(400);
      expect(capture.json.error.code).toBe('payment_intent_unexpected_state');
      await expectLedgerVerifies();
    });

    it('leaves an authorization captured in time alone', async () => {
      const intent = await pay('payment_method=pm_card_visa&capture_method=manual');
      clock.advanceMs(day_ms);
      expect((await tender.call('POST', `/v1/payment_intents/${intent.id}/capture`)).json.status).toBe('succeeded');
      clock.advanceMs(7 * day_ms);
      await tender.runDueJobs();
      expect((await get(`/v1/payment_intents/${intent.id}`)).status).toBe('succeeded');
      expect((await eventsOf('charge.expired')).filter((event) => event.data.object.id === intent.latest_charge)).toEqual([]);
    });

    it('settles a pending refund later as succeeded with refund.updated', async () => {
      const intent = await pay('payment_method=pm_card_pendingRefund');
      const created = await tender.call('POST', '/v1/refunds', { form: `payment_intent=${intent.id}&amount=500` });
      expect(created.json.status).toBe('pending');
      clock.advanceMs((refund_settlement_delay_seconds - 1) * 1000);
      await tender.runDueJobs();
      expect((await get(`/v1/refunds/${created.json.id}`)).status).toBe('pending');
      clock.advanceMs(1000);
      await tender.runDueJobs();
      const settled = await get(`/v1/refunds/${created.json.id}`);
      expect(settled).toMatchObject({ status: 'succeeded', amount: 500, balance_transaction: created.json.balance_transaction });
      expect(validateSchema('refund', settled).errors ?? []).toEqual([]);
      const updated = (await eventsOf('refund.updated')).filter((event) => event.data.object.id === created.json.id);
      expect(updated).toHaveLength(1);
      expect(updated[0].data.previous_attributes).toEqual({ status: 'pending' });
      expect((await get(`/v1/charges/${intent.latest_charge}`)).amount_refunded).toBe(500);
      await expectLedgerVerifies();
    });

    it('fails a refund on the refundFail card later: failed, money back to the charge and the balance', async () => {
      const intent = await pay('payment_method=pm_card_refundFail');
      const balanceBefore = await get('/v1/balance');
      const created = await tender.call('POST', '/v1/refunds', { form: `charge=${intent.latest_charge}` });
      expect(created.json.status).toBe('succeeded');
      expect((await get(`/v1/charges/${intent.latest_charge}`)).refunded).toBe(true);

      clock.advanceMs(refund_settlement_delay_seconds * 1000);
      await tender.runDueJobs();
      const failed = await get(`/v1/refunds/${created.json.id}`);
      expect(failed).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
      expect(failed.failure_balance_transaction).toMatch(/^txn_/);
      expect(validateSchema('refund', failed).errors ?? []).toEqual([]);
      const reversal = await get(`/v1/balance_transactions/${failed.failure_balance_transaction}`);
      expect(reversal).toMatchObject({ type: 'refund_failure', amount: 2000, fee: 0, net: 2000, source: created.json.id });
      expect(await get(`/v1/charges/${intent.latest_charge}`)).toMatchObject({ amount_refunded: 0, refunded: false });
      expect((await get('/v1/balance')).available).toEqual(balanceBefore.available);
      const failedEvents = (await eventsOf('refund.failed')).filter((event) => event.data.object.id === created.json.id);
      expect(failedEvents).toHaveLength(1);
      expect(failedEvents[0].data.previous_attributes).toMatchObject({ status: 'succeeded' });
      // The money is back, so the charge can be refunded again.
      expect((await tender.call('POST', '/v1/refunds', { form: `charge=${intent.latest_charge}&amount=100` })).status).toBe(200);
      await expectLedgerVerifies();
    });

    it('leaves a pending refund canceled before it settles as canceled', async () => {
      const intent = await pay('payment_method=pm_card_pendingRefund');
      const created = await tender.call('POST', '/v1/refunds', { form: `payment_intent=${intent.id}` });
      expect((await tender.call('POST', `/v1/refunds/${created.json.id}/cancel`)).json.status).toBe('canceled');
      clock.advanceMs(refund_settlement_delay_seconds * 1000);
      await tender.runDueJobs();
      expect((await get(`/v1/refunds/${created.json.id}`)).status).toBe('canceled');
      await expectLedgerVerifies();
    });
  });
}
