// Decodes a request's parameters into a plain object: form bodies and query strings with Stripe's
// bracket nesting (through qs, with every limit enforced), or JSON bodies. Malformed input becomes an
// ErrorResponse value; nothing here throws at the caller.
import qs from 'qs';
import { invalidRequest, type ErrorResponse } from './error-envelope.js';
import {
  json_nesting_depth_max,
  param_array_length_max,
  param_count_max,
  param_nesting_depth_max,
} from './request-limits.js';

export type Params = Record<string, unknown>;
export type ParamsResult = { ok: true; params: Params } | { ok: false; error: ErrorResponse };

class MalformedEncoding extends Error {}
class NulCharacter extends Error {}

const nul_message = 'Invalid request: parameters may not contain the NUL character (\\u0000).';

function strictDecoder(value: string): string {
  const spaced = value.replace(/\+/g, ' ');
  let decoded: string;
  try {
    decoded = decodeURIComponent(spaced);
  } catch {
    throw new MalformedEncoding(value);
  }
  // No store can keep a NUL in text (PostgreSQL refuses it), so it is refused at the edge.
  if (decoded.includes('\u0000')) throw new NulCharacter();
  return decoded;
}

export function parseFormEncoded(text: string): ParamsResult {
  if (text.length === 0) return { ok: true, params: {} };
  try {
    const params = qs.parse(text, {
      depth: param_nesting_depth_max,
      strictDepth: true,
      arrayLimit: param_array_length_max,
      parameterLimit: param_count_max,
      throwOnLimitExceeded: true,
      allowPrototypes: false,
      plainObjects: true,
      decoder: strictDecoder,
    }) as Params;
    return { ok: true, params };
  } catch (error) {
    return { ok: false, error: formError(error) };
  }
}

function formError(error: unknown): ErrorResponse {
  if (error instanceof NulCharacter) return invalidRequest(400, nul_message);
  if (error instanceof MalformedEncoding) {
    return invalidRequest(400, 'Invalid request: the body or query string is not valid application/x-www-form-urlencoded (a percent-escape is malformed).');
  }
  const message = error instanceof Error ? error.message : '';
  if (/depth/i.test(message)) {
    return invalidRequest(400, `Invalid request: parameters may be nested at most ${param_nesting_depth_max} levels deep.`);
  }
  if (/array/i.test(message)) {
    return invalidRequest(400, `Invalid array: an array parameter may have at most ${param_array_length_max} elements.`);
  }
  if (/parameter/i.test(message)) {
    return invalidRequest(400, `Invalid request: a request may have at most ${param_count_max} parameters.`);
  }
  return invalidRequest(400, 'Invalid request: the parameters could not be decoded.');
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
    return { ok: false, error: invalidRequest(400, `Invalid request: parameters may be nested at most ${json_nesting_depth_max} levels deep.`) };
  }
  if (containsNul(value)) return { ok: false, error: invalidRequest(400, nul_message) };
  if (hasOversizedArray(value)) {
    return { ok: false, error: invalidRequest(400, `Invalid array: an array parameter may have at most ${param_array_length_max} elements.`) };
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
