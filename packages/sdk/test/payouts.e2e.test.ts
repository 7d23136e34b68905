// End to end: Payouts and the account's external (bank) accounts through the SDK against a live
// Tender with a fake clock the tests move: the default test bank account, payouts from the available
// balance only, pending -> in_transit -> paid, a failing test account number, cancel, update, list
// filters and pages, typed expand, external account CRUD, and errors as their typed classes.

import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createFakeClock, createRuntime } from '@tender/server';
import {
  getId,
  InvalidRequestError,
  PermissionError,
  type StripeClient,
  type BalanceTransaction,
  type BankAccount,
  type DeletedExternalAccount,
  type ExternalAccount,
  type Payout,
} from '@tender/sdk';
import { useLiveTender } from './support/live-tender.js';

// A Thursday, noon UTC: a standard payout made now is due Friday.
const start_ms = Date.UTC(2026, 0, 15, 12, 0, 0);
const clock = createFakeClock(start_ms);
const suite = useLiveTender({ runtime: createRuntime({ clock }), schedulerPollIntervalMs: 0 });

let client: StripeClient;
let account: string;
beforeAll(() => {
  client = suite.client;
  account = suite.tender.account.account_id;
});

const now = () => Math.floor(clock.nowMs() / 1000);

/** Moves the clock to `timestamp` (Unix seconds) and runs what fell due. */
async function advanceTo(timestamp: number): Promise<void> {
  if (timestamp > now()) clock.setMs(timestamp * 1000);
  await suite.tender.runDueJobs();
}

/** Pays with a card whose funds are available at once, so they can be paid out. */
async function fund(amount: number): Promise<void> {
  const intent = await client.paymentIntents.create({
    amount,
    currency: 'usd',
    payment_method: 'pm_card_bypassPending',
    payment_method_types: ['card'],
    confirm: true,
  });
  expect(intent.status).toBe('succeeded');
}

async function availableUsd(): Promise<number> {
  const balance = await client.balance.retrieve();
  return balance.available.find((entry) => entry.currency === 'usd')?.amount ?? 0;
}

async function addBank(account_number: string): Promise<BankAccount> {
  const created = await client.accounts.createExternalAccount(account, {
    external_account: { object: 'bank_account', country: 'US', currency: 'usd', routing_number: '110000000', account_number },
  });
  expect(created.object).toBe('bank_account');
  return created as BankAccount;
}

async function failure<T extends Error>(pending: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const caught = await pending.catch((error: unknown) => error);
  expect(caught).toBeInstanceOf(type);
  return caught as T;
}

