// External bank account decisions, one row per case: the details a create accepts or refuses (and
// with which code and param), what is kept of the number (last4, a keyed fingerprint), the test
// catalogue's behaviours, defaults per currency, updates and the delete rule.
import { describe, expect, it } from 'vitest';
import {
  decideCreateBankAccount,
  decideDeleteBankAccount,
  decideUpdateBankAccount,
  defaultBankAccount,
  passesRoutingChecksum,
  type BankAccountDetailsParam,
  type NewBankAccountFacts,
} from './bank-account-decisions.js';
import { payoutBehaviourOf, payoutFailureOf, test_bank_accounts } from './test-bank-accounts.js';

const facts = (changes: Partial<NewBankAccountFacts> = {}): NewBankAccountFacts => ({
  id: 'ba_1',
  account: 'acct_1',
  fingerprint_key: 'key-one',
  default_currencies: new Set(['usd']),
  ...changes,
});
const us = (changes: Partial<BankAccountDetailsParam> = {}): BankAccountDetailsParam => ({
  object: 'bank_account',
  country: 'US',
  currency: 'usd',
  routing_number: '110000000',
  account_number: '000123456789',
  ...changes,
});

describe('decideCreateBankAccount', () => {
  it('keeps last4 and a keyed fingerprint, never the number', () => {
    const decided = decideCreateBankAccount(
      { external_account: us({ account_holder_name: 'Jane Austen' }), metadata: { a: '1' } },
      facts(),
    );
    expect(decided.ok).toBe(true);
    if (!decided.ok) return;
    const bank = decided.value.bank_account;
    expect(bank).toMatchObject({
      id: 'ba_1',
      object: 'bank_account',
      account: 'acct_1',
      account_holder_name: 'Jane Austen',
      bank_name: 'STRIPE TEST BANK',
      country: 'US',
      currency: 'usd',
      last4: '6789',
      routing_number: '110000000',
      status: 'new',
      default_for_currency: false,
      metadata: { a: '1' },
      available_payout_methods: ['standard', 'instant'],
    });
    expect(JSON.stringify(bank)).not.toContain('000123456789');
    expect(bank.fingerprint).toMatch(/^[0-9A-Za-z]{16}$/);
    const again = decideCreateBankAccount({ external_account: us() }, facts({ id: 'ba_2' }));
    const otherKey = decideCreateBankAccount({ external_account: us() }, facts({ fingerprint_key: 'key-two' }));
    expect(again.ok && again.value.bank_account.fingerprint).toBe(bank.fingerprint);
    expect(otherKey.ok && otherKey.value.bank_account.fingerprint).not.toBe(bank.fingerprint);
  });

  it('makes the first account of a currency its default, and a later one only when asked', () => {
    const first = decideCreateBankAccount({ external_account: us({ currency: 'usd' }) }, facts({ default_currencies: new Set() }));
    expect(first).toMatchObject({ ok: true, value: { bank_account: { default_for_currency: true }, demote_default: false } });
    const asked = decideCreateBankAccount({ external_account: us(), default_for_currency: true }, facts());
    expect(asked).toMatchObject({ ok: true, value: { bank_account: { default_for_currency: true }, demote_default: true } });
  });

  it('accepts the older bank_account param and defaults a US account to usd', () => {
    const decided = decideCreateBankAccount({ bank_account: us({ currency: undefined, country: 'us' }) }, facts());
    expect(decided).toMatchObject({ ok: true, value: { bank_account: { country: 'US', currency: 'usd' } } });
  });

  it.each([
    ['no details', {}, { code: 'parameter_missing', param: 'external_account' }],
    ['no object', { external_account: us({ object: undefined }) }, { code: 'parameter_missing', param: 'external_account[object]' }],
    ['a bad country', { external_account: us({ country: 'USA' }) }, { code: 'parameter_invalid', param: 'external_account[country]' }],
    [
      'a non-US account without a currency',
      { external_account: us({ country: 'DE', currency: undefined }) },
      { code: 'parameter_missing', param: 'external_account[currency]' },
    ],
    [
      'a US account without a routing number',
      { external_account: us({ routing_number: undefined }) },
      { code: 'parameter_missing', param: 'external_account[routing_number]' },
    ],
    [
      'a short routing number',
      { external_account: us({ routing_number: '11000000' }) },
      { code: 'routing_number_invalid', message: 'Routing number must have 9 digits' },
    ],
    [
      'a routing number failing its checksum',
      { bank_account: us({ routing_number: '110000001' }) },
      {
        code: 'routing_number_invalid',
        param: 'bank_account[routing_number]',
        message: "We couldn't find the bank for that routing number",
      },
    ],
    [
      'an account number with letters',
      { external_account: us({ account_number: '00012345678X' }) },
      { code: 'account_number_invalid', param: 'external_account[account_number]' },
    ],
  ])('refuses %s', (_case, params, failure) => {
    expect(decideCreateBankAccount(params, facts())).toMatchObject({ ok: false, failure });
  });

  it('checks ABA routing checksums', () => {
    expect(passesRoutingChecksum('110000000')).toBe(true);
    expect(passesRoutingChecksum('021000021')).toBe(true);
    expect(passesRoutingChecksum('021000022')).toBe(false);
  });

  it('builds the default test account: succeeding, usd, default for its currency', () => {
    const { bank_account, behaviour } = defaultBankAccount({ id: 'ba_d', account: 'acct_1', fingerprint_key: 'k' });
    expect(bank_account).toMatchObject({
      routing_number: '110000000',
      last4: '6789',
      country: 'US',
      currency: 'usd',
      default_for_currency: true,
      status: 'new',
    });
    expect(behaviour).toEqual({ kind: 'succeeds' });
  });
});

