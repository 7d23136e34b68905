// Webhook attempts over HTTP(S) with undici, in a worker thread of their own. Signing and the HTTP exchange
// cost far more CPU than claiming and recording a delivery, and the request thread is the one that
// serves the API: so that thread only claims and records, and this one signs, POSTs, drains and drops
// the response body, and answers with the status or the error.
//
// The thread also keeps each endpoint's queue: at most `in_flight_per_queue_max` attempts of one
// queue run at once, the rest wait here in the order they came, and a finished attempt starts the
// next one at once. When the request thread freed the slots, every slot waited for a turn of that
// thread's event loop (several ms while it serves payments): 32 slots gave an endpoint about 2,000
// deliveries/s however fast it answered. Messages go both ways in batches, one per turn.
//
// Connections are kept alive per endpoint origin, at most `sockets_per_origin_max` of them; redirects
// are not followed (a 3xx is a failed attempt, as on Stripe); a timer bounds each attempt from its
// start, connection included. If the thread dies, its attempts answer an error (so they are retried)
// and the next attempt starts a new thread.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const undici_path = createRequire(import.meta.url).resolve('undici');

export type PostOutcome = { ok: true; status: number } | { ok: false; error: string };

export interface PostAnswer {
  /** null: the attempt was never made (dropped from its queue by `dropQueued` or `close`). */
  outcome: PostOutcome | null;
  /** From `send` to the attempt's start: the wait for a free slot of its queue. */
  waited_ms: number;
  /** The attempt itself, connection included. */
  duration_ms: number;
}

export interface PostOptions {
  /** Sent with every attempt (the same for all, so they cross to the thread once); the poster adds the signature. */
  headers: Readonly<Record<string, string>>;
  timeout_ms: number;
  sockets_per_origin_max: number;
  /** Attempts of one queue (an endpoint) running at once; the others wait in the thread. */
  in_flight_per_queue_max: number;
  /** Hears why the thread died (its attempts then fail and are retried). */
  onThreadError?: (error: unknown) => void;
}

export interface SignedPost {
  url: string;
  body: string;
  /** The endpoint's whsec_ secret, for `Stripe-Signature: t=…,v1=…`. */
  secret: string;
  /** The time (ms) when the attempt was handed over; the signature's `t` adds the wait for a slot. */
  at_ms: number;
  /** Attempts sharing a queue (one endpoint's) respect its in-flight bound and keep their order. */
  queue: string;
}

export interface Poster {
  /**
   * Hands an attempt to the thread; `answered` is called once, never before `send` returns. A callback,
   * not a promise: the delivery worker hands over thousands of attempts a second, and a promise per
   * attempt (and the async step that awaits it) is allocation and microtasks on the request thread.
   */
  send(request: SignedPost, answered: (answer: PostAnswer) => void): void;
  /** Answers every attempt still waiting for a slot (of `queue` alone, if named) as never made; those in flight finish. */
  dropQueued(queue?: string): void;
  close(): Promise<void>;
}

