// The long-lived parts a running server shares between requests.
import type { Logger } from '../runtime/logger.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Store } from '../store/store.js';
import type { AuthResult } from './authenticate.js';
import type { CommitSignal } from '../domain/events/commit-signal.js';

export interface ServerServices {
  store: Store;
  runtime: Runtime;
  logger: Logger;
  authenticate(headers: Record<string, string | string[] | undefined>, options?: { allow_publishable?: boolean }): Promise<AuthResult>;
  /** Idempotency keys whose first request is running in this process. */
  inFlightKeys: Set<string>;
  /** Where `request_log_url` points for a request. */
  requestLogUrl(requestId: string, now: number): string;
  /** Told after a write committed events or webhook deliveries: the worker and the streams wake on it. */
  committed: CommitSignal;
}
