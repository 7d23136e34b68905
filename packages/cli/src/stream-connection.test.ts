// followStream against a small Server-Sent Events server over a real socket: a consumer slower than the
// idle timeout (a forward target that takes its time) does not make a healthy stream look dead, since
// the idle timer counts only the time spent waiting for the server; a stream that sends something other
// than JSON ends `tender logs tail` (as it does `tender listen`) instead of reconnecting forever.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError, resolveConnection } from './connection.js';
import { logsTail } from './logs-command.js';
import { followStream } from './stream-connection.js';

/** Short, so a consumer that outlasts it is quick to build; the forward target takes three times as long. */
const idle_timeout_ms = 200;
const forward_delay_ms = 3 * idle_timeout_ms;

let servers: Server[] = [];
afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
});

async function listen(handler: (path: string, response: ServerResponse) => void): Promise<string> {
  const server = createServer((request, response) => handler(request.url ?? '/', response));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('followStream', () => {
  it('does not count the time a slow consumer takes as silence from the server', async () => {
    let stream: ServerResponse | null = null;
    const url = await listen((path, response) => {
      if (path === '/forward') {
        setTimeout(() => response.writeHead(200).end(), forward_delay_ms);
        return;
      }
      stream = response;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      // Several events in one chunk: the reader reads nothing more until all of them are consumed.
      response.write('id: evt_1\ndata: {"n":1}\n\nid: evt_2\ndata: {"n":2}\n\nid: evt_3\ndata: {"n":3}\n\n');
    });
    const connection = resolveConnection({ apiKey: 'sk_test_streamKey', url });
    // Once before the stream: the first fetch of a process loads its HTTP client, which can take longer
    // than this short idle timeout.
    expect((await fetch(`${url}/forward`, { method: 'POST' })).status).toBe(200);
    const forwarded: string[] = [];
    const outcome = await followStream({
      connection,
      path: '/stream',
      stop: new AbortController().signal,
      idle_timeout_ms,
      onOpen: () => undefined,
      onMessage: async (message) => {
        const answer = await fetch(`${url}/forward`, { method: 'POST', body: message.data });
        forwarded.push(`${message.id} ${answer.status}`);
        // The server ends the stream while the last event is still being forwarded.
        if (message.id === 'evt_3') stream!.end();
      },
    });
    expect(forwarded).toEqual(['evt_1 200', 'evt_2 200', 'evt_3 200']);
    expect(outcome).toEqual({ kind: 'ended' });
  });

  it('ends logs tail with one line when the stream sends something that is not JSON, without reconnecting', async () => {
    let connections = 0;
    const url = await listen((path, response) => {
      connections += 1;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: <html>not a log entry</html>\n\n');
    });
    const tail = logsTail({ apiKey: 'sk_test_streamKey', url });
    await expect(tail).rejects.toThrow(CliError);
    await expect(tail).rejects.toThrow(/^the event stream sent something that is not JSON: /);
    expect(connections).toBe(1);
  });
});
