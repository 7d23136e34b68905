// Sends one API call: merges options, encodes params, builds headers, runs the attempt loop
// (retry.ts decides, the platform sleeps), and turns the last outcome into data or an error.
// Invariants: one Idempotency-Key per call, reused by every attempt; a caller's abort is never
// retried and rejects with the signal's reason; errors carry the stack of the code that called.

import { SDK_VERSION } from '../version.js';
import { appendQuery, encodeForm, type EncodableValue } from './encode.js';
import { errorFromResponse } from './error-mapping.js';
import { APIError, ConnectionError, StripeError } from './errors.js';
import { mergeHeaders } from './headers.js';
import { HttpClientError, type HttpClient, type HttpClientResponse, type HttpMethod } from './http/types.js';
import type { Logger } from './logger.js';
import {
  DEFAULT_API_BASES,
  mergeRequestOptions,
  validateRequestOptions,
  type ApiBase,
  type AppInfo,
  type ClientSettings,
  type EffectiveRequestSettings,
  type PersistentOptions,
  type RawRequestOptions,
} from './options.js';
import type { Platform } from './platform.js';
import { toStreamResponse, type ResponseMeta, type StripeResponse, type StripeStreamResponse } from './response.js';
import { isTlsErrorCode, retryDelayMs, shouldRetry } from './retry.js';
import type { TelemetryBuffer, UsageTag } from './telemetry.js';

/** One API call as a service describes it. */
export interface RequestSpec {
  method: HttpMethod;
  /** Path from the API root, e.g. `/v1/customers/cus_123`; may carry a query string. */
  path: string;
  params?: { readonly [key: string]: EncodableValue } | undefined;
  options?: RawRequestOptions | undefined;
  apiBase?: ApiBase;
  usage?: UsageTag[];
}

/** What a client hands its requestor; everything but `settings` is shared with derived clients. */
export interface RequestorConfig {
  settings: ClientSettings;
  baseUrl: string | undefined;
  telemetry: boolean;
  appInfo: AppInfo | undefined;
  httpClient: HttpClient;
  platform: Platform;
  logger: Logger;
  telemetryBuffer: TelemetryBuffer;
}

/** A response and, unless it is being streamed, its body text. */
interface SuccessfulAttempt {
  kind: 'response';
  meta: ResponseMeta;
  response: HttpClientResponse;
  text: string | undefined;
}

type AttemptResult = { kind: 'network'; error: HttpClientError } | SuccessfulAttempt;

interface PreparedRequest {
  method: HttpMethod;
  settings: EffectiveRequestSettings;
  url: string;
  path: string;
  body: string | undefined;
  headers: Record<string, string>;
  isV2: boolean;
  idempotencyKey: string | undefined;
  usage: UsageTag[] | undefined;
}

function formatAppInfo(appInfo: AppInfo): string {
  const version = appInfo.version === undefined ? '' : `/${appInfo.version}`;
  const url = appInfo.url === undefined ? '' : ` (${appInfo.url})`;
  return `${appInfo.name}${version}${url}`;
}

function isSuccess(statusCode: number): boolean {
  return statusCode >= 200 && statusCode < 300;
}

