// One live Tender per engine per test file, driven only through the official SDK. Hooks start the
// server (with a fixed secret key) and compile the spec validator before the tests, check every
// response each test produced against the spec after it, and stop the server and drop its schema at
// the end. Tests share the server, so each test scopes its data with its own `tag`.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type Stripe from 'stripe';
import { startTender, type RunningTender } from '@tender/server';
import type { TestEngine } from '../packages/server/src/test-support/test-engines.js';
import { assertResponsesMatchSpec, loadResponseValidator, validation_hook_timeout_ms } from './response-validation.js';
import { createStripeClient, type RecordedResponse, type StripeConfig } from './stripe-client.js';

export const conformance_secret_key = 'sk_test_conformance0123456789abcdef';

export interface ConformanceSuite {
  readonly tender: RunningTender;
  /** The SDK with the suite's secret key, every response recorded. */
  readonly stripe: Stripe;
  /** Responses recorded since the last check; emptied after each test. */
  readonly records: RecordedResponse[];
  /** Another SDK client on the same server (another key or config), recording into the same list. */
  client(apiKey: string, config?: StripeClientConfig): Stripe;
  /** A short string unique to this call, to keep one test's objects apart from another's. */
  tag(label: string): string;
}

type StripeClientConfig = Omit<StripeConfig, 'host' | 'port' | 'protocol' | 'httpClient'>;

/**
 * Registers the suite's hooks in the current `describe` and returns its handles, usable inside tests.
 *
 * @example
 * for (const engine of test_engines) describe(`customers on ${engine.name}`, () => {
 *   const suite = useConformanceSuite(engine);
 *   it('creates', async () => expect((await suite.stripe.customers.create()).object).toBe('customer'));
 * });
 */
export function useConformanceSuite(engine: TestEngine): ConformanceSuite {
  const records: RecordedResponse[] = [];
  let tender: RunningTender | null = null;
  let stripe: Stripe | null = null;
  let schema: string | undefined;

  const running = (): RunningTender => {
    if (tender === null) throw new Error('the conformance Tender is not running (used outside a test?)');
    return tender;
  };

  beforeAll(async () => {
    schema = engine.schema();
    const [started] = await Promise.all([
      startTender({ db: engine.db, secretKey: conformance_secret_key, port: 0, ...(schema === undefined ? {} : { schema }) }),
      loadResponseValidator(),
    ]);
    tender = started;
    stripe = createStripeClient({ url: started.url, apiKey: conformance_secret_key, records });
  }, validation_hook_timeout_ms);

  afterEach(async () => {
    await assertResponsesMatchSpec(records);
  }, validation_hook_timeout_ms);

  afterAll(async () => {
    try {
      await tender?.close();
    } finally {
      tender = null;
      await engine.dropSchema(schema);
    }
    await assertResponsesMatchSpec(records);
  }, validation_hook_timeout_ms);

  return {
    get tender() {
      return running();
    },
    get stripe() {
      running();
      return stripe!;
    },
    records,
    client(apiKey, config) {
      return createStripeClient({ url: running().url, apiKey, records, ...(config === undefined ? {} : { config }) });
    },
    tag(label) {
      return `${label}-${randomUUID().slice(0, 8)}`;
    },
  };
}

/**
 * Awaits a call that must fail and returns the SDK error, checked to be of the given class.
 *
 * @example
 * const error = await stripeError(stripe.customers.retrieve('cus_nope'), Stripe.errors.StripeInvalidRequestError);
 */
export async function stripeError<T extends Error>(call: Promise<unknown>, errorClass: abstract new (...args: never[]) => T): Promise<T> {
  let result: unknown;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof errorClass) return error;
    const name = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
    throw new Error(`expected ${errorClass.name}, got ${name}`, { cause: error });
  }
  throw new Error(`expected ${errorClass.name}, but the call succeeded with ${JSON.stringify(result).slice(0, 300)}`);
}
