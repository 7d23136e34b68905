// What a handler knows about the request it serves, built once by the auth and request-id hooks.

export interface RequestContext {
  request_id: string;
  account_id: string;
  livemode: boolean;
  /** The Stripe-Version header if sent, else the account's default. */
  api_version: string;
  /** The account's default version: the one events are rendered in and labelled with, as on Stripe. */
  account_api_version: string;
  idempotency_key: string | null;
  /** The account's secret for card fingerprints (never rendered). */
  fingerprint_key: string;
  /** The request's key masked as Stripe shows it in errors (`sk_test_****abcd`); never the key itself. */
  masked_key: string;
  /** Unix seconds, read once per request so one request sees one "now". */
  now: number;
}
