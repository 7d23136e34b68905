import { describe, expect, it } from 'vitest';
import { previousAttributes } from './previous-attributes.js';

describe('previousAttributes', () => {
  it.each([
    ['a changed scalar', { name: 'a' }, { name: 'b' }, { name: 'a' }],
    ['a scalar set from null', { name: null }, { name: 'b' }, { name: null }],
    [
      'metadata: changed, added and removed keys only',
      { metadata: { a: '1', b: '2', c: '3' } },
      { metadata: { a: '1', b: '9', d: '4' } },
      { metadata: { b: '2', c: '3', d: null } },
    ],
    ['an array compared whole', { preferred_locales: ['en'] }, { preferred_locales: ['en', 'fr'] }, { preferred_locales: ['en'] }],
    ['nothing changed', { name: 'a', metadata: { a: '1' } }, { name: 'a', metadata: { a: '1' } }, {}],
    ['a hash replaced by null', { address: { city: 'x' } }, { address: null }, { address: { city: 'x' } }],
  ])('%s', (_name, before, after, expected) => {
    expect(previousAttributes(before, after)).toEqual(expected);
  });
});
