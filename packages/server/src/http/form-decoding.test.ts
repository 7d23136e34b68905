import { describe, expect, it } from 'vitest';
import { decodeForm } from './form-decoding.js';

const limits = { nesting_depth_max: 6, params_max: 1000, elements_max: 250 };
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('decodeForm', () => {
  it.each([
    ['a flat pair', 'email=a%40b.c', { email: 'a@b.c' }],
    ['plus as space', 'name=Jenny+Rosen', { name: 'Jenny Rosen' }],
    ['nested hashes', 'address[city]=Paris&address[line1]=1+rue', { address: { city: 'Paris', line1: '1 rue' } }],
    ['numeric hash keys are kept', 'metadata[5]=x&metadata[a]=y', { metadata: { 5: 'x', a: 'y' } }],
    ['indexed arrays stay keyed objects', 'items[0][price]=p&items[1][price]=q', { items: { 0: { price: 'p' }, 1: { price: 'q' } } }],
    ['[] appends scalars', 'expand[]=a&expand[]=b', { expand: ['a', 'b'] }],
    ['[][k] fills the last element until k repeats', 'l[][p]=1&l[][q]=2&l[][p]=3', { l: [{ p: '1', q: '2' }, { p: '3' }] }],
    ['a key without a value', 'metadata=', { metadata: '' }],
    ['a key without =', 'flag', { flag: '' }],
    ['the last duplicate wins', 'name=a&name=b', { name: 'b' }],
    ['empty pairs are skipped', '&&name=a&', { name: 'a' }],
    ['an unclosed bracket stays in the name', 'a[b=1', { 'a[b': '1' }],
    ['unicode', 'name=%E2%82%AC%F0%9F%98%80', { name: '€😀' }],
  ])('%s', (_name, text, expected) => {
    const result = decodeForm(text, limits);
    expect(result.ok).toBe(true);
    if (result.ok) expect(plain(result.params)).toEqual(expected);
  });

  it.each([
    ['a broken escape', 'name=%E0%A4%A', 'malformed_escape'],
    ['a NUL', 'name=a%00', 'nul_character'],
    ['too deep', 'a[1][2][3][4][5][6][7]=x', 'too_deep'],
    ['too many params', Array.from({ length: 1001 }, (_, index) => `p${index}=1`).join('&'), 'too_many_params'],
    ['too many elements', Array.from({ length: 251 }, () => 'a[]=1').join('&'), 'too_many_elements'],
    ['too many hash keys', Array.from({ length: 251 }, (_, index) => `m[k${index}]=1`).join('&'), 'too_many_elements'],
    ['a value then a hash', 'a=1&a[b]=2', 'conflicting_shapes'],
    ['a hash then a value', 'a[b]=2&a=1', 'conflicting_shapes'],
    ['a hash then an array', 'a[b]=2&a[]=1', 'conflicting_shapes'],
  ])('refuses %s', (_name, text, failure) => {
    const result = decodeForm(text, limits);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure).toBe(failure);
  });

  it('cannot reach Object.prototype', () => {
    const result = decodeForm('__proto__[polluted]=yes&constructor[prototype][polluted]=yes', limits);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
