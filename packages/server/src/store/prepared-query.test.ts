import { describe, expect, it } from 'vitest';
import { createQueryBuilder } from './query-builder.js';
import { preparedQuery } from './prepared-query.js';
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