describe('payouts against a live Tender', () => {
  it('refuses a payout the available balance cannot cover, with balance_insufficient', async () => {
    const error = await failure(client.payouts.create({ amount: 100, currency: 'usd' }), InvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'balance_insufficient' });
    expect((await client.payouts.list()).data).toEqual([]);
  });

  it('starts the account with Stripe’s default test bank account', async () => {
    const banks = await client.accounts.listExternalAccounts(account);
    expect(banks).toMatchObject({ object: 'list', has_more: false });
    expect(banks.data).toHaveLength(1);
    const bank = banks.data[0]!;
    expect(bank).toMatchObject({
      object: 'bank_account',
      account,
      routing_number: '110000000',
      last4: '6789',
      country: 'US',
      currency: 'usd',
      default_for_currency: true,
      bank_name: 'STRIPE TEST BANK',
    });
    expect(bank.id).toMatch(/^ba_/);
    expect(await client.accounts.retrieveExternalAccount(account, bank.id)).toEqual(bank);
  });

  it('pays out available funds to the default bank account, debiting the balance with a payout entry', async () => {
    await fund(10_000);
    const before = await availableUsd();
    const payout = await client.payouts.create(
      { amount: 5000, currency: 'usd', description: 'weekly', metadata: { run: '1' }, expand: ['balance_transaction'] },
      { idempotencyKey: 'payout-weekly-1' },
    );
    expect(payout.id).toMatch(/^po_/);
    expect(payout).toMatchObject({
      object: 'payout',
      amount: 5000,
      currency: 'usd',
      status: 'pending',
      method: 'standard',
      automatic: false,
      description: 'weekly',
      metadata: { run: '1' },
      failure_code: null,
      created: now(),
    });
    expectTypeOf(payout.balance_transaction).toEqualTypeOf<BalanceTransaction | null>();
    expect(payout.balance_transaction).toMatchObject({ type: 'payout', amount: -5000, fee: 0, source: payout.id });
    expect(await availableUsd()).toBe(before - 5000);
    const [bank] = (await client.accounts.listExternalAccounts(account)).data;
    expect(payout.destination).toBe(bank!.id);

    const replay = await client.payouts.create(
      { amount: 5000, currency: 'usd', description: 'weekly', metadata: { run: '1' }, expand: ['balance_transaction'] },
      { idempotencyKey: 'payout-weekly-1' },
    );
    expect(replay.id).toBe(payout.id);
    expect(await availableUsd()).toBe(before - 5000);
  });

  it('moves a standard payout pending -> in_transit -> paid as time passes', async () => {
    await fund(3000);
    const payout = await client.payouts.create({ amount: 1000, currency: 'usd' });
    await advanceTo(payout.created + 3600);
    expect((await client.payouts.retrieve(payout.id)).status).toBe('in_transit');
    await advanceTo(payout.arrival_date);
    const paid = await client.payouts.retrieve(payout.id);
    expect(paid).toMatchObject({ status: 'paid', failure_code: null, failure_balance_transaction: null });
    const events = await client.events.list({ type: 'payout.paid' });
    expect(events.data.map((event) => event.data.object.id)).toContain(payout.id);
  });

  it('fails a payout to a failing test account, returning the funds with a payout_failure entry', async () => {
    await advanceTo(now() + 3 * 86_400);
    await fund(2000);
    const bank = await addBank('000111111116');
    expect(bank).toMatchObject({ last4: '1116', default_for_currency: false });
    const before = await availableUsd();
    const payout = await client.payouts.create({ amount: 700, currency: 'usd', destination: bank.id });
    expect(await availableUsd()).toBe(before - 700);

    await advanceTo(payout.arrival_date);
    const failed = await client.payouts.retrieve(payout.id, { expand: ['failure_balance_transaction', 'destination'] });
    expect(failed).toMatchObject({
      status: 'failed',
      failure_code: 'no_account',
      failure_message: 'The bank account details on file are probably incorrect. No bank account could be located with those details.',
    });
    expect(failed.failure_balance_transaction).toMatchObject({ type: 'payout_failure', amount: 700, source: payout.id });
    expect(failed.destination).toMatchObject({ id: bank.id, object: 'bank_account', status: 'errored' });
    expect(await availableUsd()).toBe(before);
  });

  it('cancels a pending payout once, returning the funds; one in transit cannot be canceled', async () => {
    await fund(2000);
    const before = await availableUsd();
    const payout = await client.payouts.create({ amount: 900, currency: 'usd' });
    const canceled = await client.payouts.cancel(payout.id, { expand: ['failure_balance_transaction'] });
    expect(canceled.status).toBe('canceled');
    expect(canceled.failure_balance_transaction).toMatchObject({ type: 'payout_cancel', amount: 900 });
    expect(await availableUsd()).toBe(before);
    const again = await failure(client.payouts.cancel(payout.id), InvalidRequestError);
    expect(again.message).toBe('Payouts can only be canceled while they are pending.');

    const moving = await client.payouts.create({ amount: 300, currency: 'usd' });
    await advanceTo(moving.created + 3600);
    const refused = await failure(client.payouts.cancel(moving.id), InvalidRequestError);
    expect(refused.message).toBe('Payouts can only be canceled while they are pending.');
  });

  it('updates metadata, and answers a missing payout with 404 resource_missing', async () => {
    await fund(1000);
    const payout = await client.payouts.create({ amount: 100, currency: 'usd', metadata: { a: '1' } });
    const updated = await client.payouts.update(payout.id, { metadata: { a: '', b: '2' } });
    expect(updated.metadata).toEqual({ b: '2' });
    const missing = await failure(client.payouts.retrieve('po_nope'), InvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'payout', message: "No such payout: 'po_nope'" });
  });

  it('lists by status and destination, page by page, with typed expanded destinations', async () => {
    await fund(4000);
    const bank = await addBank('000123456789');
    const first = await client.payouts.create({ amount: 110, currency: 'usd', destination: bank.id });
    const second = await client.payouts.create({ amount: 120, currency: 'usd', destination: bank.id });
    await client.payouts.cancel(first.id);

    const toBank = await client.payouts.list({ destination: bank.id, expand: ['data.destination'] });
    expect(toBank.data.map((payout) => payout.id)).toEqual([second.id, first.id]);
    const destination = toBank.data[0]!.destination;
    expectTypeOf(destination).toEqualTypeOf<ExternalAccount | DeletedExternalAccount | null>();
    expect(destination).toMatchObject({ id: bank.id, object: 'bank_account', last4: '6789' });

    const canceled = await client.payouts.list({ status: 'canceled', limit: 100 });
    expect(canceled.data.map((payout) => payout.id)).toContain(first.id);
    expect(canceled.data.map((payout) => payout.id)).not.toContain(second.id);

    const everything: Payout[] = await client.payouts.list({ limit: 2 }).autoPagingToArray({ limit: 1000 });
    const listed = await client.payouts.list({ limit: 100 });
    expect(everything.map((payout) => payout.id)).toEqual(listed.data.map((payout) => payout.id));
    expect(everything.length).toBeGreaterThan(2);
  });
});

