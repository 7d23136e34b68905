// Webhook delivery as real `tender serve` processes do it: kill -9 at any point between an event and
// its delivery loses nothing (after a restart on the same database the delivery arrives), and two
// processes sharing one PostgreSQL database deliver each event exactly once, never both at the same time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { test_engines } from '../../server/src/test-support/test-engines.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../server/src/test-support/webhook-receiver.js';
import { serve as serveTender, stop, type Served } from './cli-processes.js';

const secret_key = 'sk_test_durabilitySuite0123456789';
const directory = mkdtempSync(join(tmpdir(), 'tender-webhooks-'));
const running = new Set<Served>();

afterAll(() => rmSync(directory, { recursive: true, force: true }));
afterEach(async () => {
  for (const server of running) await stop(server.process, 'SIGKILL');
  running.clear();
});

/** `tender serve` with webhook attempts that time out after 400 ms, so a killed claim lapses quickly. */
async function serve(db: string): Promise<Served> {
  const server = await serveTender(db, secret_key, 0, ['--webhook-timeout-ms', '400']);
  running.add(server);
  return server;
}

async function kill(server: Served): Promise<void> {
  running.delete(server);
  await stop(server.process, 'SIGKILL');
}

async function call(server: Served, method: string, path: string, form?: string): Promise<any> {
  const response = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
    ...(form === undefined ? {} : { body: form }),
  });
  return response.json();
}

const eventIds = (receiver: WebhookReceiver) => receiver.received.map((request) => JSON.parse(request.body).id as string);

describe('webhook delivery across kill -9', () => {
  let receiver: WebhookReceiver;
  afterEach(async () => {
    await receiver.close();
  });

  it('delivers an event whose attempt was in flight when the server was killed, after a restart', async () => {
    const db = join(directory, 'in-flight.db');
    receiver = await startWebhookReceiver();
    receiver.answer = (index) => (index === 0 ? 'hang' : { status: 200 });
    let server = await serve(db);
    await call(server, 'POST', '/v1/webhook_endpoints', `url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created`);
    const customer = await call(server, 'POST', '/v1/customers', 'email=inflight@example.com');
    await receiver.waitFor(1);
    await kill(server);

    server = await serve(db);
    // The killed process's lease lapses (a few attempt timeouts), then the restarted one sends again.
    await receiver.waitFor(2, 15_000);
    const [first, second] = receiver.received.map((request) => JSON.parse(request.body));
    expect(first.id).toBe(second.id);
    expect(second).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id } } });
    // The receiver answers before Tender records the attempt: wait for the record.
    let deliveries = await call(server, 'GET', `/_tender/webhook_deliveries?event=${first.id}`);
    for (let tries = 0; tries < 50 && deliveries.data[0]?.state !== 'delivered'; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      deliveries = await call(server, 'GET', `/_tender/webhook_deliveries?event=${first.id}`);
    }
    expect(deliveries.data).toEqual([expect.objectContaining({ state: 'delivered', last_status_code: 200 })]);
    await kill(server);
  });

  it('loses no event when killed at any moment after the write, before or during its delivery', async () => {
    const db = join(directory, 'anytime.db');
    receiver = await startWebhookReceiver();
    // The endpoint is slow, so kills land before, during and after attempts.
    receiver.answer = () => ({ status: 200 });
    let server = await serve(db);
    await call(server, 'POST', '/v1/webhook_endpoints', `url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created`);
    const created: string[] = [];
    const delays_ms = [0, 1, 3, 8, 20, 60];
    for (const delay of delays_ms) {
      for (let index = 0; index < 3; index += 1) created.push((await call(server, 'POST', '/v1/customers')).id);
      await new Promise((resolve) => setTimeout(resolve, delay));
      await kill(server);
      server = await serve(db);
    }
    const expected = created.length;
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 20_000;
      const check = () => {
        const delivered = new Set(receiver.received.map((request) => JSON.parse(request.body).data.object.id as string));
        if (created.every((id) => delivered.has(id))) return resolve();
        if (Date.now() > deadline) return reject(new Error(`delivered ${delivered.size} of ${expected}`));
        setTimeout(check, 100);
      };
      check();
    });
    await kill(server);
  });
});

for (const engine of test_engines.filter((candidate) => candidate.name === 'postgres')) {
  describe('two processes on one PostgreSQL database', () => {
    let receiver: WebhookReceiver;
    const schema = engine.schema()!;
    afterAll(async () => {
      await receiver?.close();
      await engine.dropSchema(schema);
    });

    it('deliver each event once, never the same one twice at the same time', async () => {
      const client = new pg.Client({ connectionString: engine.db });
      await client.connect();
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.end();
      const url = new URL(engine.db);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const [first, second] = await Promise.all([serve(url.toString()), serve(url.toString())]);

      receiver = await startWebhookReceiver();
      const inFlight = new Set<string>();
      const overlaps: string[] = [];
      receiver.answer = (_index, request) => {
        const id = JSON.parse(request.body).id as string;
        if (inFlight.has(id)) overlaps.push(id);
        inFlight.add(id);
        // Answer a little later, so a second sender would overlap if it could.
        setTimeout(() => inFlight.delete(id), 20);
        return { status: 200 };
      };
      await call(first, 'POST', '/v1/webhook_endpoints', `url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created`);
      const count = 120;
      await Promise.all(Array.from({ length: count }, (_, index) => call(index % 2 === 0 ? first : second, 'POST', '/v1/customers')));
      await receiver.waitFor(count, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const ids = eventIds(receiver);
      expect(ids).toHaveLength(count);
      expect(new Set(ids).size).toBe(count);
      expect(overlaps).toEqual([]);

      // Each process sends what it wrote itself (the hand-off), so the rows both must claim are the
      // due ones: resends, asked of alternate processes while both workers look for due rows.
      await Promise.all(ids.map((id, index) => call(index % 2 === 0 ? second : first, 'POST', `/_tender/events/${id}/resend`)));
      await receiver.waitFor(2 * count, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const all = eventIds(receiver);
      expect(all).toHaveLength(2 * count);
      for (const id of ids) expect(all.filter((received) => received === id)).toHaveLength(2);
      expect(overlaps).toEqual([]);
      await Promise.all([kill(first), kill(second)]);
    });
  });
}
