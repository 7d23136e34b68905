// Programmer errors in the ledger are assertions, and they stay on in production: a failed one rolls
// back the write and answers `api_error`. Expected failures (a card declined, funds insufficient) are
// values elsewhere, never these.

export class LedgerAssertionError extends Error {
  override name = 'LedgerAssertionError';
}

export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new LedgerAssertionError(message);
}

/** Money and timestamps are integers that survive arithmetic exactly. */
export function assertSafeInteger(value: number, what: string): void {
  assert(Number.isSafeInteger(value), `${what} must be a safe integer, got ${value}`);
}
