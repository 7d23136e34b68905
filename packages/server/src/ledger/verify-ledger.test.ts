import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, type LiveTender } from '../test-support/live-tender.js';
import { test_engines } from '../test-support/test-engines.js';
import { verifyLedger } from './verify-ledger.js';

for (const engine of test_engines) {
  describe(`verifyLedger on ${engine.name}`, () => {
    let tender: LiveTender;
    const now = () => Math.floor(tender.runtime.clock.nowMs() / 1000);
    const pay = (form: string) =>
      tender.call('POST', '/v1/payment_intents', { form: `currency=usd&payment_method_types[]=card&confirm=true&${form}` });
    // Rows are immutable in Tender; only a test (or an intruder) edits one, so this is raw SQL. An
    // entry's `net` is also a column (migration 0011); an edit of the entry changes both copies.
    const setField = (table: 'balance_transactions' | 'charges', id: string, field: string, value: number) =>
      tender.store.transaction(async (tx) => {
        await tx.run(
          (engine.name === 'sqlite'
            ? sql`UPDATE ${sql.table(table)} SET data = json_set(data, ${`$.${field}`}, ${value}) WHERE id = ${id}`
            : sql`UPDATE ${sql.table(table)} SET data = jsonb_set(data::jsonb, ${`{${field}}`}::text[], to_jsonb(${value}::int))::text WHERE id = ${id}`
          ).compile(tender.store.db),
        );
        if (table === 'balance_transactions' && field === 'net') await tx.run(netColumnUpdate(id, value));
      });
    const netColumnUpdate = (id: string, value: number) =>
      tender.store.db.updateTable('balance_transactions').set({ net: value }).where('id', '=', id).compile();
    const setNetColumn = (id: string, value: number) => tender.store.transaction((tx) => tx.run(netColumnUpdate(id, value)));

    let automatic: any;
    let partial: any;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
      automatic = (await pay('amount=2000&payment_method=pm_card_visa')).json;
      const held = (await pay('amount=5000&capture_method=manual&payment_method=pm_card_visa')).json;
      partial = (await tender.call('POST', `/v1/payment_intents/${held.id}/capture`, { form: 'amount_to_capture=3000' })).json;
      await pay('amount=1500&capture_method=manual&payment_method=pm_card_visa'); // an uncaptured hold books nothing
      await pay('amount=700&payment_method=pm_card_visa_chargeDeclined'); // a failed charge books nothing
    });
    afterAll(async () => {
      await tender.close();
    });

    it('finds nothing wrong in a ledger the API wrote', async () => {
      const report = await verifyLedger(tender.store, now());
      expect(report).toMatchObject({ accounts: 1, entries: 3, charges: 4, violations: [] });
    });

    it('names a balance transaction whose fee was edited', async () => {
      const charge = (await tender.call('GET', `/v1/charges/${automatic.latest_charge}`)).json;
      const entry = (await tender.call('GET', `/v1/balance_transactions/${charge.balance_transaction}`)).json;
      await setField('balance_transactions', charge.balance_transaction, 'fee', 1);
      const { violations } = await verifyLedger(tender.store, now());
      expect(violations).toEqual([
        expect.objectContaining({
          code: 'net_mismatch',
          id: charge.balance_transaction,
          account: tender.account.account_id,
          livemode: false,
        }),
        expect.objectContaining({ code: 'fee_details_mismatch', id: charge.balance_transaction, fee: 1 }),
      ]);
      await setField('balance_transactions', charge.balance_transaction, 'fee', entry.fee);
      expect((await verifyLedger(tender.store, now())).violations).toEqual([]);
    });

    it('names an entry whose net column, which GET /v1/balance sums, drifted from its JSON', async () => {
      const charge = (await tender.call('GET', `/v1/charges/${automatic.latest_charge}`)).json;
      const entry = (await tender.call('GET', `/v1/balance_transactions/${charge.balance_transaction}`)).json;
      await setNetColumn(entry.id, entry.net + 1);
      const { violations } = await verifyLedger(tender.store, now());
      expect(violations).toEqual([
        expect.objectContaining({ code: 'entry_column_mismatch', id: entry.id, column: 'net', stored: entry.net + 1, data: entry.net }),
      ]);
      await setNetColumn(entry.id, entry.net);
      expect((await verifyLedger(tender.store, now())).violations).toEqual([]);
    });

    it('names a charge whose amount_captured no longer matches its entries', async () => {
      await setField('charges', partial.latest_charge, 'amount_captured', 5000);
      const { violations } = await verifyLedger(tender.store, now());
      expect(violations).toEqual([
        expect.objectContaining({ code: 'charge_captured_mismatch', charge: partial.latest_charge, amount_captured: 5000, entries: 3000 }),
      ]);
      await setField('charges', partial.latest_charge, 'amount_captured', 3000);
    });

    it('names refunds above what a charge booked, and an entry whose charge is gone', async () => {
      const entries = (await tender.call('GET', `/v1/balance_transactions?source=${partial.latest_charge}`)).json.data;
      const released = entries.find((entry: any) => entry.type === 'refund');
      await setField('balance_transactions', released.id, 'amount', -6000);
      await setField('balance_transactions', released.id, 'net', -6000);
      const { violations } = await verifyLedger(tender.store, now());
      expect(violations.map((violation) => violation.code).sort()).toEqual(['charge_captured_mismatch', 'refunds_exceed_captured']);
      await setField('balance_transactions', released.id, 'amount', -2000);
      await setField('balance_transactions', released.id, 'net', -2000);

      await tender.store.transaction((tx) =>
        tx.run(sql`DELETE FROM charges WHERE id = ${automatic.latest_charge}`.compile(tender.store.db)),
      );
      const after = await verifyLedger(tender.store, now());
      expect(after.violations).toEqual([expect.objectContaining({ code: 'entry_source_missing', source: automatic.latest_charge })]);
    });
  });
}
