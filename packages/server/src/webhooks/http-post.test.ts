// The sending thread answers each attempt on its own: a malformed one fails alone, without ending the
// thread and the attempts in flight beside it; closing twice resolves twice. It keeps each queue
// (endpoint) to its bound of attempts at once, in order, and can drop what still waits, in every
// queue or in one.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoster, type PostAnswer, type Poster, type SignedPost } from './http-post.js';
import { signatureHeader } from './signature.js';

const answer_pause_ms = 50;

/** One attempt's answer, awaited. */
const post = (poster: Poster, request: SignedPost) => new Promise<PostAnswer>((resolve) => poster.send(request, resolve));

describe('webhook poster', () => {
  let server: Server;
  let url = '';
  let errors: unknown[];
  /** Requests being answered now, the most seen at once, and the order bodies arrived in. */
  let open = 0;
  let openMax = 0;
  let arrived: { body: string; signature: string; headers: Record<string, string | string[] | undefined> }[] = [];
  beforeAll(async () => {
    // Answers after a short pause, so an attempt is still in flight when the next one is sent.
    server = createServer((request, response) => {
      open += 1;
      openMax = Math.max(openMax, open);
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        arrived.push({ body, signature: String(request.headers['stripe-signature']), headers: request.headers });
        setTimeout(() => {
          open -= 1;
          response.writeHead(204).end();
        }, answer_pause_ms);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const headers = { 'content-type': 'application/json; charset=utf-8', 'x-fixed': 'every attempt' };
  const attempt = (target: string, body = '{"id":"evt_1"}', queue = 'we_1'): SignedPost => ({
    url: target,
    body,
    secret: 'whsec_test',
    at_ms: 1_800_000_000_000,
    queue,
  });

  it('fails a malformed attempt alone while the one in flight beside it is answered', async () => {
    errors = [];
    const poster = createPoster({
      headers,
      timeout_ms: 5_000,
      sockets_per_origin_max: 4,
      in_flight_per_queue_max: 4,
      onThreadError: (error) => errors.push(error),
    });
    try {
      const inFlight = post(poster, attempt(url));
      const badUrl = post(poster, attempt('not a url'));
      const otherScheme = post(poster, attempt('ftp://127.0.0.1/hook'));
      expect((await badUrl).outcome).toEqual({ ok: false, error: 'invalid URL not a url' });
      expect((await otherScheme).outcome).toEqual({ ok: false, error: 'invalid URL ftp://127.0.0.1/hook' });
      const answered = await inFlight;
      expect(answered.outcome).toEqual({ ok: true, status: 204 });
      expect(answered.duration_ms).toBeGreaterThanOrEqual(answer_pause_ms - 5);
      expect((await post(poster, attempt(url))).outcome).toEqual({ ok: true, status: 204 });
      expect(errors).toEqual([]);
    } finally {
      await Promise.all([poster.close(), poster.close()]);
    }
    expect(await post(poster, attempt(url))).toEqual({ outcome: null, waited_ms: 0, duration_ms: 0 });
  });

  it('answers an attempt once and never before send returns, also once closed', async () => {
    const poster = createPoster({ headers, timeout_ms: 5_000, sockets_per_origin_max: 4, in_flight_per_queue_max: 4 });
    const answers: PostAnswer[] = [];
    try {
      const answered = new Promise<void>((resolve) =>
        poster.send(attempt(url), (answer) => {
          answers.push(answer);
          resolve();
        }),
      );
      expect(answers).toEqual([]);
      await answered;
      expect(answers.map((answer) => answer.outcome)).toEqual([{ ok: true, status: 204 }]);
    } finally {
      await poster.close();
    }
    poster.send(attempt(url), (answer) => answers.push(answer));
    expect(answers).toHaveLength(1);
    await Promise.resolve();
    expect(answers).toEqual([expect.anything(), { outcome: null, waited_ms: 0, duration_ms: 0 }]);
  });

  it('answers every attempt with the error when its headers are malformed, and the thread lives on', async () => {
    errors = [];
    const poster = createPoster({
      headers: { 'x-bad': 'line\nbreak' },
      timeout_ms: 5_000,
      sockets_per_origin_max: 4,
      in_flight_per_queue_max: 4,
      onThreadError: (error) => errors.push(error),
    });
    try {
      for (const answer of await Promise.all([post(poster, attempt(url)), post(poster, attempt(url))])) {
        expect(answer.outcome).toMatchObject({ ok: false, error: expect.stringContaining('x-bad') });
      }
      expect(errors).toEqual([]);
    } finally {
      await poster.close();
    }
  });

  it('runs at most the bound of one queue at once, in the order handed over, signing each when it starts', async () => {
    const poster = createPoster({ headers, timeout_ms: 5_000, sockets_per_origin_max: 8, in_flight_per_queue_max: 2 });
    open = 0;
    openMax = 0;
    arrived = [];
    try {
      // Non-ASCII text too: the signature covers the UTF-8 bytes sent, and content-length counts bytes.
      const bodies = Array.from({ length: 6 }, (_, index) => `{"id":"evt_${index}","description":"Café ☕ ${index}"}`);
      const answers = await Promise.all(bodies.map((body) => post(poster, attempt(url, body))));
      expect(answers.map((answer) => answer.outcome)).toEqual(bodies.map(() => ({ ok: true, status: 204 })));
      expect(openMax).toBe(2);
      // Two at a time in the order handed over (the two of a round may arrive either way round).
      const rounds = [0, 2, 4].map((start) =>
        arrived
          .slice(start, start + 2)
          .map((request) => request.body)
          .sort(),
      );
      expect(rounds).toEqual([0, 2, 4].map((start) => bodies.slice(start, start + 2)));
      // The last two waited for two rounds of answers before they started.
      expect(answers[5]!.waited_ms).toBeGreaterThanOrEqual(2 * answer_pause_ms - 10);
      for (const request of arrived) {
        const t = Number(/t=(\d+)/.exec(request.signature)![1]);
        const waited_ms = answers[bodies.indexOf(request.body)]!.waited_ms;
        expect(t).toBe(Math.floor((1_800_000_000_000 + waited_ms) / 1000));
        expect(request.signature).toBe(signatureHeader(request.body, 'whsec_test', t));
        expect(request.headers).toMatchObject({ ...headers, 'content-length': String(Buffer.byteLength(request.body)) });
      }
    } finally {
      await poster.close();
    }
  });

  it('answers attempts still waiting for a slot as never made when they are dropped', async () => {
    const poster = createPoster({ headers, timeout_ms: 5_000, sockets_per_origin_max: 8, in_flight_per_queue_max: 1 });
    arrived = [];
    try {
      const first = post(poster, attempt(url, '{"id":"evt_a"}'));
      const second = post(poster, attempt(url, '{"id":"evt_b"}'));
      const otherQueue = post(poster, attempt(url, '{"id":"evt_c"}', 'we_2'));
      // Once the first is on its way, the second waits behind it; the other queue has its own slot.
      await new Promise((resolve) => setTimeout(resolve, answer_pause_ms / 2));
      poster.dropQueued();
      expect((await first).outcome).toEqual({ ok: true, status: 204 });
      expect((await otherQueue).outcome).toEqual({ ok: true, status: 204 });
      expect((await second).outcome).toBeNull();
      expect(arrived.map((request) => request.body).sort()).toEqual(['{"id":"evt_a"}', '{"id":"evt_c"}']);
    } finally {
      await poster.close();
    }
  });

  it("drops one queue's waiting attempts when it is named, and leaves the other queues' alone", async () => {
    const poster = createPoster({ headers, timeout_ms: 5_000, sockets_per_origin_max: 8, in_flight_per_queue_max: 1 });
    arrived = [];
    try {
      const stopped = ['evt_s1', 'evt_s2', 'evt_s3'].map((id) => post(poster, attempt(url, `{"id":"${id}"}`, 'we_stopped')));
      const kept = ['evt_k1', 'evt_k2', 'evt_k3'].map((id) => post(poster, attempt(url, `{"id":"${id}"}`, 'we_kept')));
      // Handed over in the same turn as the drop: the drop reaches it too.
      const lastStopped = post(poster, attempt(url, '{"id":"evt_s4"}', 'we_stopped'));
      poster.dropQueued('we_stopped');
      const [first, ...waiting] = await Promise.all([...stopped, lastStopped]);
      // The queue's one slot was taken before the drop arrived: that attempt was already being made.
      expect(first!.outcome).toEqual({ ok: true, status: 204 });
      for (const answer of waiting) expect(answer.outcome).toBeNull();
      for (const answer of await Promise.all(kept)) expect(answer.outcome).toEqual({ ok: true, status: 204 });
      expect(arrived.map((request) => request.body).sort()).toEqual(['evt_k1', 'evt_k2', 'evt_k3', 'evt_s1'].map((id) => `{"id":"${id}"}`));
    } finally {
      await poster.close();
    }
  });
});
