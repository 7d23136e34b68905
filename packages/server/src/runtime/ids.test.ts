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

  it('are unique, and sort in the order they were made, within one millisecond', () => {
    const ids = createIdGenerator(createFakeClock(1), createCryptoRandom());
    const made = Array.from({ length: 10_000 }, () => ids.next('evt'));
    expect(new Set(made).size).toBe(10_000);
    expect([...made].sort()).toEqual(made);
  });

  it('stay in order when the clock steps back', () => {
    let now = 1_700_000_000_000;
    const ids = createIdGenerator({ nowMs: () => now }, createCryptoRandom());
    const first = ids.next('ch');
    now -= 5_000;
    const second = ids.next('ch');
    expect(second > first).toBe(true);
  });

  it('cannot be predicted from the previous id in the same millisecond', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const randomPart = (id: string) => [...id.slice(-16)].reduce((value, char) => value * 62n + BigInt(alphabet.indexOf(char)), 0n);
    const ids = createIdGenerator(createFakeClock(1), createCryptoRandom());
    const made = Array.from({ length: 21 }, () => ids.next('cus'));
    const steps = made.slice(1).map((id, index) => randomPart(id) - randomPart(made[index]!));
    expect(steps.every((step) => step > 0n)).toBe(true);
    // A counter would step by 1 every time; random steps of up to 2^40 are almost never equal.
    expect(new Set(steps.map(String)).size).toBe(20);
    expect(steps.some((step) => step > 1_000_000n)).toBe(true);
  });

  it('are reproducible from a seed', () => {
    const make = () => createIdGenerator(createFakeClock(5), createSeededRandom(42));
    expect(make().next('pi')).toBe(make().next('pi'));
    expect(make().next('pi')).not.toBe(createIdGenerator(createFakeClock(5), createSeededRandom(43)).next('pi'));
  });

  it('make version 4 UUIDs from the injected randomness, reproducible with a seeded source', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids = createIdGenerator(createFakeClock(1), createCryptoRandom());
    const made = Array.from({ length: 1_000 }, () => ids.uuidV4());
    expect(made.every((id) => uuid.test(id))).toBe(true);
    expect(new Set(made).size).toBe(1_000);
    const seeded = () => createIdGenerator(createFakeClock(1), createSeededRandom(7)).uuidV4();
    expect(seeded()).toBe(seeded());
  });
});
