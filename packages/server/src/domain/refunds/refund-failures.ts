// Why a refund request was refused, as values: the codes Stripe answers, each with the message it
// sends. http/error-envelope.ts maps them to the envelope; nothing here is written to the store.

export type RefundFailure =
  /** Stripe's code and wording [obs: contract §3]. */
  | { code: 'amount_too_large'; param: 'amount'; message: string }
  /** Stripe's code and wording [obs: contract §3]. */
  | { code: 'charge_already_refunded'; message: string }
  /** A charge with nothing captured to give back (uncaptured or failed); Stripe sends no code [inf]. */
  | { code: 'charge_not_refundable'; param: 'charge' | 'payment_intent'; message: string }
  | { code: 'parameter_invalid'; param: string; message: string }
  | { code: 'parameter_missing'; param: string; message: string }
  /** Cancel on a refund that is not pending or requires_action; Stripe sends no code [inf]. */
  | { code: 'refund_not_cancelable'; message: string };
