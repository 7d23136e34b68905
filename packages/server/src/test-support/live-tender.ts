// Starts a real Tender on a loopback port for one suite, on a given engine, with a known key, and a
// small fetch helper that speaks form encoding the way Stripe's SDKs do.
import { startTender, type RunningTender, type StartOptions } from '../server.js';
import type { TestEngine } from './test-engines.js';

export const test_secret_key = 'sk_test_tenderSuiteKey0123456789abcdef';

export interface LiveTender extends RunningTender {
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
}

export interface CallOptions {
  form?: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  key?: string | null;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function startLiveTender(engine: TestEngine, options: StartOptions = {}): Promise<LiveTender> {
  const schema = engine.schema();
  const tender = await startTender({
    db: engine.db,
    secretKey: test_secret_key,
    ...(schema === undefined ? {} : { schema }),
    ...options,
  });
  return {
    ...tender,
    async call(method, path, callOptions = {}) {
      const headers: Record<string, string> = { ...callOptions.headers };
      const key = callOptions.key === undefined ? test_secret_key : callOptions.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: string | undefined = callOptions.body;
      if (callOptions.form !== undefined) {
        body = callOptions.form;
        headers['content-type'] ??= 'application/x-www-form-urlencoded';
      }
      if (callOptions.json !== undefined) {
        body = JSON.stringify(callOptions.json);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(tender.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    async close() {
      await tender.close();
      await engine.dropSchema(schema);
    },
  };
}
