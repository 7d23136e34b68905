// Builds an event's `previous_attributes`: the old values of what an update changed. Nested hashes
// (metadata, address) list only their changed keys, with null for keys that did not exist before,
// as Stripe does; arrays and scalars are compared whole.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function previousAttributes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const diff = difference(before[key] as Json | undefined, after[key] as Json | undefined);
    if (diff !== unchanged) changed[key] = diff;
  }
  return changed;
}

const unchanged = Symbol('unchanged');

function difference(before: Json | undefined, after: Json | undefined): unknown {
  if (isHash(before) && isHash(after)) {
    const nested = previousAttributes(before, after);
    return Object.keys(nested).length === 0 ? unchanged : nested;
  }
  if (deepEqual(before, after)) return unchanged;
  return before === undefined ? null : before;
}

function isHash(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (left === null || right === null || typeof left !== 'object' || typeof right !== 'object') return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right);
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every((key) => deepEqual((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]));
}
