// Compiles a parameter schema, once, into closures that check and coerce decoded request params the
// way Stripe does: digit strings become integers, `true`/`false` booleans, `''` stays `''` where the
// param may be unset. A validator never throws and never mutates its input: it returns the coerced
// value (a fresh object or array for containers) or a ParamFailure carrying the one error to report.
import { compileAnyOf } from './any-of-param.js';
import { suggestName } from './did-you-mean.js';
import { compileMetadata } from './metadata-param.js';
import { childParam, fail, isHash, ParamFailure, setEntry, type Validator } from './param-failure.js';
import {
  characterCount,
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
  type ParamError,
} from './param-errors.js';
import type { ArraySchema, MapSchema, ObjectSchema, ParamSchema, StringSchema } from './param-schema.js';

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
  if ('anyOf' in schema) return compileAnyOf(schema, compileSchema);
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
    // One pass over the input; errors are still reported in Stripe's precedence: unknown names
    // first (a typo of a required param reads better as "did you mean" than as missing), then
    // missing required params, then the first bad value.
    const result: Record<string, unknown> = {};
    let unknown: string[] | undefined;
    let failure: ParamFailure | undefined;
    for (const key of Object.keys(value)) {
      const validate = properties.get(key);
      if (validate === undefined) {
        unknown = unknown ?? [];
        unknown.push(key);
        continue;
      }
      const child = value[key];
      if (child === undefined || unknown !== undefined || failure !== undefined) continue;
      const checked = validate(child, childParam(param, key));
      if (checked instanceof ParamFailure) failure = checked;
      else result[key] = checked;
    }
    if (unknown !== undefined) return fail(unknownError(param, unknown, names));
    for (const name of required) if (value[name] === undefined) return fail(missingParameter(childParam(param, name)));
    return failure ?? result;
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
