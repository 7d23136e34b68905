// Validates a param whose spec is `anyOf`: a hash or an ID (`card`), a range or a timestamp
// (`created`), a word or a timestamp (`trial_end: 'now'`), or anything plus Stripe's unset marker ''.
// The input's shape picks the branch: a hash the object branch, an array the array branch, '' the
// unset branch; only a scalar is tried against the (at most three) scalar branches in spec order.
import { emptyParameter } from './param-errors.js';
import { fail, isHash, ParamFailure, type Validator } from './param-failure.js';
import type { AnyOfSchema, ParamSchema, StringSchema } from './param-schema.js';

type Compile = (schema: ParamSchema) => Validator;

interface Branch {
  schema: ParamSchema;
  validate: Validator;
}

/** When every candidate branch fails, the error reported is the one of the branch the input most
 *  looks meant for. */
export function compileAnyOf(schema: AnyOfSchema, compile: Compile): Validator {
  const emptyAllowed = allowsEmpty(schema);
  const branches: Branch[] = schema.anyOf.map((branch) => ({ schema: branch, validate: compile(branch) }));
  const objects = branches.filter(({ schema: branch }) => !('anyOf' in branch) && branch.type === 'object');
  const arrays = branches.filter(({ schema: branch }) => !('anyOf' in branch) && branch.type === 'array');
  const scalars = branches.filter(({ schema: branch }) => isScalar(branch) && !isUnsetMarker(branch));
  // A type mismatch ("Invalid integer: x") says more than a short enum such as ['now'] or ['inf'].
  const scalarErrorFrom = [...scalars].sort((left, right) => Number(isString(left.schema)) - Number(isString(right.schema)))[0];
  const containers = [...objects, ...arrays];

  const scalarFailure = (value: unknown, param: string): unknown =>
    (scalarErrorFrom ?? containers[0] ?? branches[0]!).validate(value, param);

  return (value, param) => {
    if (value === '' || value === null) return emptyAllowed ? '' : fail(emptyParameter(param));
    if (Array.isArray(value)) {
      if (arrays.length > 0) return firstSuccess(arrays, value, param);
      return objects.length > 0 ? objects[0]!.validate(value, param) : scalarFailure(value, param);
    }
    if (isHash(value)) {
      if (objects.length > 0) return firstSuccess(objects.length > 1 ? byOverlap(objects, value) : objects, value, param);
      return arrays.length > 0 ? firstSuccess(arrays, value, param) : scalarFailure(value, param);
    }
    if (scalars.length === 0) return (containers[0] ?? branches[0]!).validate(value, param);
    for (const branch of scalars) {
      const checked = branch.validate(value, param);
      if (!(checked instanceof ParamFailure)) return checked;
    }
    return scalarFailure(value, param);
  };
}

/** The first branch that accepts the value; if none does, the first branch's error. */
function firstSuccess(candidates: readonly Branch[], value: unknown, param: string): unknown {
  let firstFailure: unknown;
  for (const branch of candidates) {
    const checked = branch.validate(value, param);
    if (!(checked instanceof ParamFailure)) return checked;
    firstFailure ??= checked;
  }
  return firstFailure;
}

/** Object branches ordered by how many of the input's keys each one knows (e.g. a card's details
 *  versus `{token}`), so the reported error is the one of the branch the client was aiming at. */
function byOverlap(objects: readonly Branch[], value: Record<string, unknown>): Branch[] {
  const keys = Object.keys(value);
  const score = ({ schema }: Branch): number =>
    'properties' in schema ? keys.filter((key) => Object.hasOwn(schema.properties, key)).length : 0;
  return [...objects].sort((left, right) => score(right) - score(left));
}

function isScalar(schema: ParamSchema): boolean {
  return !('anyOf' in schema) && schema.type !== 'object' && schema.type !== 'array';
}

function isString(schema: ParamSchema): boolean {
  return !('anyOf' in schema) && schema.type === 'string';
}

function isUnsetMarker(schema: ParamSchema): boolean {
  return isString(schema) && (schema as StringSchema).enum?.length === 1 && (schema as StringSchema).enum?.[0] === '';
}

/** Whether `''` (or JSON null) is a legal value: Stripe's way to unset a param. */
function allowsEmpty(schema: ParamSchema): boolean {
  if ('anyOf' in schema) return schema.anyOf.some(allowsEmpty);
  return schema.type === 'string' && schema.enum !== undefined && schema.enum.includes('');
}
