// The transport seam. The requestor speaks only this interface, so any HTTP stack (fetch, a mock,
// a keep-alive agent) can carry requests. Network failures surface as HttpClientError with a
// Node-style code, which is all the retry rules look at.

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface HttpClientRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  /** The encoded body; POST always carries one, empty or not. */
  body: string | undefined;
  /** Deadline for the whole exchange, response body included. */
  timeoutMs: number;
  /** The caller's cancellation signal. */
  signal: AbortSignal | undefined;
}

export interface HttpClientResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Reads the whole body within the request's deadline. */
  text(): Promise<string>;
  json(): Promise<unknown>;
  /** Hands the raw body over; the deadline stops applying once it is taken. */
  readonly body: ReadableStream<Uint8Array> | null;
}

export interface HttpClient {
  /** Reported as `httplib` in `X-Stripe-Client-User-Agent`. */
  readonly name: string;
  request(request: HttpClientRequest): Promise<HttpClientResponse>;
}

/**
 * Codes a transport reports. `ETIMEDOUT` is our own deadline, `EABORTED` the caller's signal; the
 * rest come from the socket layer (`ECONNRESET`, `EPIPE`, `ECONNREFUSED`, TLS codes, ...).
 */
export type HttpErrorCode = 'ETIMEDOUT' | 'EABORTED' | 'ECONNRESET' | 'EPIPE' | (string & {});

/** A request that produced no usable HTTP response. */
export class HttpClientError extends Error {
  override readonly name = 'HttpClientError';
  readonly code: HttpErrorCode;

  constructor(code: HttpErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
