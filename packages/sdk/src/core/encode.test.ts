import { describe, expect, it } from 'vitest';
import { appendQuery, encodeForm, ENCODE_NESTING_MAX_LEVELS, type EncodableValue } from './encode.js';

describe('encodeForm', () => {
  it('flattens nested objects with literal brackets', () => {
    expect(encodeForm({ a: { b: { c: 'd' } } })).toBe('a[b][c]=d');
  });

  it('indexes arrays, including arrays of objects', () => {
    expect(encodeForm({ expand: ['customer', 'invoice'], items: [{ price: 'p_1', quantity: 2 }] })).toBe(
      'expand[0]=customer&expand[1]=invoice&items[0][price]=p_1&items[0][quantity]=2',
    );
  });

  it('writes booleans, numbers and Dates (as Unix seconds)', () => {
    expect(encodeForm({ t: true, f: false, n: 42, d: new Date('2024-01-01T00:00:01.900Z') })).toBe('t=true&f=false&n=42&d=1704067201');
  });

  it('drops undefined and sends null as an empty value (unset)', () => {
    expect(encodeForm({ a: undefined, b: null, c: { d: undefined, e: null } })).toBe('b=&c[e]=');
  });

  it('percent-encodes values and key segments but not brackets', () => {
    expect(encodeForm({ email: 'a+b@c.co', metadata: { 'order id': 'x&y=z' } })).toBe('email=a%2Bb%40c.co&metadata[order%20id]=x%26y%3Dz');
    expect(encodeForm({ 'metadata[k]': 'v' })).toBe('metadata[k]=v');
    expect(encodeForm({ q: "it's (ok)*" })).toBe('q=it%27s%20%28ok%29%2A');
  });

  it('encodes UTF-8', () => {
    expect(encodeForm({ name: 'Zoë €' })).toBe('name=Zo%C3%AB%20%E2%82%AC');
  });

  it('returns an empty string for no params', () => {
    expect(encodeForm(undefined)).toBe('');
    expect(encodeForm({})).toBe('');
  });

  it('rejects cyclic input instead of recursing forever', () => {
    const cyclic: Record<string, EncodableValue> = {};
    cyclic.self = cyclic;
    expect(() => encodeForm(cyclic)).toThrow(new RegExp(`${ENCODE_NESTING_MAX_LEVELS} levels`));
  });
});

describe('appendQuery', () => {
  it('adds a query string or merges with an existing one', () => {
    expect(appendQuery('/v1/customers', 'limit=3')).toBe('/v1/customers?limit=3');
    expect(appendQuery('/v1/customers?expand[0]=x', 'limit=3')).toBe('/v1/customers?expand[0]=x&limit=3');
    expect(appendQuery('/v1/customers?', 'limit=3')).toBe('/v1/customers?limit=3');
    expect(appendQuery('/v1/customers', '')).toBe('/v1/customers');
  });
});
