// The embedded engine: better-sqlite3 in WAL mode. better-sqlite3 is synchronous, so a transaction
// runs start to finish without real I/O waits; a promise chain still serialises transactions so
// two requests can never share one open BEGIN on the single connection.
//
// Group commit: a COMMIT (with its WAL append and occasional checkpoint) costs more than a request's
// own statements, so transactions that arrive together share one. Each runs inside its own SAVEPOINT
// of an open group transaction (a failure rolls back to its savepoint and leaves the others alone);
// the group commits once the burst of work in this turn of the event loop is done, or after
// group_commit_transactions_max. No caller sees its transaction (or a read) succeed before the COMMIT
// that made it durable; if that COMMIT fails, every transaction in the group fails.
//
// Reads share too. Outside a transaction every SELECT is its own read transaction, and in WAL mode
// starting and ending one takes and drops a lock on the shared-memory index (two fcntl calls) and
// rechecks the WAL: about 6 us of a 9 us primary-key read alone, more under load. Reads that arrive
// while no group is open therefore share one deferred BEGIN, ended in the same way as a write group
// (after this turn's burst, or after read_group_reads_max), or at once when a write group needs to
// begin. A read group writes nothing, so ending it cannot fail a read.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { createQueryBuilder } from '../query-builder.js';
import { runMigrations } from '../migrations/run-migrations.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { prepared_statements_max, type SqlExecutor, type SqlQuery, type Store, type Transaction } from '../store.js';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  filename: string;
  /** NORMAL (default) loses nothing committed on a process crash; FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
  nowSeconds: () => number;
}

const busy_timeout_ms = 5000;
/**
 * WAL pages (4 KiB) before a COMMIT checkpoints inline, after which the WAL starts again from its
 * beginning: about 80 MiB, a few seconds of payments at 2,500/s. Each such cycle brought a few COMMITs
 * of 5-15 ms; at 4,000 pages there were 30-40 of them in 10 s of payments, at 20,000 about 8, and the
 * payment p99 went from 24-29 ms to 23-24 ms (bench, alternating runs). The file keeps that size.
 */
const wal_autocheckpoint_pages = 20_000;

