// The official `stripe` package pointed at a live Tender, with nothing changed but the host. Its HTTP
// goes through a recording fetch, so every response the SDK sees (successes and errors alike) can be
// checked against Stripe's OpenAPI spec afterwards (see response-validation.ts).
import Stripe from 'stripe';

/** One HTTP response as the SDK received it. `body` is the parsed JSON, or the raw text if it was not JSON. */
export interface RecordedResponse {
  method: string;
  /** Path and query string, e.g. `/v1/customers?limit=2`. */
  path: string;
  status: number;
  body: unknown;
  /** False when the body did not parse as JSON (every Stripe answer is JSON). */
  json: boolean;
}

export type StripeConfig = NonNullable<ConstructorParameters<typeof Stripe>[1]>;

/**
 * Wraps a fetch function so each response is recorded before the caller reads it. The body is read
 * from a clone, so the SDK still gets an unread stream.
 *
 * @example
 * const records: RecordedResponse[] = [];
 * const fetchFn = createRecordingFetch(records);
 */
export function createRecordingFetch(records: RecordedResponse[], baseFetch: typeof fetch = globalThis.fetch): typeof fetch {
  return async function recordingFetch(input, init) {
    const response = await baseFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const text = await response.clone().text();
    let body: unknown = text;
    let json = false;
    try {
      body = JSON.parse(text);
      json = true;
    } catch {
      // Left as text; response-validation.ts reports it.
    }
    records.push({ method, path: url.pathname + url.search, status: response.status, body, json });
    return response;
  };
}

export interface StripeClientOptions {
  /** Tender's base URL, e.g. `http://127.0.0.1:49152`. */
  url: string;
  apiKey: string;
  records: RecordedResponse[];
  /** Extra SDK settings (e.g. `apiVersion`); host, port, protocol and the HTTP client are set here. */
  config?: Omit<StripeConfig, 'host' | 'port' | 'protocol' | 'httpClient'>;
}

/**
 * An SDK client that talks to Tender over plain HTTP and records every response. Network retries
 * are off so each call is exactly one request.
 *
 * @example
 * const stripe = createStripeClient({ url: tender.url, apiKey: tender.secretKey, records });
 * const customer = await stripe.customers.create({ email: 'a@example.com' });
 */
export function createStripeClient(options: StripeClientOptions): Stripe {
  const url = new URL(options.url);
  return new Stripe(options.apiKey, {
    maxNetworkRetries: 0,
    telemetry: false,
    ...options.config,
    host: url.hostname,
    port: url.port,
    protocol: 'http',
    httpClient: Stripe.createFetchHttpClient(createRecordingFetch(options.records)),
  });
}

/**
 * One response header from an SDK result's `lastResponse` or an error's `headers`. With the fetch
 * HTTP client, `lastResponse` is the fetch Response itself, so its `headers` is a `Headers` object
 * (not the plain record the SDK's types promise); both shapes are read here.
 *
 * @example
 * responseHeader(customer.lastResponse, 'idempotent-replayed'); // 'true' on a replay
 */
export function responseHeader(source: { headers?: unknown } | undefined, name: string): string | undefined {
  const headers = source?.headers;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (headers !== null && typeof headers === 'object') {
    const value = (headers as Record<string, unknown>)[name.toLowerCase()];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}
