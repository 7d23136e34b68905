// Output helpers shared by the client commands: colour only when the stream is a terminal (and
// NO_COLOR is unset), local timestamps as Stripe's CLI prints them, and a status painted by its class.

export interface Styles {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const paint = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function stylesFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Styles {
  const colour = stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
  if (!colour) return { green: plain, red: plain, yellow: plain, cyan: plain, dim: plain, bold: plain };
  return { green: paint(32, 39), red: paint(31, 39), yellow: paint(33, 39), cyan: paint(36, 39), dim: paint(2, 22), bold: paint(1, 22) };
}

const two = (value: number) => String(value).padStart(2, '0');

/** `2026-05-01 09:00:00` in local time. */
export function timestamp(date: Date = new Date()): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** An HTTP status (or an error word) in green for 2xx, yellow for 3xx, red otherwise. */
export function paintStatus(styles: Styles, status: number | string): string {
  const text = `[${status}]`;
  if (typeof status !== 'number') return styles.red(text);
  if (status >= 200 && status < 300) return styles.green(text);
  return status >= 300 && status < 400 ? styles.yellow(text) : styles.red(text);
}
