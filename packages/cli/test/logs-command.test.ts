// `tender logs tail` as a developer runs it: the account's API requests appear as one line each
// (status, method, path, the request id the response carried, duration) while they happen, without
// colour off a terminal; after the server restarts on the same port the tail reconnects and carries on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTender, serve, spawnTender, stop } from './cli-processes.js';

const directory = mkdtempSync(join(tmpdir(), 'tender-logs-'));
const key = 'sk_test_cliLogsKey0123456789';

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('tender logs tail', () => {
  it('prints each request as it is answered, and reconnects after a restart', { timeout: 60_000 }, async () => {
    const db = join(directory, 'logs.db');
    let server = await serve(db, key);
    const tail = spawnTender(['logs', 'tail', '--api-key', key, '--url', server.url]);
    const call = async (method: string, path: string, body?: string) => {
      const response = await fetch(server.url + path, {
        method,
        headers: { authorization: `Bearer ${key}` },
        ...(body === undefined ? {} : { body: new URLSearchParams(body) }),
      });
      await response.text();
      return response.headers.get('request-id')!;
    };
    try {
      await tail.waitForOutput(/Ready! Tailing the request log of http:\/\/127\.0\.0\.1:\d+ \(\^C to quit\)/);
      const created = await call('POST', '/v1/customers', 'email=tail%40example.com');
      const missing = await call('GET', '/v1/customers/cus_nope');
      await tail.waitForOutput(new RegExp(`\\[200\\] POST /v1/customers \\[${created}\\] \\d+(\\.\\d+)? ms\\n`));
      await tail.waitForOutput(new RegExp(`\\[404\\] GET /v1/customers/cus_nope \\[${missing}\\] \\d+(\\.\\d+)? ms\\n`));
      expect(tail.output()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[200\] POST/m);
      expect(tail.output()).not.toContain('\u001b[');
      expect(tail.output()).not.toMatch(/sk_test|tail%40example/);

      const port = Number(new URL(server.url).port);
      const from = tail.output().length;
      await stop(server.process);
      await tail.waitForOutput(/Lost the connection to Tender/, { from });
      server = await serve(db, key, port);
      await tail.waitForOutput(/Reconnected to Tender/, { from });
      const later = await call('GET', '/v1/balance');
      await tail.waitForOutput(new RegExp(`\\[200\\] GET /v1/balance \\[${escape(later)}\\]`, 'm'), { from });
    } finally {
      expect(await stop(tail, 'SIGINT')).toBe(0);
      await stop(server.process);
    }
  });

  it('fails with one line when no key is given or the server is not there', async () => {
    const noKey = await runTender(['logs', 'tail']);
    expect(noKey).toEqual({
      code: 1,
      output: 'tender: no API key: pass --api-key sk_test_..., or set TENDER_API_KEY (or STRIPE_API_KEY)\n',
    });
    const badUrl = await runTender(['logs', 'tail', '--api-key', key, '--url', 'ftp://example.com']);
    expect(badUrl).toEqual({ code: 1, output: 'tender: the Tender URL must be http or https: ftp://example.com\n' });
  });
});