export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
  const connection = new BetterSqlite3(options.filename);
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  connection.pragma(`busy_timeout = ${busy_timeout_ms}`);
  // Each request runs in a SAVEPOINT of its group, and SQLite copies every page the request changes
  // into that savepoint's journal first. Past 64 KiB the journal spills to a temporary file, so a
  // payment (about 20 pages) paid a pwrite per page: a fifth of the server's CPU under load. In memory,
  // the journal is a copy; it lives no longer than one request and holds only that request's pages.
  connection.pragma('temp_store = MEMORY');
  // A larger WAL before the inline checkpoint gives the checkpoint thread time to copy it first.
  if (options.filename !== ':memory:') connection.pragma(`wal_autocheckpoint = ${wal_autocheckpoint_pages}`);
  const checkpointer =
    options.filename === ':memory:'
      ? null
      : startCheckpointer(options.filename, (error) => process.emitWarning(`SQLite checkpoint thread stopped: ${String(error)}`));

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
    all: async <Row>(query: SqlQuery) => prepare(query.sql).all(...(query.parameters as unknown[])) as Row[],
    first: async <Row>(query: SqlQuery) => prepare(query.sql).get(...(query.parameters as unknown[])) as Row | undefined,
    run: async (query: SqlQuery) => {
      const statement = prepare(query.sql);
      if (statement.reader) {
        statement.all(...(query.parameters as unknown[]));
        return 0;
      }
      return statement.run(...(query.parameters as unknown[])).changes;
    },
  };
  // One process owns the file, so an in-transaction lock can never be contended by another process.
  const transaction: Transaction = { ...executor, tryLock: async () => true, lock: async () => undefined };

  const begin = connection.prepare('BEGIN IMMEDIATE');
  const beginRead = connection.prepare('BEGIN DEFERRED');
  const commit = connection.prepare('COMMIT');
  const rollback = connection.prepare('ROLLBACK');
  const savepoint = connection.prepare('SAVEPOINT request');
  const release = connection.prepare('RELEASE request');
  const rollbackToSavepoint = connection.prepare('ROLLBACK TO request');
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  let group: CommitGroup | null = null;
  /** Reads served by the open read group, or null when none is open. */
  let readGroupReads: number | null = null;

  /** Commits the open group, if any; runs in the serialised chain like any transaction. */
  function commitGroup(): Promise<void> {
    // close() commits the last group itself; a commit scheduled before it has nothing left to do.
    if (closed) return Promise.resolve();
    return serialised(async () => {
      const open = group;
      if (open === null) return;
      group = null;
      try {
        commit.run();
        open.settle(null);
      } catch (error) {
        if (connection.inTransaction) rollback.run();
        open.settle(error);
      }
    });
  }

  /** Ends the open read group, if any; called only from inside the serialised chain. */
  function endReadGroup(): void {
    if (readGroupReads === null) return;
    readGroupReads = null;
    if (connection.inTransaction) commit.run();
  }

  /** Puts this read into the open group (write or read), opening a read group if none is. */
  function joinReadGroup(): void {
    if (group !== null) return;
    // A full group ends here, so one read snapshot never serves more than the bound.
    if (readGroupReads !== null && readGroupReads >= read_group_reads_max) endReadGroup();
    if (readGroupReads === null) {
      beginRead.run();
      readGroupReads = 0;
      // Ending a group early is harmless, so this may also end a later group opened this turn.
      setImmediate(() => void (closed ? undefined : serialised(async () => endReadGroup())));
    }
    readGroupReads += 1;
  }

  function joinGroup(): CommitGroup {
    if (group === null) {
      endReadGroup();
      begin.run();
      group = createCommitGroup();
      // After the I/O callbacks of this turn have queued their work, commit what they did.
      setImmediate(() => void commitGroup());
    }
    group.size += 1;
    if (group.size >= group_commit_transactions_max) void commitGroup();
    return group;
  }

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
    transaction: async (work) => {
      const { result, committed } = await serialised(async () => {
        const joined = joinGroup();
        savepoint.run();
        try {
          const value = await work(transaction);
          release.run();
          return { result: value, committed: joined.committed };
        } catch (error) {
          if (connection.inTransaction) {
            rollbackToSavepoint.run();
            release.run();
          } else {
            // SQLite itself rolled the whole group back (a full disk, say): everyone in it fails.
            const lost = group;
            group = null;
            lost?.settle(error);
          }
          throw error;
        }
      });
      await committed;
      return result;
    },
    // A read may see a group's work before its COMMIT, so it answers only once that COMMIT is done.
    read: async (work) => {
      const { result, committed } = await serialised(async () => {
        joinReadGroup();
        return { result: await work(executor), committed: group?.committed };
      });
      if (committed !== undefined) await committed;
      return result;
    },
    migrate: async () => {
      await store.transaction((tx) => runMigrations(db, tx, options.nowSeconds()));
    },
    close: async () => {
      await commitGroup();
      await serialised(async () => endReadGroup());
      closed = true;
      await checkpointer?.stop();
      // The last connection to close copies what is left in the WAL into the database.
      connection.close();
    },
  };
  return store;
}

/** Transactions that share one COMMIT at most. */
export const group_commit_transactions_max = 64;
/** Reads that share one read transaction (one snapshot of the database) at most. */
export const read_group_reads_max = 64;

interface CommitGroup {
  size: number;
  /** Resolves when the group's COMMIT succeeded; rejects with its error otherwise. */
  committed: Promise<void>;
  settle(error: unknown): void;
}

function createCommitGroup(): CommitGroup {
  let settle!: (error: unknown) => void;
  const committed = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === null ? resolve() : reject(error));
  });
  // Nobody may be waiting when a group fails; the failure still reaches every waiter that exists.
  committed.catch(() => undefined);
  return { size: 0, committed, settle };
}

/** Parent keys are Tender's own field names; SQLite reads an operand starting with `$` as a path. */
function labelFor(key: string): string {
  return key.startsWith('$') ? `$."${key}"` : key;
}
