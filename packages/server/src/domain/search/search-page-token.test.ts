import { describe, expect, it } from 'vitest';
import { decodeSearchPage, encodeSearchPage } from './search-page-token.js';

describe('search page tokens', () => {
  it.each([
    { created: 0, id: 'cus_1' },
    { created: 1700000000, id: 'cus_NeGfPRiPKxeBi1' },
    { created: Number.MAX_SAFE_INTEGER, id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa' },
    { created: 1700000000, id: 'x'.repeat(255) },
  ])('round-trips $created $id', (position) => {
    const token = encodeSearchPage(position);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(token).not.toContain(position.id);
    expect(decodeSearchPage(token)).toEqual(position);
  });

  it('gives different positions different tokens', () => {
    expect(encodeSearchPage({ created: 1, id: 'cus_1' })).not.toBe(encodeSearchPage({ created: 1, id: 'cus_2' }));
  });

  const valid = encodeSearchPage({ created: 1700000000, id: 'cus_123' });
  const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

  it.each([
    { why: 'empty', token: '' },
    { why: 'not base64url', token: 'garbage!' },
    { why: 'standard base64 padding', token: `${valid}=` },
    { why: 'truncated', token: valid.slice(0, -2) },
    { why: 'an object id instead of a token', token: 'cus_123' },
    { why: 'too long', token: 'A'.repeat(513) },
    { why: 'unknown version', token: raw('2:1700000000:cus_123') },
    { why: 'missing id', token: raw('1:1700000000') },
    { why: 'empty id', token: raw('1:1700000000:') },
    { why: 'extra part', token: raw('1:1700000000:cus_123:x') },
    { why: 'negative created', token: raw('1:-5:cus_123') },
    { why: 'leading zero', token: raw('1:01700000000:cus_123') },
    { why: 'fractional created', token: raw('1:1.5:cus_123') },
    { why: 'unsafe integer', token: raw('1:99999999999999999999:cus_123') },
    { why: 'id with odd characters', token: raw('1:1700000000:cus_1 OR 1=1') },
    { why: 'JSON instead', token: raw('{"created":1,"id":"cus_1"}') },
  ])('rejects $why', ({ token }) => {
    expect(decodeSearchPage(token)).toBeNull();
  });

  it('refuses to encode positions no stored object has', () => {
    expect(() => encodeSearchPage({ created: -1, id: 'cus_1' })).toThrow();
    expect(() => encodeSearchPage({ created: 1.5, id: 'cus_1' })).toThrow();
    expect(() => encodeSearchPage({ created: 1, id: '' })).toThrow();
    expect(() => encodeSearchPage({ created: 1, id: 'cus:1' })).toThrow();
  });
});
