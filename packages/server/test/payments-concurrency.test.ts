// Many clients racing on one PaymentIntent or one charge, on every engine (PostgreSQL with its pool of
// several connections, so the requests really overlap): exactly one confirm or capture takes effect,
// refunds never give back more than was captured, every other answer is an error Stripe itself gives
// (never a 500), and afterwards the ledger re-verifies and the balance equals the sum of every entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/ledger/verify-ledger.js';
import { startLiveTender, type CallResult, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const racers = 50;

/** What Stripe answers a request that loses a race: the code, and the HTTP status it comes with. */
const losing_answers: Readonly<Record<string, number>> = {
  payment_intent_unexpected_state: 400,
  idempotency_key_in_use: 409,
  lock_timeout: 429,
};

function expectOneWinner(answers: readonly CallResult[]): CallResult {
  const winners = answers.filter((answer) => answer.status === 200);
  const losers = answers.filter((answer) => answer.status !== 200);
  expect(winners).toHaveLength(1);
  for (const loser of losers) {
    const code: string = loser.json?.error?.code;
    expect(Object.keys(losing_answers), loser.text).toContain(code);
    expect(loser.status, loser.text).toBe(losing_answers[code]);
    expect(loser.json.error.type).toBe('invalid_request_error');
  }
  return winners[0]!;
}

for (const engine of test_engines) {
  describe(`concurrent payments on ${engine.name}`, () => {
    let tender: LiveTender;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
    });
    afterAll(async () => {
      await tender.close();
    });

    const create = async (form: string) => {
      const created = await tender.call('POST', '/v1/payment_intents', {
        form: `currency=usd&payment_method=pm_card_visa&payment_method_types[]=card&${form}`,
      });
      expect(created.status, created.text).toBe(200);
      return created.json;
    };
    const race = (path: string, headers: (index: number) => Record<string, string> = () => ({})) =>
      Promise.all(Array.from({ length: racers }, (_, index) => tender.call('POST', path, { form: '', headers: headers(index) })));

    /** Events are read from the store: the API lists at most 100 a page, and we want them all. */
    const eventTypesFor = async (id: string) => {
      const rows = await tender.store.read((executor) =>
        executor.all<{ type: string; data: string }>(tender.store.db.selectFrom('events').select(['type', 'data']).compile()),
      );
      return rows.filter((row) => JSON.parse(row.data).data.object.id === id).map((row) => row.type);
    };

    const allEntries = async () => {
      const entries: any[] = [];
      let after = '';
      for (;;) {
        const page = (await tender.call('GET', `/v1/balance_transactions?limit=100${after}`)).json;
        entries.push(...page.data);
        if (!page.has_more) return entries;
        after = `&starting_after=${page.data.at(-1).id}`;
      }
    };

    /** The ledger after a race: one charge, one charge entry, one success event, and a sound balance. */
    async function expectSettled(intent: any, expected: { amount_received: number; entries: number }) {
      const charges = (await tender.call('GET', `/v1/charges?payment_intent=${intent.id}`)).json.data;
      expect(charges).toHaveLength(1);
      expect(charges[0]).toMatchObject({ captured: true, amount_captured: expected.amount_received });
      const entries = (await tender.call('GET', `/v1/balance_transactions?source=${charges[0].id}`)).json.data;
      expect(entries).toHaveLength(expected.entries);
      expect(entries.filter((entry: any) => entry.type === 'charge')).toHaveLength(1);

      const types = await eventTypesFor(intent.id);
      expect(types.filter((type) => type === 'payment_intent.succeeded')).toHaveLength(1);
      const retrieved = (await tender.call('GET', `/v1/payment_intents/${intent.id}`)).json;
      expect(retrieved).toMatchObject({ status: 'succeeded', amount_received: expected.amount_received, amount_capturable: 0 });

      // The balance, re-derived here from every entry as the API presents it, equals GET /v1/balance.
      const sums = { available: 0, pending: 0 };
      for (const entry of await allEntries()) sums[entry.status as 'available' | 'pending'] += entry.net;
      const balance = (await tender.call('GET', '/v1/balance')).json;
      expect(balance.available).toEqual([{ amount: sums.available, currency: 'usd', source_types: { card: sums.available } }]);
      expect(balance.pending).toEqual([{ amount: sums.pending, currency: 'usd', source_types: { card: sums.pending } }]);

      const report = await verifyLedger(tender.store, Math.floor(tender.runtime.clock.nowMs() / 1000));
      expect(report.violations).toEqual([]);
    }

    it(`lets exactly one of ${racers} confirms succeed`, async () => {
      const intent = await create('amount=2000');
      expect(intent.status).toBe('requires_confirmation');
      const answers = await race(`/v1/payment_intents/${intent.id}/confirm`);
      const winner = expectOneWinner(answers);
      expect(winner.json).toMatchObject({ id: intent.id, status: 'succeeded', amount_received: 2000 });
      for (const loser of answers.filter((answer) => answer.status === 400)) {
        expect(loser.json.error.payment_intent).toMatchObject({ id: intent.id, status: 'succeeded' });
      }
      await expectSettled(intent, { amount_received: 2000, entries: 1 });
    });

    it(`lets exactly one of ${racers} captures take the money`, async () => {
      const intent = await create('amount=3000&capture_method=manual&confirm=true');
      expect(intent.status).toBe('requires_capture');
      const answers = await race(`/v1/payment_intents/${intent.id}/capture`);
      const winner = expectOneWinner(answers);
      expect(winner.json).toMatchObject({ status: 'succeeded', amount_received: 3000 });
      expect(answers.filter((answer) => answer.status !== 200).every((answer) => answer.status === 400)).toBe(true);
      await expectSettled(intent, { amount_received: 3000, entries: 1 });
    });

    it(`lets exactly one of ${racers} captures with distinct idempotency keys take the money`, async () => {
      const intent = await create('amount=4000&capture_method=manual&confirm=true');
      const answers = await race(`/v1/payment_intents/${intent.id}/capture`, (index) => ({
        'idempotency-key': `capture-${intent.id}-${index}`,
      }));
      expectOneWinner(answers);
      await expectSettled(intent, { amount_received: 4000, entries: 1 });
    });

    it(`takes one effect from ${racers} partial captures sharing one idempotency key`, async () => {
      const intent = await create('amount=5000&capture_method=manual&confirm=true');
      const key = `capture-${intent.id}`;
      const answers = await Promise.all(
        Array.from({ length: racers }, () =>
          tender.call('POST', `/v1/payment_intents/${intent.id}/capture`, {
            form: 'amount_to_capture=3500',
            headers: { 'idempotency-key': key },
          }),
        ),
      );
      const successes = answers.filter((answer) => answer.status === 200);
      expect(successes.length).toBeGreaterThanOrEqual(1);
      // Every 200 is the one answer, replayed byte for byte; the rest were refused while it ran.
      expect(new Set(successes.map((answer) => answer.text)).size).toBe(1);
      expect(successes.filter((answer) => answer.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
      for (const refused of answers.filter((answer) => answer.status !== 200)) {
        expect(refused.status, refused.text).toBe(409);
        expect(refused.json.error.code).toBe('idempotency_key_in_use');
      }
      expect(successes[0]!.json).toMatchObject({ status: 'succeeded', amount_received: 3500 });
      // 5000 held: one charge entry for the hold and one refund entry for the 1500 released.
      await expectSettled(intent, { amount_received: 3500, entries: 2 });
    });

    /** Refunds that lose a race: the charge is refunded already, or not enough is left. */
    const refundLoss = (answer: CallResult) => {
      expect(answer.status, answer.text).toBe(400);
      expect(['charge_already_refunded', 'amount_too_large']).toContain(answer.json.error.code);
    };
    const refundEntries = async (refunds: readonly CallResult[]) => {
      for (const refund of refunds) {
        const entry = (await tender.call('GET', `/v1/balance_transactions/${refund.json.balance_transaction}`)).json;
        expect(entry).toMatchObject({ type: 'refund', amount: -refund.json.amount, source: refund.json.id });
      }
      const report = await verifyLedger(tender.store, Math.floor(tender.runtime.clock.nowMs() / 1000));
      expect(report.violations).toEqual([]);
    };

    it(`lets exactly one of ${racers} full refunds of one charge go through`, async () => {
      const intent = await create('amount=2500&confirm=true');
      const answers = await Promise.all(
        Array.from({ length: racers }, () => tender.call('POST', '/v1/refunds', { form: `charge=${intent.latest_charge}` })),
      );
      const refunds = answers.filter((answer) => answer.status === 200);
      expect(refunds).toHaveLength(1);
      for (const loser of answers.filter((answer) => answer.status !== 200)) refundLoss(loser);
      expect((await tender.call('GET', `/v1/charges/${intent.latest_charge}`)).json).toMatchObject({
        amount_refunded: 2500,
        refunded: true,
      });
      await refundEntries(refunds);
    });

    it(`refunds exactly the captured amount when ${racers} partial refunds race for it`, async () => {
      const intent = await create('amount=2000&confirm=true');
      // 50 refunds of 100 against 2,000: twenty fit, the other thirty must be refused.
      const answers = await Promise.all(
        Array.from({ length: racers }, () => tender.call('POST', '/v1/refunds', { form: `charge=${intent.latest_charge}&amount=100` })),
      );
      const refunds = answers.filter((answer) => answer.status === 200);
      expect(refunds).toHaveLength(20);
      for (const loser of answers.filter((answer) => answer.status !== 200)) refundLoss(loser);
      expect((await tender.call('GET', `/v1/charges/${intent.latest_charge}`)).json).toMatchObject({
        amount_refunded: 2000,
        refunded: true,
      });
      const listed = (await tender.call('GET', `/v1/refunds?charge=${intent.latest_charge}&limit=100`)).json.data;
      expect(listed).toHaveLength(20);
      await refundEntries(refunds);
    });
  });
}
