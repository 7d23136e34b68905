// The last requests this process answered, kept in a bounded ring so `request_log_url` in an error
// can be opened (GET /_tender/logs/req_...), and told to subscribers as they are answered (`tender logs
// tail`). Holds only id, method, path, status and duration: never a key, a body or a card number.

export interface RequestLogEntry {
  request_id: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  created: number;
}

/** A request's headers, handed to subscribers only so they can tell whose request it was; never kept. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

export type RequestLogListener = (entry: RequestLogEntry, headers: RequestHeaders) => void;

export const request_log_entries_max = 10_000;
/** Subscribers one process serves at once (each is a `tender logs tail`). */
export const request_log_listeners_max = 100;

export class RequestLog {
  // A ring of the last entries: adding is a store into an array (it runs on every request); finding
  // one scans it, which only the rare GET /_tender/logs/:id does.
  private readonly entries: (RequestLogEntry | undefined)[] = new Array(request_log_entries_max);
  private next = 0;
  private readonly listeners = new Set<RequestLogListener>();

  add(entry: RequestLogEntry, headers: RequestHeaders = {}): void {
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % request_log_entries_max;
    if (this.listeners.size > 0) for (const listener of this.listeners) listener(entry, headers);
  }

  find(requestId: string): RequestLogEntry | undefined {
    for (const entry of this.entries) if (entry?.request_id === requestId) return entry;
    return undefined;
  }

  /**
   * Calls `listener` for every entry added from now on, synchronously, until the returned function is
   * called. Answers null when request_log_listeners_max are already subscribed.
   */
  subscribe(listener: RequestLogListener): (() => void) | null {
    if (this.listeners.size >= request_log_listeners_max) return null;
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
