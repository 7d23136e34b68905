// Decodes a request's parameters into a plain object: form bodies and query strings with Stripe's
// bracket nesting (form-decoding.ts, with every limit enforced), or JSON bodies. Malformed input becomes an
// ErrorResponse value; nothing here throws at the caller.
import { decodeForm, type FormDecodeFailure, type FormLimits } from './form-decoding.js';
import { invalidRequest, type ErrorResponse } from './error-envelope.js';
import { json_nesting_depth_max, param_array_length_max, param_count_max, param_nesting_depth_max } from './request-limits.js';

export type Params = Record<string, unknown>;
export type ParamsResult = { ok: true; params: Params } | { ok: false; error: ErrorResponse };

const nul_message = 'Invalid request: parameters may not contain the NUL character (\\u0000).';

const form_limits: FormLimits = {
  nesting_depth_max: param_nesting_depth_max,
  params_max: param_count_max,
  elements_max: param_array_length_max,
};

export function parseFormEncoded(text: string): ParamsResult {
  const decoded = decodeForm(text, form_limits);
  if (decoded.ok) return { ok: true, params: decoded.params as Params };
  return { ok: false, error: formError(decoded.failure, decoded.key) };
}

function formError(failure: FormDecodeFailure, key: string): ErrorResponse {
  switch (failure) {
    case 'nul_character':
      return invalidRequest(400, nul_message);
    case 'malformed_escape':
      return invalidRequest(
        400,
        'Invalid request: the body or query string is not valid application/x-www-form-urlencoded (a percent-escape is malformed).',
      );
    case 'too_deep':
      return invalidRequest(
        400,
        `Invalid request: parameters may be nested at most ${param_nesting_depth_max} levels deep.`,
        undefined,
        key,
      );
    case 'too_many_elements':
      return invalidRequest(
        400,
        `Invalid array: an array or hash parameter may have at most ${param_array_length_max} elements.`,
        undefined,
        key,
      );
    case 'too_many_params':
      return invalidRequest(400, `Invalid request: a request may have at most ${param_count_max} parameters.`);
    case 'conflicting_shapes':
      return invalidRequest(
        400,
        `Invalid request: the parameter ${key} conflicts with another parameter of the same name (a value, a hash and an array cannot share a name).`,
        undefined,
        key,
      );
  }
}

export function parseJson(text: string): ParamsResult {
  if (text.trim().length === 0) return { ok: true, params: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: invalidRequest(400, 'Invalid request: the body is not valid JSON.') };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: invalidRequest(400, 'Invalid request: a JSON body must be an object of parameters.') };
  }
  if (jsonDepth(value, 0) > json_nesting_depth_max) {
    return {
      ok: false,
      error: invalidRequest(400, `Invalid request: parameters may be nested at most ${json_nesting_depth_max} levels deep.`),
    };
  }
  if (containsNul(value)) return { ok: false, error: invalidRequest(400, nul_message) };
  if (hasOversizedArray(value)) {
    return {
      ok: false,
      error: invalidRequest(400, `Invalid array: an array parameter may have at most ${param_array_length_max} elements.`),
    };
  }
  return { ok: true, params: value as Params };
}

function jsonDepth(value: unknown, depth: number): number {
  if (value === null || typeof value !== 'object' || depth > json_nesting_depth_max) return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value)) deepest = Math.max(deepest, jsonDepth(child, depth + 1));
  return deepest;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, child]) => key.includes('\u0000') || containsNul(child));
}

function hasOversizedArray(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value) && value.length > param_array_length_max) return true;
  return Object.values(value).some(hasOversizedArray);
}

export function unsupportedContentType(contentType: string): ErrorResponse {
  // Stripe's own words for a body it cannot read.
  return invalidRequest(
    400,
    `Invalid request: unsupported Content-Type ${contentType}. If error persists and you need assistance, please contact support@stripe.com.`,
  );
}
