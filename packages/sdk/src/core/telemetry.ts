// Request metrics reported back to the API: each response's request id and duration is queued and
// sent on a later request in `X-Stripe-Client-Telemetry`. The queue is bounded; when it is full new
// entries are dropped (each drop logs a warning) rather than letting memory grow under a request burst.

/** Most metrics held before new ones are dropped. */
export const TELEMETRY_BUFFER_MAX_ENTRIES = 100;

/** Tags saying which SDK surface made the request. */
export type UsageTag = 'stripe_client' | 'raw_request' | 'fetch_event';

export interface RequestMetrics {
  request_id: string;
  request_duration_ms: number;
  usage?: UsageTag[];
}

/** A FIFO of metrics shared by a client and every client derived from it. */
export class TelemetryBuffer {
  private readonly entries: RequestMetrics[] = [];

  constructor(private readonly onFull: () => void = () => {}) {}

  get size(): number {
    return this.entries.length;
  }

  record(metrics: RequestMetrics): void {
    if (this.entries.length >= TELEMETRY_BUFFER_MAX_ENTRIES) {
      this.onFull();
      return;
    }
    this.entries.push(metrics);
  }

  /** The `X-Stripe-Client-Telemetry` value for the oldest metrics, or undefined when empty. */
  takeHeader(): string | undefined {
    const oldest = this.entries.shift();
    return oldest === undefined ? undefined : JSON.stringify({ last_request_metrics: oldest });
  }
}
