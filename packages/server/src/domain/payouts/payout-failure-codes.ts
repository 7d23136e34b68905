// Why a payout that was accepted later failed: Stripe's `failure_code` values and the
// `failure_message` Stripe sends with each (the "Types of payout failures" table of the API docs).
// Only the codes a test bank account can produce are listed; each has exactly one message.

export type PayoutFailureCode =
  'account_closed' | 'could_not_process' | 'debit_not_authorized' | 'insufficient_funds' | 'invalid_currency' | 'no_account';

export const payout_failure_messages: Readonly<Record<PayoutFailureCode, string>> = {
  account_closed: 'The bank account has been closed.',
  could_not_process: 'The bank could not process this payout.',
  debit_not_authorized:
    'Debit transactions are not approved on the bank account. (Stripe requires bank accounts to be set up for both credit and debit payouts.)',
  insufficient_funds: 'Your Stripe account has insufficient funds to cover the payout.',
  invalid_currency:
    'The bank was unable to process this payout because of its currency. This is probably because the bank account cannot accept payments in that currency.',
  no_account: 'The bank account details on file are probably incorrect. No bank account could be located with those details.',
};
