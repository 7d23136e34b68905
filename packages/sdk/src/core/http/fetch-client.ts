// The default transport, over the platform's fetch. One AbortController per request carries both
// the deadline and the caller's signal, and its timer keeps running until the body has been read
// (a server that trickles bytes can't hang a request past its timeout), or until the body stream
// is handed to the caller, who then owns its pace.

import { HttpClientError, type HttpClient, type HttpClientRequest, type HttpClientResponse } from './types.js';

type FetchFunction = typeof globalThis.fetch;

/** Socket-layer codes undici reports for a peer that closed or reset the connection. */
const CONNECTION_CLOSED_CODES: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
};

function networkCodeOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return CONNECTION_CLOSED_CODES[code] ?? code;
    current = current.cause;
  }
  return 'ENETWORK';
}

/** Tracks why the controller fired so an abort can be told apart as timeout or cancellation. */
class RequestDeadline {
  readonly controller = new AbortController();
  private timedOut = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly callerSignal: AbortSignal | undefined;
  private readonly onCallerAbort = (): void => this.controller.abort(this.callerSignal?.reason);

  constructor(
    private readonly timeoutMs: number,
    callerSignal: AbortSignal | undefined,
  ) {
    this.callerSignal = callerSignal;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (callerSignal?.aborted) this.onCallerAbort();
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** Stops the timer; the caller's signal keeps working on a stream already handed over. */
  stopTimer(): void {
    clearTimeout(this.timer);
  }

  release(): void {
    this.stopTimer();
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  toHttpError(error: unknown): HttpClientError {
    if (this.timedOut) {
      return new HttpClientError('ETIMEDOUT', `Request timed out after ${this.timeoutMs} ms`, { cause: error });
    }
    if (this.callerSignal?.aborted) {
      return new HttpClientError('EABORTED', 'Request aborted by the caller', { cause: this.callerSignal.reason });
    }
    const code = networkCodeOf(error);
    return new HttpClientError(code, `Network error (${code}): ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
    });
  }
}

class FetchHttpResponse implements HttpClientResponse {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    private readonly response: Response,
    private readonly deadline: RequestDeadline,
  ) {
    this.status = response.status;
    this.headers = {};
    response.headers.forEach((value, name) => {
      this.headers[name.toLowerCase()] = value;
    });
  }

  async text(): Promise<string> {
    try {
      return await this.response.text();
    } catch (error) {
      throw this.deadline.toHttpError(error);
    } finally {
      this.deadline.release();
    }
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  get body(): ReadableStream<Uint8Array> | null {
    this.deadline.stopTimer();
    return this.response.body;
  }
}

/**
 * The default HttpClient, built on `fetch` (global by default, or the one you pass).
 *
 * @example
 * const client = new StripeClient(key, { httpClient: new FetchHttpClient(myInstrumentedFetch) });
 */
export class FetchHttpClient implements HttpClient {
  readonly name = 'fetch';
  private readonly fetchFunction: FetchFunction;

  constructor(fetchFunction?: FetchFunction) {
    this.fetchFunction = fetchFunction ?? ((input, init) => globalThis.fetch(input, init));
  }

  async request(request: HttpClientRequest): Promise<HttpClientResponse> {
    const deadline = new RequestDeadline(request.timeoutMs, request.signal);
    const init: RequestInit = { method: request.method, headers: request.headers, signal: deadline.controller.signal };
    // An empty POST still sends '' so runtimes compute one Content-Length instead of duplicating it.
    if (request.method === 'POST' || request.body !== undefined) init.body = request.body ?? '';
    try {
      const response = await this.fetchFunction(request.url, init);
      return new FetchHttpResponse(response, deadline);
    } catch (error) {
      deadline.release();
      throw deadline.toHttpError(error);
    }
  }
}
