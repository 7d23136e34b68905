// Everything nondeterministic the server uses, carried in one value: the clock, the id generator
// and the random source. Only src/runtime touches Date.now, Math.random or crypto randomness.
import { systemClock, type Clock } from './clock.js';
import { createIdGenerator, type IdGenerator } from './ids.js';
import { createCryptoRandom, type Random } from './random.js';

export interface Runtime {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly random: Random;
}

export function createRuntime(overrides: { clock?: Clock; random?: Random } = {}): Runtime {
  const clock = overrides.clock ?? systemClock;
  const random = overrides.random ?? createCryptoRandom();
  return { clock, random, ids: createIdGenerator(clock, random) };
}
