// The only source of time in the server. Everything that needs "now" receives a Clock, so tests and
// test clocks can move time without sleeping.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

export interface FakeClock extends Clock {
  advanceMs(deltaMs: number): void;
  setMs(epochMs: number): void;
}

/** A clock that only moves when told to; for tests and simulations. */
export function createFakeClock(startMs: number): FakeClock {
  let current = startMs;
  return {
    nowMs: () => current,
    advanceMs(deltaMs) {
      if (deltaMs < 0) throw new Error('a fake clock never moves backwards');
      current += deltaMs;
    },
    setMs(epochMs) {
      if (epochMs < current) throw new Error('a fake clock never moves backwards');
      current = epochMs;
    },
  };
}

/** Stripe's timestamps are whole Unix seconds. */
export function unixSeconds(clock: Clock): number {
  return Math.floor(clock.nowMs() / 1000);
}
