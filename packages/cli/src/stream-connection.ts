// One connection to a Server-Sent Events endpoint of Tender, read until it ends, fails or goes silent,
// and the outcome told apart: ended (the server closed it), lost (worth reconnecting: network, a 5xx
// or 429 while the server shuts down or is busy, silence past the idle timeout) or fatal (a refused
// key or a bad filter: reconnecting would not help). `tender listen` and `tender logs tail` share it.
import { answerError, authHeaders, CliError, networkReason, type Connection } from './connection.js';
import { readServerSentEvents, type ServerSentEvent } from './server-sent-events.js';

export type StreamOutcome = { kind: 'ended' } | { kind: 'lost'; reason: string } | { kind: 'fatal'; error: CliError };

export interface StreamRequest {
  connection: Connection;
  /** e.g. `/_tender/events/stream?types=a,b`. */
  path: string;
  headers?: Record<string, string>;
  stop: AbortSignal;
  /** With no byte (not even a heartbeat) for this long, the connection is taken for dead; time spent
   * in onMessage does not count. */
  idle_timeout_ms: number;
  onOpen(): void;
  onMessage(message: ServerSentEvent): Promise<void> | void;
  /** A failure while reading that must not be retried (a message that is not what it should be). */
  fatal?(error: unknown): CliError | null;
}

export async function followStream(request: StreamRequest): Promise<StreamOutcome> {
  const aborter = new AbortController();
  const abort = () => aborter.abort();
  request.stop.addEventListener('abort', abort, { once: true });
  let idle: NodeJS.Timeout | null = null;
  let silent = false;
  const pause = () => {
    if (idle !== null) clearTimeout(idle);
    idle = null;
  };
  const activity = () => {
    pause();
    idle = setTimeout(() => {
      silent = true;
      aborter.abort();
    }, request.idle_timeout_ms);
  };
  // The reader reads nothing while a message is consumed (a slow --forward-to can take seconds per
  // event, and a chunk may hold many): only the time spent waiting for the server counts as silence.
  const consume = async (message: ServerSentEvent) => {
    pause();
    try {
      await request.onMessage(message);
    } finally {
      activity();
    }
  };
  try {
    let response: Response;
    try {
      activity();
      response = await fetch(`${request.connection.url}${request.path}`, {
        headers: { ...authHeaders(request.connection), accept: 'text/event-stream', ...request.headers },
        signal: aborter.signal,
      });
    } catch (error) {
      return { kind: 'lost', reason: silent ? 'no answer' : networkReason(error) };
    }
    if (!response.ok || response.body === null) {
      const error = answerError(request.connection, response.status, await response.text().catch(() => ''));
      // 5xx and 429 (a server shutting down or busy) pass; a refused key or bad filter will not.
      return response.status >= 500 || response.status === 429 ? { kind: 'lost', reason: error.message } : { kind: 'fatal', error };
    }
    request.onOpen();
    try {
      await readServerSentEvents(response.body, consume, activity);
      return { kind: 'ended' };
    } catch (error) {
      const fatal = request.fatal?.(error) ?? null;
      if (fatal !== null) return { kind: 'fatal', error: fatal };
      return { kind: 'lost', reason: silent ? `nothing received for ${request.idle_timeout_ms / 1000} s` : networkReason(error) };
    }
  } finally {
    pause();
    request.stop.removeEventListener('abort', abort);
  }
}
