// The contract both engines keep, checked by one suite run against each: migrations apply once,
// a failed transaction leaves nothing behind, JSON paths read the same, and (PostgreSQL) a lock
// taken in one transaction is refused to another until it commits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import type { Store } from './store.js';
import { test_engines } from '../test-support/test-engines.js';
import { migrations } from './migrations/migrations.js';

for (const engine of test_engines) {
  describe(`store contract on ${engine.name}`, () => {
    let store: Store;
    const schema = engine.schema();
    beforeAll(async () => {
      store = openStore({ db: engine.db, nowSeconds: () => 1_700_000_000, ...(schema === undefined ? {} : { schema }) });
      await store.migrate();
      await store.migrate();
    });
    afterAll(async () => {
      await store.close();
      await engine.dropSchema(schema);
    });

    const customerRow = (id: string, data: object) => ({
      account_id: 'acct_1',
      livemode: 0,
      id,
      created: 1_700_000_000,
      email: null,
      name: null,
      phone: null,
      deleted: 0,
      data: JSON.stringify(data),
    });

    it('applies each migration exactly once, and a second run applies none', async () => {
      const applied = async () =>
        (await store.read((executor) => executor.all<{ id: string }>(store.db.selectFrom('schema_migrations').select('id').compile())))
          .map((row) => row.id)
          .sort();
      const ids = migrations.map((migration) => migration.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(await applied()).toEqual([...ids].sort());
      await store.migrate();
      expect(await applied()).toEqual([...ids].sort());
    });

    it('rolls back every write of a failed transaction', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.run(store.db.insertInto('customers').values(customerRow('cus_rollback', {})).compile());
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const found = await store.read((executor) =>
        executor.first(store.db.selectFrom('customers').select('id').where('id', '=', 'cus_rollback').compile()),
      );
      expect(found).toBeUndefined();
    });

    it('reads JSON paths, including keys that need quoting', async () => {
      await store.transaction((tx) =>
        tx.run(
          store.db
            .insertInto('customers')
            .values(customerRow('cus_json', { metadata: { 'odd "key"': 'v1', plain: 'v2' } }))
            .compile(),
        ),
      );
      const read = (key: string) =>
        store.read((executor) =>
          executor.first<{ value: string | null }>(
            store.db
              .selectFrom('customers')
              .select(store.jsonText('data', ['metadata', key]).as('value'))
              .where('id', '=', 'cus_json')
              .compile(),
          ),
        );
      expect((await read('plain'))?.value).toBe('v2');
      expect((await read('odd "key"'))?.value).toBe('v1');
      expect((await read('absent'))?.value).toBeNull();
    });

    it('returns BIGINT columns as numbers', async () => {
      const row = await store.read((executor) =>
        executor.first<{ created: unknown }>(store.db.selectFrom('customers').select('created').where('id', '=', 'cus_json').compile()),
      );
      expect(row?.created).toBe(1_700_000_000);
    });

    it('serialises or refuses a lock held by another transaction', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let firstLocked = false;
      const first = store.transaction(async (tx) => {
        firstLocked = await tx.tryLock('contract-lock');
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = store.transaction((tx) => tx.tryLock('contract-lock'));
      if (engine.name === 'postgres') {
        expect(await second).toBe(false);
        release();
      } else {
        // SQLite runs one transaction at a time: the second waits for the first, then gets the lock.
        release();
        expect(await second).toBe(true);
      }
      await first;
      expect(firstLocked).toBe(true);
    });
  });
}
