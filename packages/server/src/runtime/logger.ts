// Structured logs through pino. Secrets never reach a log line: the Authorization and X-API-Key
// headers are redacted, and request logs carry only id, method, path, status and duration.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.TENDER_LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization', 'headers["x-api-key"]'],
      censor: '[redacted]',
    },
  });
}
