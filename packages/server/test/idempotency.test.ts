// Idempotency-Key end to end: replays answer the stored bytes with Idempotent-Replayed, other params or
// another endpoint answer idempotency_error, validation failures are not stored, keys are per account,
// a key in flight answers 409 (PostgreSQL, where two requests can overlap), and old keys are pruned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneIdempotencyKeys, idempotency_key_retention_seconds } from '../src/http/idempotency.js';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

for (const engine of test_engines) {
  describe(`idempotency on ${engine.name}`, () => {
    let tender: LiveTender;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
    });
    afterAll(async () => {
      await tender.close();
    });
    const key = (name: string) => `${name}-${engine.name}-${Date.now()}`;

    it('replays the first answer byte for byte, with one effect and one event', async () => {
      const idempotencyKey = key('replay');
      const first = await tender.call('POST', '/v1/customers', {
        form: 'email=once%40example.com',
        headers: { 'idempotency-key': idempotencyKey },
      });
      const second = await tender.call('POST', '/v1/customers', {
        form: 'email=once%40example.com',
        headers: { 'idempotency-key': idempotencyKey },
      });
      expect(second.status).toBe(first.status);
      expect(second.text).toBe(first.text);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const events = await tender.call('GET', '/v1/events?type=customer.created&limit=100');
      const matching = events.json.data.filter((event: any) => event.data.object.id === first.json.id);
      expect(matching).toHaveLength(1);
      expect(matching[0].request.idempotency_key).toBe(idempotencyKey);
    });

    it('refuses the same key with other params or on another endpoint', async () => {
      const idempotencyKey = key('mismatch');
      const first = await tender.call('POST', '/v1/customers', { form: 'name=A', headers: { 'idempotency-key': idempotencyKey } });
      const other = await tender.call('POST', '/v1/customers', { form: 'name=B', headers: { 'idempotency-key': idempotencyKey } });
      expect(other.status).toBe(400);
      expect(other.json.error.type).toBe('idempotency_error');
      expect(other.json.error.message).toContain('same parameters');
      const endpoint = await tender.call('POST', `/v1/customers/${first.json.id}`, {
        form: 'name=A',
        headers: { 'idempotency-key': idempotencyKey },
      });
      expect(endpoint.status).toBe(400);
      expect(endpoint.json.error.type).toBe('idempotency_error');
      expect(endpoint.json.error.message).toContain(`('/v1/customers' vs '/v1/customers/${first.json.id}')`);
    });

    it('does not store validation failures, but does store errors once execution began', async () => {
      const idempotencyKey = key('validation');
      const invalid = await tender.call('POST', '/v1/customers', { form: 'balance=abc', headers: { 'idempotency-key': idempotencyKey } });
      expect(invalid.status).toBe(400);
      const valid = await tender.call('POST', '/v1/customers', { form: 'balance=5', headers: { 'idempotency-key': idempotencyKey } });
      expect(valid.status).toBe(200);

      const executedKey = key('executed');
      const missing = await tender.call('POST', '/v1/customers/cus_nothere', {
        form: 'name=x',
        headers: { 'idempotency-key': executedKey },
      });
      expect(missing.status).toBe(404);
      const replay = await tender.call('POST', '/v1/customers/cus_nothere', {
        form: 'name=x',
        headers: { 'idempotency-key': executedKey },
      });
      expect(replay.text).toBe(missing.text);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    });

    it('refuses keys over 255 characters and ignores keys on GET', async () => {
      const tooLong = await tender.call('POST', '/v1/customers', { form: 'name=x', headers: { 'idempotency-key': 'k'.repeat(256) } });
      expect(tooLong.status).toBe(400);
      const get1 = await tender.call('GET', '/v1/customers?limit=1', { headers: { 'idempotency-key': 'get-key' } });
      expect(get1.headers.get('idempotent-replayed')).toBeNull();
    });

    it('answers concurrent requests with one key exactly once', async () => {
      const idempotencyKey = key('concurrent');
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          tender.call('POST', '/v1/customers', { form: 'name=Concurrent', headers: { 'idempotency-key': idempotencyKey } }),
        ),
      );
      const succeeded = answers.filter((answer) => answer.status === 200);
      const inUse = answers.filter((answer) => answer.status === 409);
      expect(succeeded.length + inUse.length).toBe(8);
      expect(new Set(succeeded.map((answer) => answer.json.id)).size).toBe(1);
      for (const answer of inUse)
        expect(answer.json.error).toMatchObject({ code: 'idempotency_key_in_use', type: 'invalid_request_error' });
      const list = await tender.call('GET', `/v1/customers/search?query=${encodeURIComponent('name:"Concurrent"')}`);
      expect(list.json.data).toHaveLength(1);
    });

    it('prunes keys older than 24 hours, after which the key runs anew', async () => {
      const idempotencyKey = key('prune');
      const first = await tender.call('POST', '/v1/customers', { form: 'name=Prune', headers: { 'idempotency-key': idempotencyKey } });
      const now = Math.floor(Date.now() / 1000);
      expect(await pruneIdempotencyKeys(tender.store, now)).toBe(0);
      expect(await pruneIdempotencyKeys(tender.store, now + idempotency_key_retention_seconds + 2)).toBeGreaterThan(0);
      const again = await tender.call('POST', '/v1/customers', { form: 'name=Prune', headers: { 'idempotency-key': idempotencyKey } });
      expect(again.json.id).not.toBe(first.json.id);
      expect(again.headers.get('idempotent-replayed')).toBeNull();
    });
  });
}
