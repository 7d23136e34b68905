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
/** Random bytes in a version 4 UUID (RFC 9562), of which 122 bits stay random. */
const uuid_bytes = 16;

export interface IdGenerator {
  /** A new id such as `cus_0LkX3b2aQ9fJ4mTzR7wPyE1c`. */
  next(prefix: string): string;
  /** `count` random base62 characters, for secrets and codes that need no time order. */
  randomChars(count: number): string;
  /** A random version 4 UUID, the form of Stripe's 3D Secure transaction ids. */
  uuidV4(): string;
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

  // The random part is kept as 16 base62 digits, most significant first, so the hot path is Number
  // arithmetic only (no BigInt: ids are made several times per request).
  const digits = new Uint8Array(random_chars);
  let lastMs = -1;
  let lastPrefixTime = '';

  /** Fresh, uniformly random digits (rejection sampling, as randomChars). */
  function freshDigits(): void {
    const bytes = random.fill(buffer.subarray(0, random_chars));
    for (let index = 0; index < random_chars; index += 1) {
      let byte = bytes[index]!;
      while (byte >= 248) byte = random.fill(new Uint8Array(1))[0]!;
      digits[index] = byte % 62;
    }
  }

  /** Adds a random step in [1, 2^40] to the digits; false if that overflows the 16 digits. */
  function stepDigits(): boolean {
    const bytes = random.fill(buffer.subarray(0, monotonic_step_bytes));
    let step = 1;
    for (let index = 0; index < monotonic_step_bytes; index += 1) step += bytes[index]! * 2 ** (8 * index);
    let carry = 0;
    for (let index = random_chars - 1; index >= 0; index -= 1) {
      const sum = digits[index]! + (step % 62) + carry;
      step = Math.floor(step / 62);
      digits[index] = sum % 62;
      carry = sum >= 62 ? 1 : 0;
      if (step === 0 && carry === 0) return true;
    }
    return false;
  }

  return {
    next(prefix) {
      let ms = Math.max(0, Math.floor(clock.nowMs()));
      if (ms <= lastMs) {
        ms = lastMs;
        if (!stepDigits()) {
          // The millisecond's space is spent (never in practice): borrow the next millisecond.
          ms += 1;
          freshDigits();
        }
      } else {
        freshDigits();
      }
      if (ms !== lastMs || lastPrefixTime === '') lastPrefixTime = encodeTime(ms);
      lastMs = ms;
      let out = `${prefix}_${lastPrefixTime}`;
      for (let index = 0; index < random_chars; index += 1) out += base62_alphabet[digits[index]!];
      return out;
    },
    randomChars,
    uuidV4() {
      const bytes = random.fill(new Uint8Array(uuid_bytes));
      bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
      bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10xx
      const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

/** Bytes of the random step between ids of one millisecond. */
const monotonic_step_bytes = 5;

function encodeTime(epochMs: number): string {
  let value = Math.max(0, Math.floor(epochMs));
  let out = '';
  for (let index = 0; index < time_chars; index += 1) {
    out = base62_alphabet[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

/** The creation time (ms) an id made here carries in its first characters after the prefix. */
export function idTimeMs(id: string): number {
  const start = id.indexOf('_') + 1;
  let value = 0;
  for (let index = start; index < start + time_chars; index += 1) value = value * 62 + base62_alphabet.indexOf(id[index]!);
  return value;
}

/**
 * A string below every id with `prefix` made at or after `epochMs`, and above every one made before
 * it: a range bound for the ids of a time window (they sort by creation).
 */
export function lowestIdAt(prefix: string, epochMs: number): string {
  return `${prefix}_${encodeTime(epochMs)}`;
}
