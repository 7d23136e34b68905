// Webhook endpoints and signed delivery, on every engine, over real sockets: the endpoint resource as
// Stripe has it (secret once, 16 at most, URL and event checks), deliveries with Stripe's headers and
// a signature that verifies, pending_webhooks counted down, retries on the (fake-clock) schedule for
// every kind of failure, each attempt recorded, disabled endpoints stopping (attempts still waiting
// to be sent included), give-up after the window, and resend.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../src/runtime/clock.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';
import { startWebhookReceiver, type WebhookReceiver } from '../src/test-support/webhook-receiver.js';
import { webhook_retry_window_ms } from '../src/webhooks/retry-schedule.js';
import { webhook_in_flight_per_endpoint_max } from '../src/webhooks/delivery-worker.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validateSchema } = (await import(validator_url)) as {
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

const start_ms = Date.UTC(2026, 4, 1, 9, 0, 0);
const hour_ms = 3_600_000;

/** Checks a Stripe-Signature header the way Stripe's libraries do: HMAC-SHA256 of `t.body`, hex. */
function signatureValid(header: string | string[] | undefined, body: string, secret: string): boolean {
  if (typeof header !== 'string') return false;
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

for (const engine of test_engines) {
  describe(`webhooks on ${engine.name}`, () => {
    let tender: LiveTender;
    let clock: FakeClock;
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      clock = createFakeClock(start_ms);
      tender = await startLiveTender(engine, {
        runtime: createRuntime({ clock }),
        schedulerPollIntervalMs: 0,
        webhookTimeoutMs: 300,
      });
    });
    afterAll(async () => {
      await tender.close();
    });
    afterEach(async () => {
      await receiver?.close();
      // Endpoints from one test must not receive the next one's events.
      const listed = await tender.call('GET', '/v1/webhook_endpoints?limit=100');
      for (const endpoint of listed.json.data) await tender.call('DELETE', `/v1/webhook_endpoints/${endpoint.id}`);
    });

    const createEndpoint = async (form: string) => {
      const created = await tender.call('POST', '/v1/webhook_endpoints', { form });
      expect(created.status).toBe(200);
      return created.json as { id: string; secret: string };
    };
    const deliveries = async (query: string) => (await tender.call('GET', `/_tender/webhook_deliveries?${query}`)).json.data as any[];
    /** Lets the worker send everything due now and record it. */
    const settle = async () => {
      tender.webhooks.wake();
      await tender.webhooks.idle();
    };

    it('creates an endpoint with its secret shown once, then retrieves, updates, lists and deletes it', async () => {
      receiver = await startWebhookReceiver();
      const created = await tender.call('POST', '/v1/webhook_endpoints', {
        form: `url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created&enabled_events[]=charge.succeeded&description=Orders&metadata[team]=payments`,
      });
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({
        object: 'webhook_endpoint',
        url: receiver.url,
        enabled_events: ['customer.created', 'charge.succeeded'],
        status: 'enabled',
        description: 'Orders',
        metadata: { team: 'payments' },
        api_version: null,
        livemode: false,
      });
      expect(created.json.id).toMatch(/^we_[0-9A-Za-z]{24}$/);
      expect(created.json.secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
      expect(validateSchema('webhook_endpoint', created.json).errors ?? []).toEqual([]);

      const fetched = await tender.call('GET', `/v1/webhook_endpoints/${created.json.id}`);
      const { secret: _secret, ...withoutSecret } = created.json;
      expect(fetched.json).toEqual(withoutSecret);

      const updated = await tender.call('POST', `/v1/webhook_endpoints/${created.json.id}`, {
        form: 'disabled=true&enabled_events[]=*&metadata[team]=',
      });
      expect(updated.json).toMatchObject({ status: 'disabled', enabled_events: ['*'], metadata: {} });
      expect(updated.json).not.toHaveProperty('secret');
      const listed = await tender.call('GET', '/v1/webhook_endpoints');
      expect(listed.json).toMatchObject({ object: 'list', url: '/v1/webhook_endpoints', has_more: false });
      expect(listed.json.data.map((endpoint: any) => endpoint.id)).toEqual([created.json.id]);

      const deleted = await tender.call('DELETE', `/v1/webhook_endpoints/${created.json.id}`);
      expect(deleted.json).toEqual({ id: created.json.id, object: 'webhook_endpoint', deleted: true });
      const gone = await tender.call('GET', `/v1/webhook_endpoints/${created.json.id}`);
      expect(gone.status).toBe(404);
      expect(gone.json.error).toMatchObject({ code: 'resource_missing', message: `No such webhook endpoint: '${created.json.id}'` });
    });

    it('refuses bad URLs, unknown or missing event types, and a 17th endpoint, writing nothing', async () => {
      receiver = await startWebhookReceiver();
      const refuse = async (form: string, code: string | undefined, param: string | undefined) => {
        const answer = await tender.call('POST', '/v1/webhook_endpoints', { form });
        expect(answer.status).toBe(400);
        expect(answer.json.error.type).toBe('invalid_request_error');
        expect(answer.json.error.code).toBe(code);
        expect(answer.json.error.param).toBe(param);
        return answer.json.error.message as string;
      };
      await refuse('url=not%20a%20url&enabled_events[]=*', 'url_invalid', 'url');
      await refuse('url=ftp%3A%2F%2Fexample.com%2Fhook&enabled_events[]=*', 'url_invalid', 'url');
      // Stripe answers an unknown enum value with the allowed values and no code.
      const unknownType = await refuse(
        `url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.exploded`,
        undefined,
        'enabled_events[0]',
      );
      expect(unknownType).toMatch(/^Invalid enabled_events\[0\]: must be one of /);
      await refuse(`url=${encodeURIComponent(receiver.url)}`, 'parameter_missing', 'enabled_events');
      await refuse('enabled_events[]=*', 'parameter_missing', 'url');
      expect((await tender.call('GET', '/v1/webhook_endpoints')).json.data).toEqual([]);

      for (let index = 0; index < 16; index += 1) await createEndpoint(`url=${encodeURIComponent(receiver.url)}&enabled_events[]=*`);
      const seventeenth = await tender.call('POST', '/v1/webhook_endpoints', {
        form: `url=${encodeURIComponent(receiver.url)}&enabled_events[]=*`,
      });
      expect(seventeenth.status).toBe(400);
      expect(seventeenth.json.error.message).toBe('You have reached the maximum of 16 test webhook endpoints.');
      expect((await tender.call('GET', '/v1/webhook_endpoints?limit=100')).json.data).toHaveLength(16);
    });

    it('delivers subscribed events signed with the endpoint secret and counts pending_webhooks down', async () => {
      receiver = await startWebhookReceiver();
      const endpoint = await createEndpoint(`url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created`);
      const other = await startWebhookReceiver();
      const everything = await createEndpoint(`url=${encodeURIComponent(other.url)}&enabled_events[]=*`);
      // Both endpoints fail their first attempts, so the count is read before any delivery succeeds.
      receiver.answer = (index) => (index === 0 ? { status: 500 } : { status: 200 });
      other.answer = (index) => (index < 2 ? { status: 500 } : { status: 200 });

      const customer = (await tender.call('POST', '/v1/customers', { form: 'email=hook@example.com' })).json;
      await tender.call('POST', `/v1/customers/${customer.id}`, { form: 'name=Hook' });
      const event = (await tender.call('GET', `/v1/events?type=customer.created&limit=1`)).json.data[0];
      expect(event.data.object.id).toBe(customer.id);
      expect(event.pending_webhooks).toBe(2);

      await settle();
      const [delivered] = await receiver.waitFor(1);
      expect(receiver.received).toHaveLength(1);
      expect(delivered!.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(delivered!.headers['user-agent']).toBe('Stripe/1.0 (+https://stripe.com/docs/webhooks)');
      expect(delivered!.headers['cache-control']).toBe('no-cache');
      expect(delivered!.headers.accept).toBe('*/*; q=0.5, application/xml');
      expect(delivered!.headers['stripe-signature']).toMatch(new RegExp(`^t=${Math.floor(start_ms / 1000)},v1=[0-9a-f]{64}$`));
      expect(signatureValid(delivered!.headers['stripe-signature'], delivered!.body, endpoint.secret)).toBe(true);
      expect(signatureValid(delivered!.headers['stripe-signature'], delivered!.body, everything.secret)).toBe(false);
      const body = JSON.parse(delivered!.body);
      expect(body).toMatchObject({ id: event.id, type: 'customer.created', data: { object: { id: customer.id } } });
      expect(validateSchema('event', body).errors ?? []).toEqual([]);

      await other.waitFor(2);
      expect(other.received.map((request) => JSON.parse(request.body).type).sort()).toEqual(['customer.created', 'customer.updated']);
      // Failed attempts leave the count alone; the retries that succeed count it down.
      expect(body.pending_webhooks).toBe(2);
      expect((await tender.call('GET', `/v1/events/${event.id}`)).json.pending_webhooks).toBe(2);
      clock.advanceMs(hour_ms);
      await settle();
      await other.waitFor(4);
      await receiver.waitFor(2);
      await other.close();
      expect((await tender.call('GET', `/v1/events/${event.id}`)).json.pending_webhooks).toBe(0);
      const [record] = await deliveries(`event=${event.id}&endpoint=${endpoint.id}`);
      expect(record).toMatchObject({ state: 'delivered', attempts: 2, last_status_code: 200 });
      const summary = (await tender.call('GET', '/_tender/webhook_deliveries/summary')).json;
      expect(summary).toMatchObject({ object: 'webhook_delivery_summary', pending: 0, failed: 0 });
      expect(summary.delivered).toBeGreaterThanOrEqual(3);
      expect((await tender.call('GET', '/_tender/webhook_deliveries/summary?state=pending')).json).toEqual({
        object: 'webhook_delivery_summary',
        pending: 0,
      });
      expect((await tender.call('GET', '/_tender/webhook_deliveries/summary?state=delivered')).json).toEqual({
        object: 'webhook_delivery_summary',
        delivered: summary.delivered,
      });
      const wrong = await tender.call('GET', '/_tender/webhook_deliveries/summary?state=sent');
      expect(wrong.status).toBe(400);
      expect(wrong.json.error).toMatchObject({
        type: 'invalid_request_error',
        param: 'state',
        message: 'Invalid state: must be one of pending, delivered, failed, or canceled',
      });
      expect(record.attempt_log).toEqual([
        expect.objectContaining({ attempt: 1, status_code: 500, error: 'HTTP 500' }),
        expect.objectContaining({ attempt: 2, status_code: 200, error: null }),
      ]);
    });

    it('retries every kind of failure on the backoff schedule, records each attempt, then delivers', async () => {
      receiver = await startWebhookReceiver();
      const answers = [{ status: 500 }, { status: 302, location: 'https://example.com' }, { status: 404 }, 'hang', 'drop'] as const;
      receiver.answer = (index) => answers[index] ?? { status: 200 };
      const endpoint = await createEndpoint(`url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created`);
      await tender.call('POST', '/v1/customers', { form: 'email=retry@example.com' });
      const event = (await tender.call('GET', '/v1/events?type=customer.created&limit=1')).json.data[0];

      await settle();
      for (let attempt = 1; attempt <= answers.length; attempt += 1) {
        const [record] = await deliveries(`event=${event.id}`);
        expect(record).toMatchObject({ state: 'pending', attempts: attempt });
        // The next attempt is due between half and all of 2^(n-1) minutes later, not before.
        const wait = record.next_attempt_ms - clock.nowMs();
        expect(wait).toBeGreaterThanOrEqual(30_000 * 2 ** (attempt - 1));
        expect(wait).toBeLessThanOrEqual(60_000 * 2 ** (attempt - 1));
        clock.advanceMs(wait - 1);
        await settle();
        expect(receiver.received).toHaveLength(attempt);
        clock.advanceMs(1);
        await settle();
        await receiver.waitFor(attempt + 1);
      }
      const [record] = await deliveries(`event=${event.id}&endpoint=${endpoint.id}`);
      expect(record).toMatchObject({ state: 'delivered', attempts: 6, last_status_code: 200 });
      expect(record.attempt_log.map((attempt: any) => attempt.status_code)).toEqual([500, 302, 404, null, null, 200]);
      expect(record.attempt_log[3].error).toBe('timed out after 300 ms');
      expect(record.attempt_log[4].error).toMatch(/socket|closed|ECONNRESET/i);
      // A new timestamp and signature for every attempt, each valid for its own body.
      const stamps = receiver.received.map((request) => String(request.headers['stripe-signature']).split(',')[0]);
      expect(new Set(stamps).size).toBe(6);
      for (const request of receiver.received)
        expect(signatureValid(request.headers['stripe-signature'], request.body, endpoint.secret)).toBe(true);
    });

    it('stops retrying once the endpoint is disabled', async () => {
      receiver = await startWebhookReceiver();
      receiver.answer = () => ({ status: 503 });
      const endpoint = await createEndpoint(`url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created`);
      await tender.call('POST', '/v1/customers');
      await settle();
      expect(receiver.received).toHaveLength(1);
      await tender.call('POST', `/v1/webhook_endpoints/${endpoint.id}`, { form: 'disabled=true' });
      clock.advanceMs(hour_ms);
      await settle();
      expect(receiver.received).toHaveLength(1);
      const [record] = await deliveries(`endpoint=${endpoint.id}`);
      expect(record).toMatchObject({ state: 'canceled', attempts: 1 });
      // Events after disabling are not queued for it at all.
      await tender.call('POST', '/v1/customers');
      expect(await deliveries(`endpoint=${endpoint.id}`)).toHaveLength(1);
    });

    it('drops the attempts it still holds for an endpoint once it is disabled, and sends none of them', async () => {
      // A server of its own, whose attempts wait long enough for every create below to finish first.
      const patient = await startLiveTender(engine, { runtime: createRuntime({ clock }), webhookTimeoutMs: 60_000 });
      receiver = await startWebhookReceiver();
      receiver.answer = () => 'hang';
      try {
        const created = await patient.call('POST', '/v1/webhook_endpoints', {
          form: `url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created`,
        });
        // The endpoint's slots fill with attempts that never answer; the rest wait in the sending thread.
        const waiting = 12;
        for (let index = 0; index < webhook_in_flight_per_endpoint_max + waiting; index += 1)
          await patient.call('POST', '/v1/customers', { form: `email=held${index}@example.com` });
        await receiver.waitFor(webhook_in_flight_per_endpoint_max);
        const disabled = await patient.call('POST', `/v1/webhook_endpoints/${created.json.id}`, { form: 'disabled=true' });
        expect(disabled.json.status).toBe('disabled');
        // The attempts on the wire fail and are recorded, without making their canceled rows pending
        // again; the waiting ones are never made, though the receiver would now answer them at once.
        receiver.answer = () => ({ status: 503 });
        receiver.release(503);
        await patient.webhooks.idle();
        expect(receiver.received).toHaveLength(webhook_in_flight_per_endpoint_max);
        const summary = await patient.call('GET', '/_tender/webhook_deliveries/summary');
        expect(summary.json).toMatchObject({ canceled: webhook_in_flight_per_endpoint_max + waiting, pending: 0 });
        const listed = await patient.call('GET', `/_tender/webhook_deliveries?endpoint=${created.json.id}&limit=100`);
        const made = listed.json.data.filter((delivery: { attempts: number }) => delivery.attempts > 0);
        expect(made.length).toBeGreaterThan(0);
        for (const delivery of made) expect(delivery).toMatchObject({ state: 'canceled', attempts: 1, last_status_code: 503 });
      } finally {
        await patient.close();
      }
    });

    it('gives a delivery up after three days of failures', async () => {
      receiver = await startWebhookReceiver();
      receiver.answer = () => ({ status: 500 });
      const endpoint = await createEndpoint(`url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created`);
      await tender.call('POST', '/v1/customers');
      const started = clock.nowMs();
      await settle();
      while (clock.nowMs() - started < webhook_retry_window_ms + hour_ms) {
        clock.advanceMs(hour_ms);
        await settle();
      }
      const [record] = await deliveries(`endpoint=${endpoint.id}`);
      expect(record.state).toBe('failed');
      expect(record.attempts).toBe(receiver.received.length);
      // 1 min doubling to a 12 h cap over 3 days: about a dozen attempts, never more than the schedule allows.
      expect(record.attempts).toBeGreaterThanOrEqual(10);
      expect(record.attempts).toBeLessThanOrEqual(20);
      expect(record.attempt_log.at(-1).attempted_ms - started).toBeLessThanOrEqual(webhook_retry_window_ms);
    });

    it('resends to each enabled endpoint that wants the type, answering the deliveries as it queued them', async () => {
      receiver = await startWebhookReceiver();
      const url = encodeURIComponent(receiver.url);
      const wanting = await createEndpoint(`url=${url}&enabled_events[]=customer.created`);
      const everything = await createEndpoint(`url=${url}&enabled_events[]=*`);
      const other = await createEndpoint(`url=${url}&enabled_events[]=charge.succeeded`);
      await tender.call('POST', '/v1/customers');
      await settle();
      await receiver.waitFor(2);
      const event = JSON.parse(receiver.received[0]!.body);

      for (let round = 1; round <= 3; round += 1) {
        const resent = await tender.call('POST', `/_tender/events/${event.id}/resend`);
        expect(resent.status).toBe(200);
        expect(resent.json).toMatchObject({ object: 'list', url: '/_tender/webhook_deliveries' });
        expect(resent.json.data.map((delivery: any) => delivery.endpoint_id).sort()).toEqual([wanting.id, everything.id].sort());
        // What was queued, not whatever the worker it woke had done by the time of a second read.
        for (const delivery of resent.json.data) {
          expect(delivery).toEqual({
            id: expect.stringMatching(/^wd_/),
            event_id: event.id,
            endpoint_id: expect.any(String),
            created_ms: clock.nowMs(),
            state: 'pending',
            attempts: 0,
            next_attempt_ms: clock.nowMs(),
            last_status_code: null,
            last_error: null,
            completed_ms: null,
            attempt_log: [],
          });
        }
        await settle();
        await receiver.waitFor(2 + 2 * round);
        const listed = await deliveries(`event=${event.id}`);
        for (const delivery of resent.json.data) {
          expect(listed.find((row) => row.id === delivery.id)).toMatchObject({ state: 'delivered', attempts: 1 });
        }
      }

      await tender.call('POST', `/v1/webhook_endpoints/${other.id}`, { form: 'disabled=true' });
      const disabled = await tender.call('POST', `/_tender/events/${event.id}/resend`, { form: `endpoint=${other.id}` });
      expect(disabled.status).toBe(400);
      expect(disabled.json.error).toMatchObject({ param: 'endpoint', message: `Webhook endpoint ${other.id} is disabled.` });
      const unknown = await tender.call('POST', `/_tender/events/${event.id}/resend`, { form: 'endpoint=we_nope' });
      expect(unknown.status).toBe(400);
      expect(unknown.json.error).toMatchObject({ code: 'resource_missing', param: 'endpoint' });
    });

    it('records a refused connection and resends an event on request', async () => {
      receiver = await startWebhookReceiver();
      // A port that was just listening and no longer is: connections to it are refused.
      const closed = await startWebhookReceiver();
      await closed.close();
      const refusing = await createEndpoint(`url=${encodeURIComponent(closed.url)}&enabled_events[]=customer.created`);
      const listening = await createEndpoint(`url=${encodeURIComponent(receiver.url)}&enabled_events[]=customer.created`);
      await tender.call('POST', '/v1/customers');
      await settle();
      const [refused] = await deliveries(`endpoint=${refusing.id}`);
      expect(refused.attempt_log[0]).toMatchObject({ status_code: null, error: expect.stringMatching(/ECONNREFUSED/) });
      expect(receiver.received).toHaveLength(1);
      const event = JSON.parse(receiver.received[0]!.body);

      const resent = await tender.call('POST', `/_tender/events/${event.id}/resend`, { form: `endpoint=${listening.id}` });
      expect(resent.status).toBe(200);
      expect(resent.json.data).toHaveLength(1);
      await settle();
      await receiver.waitFor(2);
      expect(JSON.parse(receiver.received[1]!.body).id).toBe(event.id);
      expect(await deliveries(`event=${event.id}&endpoint=${listening.id}`)).toHaveLength(2);
      const missing = await tender.call('POST', '/_tender/events/evt_nope/resend');
      expect(missing.status).toBe(404);
      const unauthenticated = await tender.call('GET', '/_tender/webhook_deliveries', { key: null });
      expect(unauthenticated.status).toBe(401);
    });
  });
}
