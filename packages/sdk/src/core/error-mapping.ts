// The one place that turns a failed HTTP exchange into an error class. v1 maps by status code (the
// body's `type` only separates idempotency errors), v2 by `error.type`, OAuth endpoints by the
// string `error` code; a body that isn't a recognisable error envelope becomes an APIError.

import {
  APIError,
  AuthenticationError,
  CardError,
  IdempotencyError,
  InvalidRequestError,
  OAuthError,
  OAuthInvalidClientError,
  OAuthInvalidGrantError,
  OAuthInvalidRequestError,
  OAuthInvalidScopeError,
  OAuthUnsupportedGrantTypeError,
  OAuthUnsupportedResponseTypeError,
  PermissionError,
  RateLimitError,
  type StripeError,
  TemporarySessionExpiredError,
  type StripeErrorInit,
  type StripeRawError,
} from './errors.js';

export interface FailedResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** The raw body text. */
  body: string;
  /** True for `/v2` paths, whose errors are typed by `error.type`. */
  isV2: boolean;
}

/** How much of an unparseable body an APIError message quotes. */
export const ERROR_BODY_EXCERPT_MAX_CHARS = 200;

const OAUTH_ERROR_CLASSES: Readonly<Record<string, typeof OAuthError>> = {
  invalid_client: OAuthInvalidClientError,
  invalid_grant: OAuthInvalidGrantError,
  invalid_request: OAuthInvalidRequestError,
  invalid_scope: OAuthInvalidScopeError,
  unsupported_grant_type: OAuthUnsupportedGrantTypeError,
  unsupported_response_type: OAuthUnsupportedResponseTypeError,
};

function parseBody(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function v1ErrorClass(statusCode: number, raw: StripeRawError): new (init: StripeErrorInit) => StripeError {
  if (statusCode === 429 || (statusCode === 400 && raw.code === 'rate_limit')) return RateLimitError;
  if ((statusCode === 400 || statusCode === 404) && raw.type === 'idempotency_error') return IdempotencyError;
  if (statusCode === 400 || statusCode === 404) return InvalidRequestError;
  if (statusCode === 401) return AuthenticationError;
  if (statusCode === 402) return CardError;
  if (statusCode === 403) return PermissionError;
  return APIError;
}

function v2ErrorClass(statusCode: number, raw: StripeRawError): new (init: StripeErrorInit) => StripeError {
  if (raw.type === 'idempotency_error') return IdempotencyError;
  if (raw.type === 'rate_limit') return RateLimitError;
  if (raw.type === 'temporary_session_expired') return TemporarySessionExpiredError;
  if (raw.code === 'invalid_fields') return InvalidRequestError;
  return v1ErrorClass(statusCode, raw);
}

/**
 * Builds the error for a non-2xx response.
 *
 * @example
 * errorFromResponse({ statusCode: 402, headers: {}, body: '{"error":{"type":"card_error"}}', isV2: false });
 * // CardError
 */
export function errorFromResponse(response: FailedResponse): StripeError {
  const base = { statusCode: response.statusCode, headers: response.headers, requestId: response.headers['request-id'] };
  const parsed = parseBody(response.body);
  const envelope = parsed?.error;
  if (typeof envelope === 'string') {
    const description = parsed?.error_description;
    const ErrorClass = OAUTH_ERROR_CLASSES[envelope] ?? OAuthError;
    return new ErrorClass({
      ...base,
      oauthCode: envelope,
      message: typeof description === 'string' ? description : envelope,
      raw: { ...(parsed as StripeRawError) },
    });
  }
  if (envelope === null || typeof envelope !== 'object') {
    return new APIError({
      ...base,
      message: `Invalid response from the API (HTTP ${response.statusCode}): ${response.body.slice(0, ERROR_BODY_EXCERPT_MAX_CHARS)}`,
    });
  }
  const raw = envelope as StripeRawError;
  const ErrorClass = response.isV2 ? v2ErrorClass(response.statusCode, raw) : v1ErrorClass(response.statusCode, raw);
  return new ErrorClass({ ...base, raw });
}
