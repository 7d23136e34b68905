// Durations as people type them: `90s`, `15m`, `3h`, `2d`, `1w`, or a sum such as `1d12h`; a bare
// number is seconds. Whole seconds only, because Tender's clock moves in whole seconds.
import { CliError } from './connection.js';

const unit_seconds: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

/**
 * @example parseDuration('1d12h') // 129600
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (!/^(\d+[smhdw])+$/.test(trimmed)) {
    throw new CliError(`not a duration: ${JSON.stringify(text)} (try 90s, 15m, 3h, 2d, 1w or 1d12h)`);
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhdw])/g)) total += Number(amount) * unit_seconds[unit!]!;
  return total;
}

/** `2d 3h 5m 10s`, the largest units first, zeros left out. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.join(' ');
}
