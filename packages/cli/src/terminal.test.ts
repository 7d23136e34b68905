import { describe, expect, it } from 'vitest';
import { paintStatus, stylesFor, timestamp } from './terminal.js';

describe('stylesFor', () => {
  it('colours a terminal', () => {
    expect(stylesFor({ isTTY: true }, {}).green('ok')).toBe('\u001b[32mok\u001b[39m');
  });

  it.each([
    ['a pipe', { isTTY: false }, {}],
    ['a terminal with NO_COLOR', { isTTY: true }, { NO_COLOR: '1' }],
    ['a dumb terminal', { isTTY: true }, { TERM: 'dumb' }],
  ])('leaves %s plain', (_case, stream, env) => {
    const styles = stylesFor(stream, env);
    expect([styles.green('a'), styles.red('b'), styles.dim('c'), styles.bold('d')]).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('paintStatus', () => {
  const styles = stylesFor({ isTTY: true }, {});
  it.each([
    [200, '\u001b[32m[200]\u001b[39m'],
    [302, '\u001b[33m[302]\u001b[39m'],
    [500, '\u001b[31m[500]\u001b[39m'],
    ['ERR', '\u001b[31m[ERR]\u001b[39m'],
  ])('paints %s by its class', (status, painted) => {
    expect(paintStatus(styles, status)).toBe(painted);
  });
});

describe('timestamp', () => {
  it('prints local time as Stripe’s CLI does', () => {
    expect(timestamp(new Date(2026, 4, 1, 9, 5, 7))).toBe('2026-05-01 09:05:07');
  });
});
