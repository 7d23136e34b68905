// Webhook attempts over node:http(s), in a worker thread of their own. Signing and the HTTP exchange
// cost far more CPU than claiming and recording a delivery, and the request thread is the one that
// serves the API: so that thread only claims and records, and this one signs, POSTs, drains and drops
// the response body, and answers with the status or the error. Connections are kept alive per
// endpoint origin, at most `sockets_per_origin_max` of them; redirects are not followed (a 3xx is a
// failed attempt, as on Stripe); a timer bounds each attempt, connection included. If the thread
// dies, the attempts in flight answer an error (so they are retried) and the next attempt starts a
// new thread.
import { Worker } from 'node:worker_threads';

export type PostResult = { ok: true; status: number } | { ok: false; error: string };

export interface PostOptions {
  timeout_ms: number;
  sockets_per_origin_max: number;
  /** Hears why the thread died (its attempts in flight then fail and are retried). */
  onThreadError?: (error: unknown) => void;
}

export interface SignedPost {
  url: string;
  /** Headers other than the signature. */
  headers: Record<string, string>;
  body: string;
  /** The endpoint's whsec_ secret and the attempt's Unix time, for `Stripe-Signature: t=…,v1=…`. */
  secret: string;
  timestamp: number;
}

export interface Poster {
  post(request: SignedPost): Promise<PostResult>;
  close(): Promise<void>;
}

// An eval'd script, so the thread runs the same from the TypeScript sources (tests) and the built
// JavaScript; it needs nothing but Node's own modules. The signature is the one signature.ts makes.
const thread_source = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const https = require('node:https');
const { createHmac } = require('node:crypto');
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: workerData.sockets_per_origin_max }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: workerData.sockets_per_origin_max }),
};
function send(message) {
  let settled = false;
  let timer;
  const answer = (result) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    parentPort.postMessage({ id: message.id, ...result });
  };
  // One bad attempt answers its own failure; a throw here would end the thread and every attempt in it.
  try {
    post(message, answer, (started) => (timer = started));
  } catch (error) {
    answer({ ok: false, error: String(error && error.message || error) });
  }
}
function post(message, answer, setTimer) {
  let target;
  try {
    target = new URL(message.url);
  } catch {
    answer({ ok: false, error: 'invalid URL ' + message.url });
    return;
  }
  const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
  const signature = createHmac('sha256', message.secret).update(message.timestamp + '.' + message.body, 'utf8').digest('hex');
  const headers = Object.assign({}, message.headers, {
    'stripe-signature': 't=' + message.timestamp + ',v1=' + signature,
    'content-length': String(Buffer.byteLength(message.body)),
  });
  const request = (protocol === 'https:' ? https : http).request(target, { method: 'POST', agent: agents[protocol], headers }, (response) => {
    response.resume();
    answer({ ok: true, status: response.statusCode || 0 });
  });
  setTimer(setTimeout(() => {
    answer({ ok: false, error: 'timed out after ' + workerData.timeout_ms + ' ms' });
    request.destroy();
  }, workerData.timeout_ms));
  request.on('error', (error) => answer({ ok: false, error: error.code === undefined ? error.message : error.code + ': ' + error.message }));
  request.end(message.body);
}
parentPort.on('message', (message) => {
  if (message.type === 'post') send(message);
  else if (message.type === 'close') {
    agents['http:'].destroy();
    agents['https:'].destroy();
    parentPort.close();
  }
});
`;

/** A poster whose attempts run in a worker thread. */
export function createPoster(options: PostOptions): Poster {
  const pending = new Map<number, (result: PostResult) => void>();
  let next_id = 0;
  let closed: Promise<void> | null = null;
  // Started on demand: a thread that dies is replaced by the next attempt, not in a loop of its own.
  let thread: Worker | null = null;

  function start(): Worker {
    const worker = new Worker(thread_source, {
      eval: true,
      workerData: { timeout_ms: options.timeout_ms, sockets_per_origin_max: options.sockets_per_origin_max },
    });
    worker.unref();
    worker.on('message', (message: { id: number } & PostResult) => {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.ok ? { ok: true, status: message.status } : { ok: false, error: message.error });
    });
    worker.on('error', (error) => options.onThreadError?.(error));
    worker.on('exit', () => {
      // Whatever was in flight is answered as failed, to be retried; a new thread serves what follows.
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve({ ok: false, error: 'the webhook sender stopped during the attempt' });
      }
      if (thread === worker) thread = null;
    });
    return worker;
  }

  async function stop(): Promise<void> {
    const worker = thread;
    if (worker === null) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' });
    const timer = setTimeout(() => void worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  return {
    post(request) {
      if (closed !== null) return Promise.resolve({ ok: false, error: 'the webhook sender is closed' });
      const id = next_id++;
      const worker = (thread ??= start());
      return new Promise<PostResult>((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: 'post', id, ...request });
      });
    },
    close() {
      closed ??= stop();
      return closed;
    },
  };
}
