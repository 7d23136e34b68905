// The sending thread answers each attempt on its own: a malformed one fails alone, without ending the
// thread and the attempts in flight beside it; closing twice resolves twice.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoster } from './http-post.js';

describe('webhook poster', () => {
  let server: Server;
  let url = '';
  let errors: unknown[];
  beforeAll(async () => {
    // Answers after a short pause, so an attempt is still in flight when the next one is sent.
    server = createServer((_request, response) => setTimeout(() => response.writeHead(204).end(), 50));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const attempt = (target: string, headers: Record<string, string> = {}) => ({
    url: target,
    headers,
    body: '{"id":"evt_1"}',
    secret: 'whsec_test',
    timestamp: 1_800_000_000,
  });

  it('fails a malformed attempt alone while the one in flight beside it is answered', async () => {
    errors = [];
    const poster = createPoster({ timeout_ms: 5_000, sockets_per_origin_max: 4, onThreadError: (error) => errors.push(error) });
    try {
      const inFlight = poster.post(attempt(url));
      const badUrl = poster.post(attempt('not a url'));
      const badHeader = poster.post(attempt(url, { 'x-bad': 'line\nbreak' }));
      expect(await badUrl).toEqual({ ok: false, error: 'invalid URL not a url' });
      expect(await badHeader).toMatchObject({ ok: false, error: expect.stringContaining('x-bad') });
      expect(await inFlight).toEqual({ ok: true, status: 204 });
      expect(await poster.post(attempt(url))).toEqual({ ok: true, status: 204 });
      expect(errors).toEqual([]);
    } finally {
      await Promise.all([poster.close(), poster.close()]);
    }
    expect(await poster.post(attempt(url))).toEqual({ ok: false, error: 'the webhook sender is closed' });
  });
});
