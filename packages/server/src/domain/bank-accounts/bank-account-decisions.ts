// Pure external bank account decisions: validate the details a create names and build the object
// (last4 and a keyed fingerprint; the full number goes no further), apply an update, allow a delete.
// Invariant kept with the writer: one default per currency. A new account becomes the default when
// its currency has none or `default_for_currency` is true; the writer then demotes the old default.
import { cardFingerprint } from '../cards/card-number.js';
import { createMetadata, mergeMetadataWithinLimit, type MetadataParam } from '../shared/metadata.js';
import type { ExternalAccountFailure } from './bank-account-failures.js';
import { no_requirements, test_bank_name, test_routing_number, type BankAccount } from './bank-account-model.js';
import { availablePayoutMethods, default_test_account_number, payoutBehaviourOf, type PayoutBehaviour } from './test-bank-accounts.js';

export type BankAccountOutcome<T> = { ok: true; value: T } | { ok: false; failure: ExternalAccountFailure };

const refuse = (failure: ExternalAccountFailure): BankAccountOutcome<never> => ({ ok: false, failure });

export interface BankAccountDetailsParam {
  object?: string;
  account_holder_name?: string;
  account_holder_type?: 'company' | 'individual';
  account_number?: string;
  account_type?: 'checking' | 'futsu' | 'savings' | 'toza';
  country?: string;
  currency?: string;
  routing_number?: string;
}

export interface CreateExternalAccountParams {
  external_account?: BankAccountDetailsParam | string;
  /** The older name of `external_account`, still in Stripe's spec. */
  bank_account?: BankAccountDetailsParam | string;
  default_for_currency?: boolean;
  metadata?: MetadataParam;
}

export interface NewBankAccountFacts {
  id: string;
  account: string;
  fingerprint_key: string;
  /** Currencies that already have a live default bank account. */
  default_currencies: ReadonlySet<string>;
}

export interface NewBankAccount {
  bank_account: BankAccount;
  /** Kept beside the object, never rendered: what payouts to it do (test-bank-accounts.ts). */
  behaviour: PayoutBehaviour;
  /** The currency's old default must stop being one. */
  demote_default: boolean;
}

/** A US account number: digits only, 4 to 17 of them (ACH's field is 17 wide) [inf]. */
const us_account_number_pattern = /^\d{4,17}$/;
const routing_number_pattern = /^\d{9}$/;
const country_pattern = /^[A-Za-z]{2}$/;
const currency_pattern = /^[A-Za-z]{3}$/;
const last4_digits = 4;

/** ABA routing numbers carry a checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function passesRoutingChecksum(routing_number: string): boolean {
  if (!routing_number_pattern.test(routing_number)) return false;
  const digit = (index: number) => Number(routing_number[index]);
  const sum = 3 * (digit(0) + digit(3) + digit(6)) + 7 * (digit(1) + digit(4) + digit(7)) + (digit(2) + digit(5) + digit(8));
  return sum % 10 === 0;
}

/** The param that carries the details (`external_account`, or the older `bank_account`) and its value. */
export function externalAccountParam(params: CreateExternalAccountParams): {
  name: string;
  value: BankAccountDetailsParam | string | undefined;
} {
  return params.external_account !== undefined
    ? { name: 'external_account', value: params.external_account }
    : { name: 'bank_account', value: params.bank_account };
}

/**
 * Decides a new external bank account from the request's details, in Stripe's order: the details
 * given at all, country, currency, routing number, account number.
 * @example decideCreateBankAccount({ external_account: { object: 'bank_account', country: 'US', ... } }, facts)
 */
export function decideCreateBankAccount(
  params: CreateExternalAccountParams,
  facts: NewBankAccountFacts,
): BankAccountOutcome<NewBankAccount> {
  const { name, value: details } = externalAccountParam(params);
  if (details === undefined) {
    return refuse({ code: 'parameter_missing', param: 'external_account', message: 'Missing required param: external_account.' });
  }
  // Tender issues no bank account tokens, so createExternalAccount answers resource_missing for any
  // token; only details reach the decision.
  if (typeof details === 'string') throw new Error('invariant: a bank account token never reaches the decision');
  if (details.object === undefined) {
    return refuse({ code: 'parameter_missing', param: `${name}[object]`, message: `Missing required param: ${name}[object].` });
  }
  const country = details.country ?? '';
  if (!country_pattern.test(country)) {
    return refuse({ code: 'parameter_invalid', param: `${name}[country]`, message: `Invalid country: ${country}` });
  }
  const upperCountry = country.toUpperCase();
  const currency = details.currency ?? (upperCountry === 'US' ? 'usd' : undefined);
  if (currency === undefined) {
    return refuse({ code: 'parameter_missing', param: `${name}[currency]`, message: `Missing required param: ${name}[currency].` });
  }
  if (!currency_pattern.test(currency)) {
    return refuse({ code: 'parameter_invalid', param: `${name}[currency]`, message: `Invalid currency: ${currency}` });
  }
  const routing = details.routing_number ?? null;
  const account_number = details.account_number ?? '';
  if (upperCountry === 'US') {
    if (routing === null) {
      return refuse({
        code: 'parameter_missing',
        param: `${name}[routing_number]`,
        message: `Missing required param: ${name}[routing_number].`,
      });
    }
    if (!routing_number_pattern.test(routing)) {
      return refuse({ code: 'routing_number_invalid', param: `${name}[routing_number]`, message: 'Routing number must have 9 digits' });
    }
    if (!passesRoutingChecksum(routing)) {
      return refuse({
        code: 'routing_number_invalid',
        param: `${name}[routing_number]`,
        message: "We couldn't find the bank for that routing number",
      });
    }
    if (!us_account_number_pattern.test(account_number)) {
      return refuse({
        code: 'account_number_invalid',
        param: `${name}[account_number]`,
        message: 'The account number must contain only digits, and be between 4 and 17 digits long.',
      });
    }
  } else if (account_number.length < last4_digits) {
    return refuse({ code: 'account_number_invalid', param: `${name}[account_number]`, message: 'The bank account number is invalid.' });
  }
  const lowerCurrency = currency.toLowerCase();
  const default_for_currency = params.default_for_currency === true || !facts.default_currencies.has(lowerCurrency);
  const behaviour = payoutBehaviourOf(routing, account_number);
  return {
    ok: true,
    value: {
      bank_account: buildBankAccount(
        {
          id: facts.id,
          account: facts.account,
          account_holder_name: details.account_holder_name ?? null,
          account_holder_type: details.account_holder_type ?? null,
          account_type: details.account_type ?? null,
          country: upperCountry,
          currency: lowerCurrency,
          routing_number: routing,
          account_number,
          default_for_currency,
          metadata: createMetadata(params.metadata),
        },
        facts.fingerprint_key,
        behaviour,
      ),
      behaviour,
      demote_default: default_for_currency && facts.default_currencies.has(lowerCurrency),
    },
  };
}

