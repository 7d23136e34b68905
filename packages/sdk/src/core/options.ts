// Client and request options: their shapes, runtime validation (unknown keys and bad integers are
// programmer errors, thrown as TypeError at once), and the merge rule. A request's value beats the
// client's; apiKey, apiVersion, stripeAccount and stripeContext persist on a client (and
// withOptions), the rest exist only per call.

import type { CryptoProvider } from './crypto.js';
import type { HttpClient } from './http/types.js';
import type { Logger } from './logger.js';
import type { Platform } from './platform.js';
import { NETWORK_RETRIES_MAX_COUNT } from './retry.js';

/** Named API hosts. A client's `baseUrl` replaces all of them. */
export type ApiBase = 'api' | 'connect' | 'files' | 'meterEvents';

export const DEFAULT_API_BASES: Readonly<Record<ApiBase, string>> = {
  api: 'https://api.stripe.com',
  connect: 'https://connect.stripe.com',
  files: 'https://files.stripe.com',
  meterEvents: 'https://meter-events.stripe.com',
};

/** Default deadline for one attempt, response body included. */
export const DEFAULT_TIMEOUT_MS = 80_000;

/** Identifies a plugin or platform built on the SDK, in User-Agent. */
export interface AppInfo {
  name: string;
  version?: string;
  url?: string;
  partner_id?: string;
}

/** Options that stay with a client and the clients derived from it. */
export interface PersistentOptions {
  apiKey?: string;
  apiVersion?: string;
  stripeAccount?: string;
  stripeContext?: string;
}

/** Options for a single call. Each one beats the client's setting. */
export interface RequestOptions extends PersistentOptions {
  idempotencyKey?: string;
  maxNetworkRetries?: number;
  /** Milliseconds for each attempt, body included. */
  timeout?: number;
  /** Extra headers; they replace defaults of the same name (case-insensitive). */
  headers?: Record<string, string>;
  /** Cancels the call, retries and backoff included. */
  signal?: AbortSignal;
}

/** Request options of `rawRequest`, which may also pick another API host. */
export interface RawRequestOptions extends RequestOptions {
  apiBase?: ApiBase;
}

export interface StripeClientOptions {
  /** One base URL for every API host, e.g. a Tender server: `http://127.0.0.1:4242`. */
  baseUrl?: string;
  apiVersion?: string;
  /** Retries after the first attempt (default 2, at most 10). */
  maxNetworkRetries?: number;
  /** Milliseconds per attempt, body included (default 80,000). */
  timeout?: number;
  /** Send request metrics and platform details to the API (default true). */
  telemetry?: boolean;
  stripeAccount?: string;
  stripeContext?: string;
  appInfo?: AppInfo;
  /** Connect platform client id (`ca_…`), used by OAuth. */
  clientId?: string;
  httpClient?: HttpClient;
  /** The fetch to use when no httpClient is given. */
  fetch?: typeof globalThis.fetch;
  logger?: Logger;
  /** Host effects (uuid, random, clock, sleep); tests replace them. */
  platform?: Partial<Platform>;
  /** HMAC for webhook signatures (default: WebCrypto). */
  cryptoProvider?: CryptoProvider;
}

const CLIENT_OPTION_KEYS: ReadonlySet<string> = new Set<keyof StripeClientOptions>([
  'baseUrl',
  'apiVersion',
  'maxNetworkRetries',
  'timeout',
  'telemetry',
  'stripeAccount',
  'stripeContext',
  'appInfo',
  'clientId',
  'httpClient',
  'fetch',
  'logger',
  'platform',
  'cryptoProvider',
]);

const REQUEST_OPTION_KEYS: ReadonlySet<string> = new Set<keyof RawRequestOptions>([
  'apiKey',
  'apiVersion',
  'stripeAccount',
  'stripeContext',
  'idempotencyKey',
  'maxNetworkRetries',
  'timeout',
  'headers',
  'signal',
  'apiBase',
]);

const PERSISTENT_OPTION_KEYS: ReadonlySet<string> = new Set<keyof PersistentOptions>([
  'apiKey',
  'apiVersion',
  'stripeAccount',
  'stripeContext',
]);

function rejectUnknownKeys(what: string, value: object, allowed: ReadonlySet<string>): void {
  const unknown = Object.keys(value).filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw new TypeError(`Unknown ${what}: ${unknown.join(', ')}. Allowed: ${[...allowed].join(', ')}.`);
  }
}

/** Like stripe-node's validateInteger: undefined falls back, anything else must be an integer in range. */
export function validateInteger(name: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new TypeError(`${name} must be an integer from 0 to ${max}; got ${String(value)}.`);
  }
  return value;
}

/** Validates client options and fills in the numeric defaults. */
export function validateClientOptions(options: StripeClientOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError('Client options must be an object.');
  rejectUnknownKeys('client option', options, CLIENT_OPTION_KEYS);
  validateInteger('maxNetworkRetries', options.maxNetworkRetries, 0, NETWORK_RETRIES_MAX_COUNT);
  validateInteger('timeout', options.timeout, 0, Number.MAX_SAFE_INTEGER);
  if (options.appInfo !== undefined && typeof options.appInfo.name !== 'string') {
    throw new TypeError('appInfo.name is required.');
  }
}

export function validateRequestOptions(options: RawRequestOptions | undefined): RawRequestOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError('Request options must be an object.');
  rejectUnknownKeys('request option', options, REQUEST_OPTION_KEYS);
  return options;
}

export function validatePersistentOptions(options: PersistentOptions): PersistentOptions {
  rejectUnknownKeys('option for withOptions', options, PERSISTENT_OPTION_KEYS);
  return options;
}

/** The settings a client holds (resolved, no undefined defaults). */
export interface ClientSettings {
  apiKey: string;
  apiVersion: string;
  stripeAccount: string | undefined;
  stripeContext: string | undefined;
  maxNetworkRetries: number;
  timeoutMs: number;
}

/** The settings in force for one call after the merge. */
export interface EffectiveRequestSettings extends ClientSettings {
  idempotencyKey: string | undefined;
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
}

/**
 * Merges request options over client settings; the request wins key by key.
 *
 * @example
 * mergeRequestOptions(settings, { stripeAccount: 'acct_1', timeout: 5_000 }).timeoutMs; // 5000
 */
export function mergeRequestOptions(client: ClientSettings, request: RequestOptions): EffectiveRequestSettings {
  const merged: EffectiveRequestSettings = {
    apiKey: request.apiKey ?? client.apiKey,
    apiVersion: request.apiVersion ?? client.apiVersion,
    stripeAccount: request.stripeAccount ?? client.stripeAccount,
    stripeContext: request.stripeContext ?? client.stripeContext,
    maxNetworkRetries: validateInteger('maxNetworkRetries', request.maxNetworkRetries, client.maxNetworkRetries, NETWORK_RETRIES_MAX_COUNT),
    timeoutMs: validateInteger('timeout', request.timeout, client.timeoutMs, Number.MAX_SAFE_INTEGER),
    idempotencyKey: request.idempotencyKey,
    headers: request.headers ?? {},
    signal: request.signal,
  };
  if (merged.stripeAccount !== undefined && merged.stripeContext !== undefined) {
    throw new TypeError('Set either stripeAccount or stripeContext, not both.');
  }
  return merged;
}
