// A real HTTP server on 127.0.0.1 that misbehaves on cue: each incoming request takes the next
// scripted behaviour (status codes, dropped sockets, trickled bodies, silence). Requests are
// recorded so tests can check what the SDK sent on every attempt.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour =
  | { kind: 'respond'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'destroy' }
  | { kind: 'trickle'; intervalMs: number }
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export const respond = (status: number, body: unknown, headers?: Record<string, string>): Behaviour => ({
  kind: 'respond',
  status,
  body,
  ...(headers === undefined ? {} : { headers }),
});

export const stripeError = (type: string, code?: string) => ({ error: { type, code, message: `${type} ${code ?? ''}` } });

export interface MisbehavingServer {
  url: string;
  requests: RecordedRequest[];
  /** Queues behaviours; when the queue is empty the last one repeats. */
  script(...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

function act(behaviour: Behaviour, request: IncomingMessage, response: ServerResponse, count: number): void {
  switch (behaviour.kind) {
    case 'respond':
      response.writeHead(behaviour.status, {
        'content-type': 'application/json',
        'request-id': `req_test_${count}`,
        ...behaviour.headers,
      });
      response.end(typeof behaviour.body === 'string' ? behaviour.body : JSON.stringify(behaviour.body));
      return;
    case 'destroy':
      request.socket.destroy();
      return;
    case 'trickle': {
      response.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_test_${count}` });
      response.write('{"id":"cus_slow", ');
      const timer = setInterval(() => response.write(' '), behaviour.intervalMs);
      response.on('close', () => clearInterval(timer));
      return;
    }
    case 'hang':
      return;
  }
}

export async function startMisbehavingServer(): Promise<MisbehavingServer> {
  const requests: RecordedRequest[] = [];
  let queue: Behaviour[] = [];
  let last: Behaviour = respond(200, { id: 'cus_ok', object: 'customer' });
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const behaviour = queue.shift() ?? last;
      last = behaviour;
      act(behaviour, request, response, requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(...behaviours) {
      queue = behaviours;
      last = behaviours.at(-1) ?? last;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
