// `tender trigger` as a developer runs it, against a `tender serve` on a SQLite file: every supported
// event type is triggered by the built bin and that event is then in /v1/events, about an object the
// trigger made; `--help` lists them all; an unknown event, an unreachable server and a refused key
// each end with one line and exit code 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../src/trigger-scenarios.js';
import { api, closedPort, runTender, serve, stop, type Served } from './cli-processes.js';

const directory = mkdtempSync(join(tmpdir(), 'tender-trigger-'));
const key = 'sk_test_cliTriggerKey0123456789';
/** Triggers run at once: enough to keep the suite short, few enough for a 2-core machine. */
const concurrent_triggers = 4;

let server: Served;
beforeAll(async () => {
  server = await serve(join(directory, 'trigger.db'), key);
});
afterAll(async () => {
  await stop(server.process);
  rmSync(directory, { recursive: true, force: true });
});

describe('tender trigger', () => {
  it(`causes each of its ${scenarios.length} event types, recorded in /v1/events`, { timeout: 120_000 }, async () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
    const results = new Map<string, { code: number | null; output: string }>();
    const queue = scenarios.map((scenario) => scenario.event);
    await Promise.all(
      Array.from({ length: concurrent_triggers }, async () => {
        for (let event = queue.shift(); event !== undefined; event = queue.shift()) {
          results.set(event, await runTender(['trigger', event, '--api-key', key, '--url', server.url]));
        }
      }),
    );
    for (const { event } of scenarios) {
      const result = results.get(event)!;
      expect(result.code, `${event}:\n${result.output}`).toBe(0);
      const id = new RegExp(`^Trigger succeeded! ${event.replace(/\./g, '\\.')} (evt_\\w+)$`, 'm').exec(result.output)?.[1];
      expect(id, result.output).toBeDefined();
      const stored = await api(server.url, key, 'GET', `/v1/events/${id}`);
      expect(stored.status).toBe(200);
      expect(stored.json.type).toBe(event);
      expect(stored.json.livemode).toBe(false);
      const listed = await api(server.url, key, 'GET', `/v1/events?type=${event}&limit=100`);
      expect(listed.json.data.map((listedEvent: { id: string }) => listedEvent.id)).toContain(id);
    }
  });

  it('lists every supported event in --help', async () => {
    const help = await runTender(['trigger', '--help']);
    expect(help.code).toBe(0);
    for (const { event, summary } of scenarios) {
      expect(help.output).toContain(`  ${event}`);
      expect(help.output).toContain(summary);
    }
    expect(help.output).toMatch(/Usage: tender trigger \[options\] <event>/);
  });

  it('refuses an unknown event, an unreachable server and a refused key with one line and exit code 1', async () => {
    const unknown = await runTender(['trigger', 'payment_intent.exploded', '--api-key', key, '--url', server.url]);
    expect(unknown).toEqual({
      code: 1,
      output: `tender: unknown event "payment_intent.exploded": \`tender trigger --help\` lists the ${scenarios.length} supported events\n`,
    });
    const closed = await closedPort();
    const unreachable = await runTender(['trigger', 'customer.created', '--api-key', key, '--url', `http://127.0.0.1:${closed}`]);
    expect(unreachable).toEqual({
      code: 1,
      output: `tender: could not reach Tender at http://127.0.0.1:${closed} (connection refused); is \`tender serve\` running there?\n`,
    });
    const refused = await runTender(['trigger', 'customer.created', '--url', server.url], {
      STRIPE_API_KEY: 'sk_test_wrongKey00000000001234',
    });
    expect(refused.code).toBe(1);
    expect(refused.output).toBe(
      `tender: Tender at ${server.url} refused the API key: Invalid API Key provided: sk_test_${'*'.repeat(18)}1234\n`,
    );
  });
});
