// Compiles a parameter schema, once, into closures that check and coerce decoded request params the
// way Stripe does: digit strings become integers, `true`/`false` booleans, `''` stays `''` where the
// param may be unset. A validator never throws and never mutates its input: it returns the coerced
// value (a fresh object or array for containers) or a ParamFailure carrying the one error to report.
import { suggestName } from './did-you-mean.js';
import { compileMetadata } from './metadata-param.js';
import { childParam, fail, isHash, ParamFailure, setEntry, type Validator } from './param-failure.js';
import {
  emptyParameter,
  invalidArray,
  invalidBoolean,
  invalidDecimal,
  invalidEnum,
  invalidHash,
  invalidInteger,
  invalidString,
  missingParameter,
  stringTooLong,
  unknownParameter,
  unknownParameters,
  characterCount,
  type ParamError,
} from './param-errors.js';
import type { AnyOfSchema, ArraySchema, MapSchema, ObjectSchema, ParamSchema, StringSchema } from './param-schema.js';

const integer_pattern = /^-?\d+$/;
const decimal_pattern = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Shared sub-schemas (the generator hoists them into constants) compile once. */
const compiled = new WeakMap<ParamSchema, Validator>();

export function compileSchema(schema: ParamSchema): Validator {
  let validator = compiled.get(schema);
  if (validator === undefined) {
    validator = compileNode(schema);
    compiled.set(schema, validator);
  }
  return validator;
}

function compileNode(schema: ParamSchema): Validator {
  if ('anyOf' in schema) return compileAnyOf(schema);
  switch (schema.type) {
    case 'string':
      return compileString(schema);
    case 'integer':
      return validateInteger;
    case 'number':
      return validateNumber;
    case 'boolean':
      return validateBoolean;
    case 'array':
      return compileArray(schema);
    case 'object':
      return 'properties' in schema ? compileObject(schema) : compileMap(schema);
  }
}

/** Whether `''` (or JSON null) is a legal value: Stripe's way to unset a param. */
function allowsEmpty(schema: ParamSchema): boolean {
  if ('anyOf' in schema) return schema.anyOf.some(allowsEmpty);
  return schema.type === 'string' && schema.enum !== undefined && schema.enum.includes('');
}

// ---- Scalars ------------------------------------------------------------------------------------

function compileString(schema: StringSchema): Validator {
  const length_max = schema.maxLength;
  const values = schema.enum;
  const allowed = values === undefined ? undefined : new Set(values);
  const emptyAllowed = allowed?.has('') ?? false;
  const decimal = schema.format === 'decimal';
  return (value, param) => {
    let text: string;
    if (typeof value === 'string') text = value;
    else if (value === null) text = '';
    // A JSON body's numbers and booleans read as the text a form body would have carried.
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') text = String(value);
    else return fail(invalidString(param, value));
    if (text === '') return emptyAllowed ? '' : fail(emptyParameter(param));
    if (length_max !== undefined && text.length > length_max && characterCount(text) > length_max) {
      return fail(stringTooLong(param, text, length_max));
    }
    if (allowed !== undefined && !allowed.has(text)) return fail(invalidEnum(param, values ?? []));
    if (decimal && !decimal_pattern.test(text)) return fail(invalidDecimal(param, text));
    return text;
  };
}

function validateInteger(value: unknown, param: string): unknown {
  if (typeof value === 'string') {
    if (value === '') return fail(emptyParameter(param));
    if (integer_pattern.test(value)) {
      const number = Number(value);
      if (Number.isSafeInteger(number)) return number;
    }
    return fail(invalidInteger(param, value));
  }
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : fail(invalidInteger(param, value));
  if (value === null) return fail(emptyParameter(param));
  return fail(invalidInteger(param, value));
}

