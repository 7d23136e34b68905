// Finds the account behind a request's key: `Authorization: Bearer`, HTTP Basic with the key as the
// user name, or `X-API-Key`. Keys are looked up by their SHA-256 (the store never sees a key); a key
// found once is remembered in memory by the key itself, so later requests skip the hash. The store
// lookup goes by digest, so no comparison ever runs over key material there; the in-memory map is
// keyed by the whole key, and a guess that is not a key is never remembered. Answers Stripe's 401s
// with the key masked.
import type { Store } from '../store/store.js';
import { findKey, type AccountKeyRecord } from '../domain/accounts/account-records.js';
import { hashKey, maskKey, parseKey } from '../domain/accounts/api-keys.js';
import { invalidRequest, type ErrorResponse } from './error-envelope.js';

const cached_keys_max = 10_000;

/** A known key: its record and, for errors that name it, the key masked (worked out once per key). */
export interface AuthenticatedKey {
  key: AccountKeyRecord;
  masked_key: string;
}

export type AuthResult = ({ ok: true } & AuthenticatedKey) | { ok: false; error: ErrorResponse };

const no_key_message =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

export const publishable_key_message =
  'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.';

export function extractKey(headers: Record<string, string | string[] | undefined>): string | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 0) {
    const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'bearer') return value.length > 0 ? value : null;
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const user = decoded.split(':', 1)[0] ?? '';
      return user.length > 0 ? user : null;
    }
    return null;
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return apiKey.trim();
  return null;
}

export function createAuthenticator(store: Store) {
  const cache = new Map<string, AuthenticatedKey>();

  /**
   * The key's account, or Stripe's 401. A publishable key is refused unless `allow_publishable`:
   * routes that take one check what it may do themselves (publishable-access.ts).
   */
  return async function authenticate(
    headers: Record<string, string | string[] | undefined>,
    options: { allow_publishable?: boolean } = {},
  ): Promise<AuthResult> {
    const key = extractKey(headers);
    if (key === null) return { ok: false, error: invalidRequest(401, no_key_message) };
    let known = cache.get(key);
    if (known === undefined) {
      const found = parseKey(key) === null ? null : await store.read((executor) => findKey(executor, store, hashKey(key)));
      if (found === null) return { ok: false, error: invalidRequest(401, `Invalid API Key provided: ${maskKey(key)}`) };
      if (cache.size >= cached_keys_max) cache.clear();
      known = { key: found, masked_key: maskKey(key) };
      cache.set(key, known);
    }
    if (known.key.key_type === 'publishable' && options.allow_publishable !== true) {
      return { ok: false, error: invalidRequest(401, publishable_key_message, 'secret_key_required') };
    }
    return { ok: true, ...known };
  };
}
