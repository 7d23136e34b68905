// `tender logs tail`: the account's API requests as the server answers them (GET /_tender/logs/stream),
// one line each: time, status, method, path, request id, duration. The log is the server process's
// memory, so nothing is replayed: after a lost connection it reconnects and carries on from then.
import {
  answerError,
  authHeaders,
  CliError,
  networkReason,
  resolveConnection,
  sleep,
  type Connection,
  type ConnectionOptions,
} from './connection.js';
import { listen_backoff_ms_initial, listen_backoff_ms_max, listen_idle_timeout_ms } from './listen-command.js';
import { readServerSentEvents, type ServerSentEvent } from './server-sent-events.js';
import { paintStatus, stylesFor, timestamp, type Styles } from './terminal.js';

export interface LogEntry {
  request_id: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  created: number;
}

type Outcome = { kind: 'lost'; reason: string } | { kind: 'fatal'; error: CliError };

export async function logsTail(options: ConnectionOptions): Promise<void> {
  const connection = resolveConnection(options);
  const out = process.stdout;
  const styles = stylesFor(out);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let ready = false;
  let lost = false;
  let failures = 0;

  const onMessage = (message: ServerSentEvent) => {
    if (message.event === 'dropped') {
      const { dropped } = JSON.parse(message.data) as { dropped: number };
      out.write(styles.yellow(`(${dropped} log entries dropped: this terminal read them slower than they came)\n`));
    } else if (message.event === 'message') {
      out.write(`${logLine(styles, JSON.parse(message.data) as LogEntry)}\n`);
    }
  };

  try {
    while (!stop.signal.aborted) {
      const outcome = await tailOnce(connection, stop.signal, onMessage, () => {
        failures = 0;
        if (!ready) out.write(`Ready! Tailing the request log of ${connection.url} (^C to quit)\n`);
        else if (lost) out.write(`${styles.green('Reconnected')} to Tender\n`);
        ready = true;
        lost = false;
      });
      if (stop.signal.aborted) break;
      if (outcome.kind === 'fatal') throw outcome.error;
      if (!ready) throw new CliError(`could not reach Tender at ${connection.url} (${outcome.reason}); is \`tender serve\` running there?`);
      if (!lost) out.write(`${styles.yellow('Lost the connection')} to Tender at ${connection.url} (${outcome.reason}); reconnecting...\n`);
      lost = true;
      await sleep(Math.min(listen_backoff_ms_initial * 2 ** failures, listen_backoff_ms_max), stop.signal);
      failures += 1;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function tailOnce(
  connection: Connection,
  stop: AbortSignal,
  onMessage: (message: ServerSentEvent) => void,
  onOpen: () => void,
): Promise<Outcome> {
  const aborter = new AbortController();
  const abort = () => aborter.abort();
  stop.addEventListener('abort', abort, { once: true });
  let idle: NodeJS.Timeout | null = null;
  const activity = () => {
    if (idle !== null) clearTimeout(idle);
    idle = setTimeout(abort, listen_idle_timeout_ms);
  };
  try {
    activity();
    let response: Response;
    try {
      response = await fetch(`${connection.url}/_tender/logs/stream`, {
        headers: { ...authHeaders(connection), accept: 'text/event-stream' },
        signal: aborter.signal,
      });
    } catch (error) {
      return { kind: 'lost', reason: networkReason(error) };
    }
    if (!response.ok || response.body === null) {
      const error = answerError(connection, response.status, await response.text().catch(() => ''));
      return response.status >= 500 || response.status === 429 ? { kind: 'lost', reason: error.message } : { kind: 'fatal', error };
    }
    onOpen();
    try {
      await readServerSentEvents(response.body, onMessage, activity);
      return { kind: 'lost', reason: 'the server closed the stream' };
    } catch (error) {
      return { kind: 'lost', reason: networkReason(error) };
    }
  } finally {
    if (idle !== null) clearTimeout(idle);
    stop.removeEventListener('abort', abort);
  }
}

/** `2026-05-01 09:00:00 [200] POST /v1/customers [req_…] 4.8 ms`, the time being the CLI's own. */
export function logLine(styles: Styles, entry: LogEntry): string {
  return `${styles.dim(timestamp())} ${paintStatus(styles, entry.status)} ${entry.method} ${entry.path} [${entry.request_id}] ${styles.dim(`${entry.duration_ms} ms`)}`;
}
