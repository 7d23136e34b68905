// Tender's developer endpoints over real sockets, on every engine: the event stream (only events
// written after it opens, exactly the stored JSON, type filters with wildcards, resume with
// Last-Event-ID, one account only, paging through a long backlog, late commits within the lookback
// window, several processes on one PostgreSQL), the request-log stream (the account's own requests,
// never a key), the stable listen secret, the process clock (advance runs due jobs and webhook
// retries), heartbeats, auth, and streams closed when the server closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { bootstrapAccount } from '../src/domain/accounts/account-records.js';
import { buildApp } from '../src/http/app.js';
import { createFakeClock, type FakeClock } from '../src/runtime/clock.js';
import { idTimeMs, lowestIdAt } from '../src/runtime/ids.js';
import { createLogger } from '../src/runtime/logger.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { openStore } from '../src/store/open-store.js';
import { startTender } from '../src/server.js';
import { events_stream_lookback_ms, events_stream_page_max } from '../src/http/routes/tender-streams-routes.js';
import { startLiveTender, test_secret_key, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';
import { startWebhookReceiver } from '../src/test-support/webhook-receiver.js';

const start_ms = Date.UTC(2026, 4, 4, 10, 0, 0);
const other_key = 'sk_test_tenderStreamsOther0123456789';
const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

interface Message {
  event: string;
  id: string | null;
  data: string;
}

interface Stream {
  status: number;
  headers: Headers;
  messages: Message[];
  comments: string[];
  /** Resolves once `count` messages arrived. */
  waitFor(count: number, timeout_ms?: number): Promise<Message[]>;
  waitForComment(text: string, timeout_ms?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens an SSE stream with fetch and parses it as it arrives (comments kept apart from messages). */
async function openStream(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  const aborter = new AbortController();
  const response = await fetch(url, { headers, signal: aborter.signal });
  const messages: Message[] = [];
  const comments: string[] = [];
  let notify = () => undefined as void;
  const changed = () => new Promise<void>((resolve) => (notify = resolve));
  let changes = changed();
  const ended = (async () => {
    if (response.body === null || !response.ok) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: Message = { event: 'message', id: null, data: '' };
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) message.id = line.slice(4);
            else if (line.startsWith('event: ')) message.event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) messages.push({ ...message, data: data.join('\n') });
        }
        const wake = notify;
        changes = changed();
        wake();
      }
    } catch (error) {
      if (!aborter.signal.aborted) throw error;
    }
  })();
  const waitUntil = async (done: () => boolean, what: () => string, timeout_ms: number) => {
    const deadline = Date.now() + timeout_ms;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(what());
      await Promise.race([changes, ended, new Promise((resolve) => setTimeout(resolve, Math.min(left, 200)))]);
    }
  };
  return {
    status: response.status,
    headers: response.headers,
    messages,
    comments,
    async waitFor(count, timeout_ms = 10_000) {
      await waitUntil(
        () => messages.length >= count,
        () => `expected ${count} messages, got ${messages.length}`,
        timeout_ms,
      );
      return messages;
    },
    async waitForComment(text, timeout_ms = 10_000) {
      await waitUntil(
        () => comments.includes(text),
        () => `no comment "${text}" in ${JSON.stringify(comments)}`,
        timeout_ms,
      );
    },
    ended,
    close: () => aborter.abort(),
  };
}

/** An event id made at `epochMs` (what runtime/ids.ts makes), for rows written behind the API. */
function eventIdAt(epochMs: number, suffix: number): string {
  let time = '';
  let value = epochMs;
  for (let index = 0; index < 8; index += 1) {
    time = base62[value % 62] + time;
    value = Math.floor(value / 62);
  }
  return `evt_${time}${String(suffix).padStart(16, '0')}`;
}

