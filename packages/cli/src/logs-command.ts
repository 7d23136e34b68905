// `tender logs tail`: the account's API requests as the server answers them (GET /_tender/logs/stream),
// one line each: time, status, method, path, request id, duration. The log is the server process's
// memory, so nothing is replayed: after a lost connection it reconnects and carries on from then.
import { CliError, resolveConnection, sleep, type ConnectionOptions } from './connection.js';
import { listen_backoff_ms_initial, listen_backoff_ms_max, listen_idle_timeout_ms } from './listen-command.js';
import type { ServerSentEvent } from './server-sent-events.js';
import { followStream } from './stream-connection.js';
import { paintStatus, stylesFor, timestamp, type Styles } from './terminal.js';

export interface LogEntry {
  request_id: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  created: number;
}

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
      const outcome = await followStream({
        connection,
        path: '/_tender/logs/stream',
        stop: stop.signal,
        idle_timeout_ms: listen_idle_timeout_ms,
        onMessage,
        onOpen: () => {
          failures = 0;
          if (!ready) out.write(`Ready! Tailing the request log of ${connection.url} (^C to quit)\n`);
          else if (lost) out.write(`${styles.green('Reconnected')} to Tender\n`);
          ready = true;
          lost = false;
        },
      });
      if (stop.signal.aborted) break;
      if (outcome.kind === 'fatal') throw outcome.error;
      const reason = outcome.kind === 'lost' ? outcome.reason : 'the server closed the stream';
      if (!ready) throw new CliError(`could not reach Tender at ${connection.url} (${reason}); is \`tender serve\` running there?`);
      if (!lost) out.write(`${styles.yellow('Lost the connection')} to Tender at ${connection.url} (${reason}); reconnecting...\n`);
      lost = true;
      await sleep(Math.min(listen_backoff_ms_initial * 2 ** failures, listen_backoff_ms_max), stop.signal);
      failures += 1;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** `2026-05-01 09:00:00 [200] POST /v1/customers [req_…] 4.8 ms`, the time being the CLI's own. */
export function logLine(styles: Styles, entry: LogEntry): string {
  return `${styles.dim(timestamp())} ${paintStatus(styles, entry.status)} ${entry.method} ${entry.path} [${entry.request_id}] ${styles.dim(`${entry.duration_ms} ms`)}`;
}
