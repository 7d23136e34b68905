// Validates and coerces a request's decoded params against Stripe's spec for the operation, before
// any work runs: exactly one Stripe error for bad input, or params with Stripe's types (integers,
// booleans, arrays; '' kept as the "unset" marker). Each operation's schema compiles once, on first
// use, into closures; the hot path walks no schema and allocates little beyond the output.
import { paramSchemas } from './generated-param-schemas.js';
import { compileSchema } from './param-compiler.js';
import type { ParamError } from './param-errors.js';
import { ParamFailure, type Validator } from './param-failure.js';

export type { ParamError, ParamErrorCode } from './param-errors.js';

export type ParamResult = { ok: true; params: Record<string, unknown> } | { ok: false; error: ParamError };

const validators = new Map<string, Validator>();

/** Whether Tender has a param schema for `operation` (`"POST /v1/customers"`). */
export function hasParamSchema(operation: string): boolean {
  return Object.hasOwn(paramSchemas, operation);
}

/**
 * Checks `input` (from qs or JSON) against the spec's params for `operation` and returns the coerced
 * params, or the single error Stripe would answer (always HTTP 400, `invalid_request_error`).
 * Never throws for bad input and never mutates it; an operation with no schema is a programmer
 * error and throws.
 *
 * @example
 * validateParams('POST /v1/payment_intents', { amount: '2000', currency: 'usd', confirm: 'true' });
 * // → { ok: true, params: { amount: 2000, currency: 'usd', confirm: true } }
 * validateParams('POST /v1/customers', { address: { foo: 'x' } });
 * // → { ok: false, error: { code: 'parameter_unknown', param: 'address[foo]',
 * //                         message: 'Received unknown parameter: address[foo]' } }
 */
export function validateParams(operation: string, input: Record<string, unknown>): ParamResult {
  const validator = validators.get(operation) ?? compileOperation(operation);
  const checked = validator(input, '');
  if (checked instanceof ParamFailure) return { ok: false, error: checked.error };
  return { ok: true, params: checked as Record<string, unknown> };
}

function compileOperation(operation: string): Validator {
  const schema = hasParamSchema(operation) ? paramSchemas[operation] : undefined;
  if (schema === undefined) throw new Error(`No parameter schema for operation "${operation}"`);
  const validator = compileSchema(schema);
  validators.set(operation, validator);
  return validator;
}
