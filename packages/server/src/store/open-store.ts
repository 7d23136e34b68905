// Chooses the engine from the `--db` value: a postgres:// URL, ':memory:', or a SQLite file path.
import { createPostgresStore } from './postgres/postgres-store.js';
import { createSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  db: string;
  nowSeconds: () => number;
  /** PostgreSQL only: the schema to work in. */
  schema?: string;
  synchronous?: 'NORMAL' | 'FULL';
}

export function openStore(options: OpenStoreOptions): Store {
  if (/^postgres(ql)?:\/\//.test(options.db)) {
    return createPostgresStore({
      connectionString: options.db,
      nowSeconds: options.nowSeconds,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
    });
  }
  return createSqliteStore({
    filename: options.db,
    nowSeconds: options.nowSeconds,
    ...(options.synchronous === undefined ? {} : { synchronous: options.synchronous }),
  });
}
