// How the client commands (listen, trigger, logs, events, clock) reach a Tender: the server URL and API
// key from flags or the environment, the SDK's client for that server (every request and stream goes
// through it), and the one place that turns any failure into a single readable line (bin/tender.js
// prints it and exits 1).
import { AuthenticationError, ConnectionError, StripeClient, StripeError } from '@tender/sdk';

export const default_tender_url = 'http://127.0.0.1:4242';
/** A request to Tender that takes longer than this is given up (a stream: until its headers). */
export const request_timeout_ms = 30_000;

export interface ConnectionOptions {
  apiKey?: string;
  url?: string;
}

export interface Connection {
  /** The server's base URL, without a trailing slash. */
  url: string;
  /** The SDK client for this server and key: no retries (a command fails at once and says why), no telemetry. */
  stripe: StripeClient;
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
  const url = parsed.href.replace(/\/+$/, '');
  return {
    url,
    stripe: new StripeClient(apiKey, { baseUrl: url, maxNetworkRetries: 0, telemetry: false, timeout: request_timeout_ms }),
  };
}

const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** Why a request to Tender failed (the SDK's ConnectionError or a fetch's error), in words: "connection refused", "timed out", ... */
export function networkReason(error: unknown): string {
  let current: unknown = error;
  let innermost = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (current.name === 'TimeoutError' || code === 'ETIMEDOUT') return 'timed out';
    if (code === 'ECONNREFUSED') return 'connection refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
    // ENETWORK is the SDK's word for "no code found": the causes below may say more.
    if (typeof code === 'string' && code !== 'ENETWORK') return code;
    innermost = current.message;
    current = current.cause;
  }
  return innermost;
}

/** The one line for a Tender that is not there; `reason` as networkReason words it. */
export function unreachable(connection: Connection, reason: string): CliError {
  return new CliError(`could not reach Tender at ${connection.url} (${reason}); is \`tender serve\` running there?`);
}

/**
 * The one line for a failed call to Tender: not reachable, a refused key, a URL that is not Tender's,
 * or Tender's (Stripe's) own message, after `context` when given. Other errors (bugs) pass unchanged.
 */
export function describeFailure(connection: Connection, error: unknown, context?: string): Error {
  if (error instanceof CliError) return error;
  if (error instanceof ConnectionError) return unreachable(connection, networkReason(error));
  if (!(error instanceof StripeError)) return error instanceof Error ? error : new CliError(String(error));
  // Without Tender's envelope (another server on that port?) the SDK's message quotes the body.
  const message = error.raw.message ?? error.message;
  if (error instanceof AuthenticationError) return new CliError(`Tender at ${connection.url} refused the API key: ${message}`);
  if (error.statusCode === 404 && message.startsWith('Unrecognized request URL')) {
    return new CliError(`${connection.url} does not look like a Tender server with this endpoint: ${message}`);
  }
  return new CliError(context === undefined ? message : `${context}: Tender answered ${error.statusCode ?? 'an error'}: ${message}`);
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
  try {
    return (await connection.stripe.rawRequest<T>(method, path, params)).data;
  } catch (error) {
    throw describeFailure(connection, error);
  }
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
