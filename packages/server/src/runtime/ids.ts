// Stripe-style object ids: `prefix_` + 8 base62 characters of creation time in milliseconds + 16
// base62 random characters (about 95 bits). Ids sort by creation, so B-tree inserts append and
// `created desc, id desc` is a stable list order, and the random part keeps them unguessable.
// Monotonic: within one millisecond (or if the clock steps back) the next id adds a random positive
// step of up to 2^40 to the previous random part, so ids made in order sort in order (the events of
// one request list in the order they were emitted) and the next id still cannot be guessed.
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

  let lastMs = -1;
  let lastRandom = 0n;

  function randomBigInt(bytes: number): bigint {
    let value = 0n;
    for (const byte of random.fill(new Uint8Array(bytes))) value = (value << 8n) | BigInt(byte);
    return value;
  }

  return {
    next(prefix) {
      let ms = Math.max(0, Math.floor(clock.nowMs()));
      let value: bigint;
      if (ms <= lastMs) {
        ms = lastMs;
        value = lastRandom + 1n + randomBigInt(monotonic_step_bytes);
        if (value >= random_space) {
          // The millisecond's space is spent (never in practice): borrow the next millisecond.
          ms += 1;
          value = randomBigInt(random_bytes) % random_space;
        }
      } else {
        value = randomBigInt(random_bytes) % random_space;
      }
      lastMs = ms;
      lastRandom = value;
      return `${prefix}_${encodeTime(ms)}${encodeBase62(value, random_chars)}`;
    },
    randomChars,
  };
}

const random_space = 62n ** BigInt(random_chars);
/** Bytes drawn for a fresh random part: 16 bytes, reduced modulo 62^16 (bias below 2^-30). */
const random_bytes = 16;
/** Bytes of the random step between ids of one millisecond. */
const monotonic_step_bytes = 5;

function encodeBase62(value: bigint, width: number): string {
  let out = '';
  let rest = value;
  for (let index = 0; index < width; index += 1) {
    out = base62_alphabet[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out;
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