interface BankAccountInput {
  id: string;
  account: string;
  account_holder_name: string | null;
  account_holder_type: BankAccount['account_holder_type'];
  account_type: BankAccount['account_type'];
  country: string;
  currency: string;
  routing_number: string | null;
  account_number: string;
  default_for_currency: boolean;
  metadata: Record<string, string>;
}

function buildBankAccount(input: BankAccountInput, fingerprint_key: string, behaviour: PayoutBehaviour): BankAccount {
  return {
    id: input.id,
    object: 'bank_account',
    account: input.account,
    account_holder_name: input.account_holder_name,
    account_holder_type: input.account_holder_type,
    account_type: input.account_type,
    available_payout_methods: availablePayoutMethods(behaviour),
    bank_name: input.routing_number === test_routing_number ? test_bank_name : null,
    country: input.country,
    currency: input.currency,
    customer: null,
    default_for_currency: input.default_for_currency,
    // Keyed per account like card fingerprints: equal details give equal fingerprints on one account.
    fingerprint: cardFingerprint(`${input.country}:${input.routing_number ?? ''}:${input.account_number}`, fingerprint_key),
    future_requirements: no_requirements(),
    last4: input.account_number.slice(-last4_digits),
    metadata: input.metadata,
    requirements: no_requirements(),
    routing_number: input.routing_number,
    status: 'new',
  };
}

/** The test bank account every account starts with: Stripe's succeeding US test account, in usd. */
export function defaultBankAccount(facts: { id: string; account: string; fingerprint_key: string }): NewBankAccount {
  const decided = decideCreateBankAccount(
    {
      external_account: {
        object: 'bank_account',
        country: 'US',
        currency: 'usd',
        routing_number: test_routing_number,
        account_number: default_test_account_number,
      },
    },
    { ...facts, default_currencies: new Set() },
  );
  if (!decided.ok) throw new Error(`invariant: the default test bank account is valid (${decided.failure.message})`);
  return decided.value;
}

export interface UpdateExternalAccountParams {
  account_holder_name?: string;
  account_holder_type?: 'company' | 'individual' | '';
  account_type?: 'checking' | 'futsu' | 'savings' | 'toza';
  default_for_currency?: boolean;
  metadata?: MetadataParam;
  [other: string]: unknown;
}

/** Params of the shared update operation that only a card external account has. */
const card_only_params = [
  'address_city',
  'address_country',
  'address_line1',
  'address_line2',
  'address_state',
  'address_zip',
  'exp_month',
  'exp_year',
  'name',
] as const;

export interface BankAccountUpdate {
  bank_account: BankAccount;
  /** It became its currency's default, so the old default must stop being one. */
  demote_default: boolean;
}

/**
 * Applies an update. `default_for_currency=true` makes it the default; `false` on the default is
 * ignored, since a currency always keeps one default [inf]. Card fields are refused, not dropped.
 */
export function decideUpdateBankAccount(current: BankAccount, params: UpdateExternalAccountParams): BankAccountOutcome<BankAccountUpdate> {
  const cardParam = card_only_params.find((name) => params[name] !== undefined);
  if (cardParam !== undefined) {
    return refuse({ code: 'parameter_unknown', param: cardParam, message: `Received unknown parameter: ${cardParam}` });
  }
  const becomesDefault = params.default_for_currency === true && !current.default_for_currency;
  const holderType = params.account_holder_type === '' ? null : (params.account_holder_type ?? current.account_holder_type);
  const metadata = mergeMetadataWithinLimit(current.metadata, params.metadata);
  if (!metadata.ok) return refuse(metadata.failure);
  return {
    ok: true,
    value: {
      bank_account: {
        ...current,
        account_holder_name: params.account_holder_name ?? current.account_holder_name,
        account_holder_type: holderType,
        account_type: params.account_type ?? current.account_type,
        default_for_currency: current.default_for_currency || becomesDefault,
        metadata: metadata.value,
      },
      demote_default: becomesDefault,
    },
  };
}

/** Stripe keeps the default of a currency until another account is made the default [obs]. */
export function decideDeleteBankAccount(current: BankAccount): BankAccountOutcome<void> {
  if (current.default_for_currency) {
    return refuse({
      code: 'default_external_account_not_deletable',
      message:
        'You cannot delete the default bank account for your default currency. Please make another bank account the default using the `default_for_currency` param, and then delete this one.',
    });
  }
  return { ok: true, value: undefined };
}