describe('external accounts against a live Tender', () => {
  it('creates, updates, promotes and deletes a bank account; the default cannot be deleted', async () => {
    const original = (await client.accounts.listExternalAccounts(account, { limit: 100 })).data.find((item) => item.default_for_currency)!;
    const created = await client.accounts.createExternalAccount(account, {
      external_account: {
        object: 'bank_account',
        country: 'US',
        currency: 'usd',
        routing_number: '110000000',
        account_number: '000123456789',
        account_holder_name: 'Jane Austen',
      },
      metadata: { k: 'v' },
    });
    expect(created).toMatchObject({
      object: 'bank_account',
      account_holder_name: 'Jane Austen',
      default_for_currency: false,
      metadata: { k: 'v' },
    });

    const promoted = await client.accounts.updateExternalAccount(account, created.id, {
      account_holder_type: 'company',
      metadata: { k: '' },
      default_for_currency: true,
    });
    expect(promoted).toMatchObject({ account_holder_type: 'company', metadata: {}, default_for_currency: true });
    expect((await client.accounts.retrieveExternalAccount(account, original.id)).default_for_currency).toBe(false);

    const refused = await failure(client.accounts.deleteExternalAccount(account, created.id), InvalidRequestError);
    expect(refused.message).toBe(
      'You cannot delete the default bank account for your default currency. Please make another bank account the default using the `default_for_currency` param, and then delete this one.',
    );
    await client.accounts.updateExternalAccount(account, original.id, { default_for_currency: true });
    const deleted = await client.accounts.deleteExternalAccount(account, created.id);
    expect(deleted).toEqual({ id: created.id, object: 'bank_account', currency: 'usd', deleted: true });
    const gone = await failure(client.accounts.retrieveExternalAccount(account, created.id), InvalidRequestError);
    expect(gone).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    const ids = (await client.accounts.listExternalAccounts(account, { limit: 100 })).data.map((item) => getId(item));
    expect(ids).not.toContain(created.id);
  });

  it('answers Stripe’s errors for a bad routing number and an unknown token', async () => {
    const routing = await failure(
      client.accounts.createExternalAccount(account, {
        external_account: {
          object: 'bank_account',
          country: 'US',
          currency: 'usd',
          routing_number: '110000001',
          account_number: '000123456789',
        },
      }),
      InvalidRequestError,
    );
    expect(routing).toMatchObject({ code: 'routing_number_invalid', param: 'external_account[routing_number]' });
    const token = await failure(client.accounts.createExternalAccount(account, { external_account: 'btok_nope' }), InvalidRequestError);
    expect(token).toMatchObject({ code: 'resource_missing', param: 'external_account', message: "No such token: 'btok_nope'" });
  });

  it('answers PermissionError (403) for another account', async () => {
    const error = await failure(client.accounts.listExternalAccounts('acct_someoneElse'), PermissionError);
    expect(error).toMatchObject({ statusCode: 403, code: 'account_invalid' });
  });
});
