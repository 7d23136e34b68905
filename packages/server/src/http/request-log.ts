// The last requests this process answered, kept in a bounded ring so `request_log_url` in an error
// can be opened (GET /_tender/logs/req_...). Holds only id, method, path, status and duration: never
// a key, a body or a card number.

export interface RequestLogEntry {
  request_id: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  created: number;
}

export const request_log_entries_max = 10_000;

export class RequestLog {
  private readonly entries = new Map<string, RequestLogEntry>();

  add(entry: RequestLogEntry): void {
    if (this.entries.size >= request_log_entries_max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(entry.request_id, entry);
  }

  find(requestId: string): RequestLogEntry | undefined {
    return this.entries.get(requestId);
  }
}
