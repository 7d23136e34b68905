// The account's external bank account (`ba_`), in Stripe's wire shape for an External Account
// (docs "The External Bank Account object"; spec `bank_account`). Only last4 and a keyed fingerprint
// of the account number ever exist: the full number is read from the request and dropped.
// Invariant: per account, mode and currency, exactly one live bank account is default_for_currency.

export const bank_account_id_prefix = 'ba';

/** Stripe's test bank (docs.stripe.com/connect/testing): routing number and its name on the object. */
export const test_routing_number = '110000000';
export const test_bank_name = 'STRIPE TEST BANK';

export type BankAccountStatus = 'new' | 'validated' | 'verified' | 'verification_failed' | 'errored';

export type PayoutMethod = 'standard' | 'instant';

/** Fields Stripe asks the account holder for; nothing is ever due on a test bank account. */
export interface ExternalAccountRequirements {
  currently_due: string[];
  errors: never[];
  past_due: string[];
  pending_verification: string[];
}

export interface BankAccount {
  id: string;
  object: 'bank_account';
  account: string;
  account_holder_name: string | null;
  account_holder_type: 'company' | 'individual' | null;
  account_type: 'checking' | 'futsu' | 'savings' | 'toza' | null;
  available_payout_methods: PayoutMethod[];
  bank_name: string | null;
  country: string;
  currency: string;
  /** In Stripe's latest fixture (null on an account's bank account). */
  customer: null;
  default_for_currency: boolean;
  fingerprint: string;
  future_requirements: ExternalAccountRequirements;
  last4: string;
  metadata: Record<string, string>;
  requirements: ExternalAccountRequirements;
  routing_number: string | null;
  status: BankAccountStatus;
}

/** What DELETE answers (spec `deleted_bank_account`). */
export interface DeletedBankAccount {
  id: string;
  object: 'bank_account';
  currency: string;
  deleted: true;
}

export const no_requirements = (): ExternalAccountRequirements => ({
  currently_due: [],
  errors: [],
  past_due: [],
  pending_verification: [],
});
