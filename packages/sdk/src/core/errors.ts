// The error classes. Each carries a literal `type` so `switch (error.type)` narrows like a
// discriminated union; wire fields (decline_code, doc_url, ...) keep Stripe's snake_case names.
// Which class a response becomes is decided in error-mapping.ts, and only there.

/** The body Stripe sends under `error` (v1 and v2 share these fields). */
export interface StripeRawError {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  doc_url?: string;
  request_log_url?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  setup_intent?: unknown;
  charge?: string;
  advice_code?: string;
  network_decline_code?: string;
  [field: string]: unknown;
}

/** The OAuth error classes' `type` values. */
export type OAuthErrorType =
  | 'OAuthError'
  | 'OAuthInvalidClientError'
  | 'OAuthInvalidGrantError'
  | 'OAuthInvalidRequestError'
  | 'OAuthInvalidScopeError'
  | 'OAuthUnsupportedGrantTypeError'
  | 'OAuthUnsupportedResponseTypeError';

export type StripeErrorType =
  | OAuthErrorType
  | 'StripeError'
  | 'CardError'
  | 'InvalidRequestError'
  | 'IdempotencyError'
  | 'AuthenticationError'
  | 'PermissionError'
  | 'RateLimitError'
  | 'APIError'
  | 'ConnectionError'
  | 'TemporarySessionExpiredError'
  | 'SignatureVerificationError';

/** What an error knows about the response (or lack of one) that caused it. */
export interface StripeErrorInit {
  message?: string;
  raw?: StripeRawError;
  statusCode?: number;
  requestId?: string;
  headers?: Record<string, string>;
  cause?: unknown;
}

/** Base class of every error the SDK throws for a failed API call. */
export class StripeError extends Error {
  readonly type: StripeErrorType = 'StripeError';
  /** The `error.type` string from the response body, e.g. `card_error`. */
  readonly rawType: string | undefined;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly decline_code: string | undefined;
  readonly doc_url: string | undefined;
  readonly request_log_url: string | undefined;
  /** The PaymentIntent of a failed payment (a 402 on confirm embeds it). */
  readonly payment_intent: unknown;
  /** The SetupIntent of a failed setup (a 402 on confirm embeds it). */
  readonly setup_intent: unknown;
  /** The PaymentMethod a card error concerns, when the API names it. */
  readonly payment_method: unknown;
  readonly statusCode: number | undefined;
  /** The `Request-Id` response header (`req_…`). */
  readonly requestId: string | undefined;
  readonly headers: Record<string, string>;
  /** The full `error` object from the response body. */
  readonly raw: StripeRawError;

  constructor(init: StripeErrorInit = {}) {
    const raw = init.raw ?? {};
    super(init.message ?? raw.message ?? 'Unknown error from the Stripe API', { cause: init.cause });
    this.raw = raw;
    this.rawType = raw.type;
    this.code = raw.code;
    this.param = raw.param;
    this.decline_code = raw.decline_code;
    this.doc_url = raw.doc_url;
    this.request_log_url = raw.request_log_url;
    this.payment_intent = raw.payment_intent;
    this.setup_intent = raw.setup_intent;
    this.payment_method = raw.payment_method;
    this.statusCode = init.statusCode;
    this.requestId = init.requestId;
    this.headers = init.headers ?? {};
  }

  override get name(): string {
    return this.type;
  }

  /** `Request req_…: message`, or just the message when no request id is known. */
  override toString(): string {
    return this.requestId === undefined ? `${this.type}: ${this.message}` : `Request ${this.requestId}: ${this.message}`;
  }
}

/** 402: the card was declined or could not be charged. */
export class CardError extends StripeError {
  override readonly type = 'CardError';
}
/** 400/404: bad parameters or a missing object. */
export class InvalidRequestError extends StripeError {
  override readonly type = 'InvalidRequestError';
}
/** An Idempotency-Key reused with other parameters or on another endpoint. */
export class IdempotencyError extends StripeError {
  override readonly type = 'IdempotencyError';
}
/** 401, or no API key given at all. */
export class AuthenticationError extends StripeError {
  override readonly type = 'AuthenticationError';
}
/** 403: the key lacks permission for this call. */
export class PermissionError extends StripeError {
  override readonly type = 'PermissionError';
}
/** 429, or a `rate_limit` code. */
export class RateLimitError extends StripeError {
  override readonly type = 'RateLimitError';
}
/** Any other failure reported by the API, or a body the SDK could not understand. */
export class APIError extends StripeError {
  override readonly type = 'APIError';
}
/** v2: the temporary session behind this call expired. */
export class TemporarySessionExpiredError extends StripeError {
  override readonly type = 'TemporarySessionExpiredError';
}

/** No usable response: network failure, timeout, or the retries ran out on one. */
export class ConnectionError extends StripeError {
  override readonly type = 'ConnectionError';
  /** Whether the failure was of a retryable kind (it was retried while attempts remained). */
  readonly shouldRetry: boolean;

  constructor(init: StripeErrorInit & { shouldRetry: boolean }) {
    super(init);
    this.shouldRetry = init.shouldRetry;
  }
}

/** A webhook payload whose signature does not verify. */
export class SignatureVerificationError extends StripeError {
  override readonly type = 'SignatureVerificationError';
  readonly header: string | undefined;
  readonly payload: string | undefined;

  constructor(init: StripeErrorInit & { header?: string; payload?: string }) {
    super(init);
    this.header = init.header;
    this.payload = init.payload;
  }
}

/** An OAuth endpoint answered `{error, error_description}`; `code` holds `error`. */
export class OAuthError extends StripeError {
  override readonly type: OAuthErrorType = 'OAuthError';
  override readonly code: string | undefined;

  constructor(init: StripeErrorInit & { oauthCode: string }) {
    super(init);
    this.code = init.oauthCode;
  }
}
export class OAuthInvalidClientError extends OAuthError {
  override readonly type = 'OAuthInvalidClientError';
}
export class OAuthInvalidGrantError extends OAuthError {
  override readonly type = 'OAuthInvalidGrantError';
}
export class OAuthInvalidRequestError extends OAuthError {
  override readonly type = 'OAuthInvalidRequestError';
}
export class OAuthInvalidScopeError extends OAuthError {
  override readonly type = 'OAuthInvalidScopeError';
}
export class OAuthUnsupportedGrantTypeError extends OAuthError {
  override readonly type = 'OAuthUnsupportedGrantTypeError';
}
export class OAuthUnsupportedResponseTypeError extends OAuthError {
  override readonly type = 'OAuthUnsupportedResponseTypeError';
}

/** Every concrete error class, for exhaustive `switch (error.type)`. */
export type AnyStripeError =
  | CardError
  | InvalidRequestError
  | IdempotencyError
  | AuthenticationError
  | PermissionError
  | RateLimitError
  | APIError
  | TemporarySessionExpiredError
  | ConnectionError
  | SignatureVerificationError
  | OAuthError;
