// `tender listen` as a developer runs it: a `tender serve` on a SQLite file, a local receiver, and
// `tender listen --forward-to` between them. Events arrive signed with the secret listen printed (the
// signature verified as Stripe's libraries do), one line per event with the forward's status; the
// server is killed (-9) and started again on the same port and database, events are written before
// listen has even reconnected, and every event reaches the receiver exactly once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { webhook_delivery_headers } from '@tender/server';
import { closedPort } from './cli-processes.js';
import { startWebhookReceiver } from '../../server/src/test-support/webhook-receiver.js';
import { api, runTender, serve, spawnTender, stop } from './cli-processes.js';

const directory = mkdtempSync(join(tmpdir(), 'tender-listen-'));
const key = 'sk_test_cliListenKey0123456789';

afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Checks a Stripe-Signature header the way Stripe's libraries do: HMAC-SHA256 of `t.body`, hex. */
function signatureValid(header: string | string[] | undefined, body: string, secret: string): boolean {
  if (typeof header !== 'string') return false;
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Number(parts.t) - Date.now() / 1000) < 300;
}

describe('tender listen', () => {
  it('forwards every event signed, once each, across a kill -9 and restart of the server', { timeout: 60_000 }, async () => {
    const db = join(directory, 'listen.db');
    let server = await serve(db, key);
    const port = new URL(server.url).port;
    const receiver = await startWebhookReceiver();
    // The second delivery is refused: listen reports the status and moves on, as Stripe's CLI does.
    receiver.answer = (index) => ({ status: index === 1 ? 500 : 200 });
    const customer = (email: string) => api(server.url, key, 'POST', '/v1/customers', { email });
    const listen = spawnTender(['listen', '--forward-to', receiver.url, '--api-key', key, '--url', server.url]);
    try {
      const ready = await listen.waitForOutput(/Ready! Your webhook signing secret is (whsec_[0-9A-Za-z]+) \(\^C to quit\)/);
      const secret = ready[1]!;
      const stable = await api(server.url, key, 'GET', '/_tender/listen_secret');
      expect(stable.json.secret).toBe(secret);

      const before = [await customer('one@example.com'), await customer('two@example.com'), await customer('three@example.com')];
      await receiver.waitFor(3);
      for (const received of receiver.received) {
        expect(signatureValid(received.headers['stripe-signature'], received.body, secret)).toBe(true);
        expect(received.headers['user-agent']).toBe('Stripe/1.0 (+https://stripe.com/docs/webhooks)');
        expect(received.headers['content-type']).toBe('application/json; charset=utf-8');
        // The very headers the server's webhook deliveries carry.
        for (const [name, value] of Object.entries(webhook_delivery_headers)) expect(received.headers[name]).toBe(value);
        const event = JSON.parse(received.body);
        const stored = await fetch(`${server.url}/v1/events/${event.id}`, { headers: { authorization: `Bearer ${key}` } });
        expect(received.body).toBe(await stored.text());
      }
      expect(receiver.received.map((received) => JSON.parse(received.body).data.object.id)).toEqual(before.map((made) => made.json.id));
      const firstId = JSON.parse(receiver.received[0]!.body).id as string;
      const refusedId = JSON.parse(receiver.received[1]!.body).id as string;
      await listen.waitForOutput(new RegExp(`--> customer\\.created \\[${refusedId}\\]  <-- \\[500\\] POST ${receiver.url}`));
      expect(listen.output()).toMatch(new RegExp(`--> customer\\.created \\[${firstId}\\]  <-- \\[200\\] POST ${receiver.url}`));

      // A crash: no goodbye on the stream.
      // Read before the kill: listen may report the loss before this process sees the server exit.
      const lostAt = listen.output().length;
      await stop(server.process, 'SIGKILL');
      await listen.waitForOutput(/Lost the connection to Tender/, { from: lostAt });
      server = await serve(db, key, Number(port));
      expect(new URL(server.url).port).toBe(port);
      expect((await api(server.url, key, 'GET', '/_tender/listen_secret')).json.secret).toBe(secret);
      // Written at once, likely before listen has reconnected: the resume must still bring them.
      const during = [await customer('four@example.com'), await customer('five@example.com')];
      await listen.waitForOutput(/Reconnected to Tender; resuming after evt_\w+/, { from: lostAt });
      const after = await customer('six@example.com');
      await receiver.waitFor(6);

      const events = await api(server.url, key, 'GET', '/v1/events?limit=100');
      const written = (events.json.data as { id: string }[]).map((event) => event.id).reverse();
      const forwarded = receiver.received.map((received) => JSON.parse(received.body).id as string);
      expect(forwarded).toEqual(written);
      expect(new Set(forwarded).size).toBe(6);
      expect(receiver.received.slice(3).map((received) => JSON.parse(received.body).data.object.id)).toEqual(
        [...during, after].map((made) => made.json.id),
      );
      for (const received of receiver.received)
        expect(signatureValid(received.headers['stripe-signature'], received.body, secret)).toBe(true);
      // Not a terminal: no colour codes.
      expect(listen.output()).not.toContain('\u001b[');
    } finally {
      expect(await stop(listen, 'SIGINT')).toBe(0);
      await stop(server.process);
      await receiver.close();
    }
  });

  it('prints only the event types asked for, with the account’s own secret', async () => {
    const db = join(directory, 'filter.db');
    const server = await serve(db, key);
    const secret = (await api(server.url, key, 'GET', '/_tender/listen_secret')).json.secret as string;
    const listen = spawnTender(['listen', '--events', 'customer.updated,payment_intent.*'], {
      TENDER_API_KEY: key,
      TENDER_URL: server.url,
    });
    try {
      await listen.waitForOutput(new RegExp(`Ready! Your webhook signing secret is ${secret} `));
      const created = await api(server.url, key, 'POST', '/v1/customers', { email: 'filter@example.com' });
      await api(server.url, key, 'POST', `/v1/customers/${created.json.id}`, { name: 'Jenny' });
      const line = await listen.waitForOutput(/--> (\S+) \[(evt_\w+)\]\n/);
      expect(line[1]).toBe('customer.updated');
      expect(listen.output()).not.toMatch(/customer\.created/);
    } finally {
      await stop(listen, 'SIGINT');
      await stop(server.process);
    }
  });

  it('fails with one clear line when the server is unreachable or refuses the key', async () => {
    const closed = await closedPort();
    const unreachable = await runTender(['listen', '--api-key', key, '--url', `http://127.0.0.1:${closed}`]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toBe(
      `tender: could not reach Tender at http://127.0.0.1:${closed} (connection refused); is \`tender serve\` running there?\n`,
    );

    const server = await serve(join(directory, 'keys.db'), key);
    try {
      const refused = await runTender(['listen', '--api-key', 'sk_test_notTheRightKey000000', '--url', server.url]);
      expect(refused.code).toBe(1);
      expect(refused.output).toBe(
        `tender: Tender at ${server.url} refused the API key: Invalid API Key provided: sk_test_${'*'.repeat(16)}0000\n`,
      );
      const badFilter = await runTender(['listen', '--events', 'Not A Type', '--api-key', key, '--url', server.url]);
      expect(badFilter.code).toBe(1);
      expect(badFilter.output).toMatch(/^tender: Invalid event type: "Not A Type"/);
      const noKey = await runTender(['listen', '--url', server.url]);
      expect(noKey.code).toBe(1);
      expect(noKey.output).toBe('tender: no API key: pass --api-key sk_test_..., or set TENDER_API_KEY (or STRIPE_API_KEY)\n');
    } finally {
      await stop(server.process);
    }
  });
});
