// A reader of Server-Sent Events (the WHATWG event-stream format) from a fetch body: comments are
// activity only, `data:` lines join with newlines, a blank line dispatches. Each message is awaited
// before more of the body is read, so a slow consumer slows the server down instead of buffering.

export interface ServerSentEvent {
  /** `message` unless the server named another type with `event:`. */
  event: string;
  data: string;
  /** The message's own `id:`, or null when it carried none. */
  id: string | null;
}

/** A stream longer than this without a line break is not an event stream. */
export const event_stream_line_chars_max = 4 * 1024 * 1024;

/**
 * Reads `body` until it ends, calling `onMessage` for each message and `onActivity` for every chunk
 * (heartbeats included), so a caller can notice a silent, dead connection.
 */
export async function readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: ServerSentEvent) => Promise<void> | void,
  onActivity: () => void = () => undefined,
): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | null = null;

  const handleLine = async (line: string) => {
    if (line === '') {
      if (data.length > 0) await onMessage({ event: event === '' ? 'message' : event, data: data.join('\n'), id });
      data = [];
      event = '';
      id = null;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\u0000')) id = value;
  };

  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    onActivity();
    buffer += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let index = 0; index < buffer.length; index += 1) {
      const char = buffer.charCodeAt(index);
      if (char !== 10 && char !== 13) continue;
      // A \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (char === 13 && index === buffer.length - 1) break;
      await handleLine(buffer.slice(start, index));
      if (char === 13 && buffer.charCodeAt(index + 1) === 10) index += 1;
      start = index + 1;
    }
    buffer = buffer.slice(start);
    if (buffer.length > event_stream_line_chars_max) throw new Error('the event stream sent a line longer than 4 MiB');
  }
}
