// External accounts: the bank accounts (and debit cards) an account's payouts are sent to, in
// Stripe's wire shape, and the params of /v1/accounts/{account}/external_accounts.

import type { Customer } from './customer.js';
import type { Expandable, StripeObjectBase } from './expandable.js';
import type { PaginationParams } from './list.js';
import type { ExpandParams, Metadata, MetadataParam } from './metadata.js';
import type { TokenCard } from './token.js';

export type BankAccountStatus = 'new' | 'validated' | 'verified' | 'verification_failed' | 'errored';

/** What the account holder still has to provide for the external account to keep receiving payouts. */
export interface ExternalAccountRequirements {
  currently_due: string[] | null;
  errors: { code: string; reason: string; requirement: string }[] | null;
  past_due: string[] | null;
  pending_verification: string[] | null;
}

export interface BankAccount {
  id: string;
  object: 'bank_account';
  /** The account it pays out to, for an external account. */
  account?: Expandable<StripeObjectBase> | null;
  account_holder_name: string | null;
  account_holder_type: 'company' | 'individual' | null;
  account_type?: string | null;
  available_payout_methods?: ('instant' | 'standard')[] | null;
  bank_name: string | null;
  /** Two-letter ISO code. */
  country: string;
  currency: string;
  /** The customer it belongs to, for a customer's bank account (not an external account). */
  customer?: Expandable<Customer> | null;
  /** Payouts in `currency` go here unless another is named. */
  default_for_currency?: boolean | null;
  /** The same account number gives the same fingerprint. */
  fingerprint: string | null;
  future_requirements?: ExternalAccountRequirements | null;
  last4: string;
  metadata?: Metadata | null;
  requirements?: ExternalAccountRequirements | null;
  routing_number: string | null;
  status: BankAccountStatus;
}

/** A debit card that receives payouts: the Card object with its payout fields. */
export interface ExternalAccountCard extends TokenCard {
  account?: Expandable<StripeObjectBase> | null;
  available_payout_methods?: ('instant' | 'standard')[] | null;
  currency?: string | null;
  default_for_currency?: boolean | null;
  status?: string | null;
}

export type ExternalAccount = BankAccount | ExternalAccountCard;

/** What deleting an external account returns. */
export interface DeletedExternalAccount {
  id: string;
  object: 'bank_account' | 'card';
  currency?: string | null;
  deleted: true;
}

/** A bank account given inline instead of as a token (`btok_…`). */
export interface BankAccountParam {
  object: 'bank_account';
  /** Two-letter ISO code, e.g. `US`. */
  country: string;
  /** Three-letter ISO code, e.g. `usd`. */
  currency: string;
  account_number: string;
  /** The routing (ABA) number, for US accounts; test value `110000000`. */
  routing_number?: string;
  account_holder_name?: string;
  account_holder_type?: 'company' | 'individual';
}

export interface ExternalAccountCreateParams extends ExpandParams {
  /** A bank account, or a token (`btok_…`, `tok_…`) of one or of a debit card. */
  external_account: string | BankAccountParam;
  default_for_currency?: boolean;
  metadata?: MetadataParam;
}

export type ExternalAccountRetrieveParams = ExpandParams;

export interface ExternalAccountUpdateParams extends ExpandParams {
  account_holder_name?: string;
  account_holder_type?: '' | 'company' | 'individual';
  account_type?: 'checking' | 'futsu' | 'savings' | 'toza';
  default_for_currency?: boolean;
  metadata?: MetadataParam;
  /** Debit cards only. */
  exp_month?: string;
  /** Debit cards only. */
  exp_year?: string;
  /** Debit cards only. */
  name?: string;
}

export interface ExternalAccountListParams extends PaginationParams, ExpandParams {
  /** Only bank accounts, or only cards. */
  object?: 'bank_account' | 'card';
}

export type ExternalAccountDeleteParams = Record<string, never>;
