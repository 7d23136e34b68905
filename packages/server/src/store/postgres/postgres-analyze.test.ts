// PostgreSQL only: a table that takes many writes is analyzed by Tender itself, so list plans are right
// before autovacuum's next round.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { test_engines } from '../../test-support/test-engines.js';
import { createPostgresStore } from './postgres-store.js';

const engine = test_engines.find((candidate) => candidate.name === 'postgres');

describe.runIf(engine !== undefined)('postgres self-analyze', () => {
  const schema = engine?.schema();
  afterAll(() => engine?.dropSchema(schema));

  it('analyzes a table after enough writes', async () => {
    const store = createPostgresStore({
      connectionString: engine!.db,
      schema,
      nowSeconds: () => 1,
      analyze_after_writes: 20,
      analyze_check_interval_ms: 50,
    });
    try {
      await store.migrate();
      const lastAnalyze = async () => {
        const client = new pg.Client({ connectionString: engine!.db });
        await client.connect();
        try {
          const result = await client.query(
            "SELECT last_analyze FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'customers'",
            [schema],
          );
          return result.rows[0]?.last_analyze as Date | null | undefined;
        } finally {
          await client.end();
        }
      };
      expect(await lastAnalyze()).toBeNull();
      await store.transaction(async (tx) => {
        for (let index = 0; index < 25; index += 1) {
          await tx.run(
            store.db
              .insertInto('customers')
              .values({
                account_id: 'acct_1',
                livemode: 0,
                id: `cus_${index}`,
                created: 1,
                email: null,
                name: null,
                phone: null,
                deleted: 0,
                data: '{}',
              })
              .compile(),
          );
        }
      });
      let analyzed: Date | null | undefined = null;
      for (let attempt = 0; attempt < 50 && !analyzed; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        analyzed = await lastAnalyze();
      }
      expect(analyzed).toBeInstanceOf(Date);
    } finally {
      await store.close();
    }
  });
});
