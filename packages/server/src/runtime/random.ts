// The only source of randomness in the server. Production draws from the OS CSPRNG through a pooled
// buffer (one syscall per 4 KiB instead of one per id); tests can inject a seeded generator.
import { randomFillSync } from 'node:crypto';

export interface Random {
  /** Fills `target` with random bytes and returns it. */
  fill(target: Uint8Array): Uint8Array;
}

const random_pool_bytes = 4096;

export function createCryptoRandom(): Random {
  const pool = new Uint8Array(random_pool_bytes);
  let offset = random_pool_bytes;
  return {
    fill(target) {
      if (target.length > random_pool_bytes) return randomFillSync(target);
      if (offset + target.length > random_pool_bytes) {
        randomFillSync(pool);
        offset = 0;
      }
      target.set(pool.subarray(offset, offset + target.length));
      // Bytes are handed out once: overwrite them so they can never be returned twice.
      pool.fill(0, offset, offset + target.length);
      offset += target.length;
      return target;
    },
  };
}

/** Deterministic xorshift32 bytes: reproducible ids in tests. Never for secrets. */
export function createSeededRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9;
  return {
    fill(target) {
      for (let index = 0; index < target.length; index += 1) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        target[index] = state & 0xff;
      }
      return target;
    },
  };
}
