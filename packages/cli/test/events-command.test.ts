// `tender events resend` and `tender events deliveries` as a developer runs them: an event already
// delivered to a webhook endpoint is delivered again (to every endpoint that wants it, or to the one
// named), signed afresh; every delivery and attempt is listed; an unknown event or endpoint ends with
// Tender's message on one line and exit code 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../server/src/test-support/webhook-receiver.js';
import { api, runTender, serve, stop } from './cli-processes.js';

const directory = mkdtempSync(join(tmpdir(), 'tender-events-'));
const key = 'sk_test_cliEventsKey0123456789';

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('tender events resend', () => {
  it('delivers an event again, to all its endpoints or one, and names what it cannot find', { timeout: 60_000 }, async () => {
    const server = await serve(join(directory, 'events.db'), key);
    const receiver = await startWebhookReceiver();
    const tender = (...args: string[]) => runTender([...args, '--api-key', key, '--url', server.url]);
    try {
      const endpoint = await api(server.url, key, 'POST', '/v1/webhook_endpoints', {
        url: receiver.url,
        'enabled_events[]': 'customer.created',
      });
      expect(endpoint.status).toBe(200);
      await api(server.url, key, 'POST', '/v1/customers', { email: 'resend@example.com' });
      const [first] = await receiver.waitFor(1);
      const eventId = JSON.parse(first!.body).id as string;

      const all = await tender('events', 'resend', eventId);
      expect(all.code, all.output).toBe(0);
      expect(all.output).toMatch(new RegExp(`^Resending ${eventId} to ${endpoint.json.id} \\(delivery wd_\\w+, pending\\)\\n$`));
      const one = await tender('events', 'resend', eventId, '--endpoint', endpoint.json.id);
      expect(one.code).toBe(0);
      const received = await receiver.waitFor(3);
      expect(received.map((request) => JSON.parse(request.body).id)).toEqual([eventId, eventId, eventId]);

      // The first delivery and the two resends, each with its attempt.
      receiver.answer = () => ({ status: 503 });
      await tender('events', 'resend', eventId);
      await receiver.waitFor(4);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const listed = await tender('events', 'deliveries', eventId);
      expect(listed.code, listed.output).toBe(0);
      const lines = listed.output.trimEnd().split('\n');
      const summaries = lines.filter((line) => line.startsWith(`${eventId} -> ${endpoint.json.id}: `));
      expect(summaries).toHaveLength(4);
      expect(summaries[0]).toMatch(/: pending after 1 attempt\(s\), next attempt \d{4}-\d\d-\d\dT/);
      expect(summaries.filter((line) => line.includes(': delivered after 1 attempt(s)'))).toHaveLength(3);
      expect(lines.filter((line) => /^ {2}#1 {2}\d{4}-\d\d-\d\dT[\d:.]+Z {2}\[200\] {2}\d+ ms$/.test(line))).toHaveLength(3);
      expect(lines.filter((line) => /^ {2}#1 .* {2}\[503\] HTTP 503 {2}\d+ ms$/.test(line))).toHaveLength(1);
      const byEndpoint = await tender('events', 'deliveries', '--endpoint', endpoint.json.id);
      expect(byEndpoint.output).toBe(listed.output);
      const none = await tender('events', 'deliveries');
      expect(none).toEqual({ code: 1, output: 'tender: name an event (evt_...) or --endpoint we_...\n' });

      const unknownEvent = await tender('events', 'resend', 'evt_nope');
      expect(unknownEvent).toEqual({ code: 1, output: "tender: No such event: 'evt_nope'\n" });
      const unknownEndpoint = await tender('events', 'resend', eventId, '--endpoint', 'we_nope');
      expect(unknownEndpoint).toEqual({ code: 1, output: "tender: No such webhook endpoint: 'we_nope'\n" });
      const notAnId = await tender('events', 'resend', 'cus_123');
      expect(notAnId).toEqual({ code: 1, output: 'tender: not an event id: cus_123 (event ids start with evt_)\n' });
    } finally {
      await stop(server.process);
      await receiver.close();
    }
  });
});
