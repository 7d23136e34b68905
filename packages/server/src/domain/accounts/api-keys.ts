// API keys: their shape (sk_/pk_/rk_ with test_/live_), how they are shown masked in errors, and how
// they are stored (SHA-256 hex only; the key itself is shown once, when it is created).
import { createHash } from 'node:crypto';

export type KeyType = 'secret' | 'publishable' | 'restricted';

export interface ParsedKey {
  key_type: KeyType;
  livemode: boolean;
}

const key_pattern = /^(sk|pk|rk)_(test|live)_[A-Za-z0-9]{8,247}$/;
const key_types: Record<string, KeyType> = { sk: 'secret', pk: 'publishable', rk: 'restricted' };
export const generated_key_random_chars = 32;

export function parseKey(key: string): ParsedKey | null {
  const match = key_pattern.exec(key);
  if (match === null) return null;
  return { key_type: key_types[match[1]!]!, livemode: match[2] === 'live' };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** As Stripe shows a key it rejects: the first 8 characters, asterisks, the last 4. */
export function maskKey(key: string): string {
  if (key.length <= 12) return '*'.repeat(key.length);
  return key.slice(0, 8) + '*'.repeat(key.length - 12) + key.slice(-4);
}

export function keyPrefix(keyType: KeyType, livemode: boolean): string {
  const type = keyType === 'secret' ? 'sk' : keyType === 'publishable' ? 'pk' : 'rk';
  return `${type}_${livemode ? 'live' : 'test'}_`;
}
