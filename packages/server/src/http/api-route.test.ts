// The unexpected path, in-process: when a write throws, the client gets 500 api_error naming the
// request id and never a stack trace; the effect is rolled back; and with an idempotency key the 500
// itself is stored, so a retry replays it instead of running again (Stripe's rule).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../runtime/logger.js';
import { createRuntime } from '../runtime/runtime.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { bootstrapAccount } from '../domain/accounts/account-records.js';
import { buildApp } from './app.js';

const key = 'sk_test_apiRouteSuite012345';

describe('unexpected failures', () => {
  const runtime = createRuntime();
  let store: Store;
  let failing = false;
  let app: ReturnType<typeof buildApp>['app'];

  beforeAll(async () => {
    store = openStore({ db: ':memory:', nowSeconds: () => Math.floor(runtime.clock.nowMs() / 1000) });
    await store.migrate();
    await bootstrapAccount(store, runtime, key);
    // The store works, except that while `failing` is set a write blows up after its first statement.
    const flaky: Store = {
      ...store,
      transaction: (work) =>
        store.transaction((tx) =>
          work({
            ...tx,
            run: async (query) => {
              const changed = await tx.run(query);
              if (failing && /insert into "events"/i.test(query.sql)) throw new Error('disk on fire at /srv/secret/path.ts:42');
              return changed;
            },
          }),
        ),
    };
    app = buildApp({ store: flaky, runtime, logger: createLogger('silent') }).app;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const post = (headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: 'name=Doomed',
    });

  it('answers 500 api_error with the request id, rolls back, and leaks nothing', async () => {
    failing = true;
    const response = await post();
    failing = false;
    expect(response.statusCode).toBe(500);
    const body = response.json();
    const requestId = response.headers['request-id'];
    expect(body.error.type).toBe('api_error');
    expect(body.error.message).toContain(String(requestId));
    expect(response.body).not.toContain('disk on fire');
    expect(response.body).not.toMatch(/\.ts:\d+/);
    const customers = await store.read((executor) => executor.all(store.db.selectFrom('customers').select('id').compile()));
    expect(customers).toHaveLength(0);
  });

  it('stores the 500 under its idempotency key and replays it', async () => {
    failing = true;
    const first = await post({ 'idempotency-key': 'doomed-1' });
    failing = false;
    const retry = await post({ 'idempotency-key': 'doomed-1' });
    expect(first.statusCode).toBe(500);
    expect(retry.statusCode).toBe(500);
    expect(retry.body).toBe(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const fresh = await post({ 'idempotency-key': 'doomed-2' });
    expect(fresh.statusCode).toBe(200);
  });
});
