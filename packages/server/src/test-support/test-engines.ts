// The engines every store-backed suite runs on, as in Kysely's `for (const dialect of DIALECTS)`.
// PostgreSQL runs whenever it is reachable; under CI=true it must be, and an unreachable server fails
// the suite instead of skipping it. Each suite works in its own schema, dropped afterwards.
import pg from 'pg';

export const postgres_test_url = process.env.TENDER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  db: string;
  /** A fresh schema name for PostgreSQL; undefined for SQLite. */
  schema(): string | undefined;
  /** Drops one schema this engine handed out (nothing for SQLite). */
  dropSchema(schema: string | undefined): Promise<void>;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgres_test_url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const required = process.env.CI === 'true' || process.env.TENDER_TEST_POSTGRES === 'required';
const reachable = await postgresReachable();
if (required && !reachable) {
  throw new Error(`PostgreSQL is required (CI=true) but unreachable at ${postgres_test_url}`);
}
if (!reachable) {
  process.stderr.write(`[tender tests] PostgreSQL unreachable at ${postgres_test_url}: running the SQLite engine only\n`);
}

function postgresEngine(): TestEngine {
  let made = 0;
  return {
    name: 'postgres',
    db: postgres_test_url,
    schema() {
      made += 1;
      return `tender_test_${process.pid}_${Date.now().toString(36)}_${made}`;
    },
    async dropSchema(schema) {
      if (schema === undefined) return;
      const client = new pg.Client({ connectionString: postgres_test_url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

const sqliteEngine: TestEngine = { name: 'sqlite', db: ':memory:', schema: () => undefined, dropSchema: async () => undefined };

export const test_engines: readonly TestEngine[] = reachable ? [sqliteEngine, postgresEngine()] : [sqliteEngine];
