import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './error-mapping.js';
import {
  APIError,
  AuthenticationError,
  CardError,
  IdempotencyError,
  InvalidRequestError,
  OAuthError,
  OAuthInvalidGrantError,
  PermissionError,
  RateLimitError,
  StripeError,
  TemporarySessionExpiredError,
  type AnyStripeError,
} from './errors.js';

const failed = (statusCode: number, error: unknown, isV2 = false) =>
  errorFromResponse({
    statusCode,
    headers: { 'request-id': 'req_123' },
    body: typeof error === 'string' ? error : JSON.stringify({ error }),
    isV2,
  });

describe('errorFromResponse (v1, by status)', () => {
  it.each([
    [400, { type: 'invalid_request_error', code: 'parameter_missing' }, InvalidRequestError],
    [404, { type: 'invalid_request_error', code: 'resource_missing' }, InvalidRequestError],
    [400, { type: 'idempotency_error' }, IdempotencyError],
    [404, { type: 'idempotency_error' }, IdempotencyError],
    [400, { type: 'invalid_request_error', code: 'rate_limit' }, RateLimitError],
    [429, { type: 'invalid_request_error', code: 'lock_timeout' }, RateLimitError],
    [401, { type: 'invalid_request_error' }, AuthenticationError],
    [402, { type: 'card_error', code: 'card_declined' }, CardError],
    [403, { type: 'invalid_request_error' }, PermissionError],
    [409, { type: 'invalid_request_error', code: 'idempotency_key_in_use' }, APIError],
    [500, { type: 'api_error' }, APIError],
    [424, { type: 'api_error' }, APIError],
  ])('%i %j → %s', (status, error, ErrorClass) => {
    const mapped = failed(status, error);
    expect(mapped).toBeInstanceOf(ErrorClass);
    expect(mapped).toBeInstanceOf(StripeError);
    expect(mapped.type).toBe(ErrorClass.name);
    expect(mapped.statusCode).toBe(status);
  });

  it('copies the wire fields, request id and headers', () => {
    const error = failed(402, {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      param: 'payment_method',
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      request_log_url: 'https://dashboard.stripe.com/test/logs/req_123',
      payment_intent: { id: 'pi_1' },
    });
    expect(error).toMatchObject({
      message: 'Your card has insufficient funds.',
      rawType: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      param: 'payment_method',
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      request_log_url: 'https://dashboard.stripe.com/test/logs/req_123',
      payment_intent: { id: 'pi_1' },
      requestId: 'req_123',
      headers: { 'request-id': 'req_123' },
    });
    expect(error.raw.decline_code).toBe('insufficient_funds');
    expect(String(error)).toBe('Request req_123: Your card has insufficient funds.');
  });

  it('turns an unparseable body or a body without `error` into APIError', () => {
    expect(failed(502, '<html>Bad gateway</html>')).toBeInstanceOf(APIError);
    expect(failed(400, '{"message":"nope"}')).toBeInstanceOf(APIError);
    expect(failed(502, '<html>Bad gateway</html>').message).toContain('<html>Bad gateway');
  });

  it('gives a literal type usable as a discriminant', () => {
    const error = failed(402, { type: 'card_error' }) as AnyStripeError;
    const describe = (e: AnyStripeError): string => {
      switch (e.type) {
        case 'CardError':
          return `card ${e.decline_code ?? ''}`;
        case 'ConnectionError':
          return `retry ${e.shouldRetry}`;
        default:
          return e.type;
      }
    };
    expect(describe(error)).toBe('card ');
  });
});

describe('errorFromResponse (v2, by error.type)', () => {
  it('maps v2 types, falling back to the status', () => {
    expect(failed(400, { type: 'idempotency_error' }, true)).toBeInstanceOf(IdempotencyError);
    expect(failed(400, { type: 'rate_limit' }, true)).toBeInstanceOf(RateLimitError);
    expect(failed(400, { type: 'temporary_session_expired' }, true)).toBeInstanceOf(TemporarySessionExpiredError);
    expect(failed(422, { type: 'invalid_request_error', code: 'invalid_fields' }, true)).toBeInstanceOf(InvalidRequestError);
    expect(failed(401, { type: 'whatever' }, true)).toBeInstanceOf(AuthenticationError);
  });
});

describe('errorFromResponse (OAuth)', () => {
  it('maps a string `error` to an OAuth class by code, with error_description as message', () => {
    const error = failed(400, '{"error":"invalid_grant","error_description":"Authorization code expired"}');
    expect(error).toBeInstanceOf(OAuthInvalidGrantError);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.code).toBe('invalid_grant');
    expect(error.message).toBe('Authorization code expired');
  });

  it('uses the generic OAuthError for an unknown code', () => {
    const error = failed(400, '{"error":"access_denied"}');
    expect(error.constructor).toBe(OAuthError);
    expect(error.type).toBe('OAuthError');
    expect(error.code).toBe('access_denied');
  });
});
