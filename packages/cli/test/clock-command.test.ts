// `tender clock` as a developer runs it against `tender serve`: show the server's time, advance it by
// a duration, and see time-driven work happen at once (card funds pending for T+2 become available,
// with balance.available); the offset belongs to the server process, so a restart starts again at the
// system clock. Bad durations end with one line and exit code 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeClock } from '../src/clock-command.js';
import { api, runTender, serve, stop } from './cli-processes.js';

const directory = mkdtempSync(join(tmpdir(), 'tender-clock-'));
const key = 'sk_test_cliClockKey0123456789';

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('tender clock', () => {
  it('advances the server clock and runs what fell due; a restart returns to the system clock', { timeout: 60_000 }, async () => {
    const db = join(directory, 'clock.db');
    let server = await serve(db, key);
    const tender = (...args: string[]) => runTender([...args, '--api-key', key, '--url', server.url]);
    try {
      const shown = await tender('clock', 'show');
      expect(shown.code).toBe(0);
      expect(shown.output).toMatch(/^Tender's clock: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+\), the system clock\n$/);

      const paid = await api(server.url, key, 'POST', '/v1/payment_intents', {
        amount: '2000',
        currency: 'usd',
        payment_method: 'pm_card_visa',
        'payment_method_types[]': 'card',
        confirm: 'true',
      });
      expect(paid.json.status).toBe('succeeded');
      const pending = (await api(server.url, key, 'GET', '/v1/balance')).json.pending[0].amount as number;
      expect(pending).toBeGreaterThan(0);

      const advanced = await tender('clock', 'advance', '3d');
      expect(advanced.code, advanced.output).toBe(0);
      expect(advanced.output).toMatch(
        /^Advanced by 3d\. Tender's clock: .+, 3d ahead of the system clock; ran [1-9]\d* scheduled job\(s\)\.\n$/,
      );
      const clock = await api(server.url, key, 'GET', '/_tender/clock');
      expect(clock.json.offset_seconds).toBe(3 * 86_400);
      const balance = (await api(server.url, key, 'GET', '/v1/balance')).json;
      expect(balance.pending[0].amount).toBe(0);
      expect(balance.available[0].amount).toBe(pending);
      const available = await api(server.url, key, 'GET', '/v1/events?type=balance.available');
      expect(available.json.data).toHaveLength(1);

      expect((await tender('clock', 'advance', '1h30m')).output).toMatch(/^Advanced by 1h 30m\. .+, 3d 1h 30m ahead of the system clock;/);

      await stop(server.process);
      server = await serve(db, key);
      expect((await api(server.url, key, 'GET', '/_tender/clock')).json.offset_seconds).toBe(0);
    } finally {
      await stop(server.process);
    }
  });

  it('refuses durations it cannot read, with one line and exit code 1', async () => {
    const soon = await runTender(['clock', 'advance', 'soon', '--api-key', key]);
    expect(soon).toEqual({ code: 1, output: 'tender: not a duration: "soon" (try 90s, 15m, 3h, 2d, 1w or 1d12h)\n' });
    const missing = await runTender(['clock', 'advance']);
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/^error: missing required argument 'duration'/);
  });
});

describe('describeClock', () => {
  it('names the clock by its offset: none, ahead, or a clock of its own (an embedded test clock)', () => {
    const now = 1_767_225_600;
    expect(describeClock({ now, offset_seconds: 0, adjustable: true })).toBe(
      `Tender's clock: 2026-01-01T00:00:00Z (${now}), the system clock`,
    );
    expect(describeClock({ now, offset_seconds: 90_000, adjustable: true })).toMatch(/ahead of the system clock$/);
    expect(describeClock({ now, offset_seconds: null, adjustable: true })).toMatch(/, a clock of its own$/);
  });
});
