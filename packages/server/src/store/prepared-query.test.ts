import { describe, expect, it } from 'vitest';
import { createQueryBuilder } from './query-builder.js';
import { preparedQuery, preparedRowsQuery } from './prepared-query.js';
import type { Store } from './store.js';

const storeFor = (engine: 'sqlite' | 'postgres') => ({ engine, db: createQueryBuilder(engine) }) as unknown as Store;

describe('preparedQuery', () => {
  const byEmail = preparedQuery<{ account: string; email: string; limit: number }>((db, p) =>
    db
      .selectFrom('customers')
      .select('data')
      .where('account_id', '=', p.account)
      .where('email', '=', p.email)
      .where('deleted', '=', 0)
      .limit(p.limit),
  );

  it('compiles to the same SQL and parameters as building the query each time', () => {
    for (const engine of ['sqlite', 'postgres'] as const) {
      const store = storeFor(engine);
      const direct = store.db
        .selectFrom('customers')
        .select('data')
        .where('account_id', '=', 'acct_1')
        .where('email', '=', 'a@b.c')
        .where('deleted', '=', 0)
        .limit(5)
        .compile();
      const prepared = byEmail(store, { account: 'acct_1', email: 'a@b.c', limit: 5 });
      expect(prepared.sql).toBe(direct.sql);
      expect(prepared.parameters).toEqual(direct.parameters);
    }
  });

  it('keeps each engine’s own SQL and refuses a missing value', () => {
    expect(byEmail(storeFor('postgres'), { account: 'a', email: 'b', limit: 1 }).sql).toContain('$1');
    expect(byEmail(storeFor('sqlite'), { account: 'a', email: 'b', limit: 1 }).sql).toContain('?');
    expect(() => byEmail(storeFor('sqlite'), { account: 'a', limit: 1 } as never)).toThrow(/no value for email/);
  });
});

describe('preparedRowsQuery', () => {
  type Row = { id: string; attempt: number; error: string | null };
  const settleRows = preparedRowsQuery<{ state: string }, Row>((db, shared, rows) =>
    db
      .updateTable('webhook_deliveries')
      .set({ state: shared.state, lease_until_ms: 0 })
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .where(
        'attempts',
        'in',
        rows.map((row) => row.attempt),
      ),
  );
  /** One attempt row's values, from placeholders or from real values alike. */
  const attemptValues = (row: Row) => ({
    delivery_id: row.id,
    attempt: row.attempt,
    attempted_ms: 7,
    duration_ms: 1,
    status_code: null,
    error: row.error,
  });
  const attempts = preparedRowsQuery<Record<string, never>, Row>((db, _shared, rows) =>
    db.insertInto('webhook_delivery_attempts').values(rows.map(attemptValues)),
  );
  const rows: Row[] = [
    { id: 'wd_1', attempt: 1, error: null },
    { id: 'wd_2', attempt: 2, error: 'HTTP 500' },
    { id: 'wd_3', attempt: 3, error: 'a:b' },
  ];

  it('compiles, for each row count, to what building the query with those values gives', () => {
    for (const engine of ['sqlite', 'postgres'] as const) {
      const store = storeFor(engine);
      for (const count of [1, 3]) {
        const some = rows.slice(0, count);
        const direct = store.db.insertInto('webhook_delivery_attempts').values(some.map(attemptValues)).compile();
        const prepared = attempts(store, {}, some);
        expect(prepared.sql).toBe(direct.sql);
        expect(prepared.parameters).toEqual(direct.parameters);
      }
      const update = settleRows(store, { state: 'delivered' }, rows);
      expect(update.parameters).toEqual(['delivered', 0, 'wd_1', 'wd_2', 'wd_3', 1, 2, 3]);
    }
  });

  it('refuses a missing value, naming the row', () => {
    expect(() => attempts(storeFor('sqlite'), {}, [rows[0]!, { id: 'wd_x' } as never])).toThrow(/no value for attempt of row 1/);
    expect(() => settleRows(storeFor('sqlite'), {} as never, rows)).toThrow(/no value for state$/);
  });
});
