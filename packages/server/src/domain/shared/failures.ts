// Expected failures are values, never exceptions. Domain code returns one of these codes with the
// facts its message needs; http/error-envelope.ts is the one place that turns them into Stripe's
// status, type, code, param and message.

export type Failure =
  | { code: 'resource_missing'; resource: ResourceName; id: string; param: string | null; in_path: boolean }
  | { code: 'parameter_invalid'; param: string; message: string }
  | { code: 'email_invalid'; param: string; email: string }
  | { code: 'search_query_invalid'; message: string }
  | { code: 'expand_invalid'; message: string };

/** Stripe's names for objects, as they appear in "No such customer: 'cus_x'". */
export type ResourceName = 'customer' | 'event' | 'payment_method' | 'token' | 'source' | 'coupon' | 'promotion_code' | 'test_clock';

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const succeed = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = never>(failure: Failure): Outcome<T> => ({ ok: false, failure });