describe('the test bank account catalogue', () => {
  it.each([
    ['000123456789', null, null],
    ['000111111116', 'no_account', 'no_account'],
    ['000111111113', 'account_closed', 'account_closed'],
    ['000222222227', 'insufficient_funds', 'insufficient_funds'],
    ['000333333335', 'debit_not_authorized', 'debit_not_authorized'],
    ['000444444440', 'invalid_currency', 'invalid_currency'],
    ['000888888883', null, 'could_not_process'],
  ])('%s: standard payouts fail with %s, instant ones with %s', (number, standard, instant) => {
    const behaviour = payoutBehaviourOf('110000000', number);
    expect(payoutFailureOf(behaviour, 'standard')).toBe(standard);
    expect(payoutFailureOf(behaviour, 'instant')).toBe(instant);
  });

  it('lists every number once and lets any other account succeed', () => {
    expect(test_bank_accounts).toHaveLength(7);
    expect(payoutBehaviourOf('021000021', '000111111116')).toEqual({ kind: 'succeeds' });
  });

  it('offers instant payouts only where they can succeed', () => {
    const ineligible = decideCreateBankAccount({ external_account: us({ account_number: '000888888883' }) }, facts());
    expect(ineligible).toMatchObject({ ok: true, value: { bank_account: { available_payout_methods: ['standard'] } } });
  });
});

describe('updates and deletes', () => {
  const current = defaultBankAccount({ id: 'ba_d', account: 'acct_1', fingerprint_key: 'k' }).bank_account;
  const other = { ...current, id: 'ba_o', default_for_currency: false };

  it('changes holder fields and metadata; default_for_currency=true promotes, false on the default is ignored', () => {
    const updated = decideUpdateBankAccount(other, { account_holder_name: 'Jo', account_holder_type: 'company', metadata: { k: 'v' } });
    expect(updated).toMatchObject({
      ok: true,
      value: { bank_account: { account_holder_name: 'Jo', account_holder_type: 'company', metadata: { k: 'v' } }, demote_default: false },
    });
    expect(decideUpdateBankAccount(other, { default_for_currency: true })).toMatchObject({
      ok: true,
      value: { bank_account: { default_for_currency: true }, demote_default: true },
    });
    expect(decideUpdateBankAccount(current, { default_for_currency: false })).toMatchObject({
      ok: true,
      value: { bank_account: { default_for_currency: true }, demote_default: false },
    });
    expect(decideUpdateBankAccount({ ...other, account_holder_type: 'company' }, { account_holder_type: '' })).toMatchObject({
      ok: true,
      value: { bank_account: { account_holder_type: null } },
    });
  });

  it('refuses card-only fields', () => {
    expect(decideUpdateBankAccount(other, { exp_month: '12' })).toMatchObject({
      ok: false,
      failure: { code: 'parameter_unknown', param: 'exp_month', message: 'Received unknown parameter: exp_month' },
    });
  });

  it('refuses to delete a default, and allows any other', () => {
    expect(decideDeleteBankAccount(current)).toMatchObject({ ok: false, failure: { code: 'default_external_account_not_deletable' } });
    expect(decideDeleteBankAccount(other)).toEqual({ ok: true, value: undefined });
  });
});
