// The embedded engine: better-sqlite3 in WAL mode. better-sqlite3 is synchronous, so a transaction
// runs start to finish without real I/O waits; a promise chain still serialises transactions so
// two requests can never share one open BEGIN on the single connection.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type CompiledQuery } from 'kysely';
import { createQueryBuilder } from '../query-builder.js';
import { runMigrations } from '../migrations/run-migrations.js';
import { prepared_statements_max, type SqlExecutor, type Store, type Transaction } from '../store.js';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  filename: string;
  /** NORMAL (default) loses nothing committed on a process crash; FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
  nowSeconds: () => number;
}

const busy_timeout_ms = 5000;

export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
  const connection = new BetterSqlite3(options.filename);
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  connection.pragma(`busy_timeout = ${busy_timeout_ms}`);

  const statements = new Map<string, BetterSqlite3.Statement>();
  function prepare(text: string): BetterSqlite3.Statement {
    let statement = statements.get(text);
    if (statement === undefined) {
      if (statements.size >= prepared_statements_max) statements.clear();
      statement = connection.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  }

  const executor: SqlExecutor = {
    all: async <Row>(query: CompiledQuery) => prepare(query.sql).all(...(query.parameters as unknown[])) as Row[],
    first: async <Row>(query: CompiledQuery) => prepare(query.sql).get(...(query.parameters as unknown[])) as Row | undefined,
    run: async (query: CompiledQuery) => {
      const statement = prepare(query.sql);
      if (statement.reader) {
        statement.all(...(query.parameters as unknown[]));
        return 0;
      }
      return statement.run(...(query.parameters as unknown[])).changes;
    },
  };
  // One process owns the file, so an in-transaction lock can never be contended by another process.
  const transaction: Transaction = { ...executor, tryLock: async () => true };

  const begin = connection.prepare('BEGIN IMMEDIATE');
  const commit = connection.prepare('COMMIT');
  const rollback = connection.prepare('ROLLBACK');
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;

  function serialised<T>(work: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error('the store is closed'));
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  }

  const db = createQueryBuilder('sqlite');
  const store: Store = {
    engine: 'sqlite',
    db,
    // SQLite's JSON paths cannot quote a `"` inside a key (metadata keys may hold one), so the last
    // key is matched as a bound value through json_each rather than written into a path.
    jsonText: (column, path) => {
      const parents = path.slice(0, -1).map((part) => sql` -> ${labelFor(part)}`);
      const last = path.at(-1) ?? '';
      return sql<string | null>`(SELECT value FROM json_each(${sql.ref(column)}${sql.join(parents, sql``)}) WHERE key = ${last})`;
    },
    transaction: (work) =>
      serialised(async () => {
        begin.run();
        try {
          const result = await work(transaction);
          commit.run();
          return result;
        } catch (error) {
          if (connection.inTransaction) rollback.run();
          throw error;
        }
      }),
    read: (work) => serialised(() => work(executor)),
    migrate: async () => {
      await store.transaction((tx) => runMigrations(db, tx, options.nowSeconds()));
    },
    close: async () => {
      await serialised(async () => undefined);
      closed = true;
      connection.close();
    },
  };
  return store;
}

/** Parent keys are Tender's own field names; SQLite reads an operand starting with `$` as a path. */
function labelFor(key: string): string {
  return key.startsWith('$') ? `$."${key}"` : key;
}
