// Payouts and external bank accounts through the official SDK: the default test bank account, an
// external account created from bank details, retrieved, updated, promoted and deleted (never the
// default), payouts from bypassPending funds (created pending with a `payout` balance transaction,
// retrieved, listed by status and destination, metadata updated, expanded, canceled with a
// `payout_cancel` reversal), and Stripe's errors: balance_insufficient, a missing payout, another
// account's path (403). Every response is also checked against Stripe's spec by the suite's hooks.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';

const idOf = (value: string | { id: string } | null): string | null => (value === null || typeof value === 'string' ? value : value.id);

const bank_details = (account_number: string) =>
  ({
    object: 'bank_account',
    country: 'US',
    currency: 'usd',
    routing_number: '110000000',
    account_number,
    account_holder_name: 'Jane Austen',
    account_holder_type: 'individual',
  }) satisfies Stripe.AccountCreateExternalAccountParams.BankAccount;

for (const engine of test_engines) {
  describe(`payouts via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);
    const account = () => suite.tender.account.account_id;

    /** Card funds that are available at once, so payouts can draw on them. */
    const fund = async (amount: number) => {
      const pi = await suite.stripe.paymentIntents.create({
        amount,
        currency: 'usd',
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        payment_method: 'pm_card_bypassPending',
        confirm: true,
      });
      expect(pi.status).toBe('succeeded');
    };
    const availableUsd = async () => (await suite.stripe.balance.retrieve()).available.find((line) => line.currency === 'usd')!.amount;

    it('lists the default test bank account', async () => {
      const list = await suite.stripe.accounts.listExternalAccounts(account());
      expect(list.object).toBe('list');
      const defaults = list.data.filter((item) => (item as Stripe.BankAccount).default_for_currency);
      expect(defaults).toHaveLength(1);
      expect(defaults[0]).toMatchObject({ object: 'bank_account', last4: '6789', routing_number: '110000000', currency: 'usd' });
    });

    it('creates, retrieves, updates, promotes and deletes an external bank account', async () => {
      const tag = suite.tag('bank');
      const created = (await suite.stripe.accounts.createExternalAccount(account(), {
        external_account: bank_details('000111111116'),
        metadata: { tag },
      })) as Stripe.BankAccount;
      expect(created).toMatchObject({
        object: 'bank_account',
        account: account(),
        last4: '1116',
        default_for_currency: false,
        account_holder_name: 'Jane Austen',
        status: 'new',
        metadata: { tag },
      });
      expect(created.id).toMatch(/^ba_[A-Za-z0-9]+$/);

      const fetched = await suite.stripe.accounts.retrieveExternalAccount(account(), created.id);
      expect(fetched.id).toBe(created.id);
      const updated = (await suite.stripe.accounts.updateExternalAccount(account(), created.id, {
        metadata: { tag: '', note: 'checked' },
        account_holder_type: 'company',
      })) as Stripe.BankAccount;
      expect(updated).toMatchObject({ metadata: { note: 'checked' }, account_holder_type: 'company' });

      const promoted = (await suite.stripe.accounts.updateExternalAccount(account(), created.id, {
        default_for_currency: true,
      })) as Stripe.BankAccount;
      expect(promoted.default_for_currency).toBe(true);
      const refused = await stripeError(
        suite.stripe.accounts.deleteExternalAccount(account(), created.id),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(refused.statusCode).toBe(400);

      const list = await suite.stripe.accounts.listExternalAccounts(account(), { limit: 100 });
      const previous = list.data.find((item) => item.id !== created.id && (item as Stripe.BankAccount).last4 === '6789')!;
      await suite.stripe.accounts.updateExternalAccount(account(), previous.id, { default_for_currency: true });
      const deleted = await suite.stripe.accounts.deleteExternalAccount(account(), created.id);
      expect(deleted).toMatchObject({ id: created.id, object: 'bank_account', deleted: true });
      const gone = await stripeError(
        suite.stripe.accounts.retrieveExternalAccount(account(), created.id),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(gone.statusCode).toBe(404);
      expect(gone.code).toBe('resource_missing');
    });

    it('refuses another account’s external accounts with a permission error', async () => {
      const error = await stripeError(suite.stripe.accounts.listExternalAccounts('acct_notMine123'), Stripe.errors.StripePermissionError);
      expect(error.statusCode).toBe(403);
      expect(error.code).toBe('account_invalid');
    });

    it('pays out available funds: pending, with a payout balance transaction; more than available is balance_insufficient', async () => {
      await fund(5000);
      const before = await availableUsd();
      const tag = suite.tag('payout');
      const payout = await suite.stripe.payouts.create({
        amount: 1200,
        currency: 'usd',
        description: 'conformance',
        statement_descriptor: 'TENDER',
        metadata: { tag },
      });
      expect(payout).toMatchObject({
        object: 'payout',
        amount: 1200,
        currency: 'usd',
        status: 'pending',
        method: 'standard',
        type: 'bank_account',
        automatic: false,
        metadata: { tag },
      });
      expect(payout.id).toMatch(/^po_[A-Za-z0-9]+$/);
      expect(await availableUsd()).toBe(before - 1200);

      const txn = await suite.stripe.balanceTransactions.retrieve(idOf(payout.balance_transaction)!);
      expect(txn).toMatchObject({ type: 'payout', amount: -1200, fee: 0, net: -1200, source: payout.id });

      const error = await stripeError(
        suite.stripe.payouts.create({ amount: before - 1200 + 1, currency: 'usd' }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('balance_insufficient');
    });

    it('retrieves, lists by status and destination, updates metadata and expands a payout', async () => {
      await fund(3000);
      const payout = await suite.stripe.payouts.create({ amount: 700, currency: 'usd', metadata: { a: '1' } });
      const fetched = await suite.stripe.payouts.retrieve(payout.id, { expand: ['destination', 'balance_transaction'] });
      expect((fetched.destination as Stripe.BankAccount).object).toBe('bank_account');
      expect((fetched.balance_transaction as Stripe.BalanceTransaction).amount).toBe(-700);

      const pending = await suite.stripe.payouts.list({ status: 'pending', limit: 100 });
      expect(pending.url).toBe('/v1/payouts');
      expect(pending.data.map((item) => item.id)).toContain(payout.id);
      const byDestination = await suite.stripe.payouts.list({ destination: idOf(payout.destination as string)!, limit: 100 });
      expect(byDestination.data.map((item) => item.id)).toContain(payout.id);
      const paid = await suite.stripe.payouts.list({ status: 'paid' });
      expect(paid.data.map((item) => item.id)).not.toContain(payout.id);

      const updated = await suite.stripe.payouts.update(payout.id, { metadata: { a: '', b: '2' } });
      expect(updated.metadata).toEqual({ b: '2' });
    });

    it('cancels a pending payout and returns its funds; a second cancel is refused', async () => {
      await fund(2000);
      const before = await availableUsd();
      const payout = await suite.stripe.payouts.create({ amount: 800, currency: 'usd' });
      const canceled = await suite.stripe.payouts.cancel(payout.id, { expand: ['failure_balance_transaction'] });
      expect(canceled.status).toBe('canceled');
      expect(canceled.failure_balance_transaction).toMatchObject({ type: 'payout_cancel', amount: 800, source: payout.id });
      expect(await availableUsd()).toBe(before);
      const again = await stripeError(suite.stripe.payouts.cancel(payout.id), Stripe.errors.StripeInvalidRequestError);
      expect(again.statusCode).toBe(400);
    });

    it('a missing payout is a 404 resource_missing', async () => {
      const error = await stripeError(suite.stripe.payouts.retrieve('po_doesNotExist123'), Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(404);
      expect(error.code).toBe('resource_missing');
    });
  });
}
