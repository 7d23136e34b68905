import { describe, expect, it } from 'vitest';
import { createFakeClock } from './clock.js';
import { createIdGenerator } from './ids.js';
import { createCryptoRandom, createSeededRandom } from './random.js';

describe('ids', () => {
  it('sort by creation time and carry Stripe’s prefix', () => {
    const clock = createFakeClock(1_700_000_000_000);
    const ids = createIdGenerator(clock, createCryptoRandom());
    const made: string[] = [];
    for (let index = 0; index < 50; index += 1) {
      made.push(ids.next('cus'));
      clock.advanceMs(1);
    }
    expect(made.every((id) => /^cus_[0-9A-Za-z]{24}$/.test(id))).toBe(true);
    expect([...made].sort()).toEqual(made);
  });

  it('are unique within one millisecond', () => {
    const ids = createIdGenerator(createFakeClock(1), createCryptoRandom());
    const made = new Set(Array.from({ length: 10_000 }, () => ids.next('evt')));
    expect(made.size).toBe(10_000);
  });

  it('are reproducible from a seed', () => {
    const make = () => createIdGenerator(createFakeClock(5), createSeededRandom(42));
    expect(make().next('pi')).toBe(make().next('pi'));
    expect(make().next('pi')).not.toBe(createIdGenerator(createFakeClock(5), createSeededRandom(43)).next('pi'));
  });
});
