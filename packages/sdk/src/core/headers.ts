// Header names are case-insensitive on the wire but not in a JS object. Everything the requestor
// sends goes through one canonical spelling (`Idempotency-Key`), so a caller's `idempotency-key`
// replaces the default instead of sending it twice.

/** `stripe-account` → `Stripe-Account`. */
export function canonicalHeaderName(name: string): string {
  return name
    .toLowerCase()
    .split('-')
    .map((part) => (part === '' ? part : part[0]!.toUpperCase() + part.slice(1)))
    .join('-');
}

/**
 * Merges header sets left to right under canonical names; later sets win, undefined values are skipped.
 *
 * @example
 * mergeHeaders({ 'Stripe-Version': 'a' }, { 'stripe-version': 'b' }); // { 'Stripe-Version': 'b' }
 */
export function mergeHeaders(...sets: Readonly<Record<string, string | undefined>>[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const set of sets) {
    for (const [name, value] of Object.entries(set)) {
      if (value !== undefined) merged[canonicalHeaderName(name)] = value;
    }
  }
  return merged;
}