// An eval'd script, so the thread runs the same from the TypeScript sources (tests) and the built
// JavaScript. It needs Node's own modules and undici, loaded from the path the parent resolved (an
// eval'd script has no module of its own to resolve from). The signature is the one signature.ts makes.
//
// undici rather than node:http: per attempt, node:http's agent and ClientRequest (socket pooling by
// name, header objects, the outgoing stream) cost the thread about a quarter more CPU than undici's
// dispatch at the same rate (docs/PERFORMANCE.md), and this thread shares two cores with the API.
const thread_source = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac } = require('node:crypto');
const { Agent } = require(workerData.undici_path);
// One pool per endpoint origin, at most sockets_per_origin_max connections each, kept alive. The
// attempt's own timer bounds it from its start; undici's timeouts only back it up.
const agent = new Agent({
  connections: workerData.sockets_per_origin_max,
  connect: { timeout: workerData.timeout_ms },
  headersTimeout: workerData.timeout_ms,
  bodyTimeout: workerData.timeout_ms,
});
// The headers every attempt carries, as name/value pairs; the signature is added per attempt.
const fixed_headers = Object.entries(workerData.headers).flat();
const queues = new Map();
let answers = [];
function flushAnswers() {
  const batch = answers;
  answers = [];
  parentPort.postMessage({ type: 'answers', answers: batch });
}
function reply(answer) {
  if (answers.length === 0) setImmediate(flushAnswers);
  answers.push(answer);
}
function enqueue(message) {
  message.queued_at = performance.now();
  let queue = queues.get(message.queue);
  if (queue === undefined) queues.set(message.queue, (queue = { running: 0, waiting: [] }));
  queue.waiting.push(message);
  startNext(message.queue, queue);
}
function startNext(name, queue) {
  while (queue.running < workerData.in_flight_per_queue_max && queue.waiting.length > 0) {
    queue.running += 1;
    send(queue.waiting.shift(), () => {
      queue.running -= 1;
      startNext(name, queue);
    });
  }
  if (queue.running === 0 && queue.waiting.length === 0) queues.delete(name);
}
function send(message, finished) {
  const started = performance.now();
  const waited_ms = Math.round(started - message.queued_at);
  let settled = false;
  let timer;
  const answer = (outcome) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    reply({ id: message.id, outcome, waited_ms, duration_ms: Math.round(performance.now() - started) });
    finished();
  };
  // One bad attempt answers its own failure; a throw here would end the thread and every attempt in it.
  try {
    post(message, waited_ms, answer, (started) => (timer = started));
  } catch (error) {
    answer({ ok: false, error: describe(error) });
  }
}
function describe(error) {
  if (error === null || typeof error !== 'object') return String(error);
  // undici reports a refused or reset connection with the system's code on its cause.
  const code = error.code !== undefined && !String(error.code).startsWith('UND_ERR') ? error.code : error.cause && error.cause.code;
  return code === undefined ? String(error.message) : code + ': ' + error.message;
}
// Each endpoint's URL is split once into origin and path (a few endpoints take every attempt); the
// cache is emptied when full rather than grown.
const targets = new Map();
const targets_max = 256;
function targetOf(url) {
  let target = targets.get(url);
  if (target === undefined) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    target = { origin: parsed.origin, path: parsed.pathname + parsed.search };
    if (targets.size >= targets_max) targets.clear();
    targets.set(url, target);
  }
  return target;
}
function post(message, waited_ms, answer, setTimer) {
  let target;
  try {
    target = targetOf(message.url);
  } catch {
    target = null;
  }
  if (target === null) {
    answer({ ok: false, error: 'invalid URL ' + message.url });
    return;
  }
  const timestamp = Math.floor((message.at_ms + waited_ms) / 1000);
  // Encoded once: signed and sent as the same bytes.
  const body = Buffer.from(message.body, 'utf8');
  const signature = createHmac('sha256', message.secret).update(timestamp + '.', 'utf8').update(body).digest('hex');
  const headers = fixed_headers.concat('stripe-signature', 't=' + timestamp + ',v1=' + signature);
  let controller = null;
  let timed_out = false;
  setTimer(setTimeout(() => {
    timed_out = true;
    answer({ ok: false, error: 'timed out after ' + workerData.timeout_ms + ' ms' });
    if (controller !== null) controller.abort(new Error('timed out'));
  }, workerData.timeout_ms));
  // Redirects are not followed: a dispatcher without a redirect interceptor answers the 3xx itself.
  agent.dispatch({ origin: target.origin, path: target.path, method: 'POST', headers, body }, {
    onRequestStart(started) {
      controller = started;
      // Still waiting for a connection when the attempt timed out: it is not sent late.
      if (timed_out) started.abort(new Error('timed out'));
    },
    onResponseStart(_controller, status) {
      // 1xx answers are informational; the attempt's answer is the final status. The body is read
      // and dropped after it, so the connection can be kept.
      if (status >= 200) answer({ ok: true, status });
    },
    onResponseData() {},
    onResponseEnd() {},
    onResponseError(_controller, error) {
      answer({ ok: false, error: describe(error) });
    },
  });
}
function dropQueued(name) {
  for (const queue of name === undefined ? queues.values() : [queues.get(name)]) {
    if (queue === undefined) continue;
    for (const message of queue.waiting.splice(0)) reply({ id: message.id, outcome: null, waited_ms: 0, duration_ms: 0 });
  }
}
parentPort.on('message', (message) => {
  if (message.type === 'post') for (const item of message.items) enqueue(item);
  else if (message.type === 'drop') dropQueued(message.queue);
  else if (message.type === 'close') {
    dropQueued();
    if (answers.length > 0) flushAnswers();
    void agent.destroy();
    parentPort.close();
  }
});
`;

type ThreadAnswer = { id: number } & PostAnswer;

/** A poster whose attempts run in a worker thread. */
export function createPoster(options: PostOptions): Poster {
  const pending = new Map<number, (answer: PostAnswer) => void>();
  let next_id = 0;
  let closed: Promise<void> | null = null;
  // Started on demand: a thread that dies is replaced by the next attempt, not in a loop of its own.
  let thread: Worker | null = null;
  /**
   * Attempts handed over in this turn of the event loop, sent to the thread as one message once the
   * turn's other callbacks ran: each message costs a wake-up of the thread (a write to its event fd),
   * and a group commit hands over the deliveries of many transactions in one turn, each transaction
   * in microtasks of its own.
   */
  let outgoing: ({ id: number } & SignedPost)[] = [];

  function start(): Worker {
    const worker = new Worker(thread_source, {
      eval: true,
      workerData: {
        undici_path,
        headers: options.headers,
        timeout_ms: options.timeout_ms,
        sockets_per_origin_max: options.sockets_per_origin_max,
        in_flight_per_queue_max: options.in_flight_per_queue_max,
      },
    });
    worker.unref();
    worker.on('message', (message: { type: 'answers'; answers: ThreadAnswer[] }) => {
      for (const { id, ...answer } of message.answers) {
        const resolve = pending.get(id);
        pending.delete(id);
        resolve?.(answer);
      }
    });
    worker.on('error', (error) => options.onThreadError?.(error));
    worker.on('exit', () => {
      // Whatever it held is answered as failed, to be retried; a new thread serves what follows,
      // including what was handed over this turn and not yet sent to it.
      const unsent = new Set(outgoing.map((item) => item.id));
      for (const [id, resolve] of pending) {
        if (unsent.has(id)) continue;
        pending.delete(id);
        resolve({ outcome: { ok: false, error: 'the webhook sender stopped during the attempt' }, waited_ms: 0, duration_ms: 0 });
      }
      if (thread === worker) thread = null;
    });
    return worker;
  }

  function flushOutgoing(): void {
    const items = outgoing;
    outgoing = [];
    if (items.length === 0) return;
    (thread ??= start()).postMessage({ type: 'post', items });
  }

  async function stop(): Promise<void> {
    flushOutgoing();
    const worker = thread;
    if (worker === null) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' });
    const timer = setTimeout(() => void worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  function send(request: SignedPost, answered: (answer: PostAnswer) => void): void {
    if (closed !== null) {
      queueMicrotask(() => answered({ outcome: null, waited_ms: 0, duration_ms: 0 }));
      return;
    }
    const id = next_id++;
    if (outgoing.length === 0) setImmediate(flushOutgoing);
    outgoing.push({ id, url: request.url, body: request.body, secret: request.secret, at_ms: request.at_ms, queue: request.queue });
    pending.set(id, answered);
  }

  return {
    send,
    dropQueued(queue) {
      // What this turn handed over goes first, so the drop reaches it too.
      flushOutgoing();
      thread?.postMessage({ type: 'drop', queue });
    },
    close() {
      closed ??= stop();
      return closed;
    },
  };
}
