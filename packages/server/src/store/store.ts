// The one storage interface both engines implement. Queries are built with Kysely (compile only) and
// executed by the engine, which caches a prepared statement per SQL text. A write runs inside
// `transaction`, which commits everything a request does (objects, events, idempotency record) at once.
import type { CompiledQuery, Kysely, RawBuilder } from 'kysely';
import type { Database } from './database-schema.js';

export type EngineName = 'sqlite' | 'postgres';

/** What an engine runs: SQL text and its parameters (a Kysely CompiledQuery is one; so is a prepared query's). */
export type SqlQuery = Pick<CompiledQuery, 'sql' | 'parameters'>;

export interface SqlExecutor {
  all<Row>(query: SqlQuery): Promise<Row[]>;
  first<Row>(query: SqlQuery): Promise<Row | undefined>;
  /** Runs a statement and returns the number of rows it changed. */
  run(query: SqlQuery): Promise<number>;
}

export interface Transaction extends SqlExecutor {
  /**
   * Takes a lock named `key` until the transaction ends, without waiting. False means another
   * transaction (in any process sharing the database) holds it.
   */
  tryLock(key: string): Promise<boolean>;
  /** Takes the lock named `key` until the transaction ends, waiting for whoever holds it. */
  lock(key: string): Promise<void>;
}

export interface Store {
  readonly engine: EngineName;
  /** A query builder for this engine's dialect. It compiles queries; it never executes them. */
  readonly db: Kysely<Database>;
  /** SQL for "the text at `path` inside the JSON column", in this engine's dialect. */
  jsonText(column: string, path: readonly string[]): RawBuilder<string | null>;
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  read<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** How many distinct SQL texts an engine keeps prepared before it starts over. */
export const prepared_statements_max = 512;
