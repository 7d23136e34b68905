import { describe, expect, it } from 'vitest';
import { readServerSentEvents, type ServerSentEvent } from './server-sent-events.js';

/** A body that delivers `chunks` one by one, as a network would split them. */
function body(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function read(chunks: string[]): Promise<{ messages: ServerSentEvent[]; activity: number }> {
  const messages: ServerSentEvent[] = [];
  let activity = 0;
  await readServerSentEvents(
    body(chunks),
    (message) => void messages.push(message),
    () => (activity += 1),
  );
  return { messages, activity };
}

describe('readServerSentEvents', () => {
  it('dispatches on blank lines, joins data lines, keeps ids and event names, and skips comments', async () => {
    const { messages, activity } = await read([
      'retry: 1000\n: hello\n\n',
      'id: evt_1\ndata: {"a":1}\n\n',
      'event: dropped\ndata: line one\ndata: line two\n\n',
      ': heartbeat\n\n',
    ]);
    expect(messages).toEqual([
      { event: 'message', data: '{"a":1}', id: 'evt_1' },
      { event: 'dropped', data: 'line one\nline two', id: null },
    ]);
    expect(activity).toBe(4);
  });

  it('reassembles messages split anywhere, with \\n, \\r\\n or \\r line ends', async () => {
    const { messages } = await read(['id: ev', 't_2\r', '\ndata:x\r\n\r', '\ndata: y\r\rdata: z\n', '\n']);
    expect(messages).toEqual([
      { event: 'message', data: 'x', id: 'evt_2' },
      { event: 'message', data: 'y', id: null },
      { event: 'message', data: 'z', id: null },
    ]);
  });

  it('drops a message the stream ended in the middle of', async () => {
    const { messages } = await read(['data: complete\n\n', 'data: cut off']);
    expect(messages.map((message) => message.data)).toEqual(['complete']);
  });
});
