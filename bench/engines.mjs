// The storage engines Tender is benchmarked on, from BENCH_DB (a comma-separated list; default
// `sqlite`). Each engine prepares a fresh, empty database and removes it afterwards:
//   sqlite                  a file in a fresh temp dir (WAL files included), removed at the end
//   postgres | postgres://… a fresh schema on that server (default BENCH_POSTGRES_URL or
//                           postgres://postgres@127.0.0.1:5432/test), selected through the URL's
//                           `options=-c search_path=…` (pg honours it), dropped at the end
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const default_postgres_url = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * @typedef {object} PreparedEngine
 * @property {string} name      'sqlite' or 'postgres'
 * @property {string} db        the value for `tender serve --db`
 * @property {string} location  where the data lives, for the report (no credentials)
 * @property {() => Promise<void>} cleanup
 * @property {() => void} cleanupNow synchronous best effort, for process 'exit'
 */

export function engineSpecs(value = process.env.BENCH_DB ?? 'sqlite') {
  const specs = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const spec of specs) {
    if (spec !== 'sqlite' && spec !== 'postgres' && !/^postgres(ql)?:\/\//.test(spec)) {
      throw new Error(`BENCH_DB: unknown engine ${JSON.stringify(spec)} (use sqlite, postgres or a postgres:// URL)`);
    }
  }
  if (specs.length === 0) throw new Error('BENCH_DB lists no engine');
  return specs;
}

/** @returns {Promise<PreparedEngine>} */
export async function prepareEngine(spec) {
  return spec === 'sqlite' ? prepareSqlite() : preparePostgres(spec === 'postgres' ? default_postgres_url : spec);
}

function prepareSqlite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tender-bench-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  return {
    name: 'sqlite',
    db: path.join(dir, 'bench.db'),
    location: path.join(dir, 'bench.db'),
    cleanup: async () => remove(),
    cleanupNow: remove,
  };
}

async function preparePostgres(url) {
  const { default: pg } = await import('pg');
  const schema = `tender_bench_${process.pid}_${Date.now().toString(36)}`;
  const withClient = async (work) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await withClient((client) => client.query(`CREATE SCHEMA ${schema}`));
  const parsed = new URL(url);
  if (parsed.searchParams.has('options'))
    throw new Error('BENCH_DB: the PostgreSQL URL must not carry options= (the bench sets search_path)');
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  let dropped = false;
  return {
    name: 'postgres',
    db: parsed.toString(),
    location: `${parsed.host}${parsed.pathname} schema ${schema}`,
    cleanup: async () => {
      if (dropped) return;
      dropped = true;
      await withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
    cleanupNow: () => {
      if (!dropped) process.stderr.write(`bench: PostgreSQL schema ${schema} may be left behind; drop it by hand\n`);
    },
  };
}
