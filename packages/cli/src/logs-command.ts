// `tender logs tail`: the account's API requests as the server answers them (GET /_tender/logs/stream),
// one line each: time, status, method, path, request id, duration. The log is the server process's
// memory, so nothing is replayed: after a lost connection it reconnects and carries on from then.
import { resolveConnection, type ConnectionOptions } from './connection.js';
import type { ServerSentEvent } from './server-sent-events.js';
import { followWithReconnects } from './stream-connection.js';
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

  const onMessage = (message: ServerSentEvent) => {
    if (message.event === 'dropped') {
      const { dropped } = JSON.parse(message.data) as { dropped: number };
      out.write(styles.yellow(`(${dropped} log entries dropped: this terminal read them slower than they came)\n`));
    } else if (message.event === 'message') {
      out.write(`${logLine(styles, JSON.parse(message.data) as LogEntry)}\n`);
    }
  };

  await followWithReconnects({
    connection,
    request: () => ({ path: '/_tender/logs/stream' }),
    onMessage,
    ready: `Ready! Tailing the request log of ${connection.url} (^C to quit)\n`,
    out,
    styles,
  });
}

/** `2026-05-01 09:00:00 [200] POST /v1/customers [req_…] 4.8 ms`, the time being the CLI's own. */
export function logLine(styles: Styles, entry: LogEntry): string {
  return `${styles.dim(timestamp())} ${paintStatus(styles, entry.status)} ${entry.method} ${entry.path} [${entry.request_id}] ${styles.dim(`${entry.duration_ms} ms`)}`;
}
