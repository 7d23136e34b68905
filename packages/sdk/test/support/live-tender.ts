// One live Tender (in-process, in-memory database) per test file, and an SDK client for it: the
// suite's hooks start it before the tests and close it after them.
import { afterAll, beforeAll } from 'vitest';
import { startTender, type RunningTender, type StartOptions } from '@tender/server';
import { StripeClient } from '@tender/sdk';

export interface LiveTenderSuite {
  readonly tender: RunningTender;
  readonly client: StripeClient;
}

/**
 * @example
 * const suite = useLiveTender();
 * it('creates', async () => expect((await suite.client.customers.create()).object).toBe('customer'));
 */
export function useLiveTender(options: StartOptions = {}): LiveTenderSuite {
  let tender: RunningTender | undefined;
  let client: StripeClient | undefined;
  beforeAll(async () => {
    tender = await startTender({ port: 0, db: ':memory:', ...options });
    client = new StripeClient(tender.secretKey, { baseUrl: tender.url });
  });
  afterAll(async () => {
    await tender?.close();
  });
  const running = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the live Tender is not running (used outside a test?)');
    return value;
  };
  return {
    get tender() {
      return running(tender);
    },
    get client() {
      return running(client);
    },
  };
}