function validateNumber(value: unknown, param: string): unknown {
  if (typeof value === 'string') {
    if (value === '') return fail(emptyParameter(param));
    const number = decimal_pattern.test(value) ? Number(value) : Number.NaN;
    return Number.isFinite(number) ? number : fail(invalidDecimal(param, value));
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : fail(invalidDecimal(param, value));
  if (value === null) return fail(emptyParameter(param));
  return fail(invalidDecimal(param, value));
}

function validateBoolean(value: unknown, param: string): unknown {
  if (value === 'true' || value === true) return true;
  if (value === 'false' || value === false) return false;
  if (value === '' || value === null) return fail(emptyParameter(param));
  return fail(invalidBoolean(param, value));
}

// ---- Containers ---------------------------------------------------------------------------------

/** qs turns `a[0]=x&a[1]=y` past its array limit into `{"0": "x", "1": "y"}`: still an array. */
function arrayElements(value: unknown): readonly unknown[] | null {
  if (Array.isArray(value)) return value;
  if (!isHash(value)) return null;
  const keys = Object.keys(value);
  if (keys.length === 0) return null;
  for (let index = 0; index < keys.length; index += 1) if (keys[index] !== String(index)) return null;
  return keys.map((key) => value[key]);
}

function compileArray(schema: ArraySchema): Validator {
  const item = compileSchema(schema.items);
  return (value, param) => {
    if (value === '' || value === null) return fail(emptyParameter(param));
    const elements = arrayElements(value);
    if (elements === null) return fail(invalidArray(param));
    const result = new Array<unknown>(elements.length);
    for (let index = 0; index < elements.length; index += 1) {
      const checked = item(elements[index], `${param}[${index}]`);
      if (checked instanceof ParamFailure) return checked;
      result[index] = checked;
    }
    return result;
  };
}

function compileObject(schema: ObjectSchema): Validator {
  const names = Object.keys(schema.properties);
  const properties = new Map<string, Validator>(names.map((name) => [name, compileSchema(schema.properties[name]!)]));
  const required = schema.required ?? [];
  return (value, param) => {
    if (value === '' || value === null) return fail(emptyParameter(param));
    if (!isHash(value)) return fail(invalidHash(param));
    const keys = Object.keys(value);
    // Unknown names first: a typo of a required param reads better as "did you mean" than as missing.
    let unknown: string[] | undefined;
    for (const key of keys) if (!properties.has(key)) (unknown ??= []).push(key);
    if (unknown !== undefined) return fail(unknownError(param, unknown, names));
    for (const name of required) if (value[name] === undefined) return fail(missingParameter(childParam(param, name)));
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const child = value[key];
      if (child === undefined) continue;
      const checked = properties.get(key)!(child, childParam(param, key));
      if (checked instanceof ParamFailure) return checked;
      result[key] = checked;
    }
    return result;
  };
}

function unknownError(param: string, unknown: readonly string[], known: readonly string[]): ParamError {
  if (unknown.length > 1) return unknownParameters(unknown.map((key) => childParam(param, key)));
  const key = unknown[0]!;
  const suggestion = suggestName(key, known);
  return unknownParameter(childParam(param, key), suggestion === null ? null : childParam(param, suggestion));
}

function compileMap(schema: MapSchema): Validator {
  const entry = schema.additionalProperties;
  // Every string-valued map in Stripe's spec is a `metadata` param, with metadata's own limits.
  if (!('anyOf' in entry) && entry.type === 'string' && entry.enum === undefined) return compileMetadata();
  const validate = compileSchema(entry);
  return (value, param) => {
    if (value === '' || value === null) return fail(emptyParameter(param));
    if (!isHash(value)) return fail(invalidHash(param));
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (child === undefined) continue;
      const checked = validate(child, childParam(param, key));
      if (checked instanceof ParamFailure) return checked;
      setEntry(result, key, checked);
    }
    return result;
  };
}

// ---- anyOf --------------------------------------------------------------------------------------

interface Branch {
  schema: ParamSchema;
  validate: Validator;
}

/** The branch is picked by the input's shape: a hash goes to the object branch, an array to the array
 *  branch, a scalar to the scalar branches in spec order, `''` to the unset branch. When every
 *  candidate fails, the error reported is the one of the branch the input most looks meant for. */
function compileAnyOf(schema: AnyOfSchema): Validator {
  const emptyAllowed = allowsEmpty(schema);
  const branches: Branch[] = schema.anyOf.map((branch) => ({ schema: branch, validate: compileSchema(branch) }));
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
