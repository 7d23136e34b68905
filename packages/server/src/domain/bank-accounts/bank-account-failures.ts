// Why an external account request was refused, as values: the codes Stripe answers, each with the
// message and param it sends. http/error-envelope.ts maps them to the envelope; nothing is written.

export type ExternalAccountFailure =
  | { code: 'parameter_missing'; param: string; message: string }
  | { code: 'parameter_invalid'; param: string; message: string }
  /** A card-only field sent to a bank account update. */
  | { code: 'parameter_unknown'; param: string; message: string }
  /** Stripe's code [obs: "We couldn't find the bank for that routing number"]. */
  | { code: 'routing_number_invalid'; param: string; message: string }
  | { code: 'account_number_invalid'; param: string; message: string }
  /** Deleting the default for a currency; Stripe's wording, sent without a code [obs]. */
  | { code: 'default_external_account_not_deletable'; message: string };
