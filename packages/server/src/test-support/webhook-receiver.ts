// A real HTTP server that plays a merchant's webhook endpoint in tests: it records every request it
// gets (headers, raw body, arrival time) and answers as the test scripts it (a status, a hang past
// the sender's timeout, or a dropped connection), so retries can be watched end to end.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: string;
  received_ms: number;
}

export type ReceiverAnswer = { status: number; location?: string } | 'hang' | 'drop';

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** How the next requests are answered: called with the request's index (0-based); default 200. */
  answer: (index: number, received: ReceivedWebhook) => ReceiverAnswer;
  /** Resolves once at least `count` requests arrived (or rejects after `timeout_ms`). */
  waitFor(count: number, timeout_ms?: number): Promise<ReceivedWebhook[]>;
  /** Answers every request left hanging so far with `status`. */
  release(status?: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const hanging = new Set<ServerResponse>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answer: () => ({ status: 200 }),
    waitFor(count, timeout_ms = 10_000) {
      if (receiver.received.length >= count) return Promise.resolve(receiver.received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} webhook requests, got ${receiver.received.length}`)),
          timeout_ms,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(receiver.received);
          },
        });
      });
    },
    release(status = 200) {
      for (const response of hanging) response.writeHead(status).end('ok');
      hanging.clear();
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: ReceivedWebhook = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), received_ms: Date.now() };
      const index = receiver.received.length;
      receiver.received.push(entry);
      for (const waiter of waiters.filter((candidate) => receiver.received.length >= candidate.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const answer = receiver.answer(index, entry);
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      if (answer === 'drop') {
        request.socket.destroy();
        return;
      }
      response.writeHead(answer.status, answer.location === undefined ? {} : { location: answer.location });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  return receiver;
}
