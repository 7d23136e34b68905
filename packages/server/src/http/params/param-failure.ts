// The vocabulary shared by every compiled validator: what one returns, how child params are named,
// and how client-chosen keys are written safely. A failure is a value, never an exception.
import type { ParamError } from './param-errors.js';

/** Returns the coerced value, or a ParamFailure. `param` is the bracket name (`items[0][price]`). */
export type Validator = (value: unknown, param: string) => unknown;

export class ParamFailure {
  constructor(readonly error: ParamError) {}
}

export const fail = (error: ParamError): ParamFailure => new ParamFailure(error);

/** `metadata` + `order` → `metadata[order]`; at the top level the key alone. */
export function childParam(parent: string, key: string): string {
  return parent === '' ? key : `${parent}[${key}]`;
}

/** A JSON object or qs hash: not null, not an array. */
export function isHash(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Map keys come from the client: `__proto__` must land as a plain key, not reach the prototype. */
export function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
