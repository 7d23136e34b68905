import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['15m', 900],
    ['3h', 10_800],
    ['2d', 172_800],
    ['1w', 604_800],
    ['1d12h', 129_600],
    ['1H30M', 5_400],
    ['45', 45],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'soon', '2 days', '1.5h', '-3h', 'h3'])('refuses %j with a hint', (text) => {
    expect(() => parseDuration(text)).toThrow(`not a duration: ${JSON.stringify(text)} (try 90s, 15m, 3h, 2d, 1w or 1d12h)`);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [3_660, '1h 1m'],
    [266_405, '3d 2h 5s'],
  ])('writes %i seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
