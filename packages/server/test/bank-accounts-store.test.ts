// The database keeps a currency's one default bank account on its own, on every engine: migration
// 0007's partial unique index refuses a second live default for an account, mode and currency, while
// non-defaults, deleted defaults, other currencies, other modes and other accounts stay free.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { test_engines } from '../src/test-support/test-engines.js';

interface Row {
  account_id?: string;
  livemode?: number;
  currency?: string;
  default_for_currency: number;
  deleted?: number;
}

for (const engine of test_engines) {
  describe(`bank_accounts on ${engine.name}`, () => {
    let store: Store;
    const schema = engine.schema();
    let next = 0;
    beforeAll(async () => {
      store = openStore({ db: engine.db, nowSeconds: () => 1_700_000_000, ...(schema === undefined ? {} : { schema }) });
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
      await engine.dropSchema(schema);
    });

    const insert = async (row: Row): Promise<string> => {
      next += 1;
      const id = `ba_store${next}`;
      await store.transaction((tx) =>
        tx.run(
          store.db
            .insertInto('bank_accounts')
            .values({
              account_id: row.account_id ?? 'acct_1',
              livemode: row.livemode ?? 0,
              id,
              created: 1_700_000_000 + next,
              currency: row.currency ?? 'usd',
              default_for_currency: row.default_for_currency,
              deleted: row.deleted ?? 0,
              payout_behaviour: '{"kind":"succeeds"}',
              data: '{}',
            })
            .compile(),
        ),
      );
      return id;
    };
    const setDefault = (id: string, value: number) =>
      store.transaction((tx) =>
        tx.run(store.db.updateTable('bank_accounts').set({ default_for_currency: value }).where('id', '=', id).compile()),
      );

    it('refuses a second live default for one account, mode and currency', async () => {
      await insert({ default_for_currency: 1 });
      await expect(insert({ default_for_currency: 1 })).rejects.toThrow(/unique/i);
    });

    it('allows non-defaults, deleted defaults, and defaults of other currencies, modes and accounts', async () => {
      await insert({ default_for_currency: 0 });
      await insert({ default_for_currency: 0 });
      await insert({ default_for_currency: 1, deleted: 1 });
      await insert({ default_for_currency: 1, deleted: 1 });
      await insert({ default_for_currency: 1, currency: 'eur' });
      await insert({ default_for_currency: 1, livemode: 1 });
      await insert({ default_for_currency: 1, account_id: 'acct_2' });
      const defaults = await store.read((executor) =>
        executor.all<{ account_id: string; livemode: number; currency: string }>(
          store.db
            .selectFrom('bank_accounts')
            .select(['account_id', 'livemode', 'currency'])
            .where('default_for_currency', '=', 1)
            .where('deleted', '=', 0)
            .orderBy('account_id')
            .orderBy('livemode')
            .orderBy('currency')
            .compile(),
        ),
      );
      expect(defaults.map((row) => [row.account_id, Number(row.livemode), row.currency])).toEqual([
        ['acct_1', 0, 'eur'],
        ['acct_1', 0, 'usd'],
        ['acct_1', 1, 'usd'],
        ['acct_2', 0, 'usd'],
      ]);
    });

    it('refuses promoting a second default until the first is demoted', async () => {
      const first = await insert({ default_for_currency: 1, account_id: 'acct_3' });
      const second = await insert({ default_for_currency: 0, account_id: 'acct_3' });
      await expect(setDefault(second, 1)).rejects.toThrow(/unique/i);
      // The commands' order: demote the old default, then promote the new one.
      await store.transaction(async (tx) => {
        await tx.run(store.db.updateTable('bank_accounts').set({ default_for_currency: 0 }).where('id', '=', first).compile());
        await tx.run(store.db.updateTable('bank_accounts').set({ default_for_currency: 1 }).where('id', '=', second).compile());
      });
      await expect(setDefault(first, 1)).rejects.toThrow(/unique/i);
    });
  });
}
