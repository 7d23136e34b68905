// Stripe-style object ids: `prefix_` + 8 base62 characters of creation time in milliseconds + 16
// base62 random characters (about 95 bits). Ids sort by creation, so B-tree inserts append and
// `created desc, id desc` is a stable list order, and the random part keeps them unguessable.
import type { Clock } from './clock.js';
import type { Random } from './random.js';

const base62_alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const time_chars = 8;
const random_chars = 16;

export interface IdGenerator {
  /** A new id such as `cus_0LkX3b2aQ9fJ4mTzR7wPyE1c`. */
  next(prefix: string): string;
  /** `count` random base62 characters, for secrets and codes that need no time order. */
  randomChars(count: number): string;
}

export function createIdGenerator(clock: Clock, random: Random): IdGenerator {
  const buffer = new Uint8Array(64);

  function randomChars(count: number): string {
    if (count > buffer.length) throw new Error(`randomChars supports at most ${buffer.length} characters`);
    const bytes = random.fill(buffer.subarray(0, count));
    let out = '';
    // 248 = 62 * 4: rejecting bytes >= 248 keeps every character equally likely.
    for (let index = 0; index < count; index += 1) {
      let byte = bytes[index]!;
      while (byte >= 248) byte = random.fill(new Uint8Array(1))[0]!;
      out += base62_alphabet[byte % 62];
    }
    return out;
  }

  return {
    next(prefix) {
      return `${prefix}_${encodeTime(clock.nowMs())}${randomChars(random_chars)}`;
    },
    randomChars,
  };
}

function encodeTime(epochMs: number): string {
  let value = Math.max(0, Math.floor(epochMs));
  let out = '';
  for (let index = 0; index < time_chars; index += 1) {
    out = base62_alphabet[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}
