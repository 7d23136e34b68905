// Stripe's idempotency semantics. The record (fingerprint, status, body) is written in the same
// transaction as the effect it guards, so a crash leaves either both or neither. A replay answers the
// stored status and body byte for byte; other params or another endpoint answer 400
// idempotency_error; a key whose first request is still running answers 409. Validation failures never
// reach this module, so they are never stored.
import { createHash } from 'node:crypto';
import type { Store, Transaction } from '../store/store.js';
import type { Scope } from '../store/object-pages.js';
import type { IdempotencyKeysTable } from '../store/database-schema.js';
import { preparedQuery } from '../store/prepared-query.js';
import { invalidRequest, type ErrorResponse } from './error-envelope.js';

/** Stripe keeps keys at least 24 hours. */
export const idempotency_key_retention_seconds = 24 * 60 * 60;
export const idempotency_prune_batch_max = 1000;

export interface IdempotentRequest {
  scope: Scope;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
}

export interface StoredResponse {
  status: number;
  body: string;
  request_id: string;
}

export type IdempotencyCheck = { kind: 'new' } | { kind: 'replay'; stored: StoredResponse } | { kind: 'refused'; error: ErrorResponse };

/** Canonical JSON of the params, with object keys sorted, hashed. */
export function fingerprintParams(params: unknown): string {
  return createHash('sha256').update(canonicalJson(params)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

export function lockName(request: IdempotentRequest): string {
  return `idempotency:${request.scope.account_id}:${request.scope.livemode ? 1 : 0}:${request.key}`;
}

export function keyInUse(key: string): ErrorResponse {
  return invalidRequest(
    409,
    `There is currently another in-progress request using this idempotency key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
    'idempotency_key_in_use',
  );
}

const selectRecord = preparedQuery<{ account_id: string; livemode: number; key: string }>((db, p) =>
  db
    .selectFrom('idempotency_keys')
    .select(['request_method', 'request_path', 'request_fingerprint', 'response_status', 'response_body', 'request_id'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('idempotency_key', '=', p.key),
);
type RecordRow = { [Column in keyof IdempotencyKeysTable]: IdempotencyKeysTable[Column] };
const insertRecord = preparedQuery<RecordRow>((db, p) =>
  db
    .insertInto('idempotency_keys')
    .values({
      account_id: p.account_id,
      livemode: p.livemode,
      idempotency_key: p.idempotency_key,
      request_method: p.request_method,
      request_path: p.request_path,
      request_fingerprint: p.request_fingerprint,
      request_id: p.request_id,
      response_status: p.response_status,
      response_body: p.response_body,
      created: p.created,
    })
    .onConflict((conflict) => conflict.doNothing()),
);

/** Runs inside the write transaction, before the effect. */
export async function checkIdempotency(tx: Transaction, store: Store, request: IdempotentRequest): Promise<IdempotencyCheck> {
  if (!(await tx.tryLock(lockName(request)))) return { kind: 'refused', error: keyInUse(request.key) };
  const row = await tx.first<{
    request_method: string;
    request_path: string;
    request_fingerprint: string;
    response_status: number;
    response_body: string;
    request_id: string;
  }>(selectRecord(store, { account_id: request.scope.account_id, livemode: request.scope.livemode ? 1 : 0, key: request.key }));
  if (row === undefined) return { kind: 'new' };
  if (row.request_path !== request.path || row.request_method !== request.method) {
    return {
      kind: 'refused',
      error: {
        status: 400,
        fields: {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${row.request_path}' vs '${request.path}'). Try using a key other than '${request.key}' if you meant to execute a different request.`,
        },
      },
    };
  }
  if (row.request_fingerprint !== request.fingerprint) {
    return {
      kind: 'refused',
      error: {
        status: 400,
        fields: {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${request.key}' if you meant to execute a different request.`,
        },
      },
    };
  }
  return { kind: 'replay', stored: { status: row.response_status, body: row.response_body, request_id: row.request_id } };
}

export async function recordIdempotency(
  tx: Transaction,
  store: Store,
  request: IdempotentRequest,
  response: StoredResponse,
  now: number,
): Promise<void> {
  await tx.run(
    insertRecord(store, {
      account_id: request.scope.account_id,
      livemode: request.scope.livemode ? 1 : 0,
      idempotency_key: request.key,
      request_method: request.method,
      request_path: request.path,
      request_fingerprint: request.fingerprint,
      request_id: response.request_id,
      response_status: response.status,
      response_body: response.body,
      created: now,
    }),
  );
}

/** Deletes records older than the retention window, a bounded batch at a time. Returns how many went. */
export async function pruneIdempotencyKeys(store: Store, now: number): Promise<number> {
  const before = now - idempotency_key_retention_seconds;
  return store.transaction((tx) =>
    tx.run(
      store.db
        .deleteFrom('idempotency_keys')
        .where('idempotency_key', 'in', (eb) =>
          eb.selectFrom('idempotency_keys').select('idempotency_key').where('created', '<', before).limit(idempotency_prune_batch_max),
        )
        .where('created', '<', before)
        .compile(),
    ),
  );
}
