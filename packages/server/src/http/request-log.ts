// The last requests this process answered, kept in a bounded ring so `request_log_url` in an error
// can be opened (GET /_tender/logs/req_...), and told to subscribers as they are answered (`tender logs
// tail`) with the account the request authenticated as. Holds only id, method, path, status and
// duration: never a key, a body or a card number.
import type { Scope } from '../store/object-pages.js';

export interface RequestLogEntry {
  request_id: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  created: number;
}

/**
 * Told each entry with the account whose key the request authenticated with (null when it did not get
 * that far); the scope is not kept in the ring.
 */
export type RequestLogListener = (entry: RequestLogEntry, scope: Scope | null) => void;

export const request_log_entries_max = 10_000;

export class RequestLog {
  // A ring of the last entries: adding is a store into an array (it runs on every request); finding
  // one scans it, which only the rare GET /_tender/logs/:id does.
  private readonly entries: (RequestLogEntry | undefined)[] = new Array(request_log_entries_max);
  private next = 0;
  private readonly listeners = new Set<RequestLogListener>();

  add(entry: RequestLogEntry, scope: Scope | null = null): void {
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % request_log_entries_max;
    if (this.listeners.size > 0) for (const listener of this.listeners) listener(entry, scope);
  }

  find(requestId: string): RequestLogEntry | undefined {
    for (const entry of this.entries) if (entry?.request_id === requestId) return entry;
    return undefined;
  }

  /**
   * Calls `listener` for every entry added from now on, synchronously, until the returned function is
   * called. Each listener is one log stream, so the streams' own cap bounds them.
   */
  subscribe(listener: RequestLogListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