function errorCodeOf(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function toHttpClientError(error: unknown): HttpClientError {
  if (error instanceof HttpClientError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return new HttpClientError(typeof code === 'string' ? code : 'ENETWORK', String((error as Error)?.message ?? error), {
    cause: error,
  });
}

/** Appends the caller's frames to an error raised after an await, where they would be lost. */
function attachCallSite(error: unknown, callSite: Error): unknown {
  if (error instanceof StripeError && callSite.stack !== undefined) {
    const frames = callSite.stack.split('\n').slice(1).join('\n');
    error.stack = `${error.stack ?? String(error)}\n    at (call site)\n${frames}`;
  }
  return error;
}

export class APIRequestor {
  private clientUserAgent: string | undefined;

  constructor(private readonly config: RequestorConfig) {}

  get settings(): ClientSettings {
    return this.config.settings;
  }

  get clientConfig(): Readonly<RequestorConfig> {
    return this.config;
  }

  /** A requestor with other persistent settings, sharing transport, platform and telemetry. */
  withOptions(options: PersistentOptions): APIRequestor {
    const settings: ClientSettings = { ...this.config.settings };
    if (options.apiKey !== undefined) settings.apiKey = options.apiKey;
    if (options.apiVersion !== undefined) settings.apiVersion = options.apiVersion;
    if (options.stripeAccount !== undefined) settings.stripeAccount = options.stripeAccount;
    if (options.stripeContext !== undefined) settings.stripeContext = options.stripeContext;
    return new APIRequestor({ ...this.config, settings });
  }

  /** Sends a call and parses its JSON body. Rejects with a StripeError (or the abort reason). */
  async request<T>(spec: RequestSpec): Promise<StripeResponse<T>> {
    const callSite = new Error('call site'); // captured before the first await, so it still holds the caller
    try {
      const prepared = this.prepare(spec);
      const { meta, text } = await this.send(prepared, false);
      return { ...meta, body: text ?? '', data: this.parseData<T>(meta, text ?? '') };
    } catch (error) {
      throw attachCallSite(error, callSite);
    }
  }

  /** Sends a call and hands over the body unread; error bodies are still read and mapped. */
  async requestStream(spec: RequestSpec): Promise<StripeStreamResponse> {
    const callSite = new Error('call site');
    try {
      const prepared = this.prepare(spec);
      const { meta, response } = await this.send(prepared, true);
      const body = response.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
      return toStreamResponse(meta, body);
    } catch (error) {
      throw attachCallSite(error, callSite);
    }
  }

  private parseData<T>(meta: ResponseMeta, text: string): T {
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new APIError({
        message: `Invalid JSON received from the API (HTTP ${meta.statusCode})`,
        statusCode: meta.statusCode,
        requestId: meta.requestId,
        headers: meta.headers,
        cause: error,
      });
    }
  }

  private prepare(spec: RequestSpec): PreparedRequest {
    const options = validateRequestOptions(spec.options);
    const settings = mergeRequestOptions(this.config.settings, options);
    const isV2 = spec.path.startsWith('/v2');
    let path = spec.path;
    let body: string | undefined;
    if (spec.method === 'POST') body = isV2 ? JSON.stringify(spec.params ?? {}) : encodeForm(spec.params);
    else path = appendQuery(spec.path, encodeForm(spec.params));

    const needsIdempotencyKey = spec.method === 'POST' || (isV2 && spec.method === 'DELETE');
    const generatedKey = needsIdempotencyKey ? this.config.platform.uuid() : undefined;
    const headers = mergeHeaders(this.defaultHeaders(settings, settings.idempotencyKey ?? generatedKey, body, isV2), settings.headers);
    const base = (this.config.baseUrl ?? DEFAULT_API_BASES[options.apiBase ?? spec.apiBase ?? 'api']).replace(/\/+$/, '');
    return {
      method: spec.method,
      settings,
      url: `${base}${path}`,
      path,
      body,
      headers,
      isV2,
      idempotencyKey: headers['Idempotency-Key'],
      usage: spec.usage,
    };
  }

  private defaultHeaders(
    settings: EffectiveRequestSettings,
    idempotencyKey: string | undefined,
    body: string | undefined,
    isV2: boolean,
  ): Record<string, string | undefined> {
    const hasBody = body !== undefined;
    return {
      Authorization: `Bearer ${settings.apiKey}`,
      'Stripe-Version': settings.apiVersion,
      'Stripe-Account': settings.stripeAccount,
      'Stripe-Context': settings.stripeContext,
      'Idempotency-Key': idempotencyKey,
      Accept: 'application/json',
      'Content-Type': hasBody ? (isV2 ? 'application/json' : 'application/x-www-form-urlencoded') : undefined,
      'Content-Length': hasBody ? String(new TextEncoder().encode(body).byteLength) : undefined,
      'User-Agent': this.userAgent(),
      'X-Stripe-Client-User-Agent': this.clientUserAgentHeader(),
    };
  }

  /** The attempt loop: retries per retry.ts, then data for a success or the mapped error. */
  private async send(prepared: PreparedRequest, streaming: boolean): Promise<SuccessfulAttempt> {
    const { settings } = prepared;
    for (let retriesDone = 0; ; retriesDone += 1) {
      if (retriesDone > 0) {
        await this.config.platform.sleep(retryDelayMs(retriesDone, this.config.platform.random()), settings.signal);
      }
      const result = await this.attempt(prepared, streaming, retriesDone);
      if (result.kind === 'network') {
        // Checked on the signal too: a custom HttpClient may not report the abort as EABORTED.
        if (result.error.code === 'EABORTED' || settings.signal?.aborted === true) {
          throw settings.signal?.reason ?? result.error;
        }
        if (shouldRetry({ kind: 'network', code: result.error.code }, retriesDone, settings.maxNetworkRetries)) continue;
        throw this.connectionError(result.error, retriesDone, settings.timeoutMs);
      }
      const { meta, text } = result;
      if (isSuccess(meta.statusCode)) return result;
      const body = text ?? '';
      const outcome = {
        kind: 'response' as const,
        statusCode: meta.statusCode,
        shouldRetryHeader: meta.headers['stripe-should-retry'],
        errorCode: errorCodeOf(body),
      };
      if (shouldRetry(outcome, retriesDone, settings.maxNetworkRetries)) continue;
      throw errorFromResponse({ statusCode: meta.statusCode, headers: meta.headers, body, isV2: prepared.isV2 });
    }
  }

  /** One exchange: sends, reads the body (unless streaming a success), records telemetry. */
  private async attempt(prepared: PreparedRequest, streaming: boolean, retriesDone: number): Promise<AttemptResult> {
    const { platform, httpClient, logger } = this.config;
    const telemetryHeader = this.config.telemetry ? this.config.telemetryBuffer.takeHeader() : undefined;
    const headers =
      telemetryHeader === undefined ? prepared.headers : { ...prepared.headers, 'X-Stripe-Client-Telemetry': telemetryHeader };
    const startedMs = platform.monotonicNowMs();
    logger.debug?.('request', {
      method: prepared.method,
      path: prepared.path,
      api_version: headers['Stripe-Version'],
      account: headers['Stripe-Account'],
      idempotency_key: prepared.idempotencyKey,
      retry: retriesDone,
    });
    try {
      const response = await httpClient.request({
        url: prepared.url,
        method: prepared.method,
        headers,
        body: prepared.body,
        timeoutMs: prepared.settings.timeoutMs,
        signal: prepared.settings.signal,
      });
      const keepStream = streaming && isSuccess(response.status);
      const text = keepStream ? undefined : await response.text();
      const meta: ResponseMeta = {
        statusCode: response.status,
        headers: response.headers,
        requestId: response.headers['request-id'],
        idempotencyKey: prepared.idempotencyKey,
      };
      const elapsedMs = Math.round(platform.monotonicNowMs() - startedMs);
      this.afterResponse(meta, elapsedMs, prepared.usage);
      return { kind: 'response', meta, response, text };
    } catch (error) {
      const httpError = toHttpClientError(error);
      logger.debug?.('network_error', { path: prepared.path, code: httpError.code, retry: retriesDone });
      return { kind: 'network', error: httpError };
    }
  }

  private afterResponse(meta: ResponseMeta, elapsedMs: number, usage: UsageTag[] | undefined): void {
    const { logger, telemetry, telemetryBuffer } = this.config;
    logger.debug?.('response', { status: meta.statusCode, request_id: meta.requestId, elapsed_ms: elapsedMs });
    const notice = meta.headers['stripe-notice'];
    if (notice !== undefined) logger.warn?.(`Stripe-Notice: ${notice}`, { request_id: meta.requestId });
    if (telemetry && meta.requestId !== undefined) {
      telemetryBuffer.record({
        request_id: meta.requestId,
        request_duration_ms: elapsedMs,
        ...(usage === undefined ? {} : { usage }),
      });
    }
  }

  private connectionError(error: HttpClientError, retriesDone: number, timeoutMs: number): ConnectionError {
    const what =
      error.code === 'ETIMEDOUT'
        ? `Request aborted due to timeout being reached (${timeoutMs} ms)`
        : `An error occurred with our connection to the API (${error.code}): ${error.message}`;
    const retried = retriesDone > 0 ? `. Request was retried ${retriesDone} times.` : '';
    return new ConnectionError({
      message: `${what}${retried}`,
      shouldRetry: !isTlsErrorCode(error.code),
      cause: error,
    });
  }

  private userAgent(): string {
    const lang = this.config.platform.runtimeInfo().lang;
    const bindings = `Tender${lang[0]?.toUpperCase() ?? ''}${lang.slice(1)}Bindings/${SDK_VERSION}`;
    const appInfo = this.config.appInfo === undefined ? '' : ` ${formatAppInfo(this.config.appInfo)}`;
    return `Stripe/v1 ${bindings}${appInfo}`;
  }

  /** Platform details go out only while telemetry is on. Computed once per requestor. */
  private clientUserAgentHeader(): string {
    if (this.clientUserAgent !== undefined) return this.clientUserAgent;
    const runtime = this.config.platform.runtimeInfo();
    const seed: Record<string, unknown> = {
      bindings_version: SDK_VERSION,
      lang: runtime.lang,
      lang_version: runtime.lang_version,
      publisher: 'tender',
      httplib: this.config.httpClient.name,
    };
    if (this.config.telemetry && runtime.platform !== undefined) seed.platform = runtime.platform;
    if (this.config.appInfo !== undefined) seed.application = this.config.appInfo;
    this.clientUserAgent = JSON.stringify(seed);
    return this.clientUserAgent;
  }
}
