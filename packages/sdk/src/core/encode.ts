// Stripe's v1 wire encoding: nested params flattened into `a[b][0]=v` form pairs, used both for
// POST bodies and for GET/DELETE query strings. Brackets stay literal (Stripe's parser and every
// official SDK send them unescaped); everything else is percent-encoded per RFC 3986.

/** Params accepted by the encoder: JSON-like values plus Dates, which become Unix seconds. */
export type EncodableValue =
  string | number | boolean | bigint | Date | null | undefined | readonly EncodableValue[] | { readonly [key: string]: EncodableValue };

/** Deeper nesting than any Stripe param uses; past it the input is almost surely cyclic. */
export const ENCODE_NESTING_MAX_LEVELS = 32;

function encodeComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Keys keep their brackets literal, so a caller's pre-flattened `'metadata[k]'` key still nests. */
function encodeKey(key: string): string {
  return encodeComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

function encodeScalar(value: string | number | boolean | bigint | Date | null): string {
  if (value === null) return ''; // an empty value tells the API to unset the field
  if (value instanceof Date) return String(Math.floor(value.getTime() / 1000));
  return encodeComponent(String(value));
}

function appendPairs(pairs: string[], key: string, value: EncodableValue, level: number): void {
  if (value === undefined) return;
  if (level > ENCODE_NESTING_MAX_LEVELS) {
    throw new TypeError(`Params nest deeper than ${ENCODE_NESTING_MAX_LEVELS} levels at "${key}"; is the object cyclic?`);
  }
  if (Array.isArray(value)) {
    for (const [index, item] of (value as EncodableValue[]).entries()) appendPairs(pairs, `${key}[${index}]`, item, level + 1);
    return;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [childKey, child] of Object.entries(value as { readonly [key: string]: EncodableValue })) {
      appendPairs(pairs, `${key}[${encodeKey(childKey)}]`, child, level + 1);
    }
    return;
  }
  pairs.push(`${key}=${encodeScalar(value as string | number | boolean | bigint | Date | null)}`);
}

/**
 * Encodes params as `application/x-www-form-urlencoded` the way Stripe's v1 API reads them.
 *
 * @example
 * encodeForm({ metadata: { order: '6735' }, expand: ['customer'], email: null });
 * // 'metadata[order]=6735&expand[0]=customer&email='
 */
export function encodeForm(params: { readonly [key: string]: EncodableValue } | undefined): string {
  if (params === undefined) return '';
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(params)) appendPairs(pairs, encodeKey(key), value, 1);
  return pairs.join('&');
}

/**
 * Appends encoded params to a path or URL, keeping any query string it already has.
 *
 * @example
 * appendQuery('/v1/customers?limit=3', 'email=a%40b.co'); // '/v1/customers?limit=3&email=a%40b.co'
 */
export function appendQuery(pathOrUrl: string, encodedQuery: string): string {
  if (encodedQuery === '') return pathOrUrl;
  if (!pathOrUrl.includes('?')) return `${pathOrUrl}?${encodedQuery}`;
  const separator = pathOrUrl.endsWith('?') || pathOrUrl.endsWith('&') ? '' : '&';
  return `${pathOrUrl}${separator}${encodedQuery}`;
}
