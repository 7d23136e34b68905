// Decodes `application/x-www-form-urlencoded` with Stripe's bracket nesting, by Rack's rules (the
// ones Stripe's API follows): `a[b][c]=v` nests, `a[]=v` appends, `a[][k]=v` adds to the last element
// unless it already has `k`. Numeric segments stay object keys (`metadata[5]=x` keeps its key "5");
// the param validator turns `{"0":…,"1":…}` into an array where the schema wants one. Objects have
// no prototype, so no key can reach Object.prototype. Every limit is checked as the text is read.

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export type FormDecodeFailure =
  'malformed_escape' | 'nul_character' | 'too_deep' | 'too_many_params' | 'too_many_elements' | 'conflicting_shapes';
export type FormDecodeResult = { ok: true; params: FormObject } | { ok: false; failure: FormDecodeFailure; key: string };

export interface FormLimits {
  nesting_depth_max: number;
  params_max: number;
  elements_max: number;
}

class DecodeError extends Error {
  constructor(
    readonly failure: FormDecodeFailure,
    readonly key: string,
  ) {
    super(failure);
  }
}

const newObject = (): FormObject => Object.create(null) as FormObject;

export function decodeForm(text: string, limits: FormLimits): FormDecodeResult {
  const params = newObject();
  if (text.length === 0) return { ok: true, params };
  try {
    let count = 0;
    for (const pair of text.split('&')) {
      if (pair.length === 0) continue;
      count += 1;
      if (count > limits.params_max) throw new DecodeError('too_many_params', '');
      const equals = pair.indexOf('=');
      const rawKey = equals === -1 ? pair : pair.slice(0, equals);
      const key = decodeComponent(rawKey, rawKey);
      const value = equals === -1 ? '' : decodeComponent(pair.slice(equals + 1), key);
      assign(params, key, value, limits);
    }
    return { ok: true, params };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, failure: error.failure, key: error.key };
    throw error;
  }
}

function decodeComponent(raw: string, key: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new DecodeError('malformed_escape', key);
  }
  // No store can keep a NUL in text (PostgreSQL refuses it), so it is refused at the edge.
  if (decoded.includes('\u0000')) throw new DecodeError('nul_character', key);
  return decoded;
}

/** `a[b][]` → ['a', 'b', '']. A key whose brackets do not close cleanly is one plain name. */
function segments(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  let rest = key.slice(open);
  while (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) break;
    parts.push(rest.slice(1, close));
    rest = rest.slice(close + 1);
  }
  return rest.length === 0 ? parts : [key];
}

function assign(root: FormObject, key: string, value: string, limits: FormLimits): void {
  const path = segments(key);
  if (path.length - 1 > limits.nesting_depth_max) throw new DecodeError('too_deep', key);
  setInObject(root, path, 0, value, key, limits);
}

/** Sets `path[index…]` inside a hash; a following `[]` segment makes the child an array. */
function setInObject(object: FormObject, path: string[], index: number, value: string, key: string, limits: FormLimits): void {
  const segment = path[index]!;
  if (index === path.length - 1) {
    if (segment in object && typeof object[segment] !== 'string') throw new DecodeError('conflicting_shapes', key);
    // The root may hold as many names as params_max allows; nested hashes are bounded like arrays.
    if (index > 0 && !(segment in object) && Object.keys(object).length >= limits.elements_max)
      throw new DecodeError('too_many_elements', key);
    object[segment] = value;
    return;
  }
  const wantsArray = path[index + 1] === '';
  let child = object[segment];
  if (child === undefined) {
    if (index > 0 && Object.keys(object).length >= limits.elements_max) throw new DecodeError('too_many_elements', key);
    child = wantsArray ? [] : newObject();
    object[segment] = child;
  }
  if (typeof child === 'string' || Array.isArray(child) !== wantsArray) throw new DecodeError('conflicting_shapes', key);
  if (Array.isArray(child)) setInArray(child, path, index + 2, value, key, limits);
  else setInObject(child, path, index + 1, value, key, limits);
}

/** After a `[]` segment: a scalar appends; `[][field]` fills the last element until `field` repeats. */
function setInArray(array: FormValue[], path: string[], index: number, value: string, key: string, limits: FormLimits): void {
  if (index === path.length) {
    pushBounded(array, value, key, limits);
    return;
  }
  const field = path[index]!;
  if (field === '') throw new DecodeError('conflicting_shapes', key);
  const tail = array.at(-1);
  let element: FormObject;
  if (tail !== undefined && isObject(tail) && !(field in tail)) element = tail;
  else {
    element = newObject();
    pushBounded(array, element, key, limits);
  }
  setInObject(element, path, index, value, key, limits);
}

function pushBounded(array: FormValue[], value: FormValue, key: string, limits: FormLimits): void {
  if (array.length >= limits.elements_max) throw new DecodeError('too_many_elements', key);
  array.push(value);
}

function isObject(value: FormValue): value is FormObject {
  return typeof value === 'object' && !Array.isArray(value);
}
