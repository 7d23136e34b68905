// The checkpoint thread: while the server keeps writing, it copies the WAL back into the database in
// the background, so the COMMIT that reaches the checkpoint threshold finds nothing left to copy; the
// WAL stays bounded; and closing the store stops the thread and leaves every row in the database file.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpoint_interval_ms } from './sqlite-checkpointer.js';
import { createSqliteStore } from './sqlite-store.js';

describe('sqlite checkpoint thread', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tender-checkpoint-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('backfills the WAL in the background, keeps it bounded, and leaves the rows in the file on close', async () => {
    const filename = join(directory, 'checkpoint.db');
    const store = createSqliteStore({ filename, nowSeconds: () => 1_700_000_000 });
    await store.migrate();
    const payload = 'x'.repeat(2000);
    const rows = 2000;
    for (let batch = 0; batch < rows / 100; batch += 1) {
      await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          store.transaction((tx) =>
            tx.run(
              store.db
                .insertInto('events')
                .values({ account_id: 'acct_1', livemode: 0, id: `evt_${batch}_${index}`, created: 1, type: 't', data: payload })
                .compile(),
            ),
          ),
        ),
      );
    }
    // About 1,000 pages of rows were written; the WAL stays far below anything unbounded.
    expect(statSync(`${filename}-wal`).size).toBeLessThan(64 * 1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, checkpoint_interval_ms * 10));
    // The rows (about 4 MB) stay below the inline checkpoint threshold, so only the thread can have
    // copied them from the WAL into the database file.
    expect(statSync(filename).size).toBeGreaterThan(3 * 1024 * 1024);
    await store.close();
    const reopened = new BetterSqlite3(filename, { readonly: true });
    try {
      expect(reopened.prepare('SELECT count(*) AS count FROM events').get()).toEqual({ count: rows });
    } finally {
      reopened.close();
    }
  });
});
