// Group commit on the SQLite engine: transactions that arrive together share one COMMIT, a failing one
// rolls back alone, and none resolves before its rows are committed, as a second connection on the
// same file proves. Reads that arrive together share one read transaction, which a write ends before
// it begins and which never outlives its turn of the event loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { createSqliteStore, read_group_reads_max } from './sqlite-store.js';

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

  const findCustomer = (id: string) =>
    store.read((executor) => executor.first<{ id: string }>(store.db.selectFrom('customers').select('id').where('id', '=', id).compile()));

  it('serves reads of one turn from one snapshot that a write in the same turn ends first', async () => {
    const before = findCustomer('cus_read_group');
    const write = store.transaction((tx) => tx.run(insert('cus_read_group')));
    const after = findCustomer('cus_read_group');
    expect(await before).toBeUndefined();
    await write;
    expect((await after)?.id).toBe('cus_read_group');
    expect((await findCustomer('cus_read_group'))?.id).toBe('cus_read_group');
  });

  it('answers more reads in one turn than one group holds, and leaves no read transaction open', async () => {
    await store.transaction((tx) => tx.run(insert('cus_many_reads')));
    const reads = await Promise.all(Array.from({ length: read_group_reads_max * 3 + 1 }, () => findCustomer('cus_many_reads')));
    expect(reads.every((row) => row?.id === 'cus_many_reads')).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    // A checkpoint that truncates the WAL needs every reader gone: an open read group would block it
    // on every try. The store's own checkpoint thread can also hold the checkpoint for the instant of
    // its PASSIVE run (every 20 ms, well under a millisecond on this WAL), so a busy answer is tried
    // again a few times, over a window far shorter than anything that keeps a read open.
    const checkpointer = new BetterSqlite3(filename);
    try {
      let busy = 1;
      for (let attempt = 0; attempt < 5 && busy !== 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 3));
        busy = (checkpointer.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]?.busy ?? 1;
      }
      expect(busy).toBe(0);
    } finally {
      checkpointer.close();
    }
  });

  it('keeps each request savepoint journal in memory, not in a temporary file', async () => {
    // 2 is MEMORY: with the default (a file past 64 KiB), a payment wrote every page it changed twice.
    const setting = await store.read((executor) => executor.first<{ temp_store: number }>(sql`PRAGMA temp_store`.compile(store.db)));
    expect(setting?.temp_store).toBe(2);
  });
});
