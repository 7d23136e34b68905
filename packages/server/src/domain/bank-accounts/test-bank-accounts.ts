// Stripe's test bank account numbers (contract.md section 5, docs.stripe.com/connect/testing) in one
// table: what a payout to each does. The behaviour is kept in the bank_accounts row, never rendered,
// as a card's catalogue behaviour is. Invariants (asserted at load): numbers are unique, and only the
// test routing number carries behaviours; any other account's payouts succeed.
import type { PayoutFailureCode } from '../payouts/payout-failure-codes.js';
import { test_routing_number, type PayoutMethod } from './bank-account-model.js';

export type PayoutBehaviour =
  | { kind: 'succeeds' }
  /** Every payout to the account fails with this code once it reaches the bank. */
  | { kind: 'fails'; failure_code: PayoutFailureCode }
  /**
   * Standard payouts succeed; the account is not eligible for Instant Payouts, so an instant one
   * fails. Stripe names no code for it: `could_not_process` is the nearest of its codes [inf].
   */
  | { kind: 'fails_instant'; failure_code: PayoutFailureCode };

export interface TestBankAccount {
  routing_number: string;
  account_number: string;
  behaviour: PayoutBehaviour;
}

const succeeds: PayoutBehaviour = { kind: 'succeeds' };
const fails = (failure_code: PayoutFailureCode): PayoutBehaviour => ({ kind: 'fails', failure_code });

/** The account every Tender account starts with as its default: payouts to it succeed. */
export const default_test_account_number = '000123456789';

export const test_bank_accounts: readonly TestBankAccount[] = [
  { routing_number: test_routing_number, account_number: default_test_account_number, behaviour: succeeds },
  { routing_number: test_routing_number, account_number: '000111111116', behaviour: fails('no_account') },
  { routing_number: test_routing_number, account_number: '000111111113', behaviour: fails('account_closed') },
  { routing_number: test_routing_number, account_number: '000222222227', behaviour: fails('insufficient_funds') },
  { routing_number: test_routing_number, account_number: '000333333335', behaviour: fails('debit_not_authorized') },
  { routing_number: test_routing_number, account_number: '000444444440', behaviour: fails('invalid_currency') },
  {
    routing_number: test_routing_number,
    account_number: '000888888883',
    behaviour: { kind: 'fails_instant', failure_code: 'could_not_process' },
  },
];

const by_number = new Map(test_bank_accounts.map((entry) => [`${entry.routing_number}:${entry.account_number}`, entry]));
if (by_number.size !== test_bank_accounts.length) throw new Error('invariant: test bank account numbers are unique');

/** What payouts to this account do: the catalogue's behaviour, or success for any other account. */
export function payoutBehaviourOf(routing_number: string | null, account_number: string): PayoutBehaviour {
  return by_number.get(`${routing_number ?? ''}:${account_number}`)?.behaviour ?? succeeds;
}

/** The methods Stripe lists on the account: instant only where instant payouts can succeed. */
export function availablePayoutMethods(behaviour: PayoutBehaviour): PayoutMethod[] {
  return behaviour.kind === 'fails_instant' ? ['standard'] : ['standard', 'instant'];
}

/** The failure a payout by `method` meets at the bank, or null when it is paid. */
export function payoutFailureOf(behaviour: PayoutBehaviour, method: PayoutMethod): PayoutFailureCode | null {
  switch (behaviour.kind) {
    case 'succeeds':
      return null;
    case 'fails':
      return behaviour.failure_code;
    case 'fails_instant':
      return method === 'instant' ? behaviour.failure_code : null;
  }
}
