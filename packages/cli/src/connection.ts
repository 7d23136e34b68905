// How the client commands (listen, trigger, logs, events, clock) reach a Tender: the server URL and API
// key from flags or the environment, one JSON request helper for the /_tender endpoints, and the one
// place that turns any failure into a single readable line (bin/tender.js prints it and exits 1).

export const default_tender_url = 'http://127.0.0.1:4242';
/** A request to Tender's own endpoints that takes longer than this is given up. */
export const request_timeout_ms = 30_000;

export interface ConnectionOptions {
  apiKey?: string;
  url?: string;
}

export interface Connection {
  /** The server's base URL, without a trailing slash. */
  url: string;
  apiKey: string;
}

/** An error whose message is already the one line to print. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** `--api-key`, else TENDER_API_KEY, else STRIPE_API_KEY; `--url`, else TENDER_URL, else the default. */
export function resolveConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): Connection {
  const apiKey = options.apiKey ?? nonEmpty(env.TENDER_API_KEY) ?? nonEmpty(env.STRIPE_API_KEY);
  if (apiKey === undefined) {
    throw new CliError('no API key: pass --api-key sk_test_..., or set TENDER_API_KEY (or STRIPE_API_KEY)');
  }
  const raw = options.url ?? nonEmpty(env.TENDER_URL) ?? default_tender_url;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new CliError(`not a URL: ${raw} (expected something like ${default_tender_url})`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliError(`the Tender URL must be http or https: ${raw}`);
  return { url: parsed.href.replace(/\/+$/, ''), apiKey };
}

const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

export function authHeaders(connection: Connection): Record<string, string> {
  return { authorization: `Bearer ${connection.apiKey}` };
}

/** Why a fetch to Tender failed, in words: "connection refused", "timed out", ... */
export function networkReason(error: unknown): string {
  let current: unknown = error;
  let innermost = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current.name === 'TimeoutError') return 'timed out';
    const code = (current as { code?: unknown }).code;
    if (code === 'ECONNREFUSED') return 'connection refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
    if (typeof code === 'string') return code;
    innermost = current.message;
    current = current.cause;
  }
  return innermost;
}

/** The one line for a Tender that is not there; `reason` as networkReason words it. */
export function unreachable(connection: Connection, reason: string): CliError {
  return new CliError(`could not reach Tender at ${connection.url} (${reason}); is \`tender serve\` running there?`);
}

/** The one line for an error answer: Tender's (Stripe's) message, with a hint for a refused key. */
export function answerError(connection: Connection, status: number, body: string): CliError {
  let message = `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } };
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    // Not Tender's envelope (another server on that port?): the status says enough.
  }
  if (status === 401) return new CliError(`Tender at ${connection.url} refused the API key: ${message}`);
  if (status === 404 && message.startsWith('Unrecognized request URL')) {
    return new CliError(`${connection.url} does not look like a Tender server with this endpoint: ${message}`);
  }
  return new CliError(message);
}

/**
 * Calls one of Tender's JSON endpoints; a 2xx answer's body is returned parsed, anything else becomes
 * a CliError with the server's message.
 */
export async function tenderRequest<T>(
  connection: Connection,
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, string> = {},
): Promise<T> {
  const form = new URLSearchParams(params).toString();
  let response: Response;
  try {
    response = await fetch(connection.url + path, {
      method,
      headers: { ...authHeaders(connection), ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(method === 'POST' ? { body: form } : {}),
      signal: AbortSignal.timeout(request_timeout_ms),
    });
  } catch (error) {
    throw unreachable(connection, networkReason(error));
  }
  const body = await response.text();
  if (!response.ok) throw answerError(connection, response.status, body);
  return JSON.parse(body) as T;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
