// Group commit on the SQLite engine: transactions that arrive together share one COMMIT, a failing one
// rolls back alone, and none resolves before its rows are committed, as a second connection on the
// same file proves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { createSqliteStore } from './sqlite-store.js';

describe('sqlite group commit', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tender-group-'));
  const filename = join(directory, 'group.db');
  let store: Store;
  let observer: BetterSqlite3.Database;

  beforeAll(async () => {
    store = createSqliteStore({ filename, nowSeconds: () => 1_700_000_000 });
    await store.migrate();
    observer = new BetterSqlite3(filename, { readonly: true });
  });
  afterAll(async () => {
    observer.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const insert = (id: string) =>
    store.db
      .insertInto('customers')
      .values({ account_id: 'acct_1', livemode: 0, id, created: 1, email: null, name: null, phone: null, deleted: 0, data: '{}' })
      .compile();
  const committedElsewhere = (id: string) => observer.prepare('SELECT 1 FROM customers WHERE id = ?').get(id) !== undefined;

  it('commits concurrent transactions, rolls back only the failing ones, and answers after the commit', async () => {
    const visibleWhenResolved: boolean[] = [];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 150 }, (_, index) =>
        store
          .transaction(async (tx) => {
            await tx.run(insert(`cus_group_${index}`));
            if (index % 10 === 3) throw new Error(`planned failure ${index}`);
            return index;
          })
          .then((value) => {
            visibleWhenResolved.push(committedElsewhere(`cus_group_${value}`));
            return value;
          }),
      ),
    );
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(failed).toHaveLength(15);
    expect(visibleWhenResolved).toHaveLength(135);
    expect(visibleWhenResolved.every(Boolean)).toBe(true);
    const count = observer.prepare("SELECT count(*) AS count FROM customers WHERE id LIKE 'cus_group_%'").get() as { count: number };
    expect(count.count).toBe(135);
    expect(committedElsewhere('cus_group_3')).toBe(false);
  });

  it('lets a read see only what is committed by the time it answers', async () => {
    const write = store.transaction((tx) => tx.run(insert('cus_read_after')));
    const read = store.read((executor) =>
      executor.first<{ id: string }>(store.db.selectFrom('customers').select('id').where('id', '=', 'cus_read_after').compile()),
    );
    const found = await read;
    expect(found?.id).toBe('cus_read_after');
    expect(committedElsewhere('cus_read_after')).toBe(true);
    await write;
  });
});