for (const engine of test_engines) {
  describe(`tender streams on ${engine.name}`, () => {
    let tender: LiveTender;
    let clock: FakeClock;
    let account: string;
    const auth = (key = test_secret_key) => ({ authorization: `Bearer ${key}` });
    beforeAll(async () => {
      clock = createFakeClock(start_ms);
      tender = await startLiveTender(engine, { runtime: createRuntime({ clock }), schedulerPollIntervalMs: 0, streamHeartbeatMs: 100 });
      account = tender.account.account_id;
      await bootstrapAccount(tender.store, tender.runtime, other_key);
    });
    afterAll(async () => {
      await tender.close();
    });

    const eventsUrl = (query = '') => `${tender.url}/_tender/events/stream${query}`;
    const createCustomer = async (email: string, key = test_secret_key) => {
      const created = await tender.call('POST', '/v1/customers', { form: `email=${encodeURIComponent(email)}`, key });
      expect(created.status).toBe(200);
      return created.json as { id: string };
    };
    const latestEventId = async () => (await tender.call('GET', '/v1/events?limit=1')).json.data[0].id as string;
    /** Writes an event row directly, as a transaction that committed late would leave it. */
    const insertEvent = async (id: string, type = 'customer.updated') => {
      const data = JSON.stringify({ id, object: 'event', type, data: { object: { id: 'cus_inserted' } } });
      await tender.store.transaction((tx) =>
        tx.run(
          tender.store.db
            .insertInto('events')
            .values({ account_id: account, livemode: 0, id, created: Math.floor(clock.nowMs() / 1000), type, data })
            .compile(),
        ),
      );
    };

    it('refuses requests without a secret key, bad Last-Event-ID and bad type filters with Stripe’s envelope', async () => {
      const none = await tender.call('GET', '/_tender/events/stream', { key: null });
      expect(none.status).toBe(401);
      expect(none.json.error).toMatchObject({ type: 'invalid_request_error' });
      expect(none.json.error.message).toMatch(/^You did not provide an API key/);
      const wrong = await tender.call('GET', '/_tender/logs/stream', { key: 'sk_test_notAKeyOfThisServer0000' });
      expect(wrong.status).toBe(401);
      expect(wrong.json.error.message).toMatch(/^Invalid API Key provided: sk_test_\*+0000$/);
      const publishable = await tender.call('GET', '/_tender/listen_secret', { key: tender.publishableKey });
      expect(publishable.status).toBe(401);
      expect(publishable.json.error.code).toBe('secret_key_required');
      const clockRead = await tender.call('GET', '/_tender/clock', { key: null });
      expect(clockRead.status).toBe(401);

      const badId = await tender.call('GET', '/_tender/events/stream', { headers: { 'last-event-id': 'cus_123' } });
      expect(badId.status).toBe(400);
      expect(badId.json.error.message).toBe("Invalid Last-Event-ID header: 'cus_123' is not an event id.");
      const badType = await tender.call('GET', '/_tender/events/stream?types=customer.created,DROP%20TABLE');
      expect(badType.status).toBe(400);
      expect(badType.json.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid', param: 'types' });
      const tooMany = await tender.call(
        'GET',
        `/_tender/events/stream?types=${Array.from({ length: 21 }, (_, index) => `a.t${index}`).join(',')}`,
      );
      expect(tooMany.status).toBe(400);
      expect(tooMany.json.error.message).toBe('You may pass at most 20 types.');
    });

    it('refuses a publishable key on every /_tender route, as /v1 refuses it', async () => {
      const routes: [string, string][] = [
        ['GET', '/_tender/events/stream'],
        ['GET', '/_tender/logs/stream'],
        ['GET', '/_tender/clock'],
        ['POST', '/_tender/clock/advance'],
        ['GET', '/_tender/webhook_deliveries'],
        ['GET', '/_tender/webhook_deliveries/summary'],
        ['POST', '/_tender/events/evt_any/resend'],
      ];
      for (const [method, path] of routes) {
        const answer = await tender.call(method, path, { key: tender.publishableKey });
        expect([path, answer.status, answer.json.error.code]).toEqual([path, 401, 'secret_key_required']);
      }
    });

    it('answers an unreadable query string or body instead of reading it as no parameters', async () => {
      const malformed = /^Invalid request: the body or query string is not valid application\/x-www-form-urlencoded/;
      const stream = await tender.call('GET', '/_tender/events/stream?types=customer.%ZZ');
      expect(stream.status).toBe(400);
      expect(stream.json.error.message).toMatch(malformed);
      const listed = await tender.call('GET', '/_tender/webhook_deliveries?event=%ZZ');
      expect(listed.status).toBe(400);
      expect(listed.json.error.message).toMatch(malformed);
      const resent = await tender.call('POST', '/_tender/events/evt_unread/resend', { form: 'endpoint=%ZZ' });
      expect(resent.status).toBe(400);
      expect(resent.json.error.message).toMatch(malformed);
    });

    it('streams each event written after it opens, as the stored JSON with its id, and only that account’s', async () => {
      await createCustomer('before@example.com');
      const stream = await openStream(eventsUrl(), auth());
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(stream.headers.get('request-id')).toMatch(/^req_/);
      await createCustomer('other@example.com', other_key);
      const first = await createCustomer('after@example.com');
      const updated = await tender.call('POST', `/v1/customers/${first.id}`, { form: 'name=Jenny' });
      expect(updated.status).toBe(200);
      const [created, changed] = await stream.waitFor(2);
      stream.close();
      for (const message of [created!, changed!]) {
        const stored = await tender.call('GET', `/v1/events/${message.id}`);
        expect(message.data).toBe(stored.text);
        expect(message.event).toBe('message');
      }
      expect(JSON.parse(created!.data)).toMatchObject({ type: 'customer.created', data: { object: { id: first.id } } });
      expect(JSON.parse(changed!.data)).toMatchObject({ type: 'customer.updated', data: { object: { id: first.id, name: 'Jenny' } } });
      expect(created!.id! < changed!.id!).toBe(true);
    });

    it('filters by type, with * wildcards as GET /v1/events?type= has them', async () => {
      const stream = await openStream(eventsUrl('?types=payment_intent.*,charge.succeeded'), auth());
      await createCustomer('filtered@example.com');
      const intent = await tender.call('POST', '/v1/payment_intents', {
        form: 'amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card',
      });
      expect(intent.status).toBe(200);
      const messages = await stream.waitFor(3);
      stream.close();
      const types = messages.map((message) => JSON.parse(message.data).type);
      expect(types).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
    });

    it('resumes after Last-Event-ID with every later event, in order, none twice', async () => {
      const mark = await latestEventId();
      const customers = [];
      for (const email of ['r1@example.com', 'r2@example.com', 'r3@example.com']) customers.push(await createCustomer(email));
      const stream = await openStream(eventsUrl(), { ...auth(), 'last-event-id': mark });
      const later = await createCustomer('r4@example.com');
      const messages = await stream.waitFor(4);
      stream.close();
      expect(messages.map((message) => JSON.parse(message.data).data.object.id)).toEqual([...customers.map((c) => c.id), later.id]);
      expect(new Set(messages.map((message) => message.id)).size).toBe(4);
    });

    it(`pages through a backlog longer than one page (${events_stream_page_max}) in id order`, async () => {
      const mark = await latestEventId();
      clock.advanceMs(1000);
      const ids = Array.from({ length: 2 * events_stream_page_max + 50 }, (_, index) => eventIdAt(clock.nowMs() + index, index));
      await tender.store.transaction(async (tx) => {
        for (const id of ids) {
          const data = JSON.stringify({ id, object: 'event', type: 'customer.updated' });
          await tx.run(
            tender.store.db
              .insertInto('events')
              .values({ account_id: account, livemode: 0, id, created: Math.floor(clock.nowMs() / 1000), type: 'customer.updated', data })
              .compile(),
          );
        }
      });
      clock.advanceMs(ids.length + 1000);
      const stream = await openStream(eventsUrl(), { ...auth(), 'last-event-id': mark });
      const messages = await stream.waitFor(ids.length);
      const last = await createCustomer('after-backlog@example.com');
      await stream.waitFor(ids.length + 1);
      stream.close();
      expect(messages.slice(0, ids.length).map((message) => message.id)).toEqual(ids);
      expect(JSON.parse(messages[ids.length]!.data).data.object.id).toBe(last.id);
    });

    it('catches an event that commits late within the lookback window, and not one older than it', async () => {
      clock.advanceMs(2 * events_stream_lookback_ms);
      const stream = await openStream(eventsUrl(), auth());
      await createCustomer('newest@example.com');
      const [newest] = await stream.waitFor(1);
      const late = eventIdAt(clock.nowMs() - events_stream_lookback_ms / 2, 1);
      expect(late < newest!.id!).toBe(true);
      await insertEvent(late);
      await stream.waitFor(2);
      expect(stream.messages[1]!.id).toBe(late);
      // Above the floor the stream opened at, but further behind the newest than the window reaches.
      const tooLate = eventIdAt(clock.nowMs() - events_stream_lookback_ms - 1000, 2);
      await insertEvent(tooLate);
      const after = await createCustomer('after-late@example.com');
      await stream.waitFor(3);
      stream.close();
      expect(JSON.parse(stream.messages[2]!.data).data.object.id).toBe(after.id);
      expect(stream.messages.map((message) => message.id)).not.toContain(tooLate);
    });

    it('catches a late commit while this process keeps waking the stream with its own events, sending none twice', async () => {
      clock.advanceMs(2 * events_stream_lookback_ms);
      const stream = await openStream(eventsUrl(), auth());
      await createCustomer('busy-first@example.com');
      const [first] = await stream.waitFor(1);
      const late = eventIdAt(clock.nowMs() - events_stream_lookback_ms / 2, 3);
      expect(late < first!.id!).toBe(true);
      // Written behind the API: nothing wakes the stream for it, while each create below does.
      await insertEvent(late);
      const caught = () => stream.messages.some((message) => message.id === late);
      for (let created = 0; created < 300 && !caught(); created += 1) await createCustomer(`busy-${created}@example.com`);
      stream.close();
      expect(caught()).toBe(true);
      const ids = stream.messages.map((message) => message.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('sends heartbeat comments while nothing happens', async () => {
      const stream = await openStream(eventsUrl(), auth());
      await stream.waitForComment('heartbeat');
      stream.close();
      expect(stream.messages).toEqual([]);
    });

    it('streams the account’s request log as it happens: method, path, status, request id, duration, never a key', async () => {
      const stream = await openStream(`${tender.url}/_tender/logs/stream`, auth());
      await createCustomer('other-log@example.com', other_key);
      const created = await tender.call('POST', '/v1/customers', { form: 'email=log%40example.com' });
      const missing = await tender.call('GET', '/v1/customers/cus_missing');
      const [first, second] = await stream.waitFor(2);
      stream.close();
      expect(JSON.parse(first!.data)).toMatchObject({
        method: 'POST',
        path: '/v1/customers',
        status: 200,
        request_id: created.headers.get('request-id'),
      });
      expect(JSON.parse(first!.data).duration_ms).toBeGreaterThanOrEqual(0);
      expect(JSON.parse(second!.data)).toMatchObject({
        method: 'GET',
        path: '/v1/customers/cus_missing',
        status: 404,
        request_id: missing.headers.get('request-id'),
      });
      expect(first!.data + second!.data).not.toMatch(/sk_test|log%40example/);
    });

    it('tails only requests that authenticated as the account: not a refused key’s, not another account’s', async () => {
      const stream = await openStream(`${tender.url}/_tender/logs/stream`, auth());
      const refused = await tender.call('GET', '/v1/customers', { key: 'sk_test_notAKeyOfThisServer0000' });
      expect(refused.status).toBe(401);
      expect((await tender.call('GET', '/v1/customers', { key: other_key })).status).toBe(200);
      const clockRead = await tender.call('GET', '/_tender/clock');
      const listed = await tender.call('GET', '/v1/customers?limit=1');
      const messages = await stream.waitFor(2);
      stream.close();
      expect(messages.map((message) => JSON.parse(message.data).request_id)).toEqual([
        clockRead.headers.get('request-id'),
        listed.headers.get('request-id'),
      ]);
    });

    it('gives each account one stable whsec_ listen secret', async () => {
      const [first, second] = await Promise.all([
        tender.call('GET', '/_tender/listen_secret'),
        tender.call('GET', '/_tender/listen_secret'),
      ]);
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ object: 'listen_secret', account, livemode: false });
      expect(first.json.secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
      expect(second.json.secret).toBe(first.json.secret);
      expect((await tender.call('GET', '/_tender/listen_secret')).json.secret).toBe(first.json.secret);
      const other = await tender.call('GET', '/_tender/listen_secret', { key: other_key });
      expect(other.json.secret).toMatch(/^whsec_/);
      expect(other.json.secret).not.toBe(first.json.secret);
    });

    it('moves the clock forward, runs the jobs that fell due, and streams their events', async () => {
      const read = await tender.call('GET', '/_tender/clock');
      expect(read.json).toMatchObject({ now: Math.floor(clock.nowMs() / 1000), adjustable: true });
      const intent = await tender.call('POST', '/v1/payment_intents', {
        form: 'amount=2000&currency=usd&payment_method=pm_card_refundFail&confirm=true&payment_method_types[]=card',
      });
      const refund = await tender.call('POST', '/v1/refunds', { form: `payment_intent=${intent.json.id}` });
      expect(refund.json.status).toBe('succeeded');
      const stream = await openStream(eventsUrl('?types=refund.failed'), auth());
      const before = Math.floor(clock.nowMs() / 1000);
      const advanced = await tender.call('POST', '/_tender/clock/advance', { form: 'seconds=90' });
      expect(advanced.status).toBe(200);
      expect(advanced.json.now).toBe(before + 90);
      expect(advanced.json.jobs_run).toBeGreaterThanOrEqual(1);
      expect((await tender.call('GET', `/v1/refunds/${refund.json.id}`)).json.status).toBe('failed');
      const [failed] = await stream.waitFor(1);
      stream.close();
      expect(JSON.parse(failed!.data)).toMatchObject({ type: 'refund.failed', data: { object: { id: refund.json.id } } });

      const to = await tender.call('POST', '/_tender/clock/advance', { json: { to: before + 3600 } });
      expect(to.json.now).toBe(before + 3600);
      expect(Math.floor(clock.nowMs() / 1000)).toBe(before + 3600);
    });

    it('refuses clock moves backwards, without a value, with both values or too far', async () => {
      const refuse = async (form: string, code: string, param: string, message: string | RegExp) => {
        const answer = await tender.call('POST', '/_tender/clock/advance', { form });
        expect(answer.status).toBe(400);
        expect(answer.json.error).toMatchObject({ type: 'invalid_request_error', code, param });
        expect(answer.json.error.message).toMatch(message);
      };
      const now = Math.floor(clock.nowMs() / 1000);
      await refuse('', 'parameter_missing', 'seconds', 'Missing required param: seconds.');
      await refuse('seconds=abc', 'parameter_invalid_integer', 'seconds', 'Invalid integer: abc');
      await refuse('seconds=-5', 'parameter_invalid_integer', 'seconds', 'Invalid integer: -5');
      await refuse(`to=${now - 1}`, 'parameter_invalid', 'to', /^The clock only moves forwards/);
      await refuse('seconds=1&to=1', 'parameter_invalid', 'to', 'You may only specify one of these parameters: seconds, to.');
      await refuse(`seconds=${367 * 86_400}`, 'parameter_invalid', 'seconds', /at most 31622400 seconds/);
      expect(Math.floor(clock.nowMs() / 1000)).toBe(now);
    });

    it('refuses negative or fractional seconds given as JSON, as it refuses them in a form, and moves nothing', async () => {
      const now = Math.floor(clock.nowMs() / 1000);
      const negative = await tender.call('POST', '/_tender/clock/advance', { json: { seconds: -86_400 } });
      expect(negative.status).toBe(400);
      expect(negative.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'parameter_invalid_integer',
        param: 'seconds',
        message: 'Invalid integer: -86400',
      });
      const fraction = await tender.call('POST', '/_tender/clock/advance', { json: { seconds: 1.5 } });
      expect(fraction.json.error).toMatchObject({ code: 'parameter_invalid_integer', param: 'seconds', message: 'Invalid integer: 1.5' });
      expect(Math.floor(clock.nowMs() / 1000)).toBe(now);
    });

    it('answers why it cannot read a malformed body instead of calling the value missing', async () => {
      const now = Math.floor(clock.nowMs() / 1000);
      const malformed = await tender.call('POST', '/_tender/clock/advance', {
        body: '{"seconds": 60',
        headers: { 'content-type': 'application/json' },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.json.error).toMatchObject({
        type: 'invalid_request_error',
        message: 'Invalid request: the body is not valid JSON.',
      });
      const unsupported = await tender.call('POST', '/_tender/clock/advance', {
        body: 'seconds=60',
        headers: { 'content-type': 'text/csv' },
      });
      expect(unsupported.status).toBe(400);
      expect(unsupported.json.error.message).toMatch(/^Invalid request: unsupported Content-Type text\/csv/);
      expect(Math.floor(clock.nowMs() / 1000)).toBe(now);
    });

    it('reads the clock without claiming an offset from the system clock that a test clock does not have', async () => {
      const read = await tender.call('GET', '/_tender/clock');
      expect(read.status).toBe(200);
      expect(read.json).toEqual({ now: Math.floor(clock.nowMs() / 1000), offset_seconds: null, adjustable: true });
      const advanced = await tender.call('POST', '/_tender/clock/advance', { form: 'seconds=1' });
      expect(advanced.json).toMatchObject({ offset_seconds: null, adjustable: true });
    });

    it('sends a webhook retry that the advance made due, without waiting for the worker’s next poll', async () => {
      const receiver = await startWebhookReceiver();
      receiver.answer = (index) => ({ status: index === 0 ? 500 : 200 });
      const endpoint = await tender.call('POST', '/v1/webhook_endpoints', {
        form: `url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created`,
      });
      try {
        await createCustomer('retry@example.com');
        await receiver.waitFor(1);
        await tender.webhooks.idle();
        // The first retry waits 30 to 60 s (retry-schedule.ts); nothing is sent before the clock moves.
        expect(receiver.received).toHaveLength(1);
        await tender.call('POST', '/_tender/clock/advance', { form: 'seconds=120' });
        const received = await receiver.waitFor(2);
        expect(JSON.parse(received[1]!.body).id).toBe(JSON.parse(received[0]!.body).id);
      } finally {
        await tender.call('DELETE', `/v1/webhook_endpoints/${endpoint.json.id}`);
        await receiver.close();
      }
    });
  });

  describe(`tender streams and the server's life on ${engine.name}`, () => {
    it('ends open streams when the server closes, so closing never waits on them', async () => {
      const tender = await startLiveTender(engine);
      const headers = { authorization: `Bearer ${test_secret_key}` };
      const events = await openStream(`${tender.url}/_tender/events/stream`, headers);
      const logs = await openStream(`${tender.url}/_tender/logs/stream`, headers);
      await tender.close();
      await events.ended;
      await logs.ended;
      expect(events.status).toBe(200);
      expect(logs.status).toBe(200);
    });

    it('after a restart put the clock back, leaves events stamped ahead of it alone and resumes from the restart', async () => {
      const clock = createFakeClock(start_ms);
      const tender = await startLiveTender(engine, { runtime: createRuntime({ clock }), schedulerPollIntervalMs: 0 });
      const headers = { authorization: `Bearer ${test_secret_key}` };
      const customer = async (email: string) => (await tender.call('POST', '/v1/customers', { form: `email=${email}` })).json.id as string;
      try {
        const first = await customer('first%40example.com');
        // As an event written two days ahead, before a restart dropped the clock's offset, is left.
        const ahead = eventIdAt(start_ms + 2 * 86_400_000, 7);
        await tender.store.transaction((tx) =>
          tx.run(
            tender.store.db
              .insertInto('events')
              .values({
                account_id: tender.account.account_id,
                livemode: 0,
                id: ahead,
                created: start_ms / 1000 + 2 * 86_400,
                type: 'customer.updated',
                data: JSON.stringify({ id: ahead, object: 'event', type: 'customer.updated' }),
              })
              .compile(),
          ),
        );
        const fresh = await openStream(`${tender.url}/_tender/events/stream`, headers);
        const resumed = await openStream(`${tender.url}/_tender/events/stream`, { ...headers, 'last-event-id': ahead });
        const second = await customer('second%40example.com');
        const [next] = await fresh.waitFor(1);
        expect(JSON.parse(next!.data).data.object.id).toBe(second);
        const replayed = await resumed.waitFor(2);
        expect(replayed.map((message) => JSON.parse(message.data).data.object.id)).toEqual([first, second]);
        fresh.close();
        resumed.close();
        expect([...fresh.messages, ...resumed.messages].map((message) => message.id)).not.toContain(ahead);
      } finally {
        await tender.close();
      }
    });

    it('never holds more streams than its cap, even when they open at the same moment', async () => {
      const runtime = createRuntime();
      const schema = engine.schema();
      const store = openStore({
        db: engine.db,
        nowSeconds: () => Math.floor(runtime.clock.nowMs() / 1000),
        ...(schema === undefined ? {} : { schema }),
      });
      await store.migrate();
      await bootstrapAccount(store, runtime, test_secret_key);
      const { app } = buildApp({ store, runtime, logger: createLogger('silent'), streamsOpenMax: 2 });
      const streams: Stream[] = [];
      try {
        await app.listen({ host: '127.0.0.1', port: 0 });
        const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        const headers = { authorization: `Bearer ${test_secret_key}` };
        streams.push(...(await Promise.all(Array.from({ length: 4 }, () => openStream(`${url}/_tender/events/stream`, headers)))));
        expect(streams.map((stream) => stream.status).sort()).toEqual([200, 200, 429, 429]);
        streams.push(await openStream(`${url}/_tender/logs/stream`, headers));
        expect(streams[4]!.status).toBe(429);
        // A stream that closes gives its place back.
        const held = streams.find((stream) => stream.status === 200)!;
        held.close();
        await held.ended;
        let reopened: Stream;
        do {
          reopened = await openStream(`${url}/_tender/logs/stream`, headers);
          streams.push(reopened);
        } while (reopened.status === 429 && streams.length < 50);
        expect(reopened.status).toBe(200);
      } finally {
        for (const stream of streams) stream.close();
        await app.close();
        await store.close();
        await engine.dropSchema(schema);
      }
    });

    it('refuses to move the system clock', async () => {
      const tender = await startLiveTender(engine);
      try {
        const answer = await tender.call('POST', '/_tender/clock/advance', { form: 'seconds=60' });
        expect(answer.status).toBe(400);
        expect(answer.json.error.message).toMatch(/^This Tender's clock cannot be moved/);
        expect((await tender.call('GET', '/_tender/clock')).json).toMatchObject({ offset_seconds: 0, adjustable: false });
      } finally {
        await tender.close();
      }
    });

    if (engine.name === 'postgres') {
      it('streams events another process writes to the same database', async () => {
        const schema = engine.schema();
        const options = { db: engine.db, secretKey: test_secret_key, ...(schema === undefined ? {} : { schema }) };
        const reader = await startTender(options);
        const writer = await startTender(options);
        try {
          const stream = await openStream(`${reader.url}/_tender/events/stream`, { authorization: `Bearer ${test_secret_key}` });
          const created = await fetch(`${writer.url}/v1/customers`, {
            method: 'POST',
            headers: { authorization: `Bearer ${test_secret_key}` },
            body: new URLSearchParams({ email: 'elsewhere@example.com' }),
          });
          const customer = (await created.json()) as { id: string };
          const [message] = await stream.waitFor(1);
          stream.close();
          expect(JSON.parse(message!.data)).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id } } });
        } finally {
          await reader.close();
          await writer.close();
          await engine.dropSchema(schema);
        }
      });
    }
  });
}

describe('the time in event ids, which bounds what a stream reads', () => {
  it('reads back the millisecond an id was made, and lowestIdAt falls between ids made before and at it', () => {
    const clock = createFakeClock(start_ms);
    const runtime = createRuntime({ clock });
    const before = runtime.ids.next('evt');
    clock.advanceMs(1);
    const at = runtime.ids.next('evt');
    expect(idTimeMs(before)).toBe(start_ms);
    expect(idTimeMs(at)).toBe(start_ms + 1);
    expect(idTimeMs(eventIdAt(start_ms + 12_345, 3))).toBe(start_ms + 12_345);
    const bound = lowestIdAt('evt', start_ms + 1);
    expect(before < bound && bound <= at).toBe(true);
    expect(idTimeMs(`${bound}${'0'.repeat(16)}`)).toBe(start_ms + 1);
  });
});
