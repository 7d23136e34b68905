import { describe, expect, it } from 'vitest';
import { mergeMetadataWithinLimit, metadata_keys_max } from './metadata.js';

const keys = (count: number, prefix = 'k'): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index}`, 'v']));

describe('mergeMetadataWithinLimit', () => {
  it('sets, replaces and deletes named keys, keeps the rest, and clears all with an empty string', () => {
    expect(mergeMetadataWithinLimit({ a: '1', b: '2' }, { a: '9', b: '', c: '3' })).toEqual({ ok: true, value: { a: '9', c: '3' } });
    expect(mergeMetadataWithinLimit({ a: '1' }, undefined)).toEqual({ ok: true, value: { a: '1' } });
    expect(mergeMetadataWithinLimit({ a: '1' }, '')).toEqual({ ok: true, value: {} });
  });

  it('accepts exactly the limit, counting keys after deletes', () => {
    expect(mergeMetadataWithinLimit(keys(metadata_keys_max - 1), { extra: 'v' })).toMatchObject({ ok: true });
    const swapped = mergeMetadataWithinLimit(keys(metadata_keys_max), { k0: '', extra: 'v' });
    expect(swapped.ok && Object.keys(swapped.value)).toHaveLength(metadata_keys_max);
  });

  it('refuses one key more with Stripe’s wording, naming how many the merge set', () => {
    expect(mergeMetadataWithinLimit(keys(30), keys(22, 'n'))).toEqual({
      ok: false,
      failure: {
        code: 'parameter_invalid',
        param: 'metadata',
        message: "Metadata can have up to 50 keys, but you've set 52. Email us at support+metadata@stripe.com for more information.",
      },
    });
  });
});
