// The only source of time in the server. Everything that needs "now" receives a Clock, so tests and
// test clocks can move time without sleeping.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock that can be moved forward on request (a fake clock, or `tender serve`'s offset clock). */
export interface AdjustableClock extends Clock {
  advanceMs(deltaMs: number): void;
  setMs(epochMs: number): void;
}

/** What createFakeClock makes: an adjustable clock that moves only when told (tests know it by this name). */
export type FakeClock = AdjustableClock;

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

/** The system clock plus an offset that only grows: what `tender serve` runs on. */
export interface OffsetClock extends AdjustableClock {
  /** How far this clock runs ahead of the system clock. */
  offsetMs(): number;
}

/**
 * The system clock moved ahead by an offset that only ever grows, so developers and CI can make
 * time-driven work (T+2 availability, payouts arriving, authorizations expiring, webhook retries) fall
 * due without waiting. The offset lives in this process only: several Tender processes on one
 * database each keep their own, and a restart starts again at the system clock.
 * @example const clock = createOffsetClock(); clock.advanceMs(2 * 86_400_000); // two days ahead
 */
export function createOffsetClock(base: Clock = systemClock): OffsetClock {
  let offset = 0;
  const clock: OffsetClock = {
    nowMs: () => base.nowMs() + offset,
    offsetMs: () => offset,
    advanceMs(deltaMs) {
      if (!(Number.isFinite(deltaMs) && deltaMs >= 0)) throw new Error('an offset clock only moves forwards');
      offset += deltaMs;
    },
    setMs(epochMs) {
      const delta = epochMs - clock.nowMs();
      if (delta < 0) throw new Error('an offset clock only moves forwards');
      offset += delta;
    },
  };
  return clock;
}

export function isAdjustableClock(clock: Clock): clock is AdjustableClock {
  const candidate = clock as Partial<AdjustableClock>;
  return typeof candidate.advanceMs === 'function' && typeof candidate.setMs === 'function';
}

/**
 * How far `clock` runs ahead of the system clock: 0 for the system clock itself, null for a clock that
 * keeps its own time (a fake clock has no offset; its distance from the system clock means nothing).
 */
export function clockOffsetMs(clock: Clock): number | null {
  if (clock === systemClock) return 0;
  const offset = (clock as Partial<OffsetClock>).offsetMs;
  return typeof offset === 'function' ? offset.call(clock) : null;
}
