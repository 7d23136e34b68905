// Why a payout request was refused, as values: the codes Stripe answers, each with the message it
// sends. http/error-envelope.ts maps them to the envelope; nothing is written when one is returned.

export type PayoutFailure =
  /** More than the available balance of the currency (and source type) [obs: contract §6]. */
  | { code: 'balance_insufficient'; message: string }
  | { code: 'parameter_invalid'; param: string; message: string }
  /** No bank account takes the payout's currency; Stripe sends its wording without a code [obs]. */
  | { code: 'no_external_account'; param: 'currency'; message: string }
  /** Cancel on a payout that is no longer pending: 400 and Stripe's message [obs]; no code or param [inf]. */
  | { code: 'payout_not_cancelable'; message: string };
