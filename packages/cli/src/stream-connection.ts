// Following a Server-Sent Events endpoint of Tender, as `tender listen` and `tender logs tail` do.
// followStream reads one connection until it ends, fails or goes silent, and tells the outcome apart:
// ended (the server closed it), lost (worth reconnecting: network, a 5xx or 429 while the server shuts
// down or is busy, silence past the idle timeout) or fatal (a refused key, a bad filter, a message that
// is not JSON: reconnecting would not help). followWithReconnects runs connections one after another
// with backoff until ^C, printing when the connection is lost and back.
import { ConnectionError, StripeError, type StripeStreamResponse } from '@tender/sdk';
import { CliError, describeFailure, networkReason, sleep, unreachable, type Connection } from './connection.js';
import { readServerSentEvents, type ServerSentEvent } from './server-sent-events.js';
import type { Styles } from './terminal.js';

/** The first reconnect waits this long, each next one twice as long, up to the maximum. */
export const stream_backoff_ms_initial = 250;
export const stream_backoff_ms_max = 2_000;
/** With no byte (not even a heartbeat) for this long, the connection is taken for dead. */
export const stream_idle_timeout_ms = 45_000;

export type StreamOutcome = { kind: 'ended' } | { kind: 'lost'; reason: string } | { kind: 'fatal'; error: Error };

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
  /** May throw a SyntaxError (JSON.parse): a stream sending something that is not JSON is fatal. */
  onMessage(message: ServerSentEvent): Promise<void> | void;
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
    let response: StripeStreamResponse;
    try {
      activity();
      response = await request.connection.stripe.rawRequestStream('GET', request.path, undefined, {
        headers: { accept: 'text/event-stream', ...request.headers },
        signal: aborter.signal,
      });
    } catch (error) {
      if (silent) return { kind: 'lost', reason: 'no answer' };
      if (error instanceof ConnectionError || !(error instanceof StripeError)) return { kind: 'lost', reason: networkReason(error) };
      const failure = describeFailure(request.connection, error);
      // 5xx and 429 (a server shutting down or busy) pass; a refused key or bad filter will not.
      const status = error.statusCode ?? 500;
      return status >= 500 || status === 429 ? { kind: 'lost', reason: failure.message } : { kind: 'fatal', error: failure };
    }
    request.onOpen();
    try {
      await readServerSentEvents(response.body, consume, activity);
      return { kind: 'ended' };
    } catch (error) {
      if (error instanceof SyntaxError) {
        return { kind: 'fatal', error: new CliError(`the event stream sent something that is not JSON: ${error.message}`) };
      }
      return { kind: 'lost', reason: silent ? `nothing received for ${request.idle_timeout_ms / 1000} s` : networkReason(error) };
    }
  } finally {
    pause();
    request.stop.removeEventListener('abort', abort);
  }
}

export interface StreamSession {
  connection: Connection;
  /** The next connection's path and headers, asked before each (listen resumes after its last event). */
  request(): { path: string; headers?: Record<string, string> };
  /** `stop` aborts on ^C, for work the message starts (a forward). */
  onMessage(message: ServerSentEvent, stop: AbortSignal): Promise<void> | void;
  /** Printed once the first connection is open, e.g. "Ready! ...\n". */
  ready: string;
  /** Appended to "Reconnected to Tender" after an outage, e.g. "; resuming after evt_…". */
  resumed?(): string;
  out: NodeJS.WritableStream;
  styles: Styles;
}

/**
 * Follows a stream until SIGINT or SIGTERM: prints `ready` on the first connection, and after a loss
 * one "Lost the connection" line, reconnects with backoff and says when it is back. Throws a CliError
 * when reconnecting would not help: a fatal outcome, or no first connection at all.
 */
export async function followWithReconnects(session: StreamSession): Promise<void> {
  const { connection, out, styles } = session;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let ready = false;
  let lost = false;
  let failures = 0;
  try {
    while (!stop.signal.aborted) {
      const outcome = await followStream({
        connection,
        ...session.request(),
        stop: stop.signal,
        idle_timeout_ms: stream_idle_timeout_ms,
        onMessage: (message) => session.onMessage(message, stop.signal),
        onOpen: () => {
          failures = 0;
          if (!ready) out.write(session.ready);
          else if (lost) out.write(`${styles.green('Reconnected')} to Tender${session.resumed?.() ?? ''}\n`);
          ready = true;
          lost = false;
        },
      });
      if (stop.signal.aborted) break;
      if (outcome.kind === 'fatal') throw outcome.error;
      const reason = outcome.kind === 'lost' ? outcome.reason : 'the server closed the stream';
      // Before the first connection there is nothing to resume: say why and stop.
      if (!ready) throw unreachable(connection, reason);
      if (!lost) out.write(`${styles.yellow('Lost the connection')} to Tender at ${connection.url} (${reason}); reconnecting...\n`);
      lost = true;
      await sleep(Math.min(stream_backoff_ms_initial * 2 ** failures, stream_backoff_ms_max), stop.signal);
      failures += 1;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
