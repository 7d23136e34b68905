// The pure payout decisions, one row per case: what a create refuses and in which order, cancel
// rules, and the scheduler's moves (submission, paid or failed arrival) through the state machine.
import { describe, expect, it } from 'vitest';
import { checkPayouts } from '../../ledger/ledger-invariants.js';
import { payoutEntry, payoutReversalEntry } from '../../ledger/balance-transaction.js';
import type { BankAccount } from '../bank-accounts/bank-account-model.js';
import {
  checkPayoutRequest,
  decideArrival,
  decideCancelPayout,
  decideCreatePayout,
  decideSubmission,
  decideUpdatePayout,
  type PayoutFacts,
} from './payout-decisions.js';
import { payout_failure_messages } from './payout-failure-codes.js';
import type { Payout } from './payout-model.js';
import { nextStatus, payout_transitions } from './payout-state-machine.js';

const now = Date.parse('2026-01-15T12:00:00Z') / 1000;
const usd_bank = { id: 'ba_usd', currency: 'usd' } as BankAccount;
const facts = (changes: Partial<PayoutFacts> = {}): PayoutFacts => ({
  id: 'po_1',
  now,
  livemode: false,
  destination: usd_bank,
  available: 5000,
  ...changes,
});

const created = (): Payout => {
  const decided = decideCreatePayout({ amount: 1000, currency: 'usd' }, facts());
  if (!decided.ok) throw new Error('expected a payout');
  return { ...decided.value.payout, balance_transaction: 'txn_1' };
};

describe('decideCreatePayout', () => {
  it('creates a pending manual payout to the destination, with its schedule', () => {
    const decided = decideCreatePayout(
      { amount: 5000, currency: 'USD', description: 'weekly', statement_descriptor: 'TENDER', metadata: { a: '1' }, method: 'standard' },
      facts(),
    );
    expect(decided.ok).toBe(true);
    if (!decided.ok) return;
    expect(decided.value.payout).toMatchObject({
      id: 'po_1',
      object: 'payout',
      amount: 5000,
      currency: 'usd',
      status: 'pending',
      automatic: false,
      destination: 'ba_usd',
      method: 'standard',
      source_type: 'card',
      type: 'bank_account',
      description: 'weekly',
      statement_descriptor: 'TENDER',
      metadata: { a: '1' },
      failure_code: null,
      arrival_date: decided.value.schedule.arrival_date,
    });
  });

  it.each([
    ['a zero amount', { amount: 0, currency: 'usd' }, facts(), { code: 'parameter_invalid', param: 'amount' }],
    ['huf not in whole units', { amount: 150, currency: 'huf' }, facts(), { code: 'parameter_invalid', param: 'amount' }],
    [
      'a currency without a bank account',
      { amount: 100, currency: 'eur' },
      facts({ destination: null }),
      { code: 'no_external_account', message: "Sorry, you don't have any external accounts in that currency (eur)." },
    ],
    ['a destination in another currency', { amount: 100, currency: 'eur' }, facts(), { code: 'parameter_invalid', param: 'destination' }],
    ['one cent more than available', { amount: 5001, currency: 'usd' }, facts(), { code: 'balance_insufficient' }],
    [
      'any of a source type with no funds',
      { amount: 1, currency: 'usd', source_type: 'bank_account' as const },
      facts({ available: 0 }),
      { code: 'balance_insufficient' },
    ],
  ])('refuses %s', (_case, params, payoutFacts, failure) => {
    const decided = decideCreatePayout(params, payoutFacts);
    expect(decided).toMatchObject({ ok: false, failure });
  });

  it('takes exactly the available balance, and says which balance is short with Stripe’s wording', () => {
    expect(decideCreatePayout({ amount: 5000, currency: 'usd' }, facts()).ok).toBe(true);
    const short = decideCreatePayout({ amount: 5001, currency: 'usd' }, facts());
    expect(short).toEqual({
      ok: false,
      failure: {
        code: 'balance_insufficient',
        message:
          'You have insufficient funds in your Stripe account for this transfer. Your card balance is too low.  You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).',
      },
    });
  });
});

describe('checkPayoutRequest', () => {
  it('passes the destination on, or refuses before any balance is known', () => {
    expect(checkPayoutRequest({ amount: 100, currency: 'USD' }, usd_bank)).toEqual({ ok: true, value: usd_bank });
    expect(checkPayoutRequest({ amount: 100, currency: 'eur' }, null)).toMatchObject({
      ok: false,
      failure: { code: 'no_external_account' },
    });
    expect(checkPayoutRequest({ amount: 0, currency: 'usd' }, null)).toMatchObject({ ok: false, failure: { param: 'amount' } });
    expect(checkPayoutRequest({ amount: 100, currency: 'eur' }, usd_bank)).toMatchObject({ ok: false, failure: { param: 'destination' } });
  });
});

describe('payout moves', () => {
  it('allows only the moves of the transition table', () => {
    expect(nextStatus('pending', 'submit')).toBe('in_transit');
    expect(nextStatus('in_transit', 'pay')).toBe('paid');
    expect(nextStatus('in_transit', 'fail')).toBe('failed');
    expect(nextStatus('pending', 'cancel')).toBe('canceled');
    for (const status of ['in_transit', 'paid', 'failed', 'canceled'] as const) expect(nextStatus(status, 'cancel')).toBeNull();
    expect(nextStatus('pending', 'pay')).toBeNull();
    expect(payout_transitions.fail.event).toBe('payout.failed');
  });

  it('cancels only a pending payout', () => {
    const payout = created();
    expect(decideCancelPayout(payout)).toMatchObject({ ok: true, value: { status: 'canceled' } });
    const moving = { ...payout, status: 'in_transit' as const };
    expect(decideCancelPayout(moving)).toEqual({
      ok: false,
      failure: {
        code: 'payout_not_cancelable',
        message: 'Payouts can only be canceled while they are pending.',
      },
    });
  });

  it('submits a pending payout and leaves a canceled one alone', () => {
    const payout = created();
    expect(decideSubmission(payout).map((step) => [step.action, step.payout.status, step.event])).toEqual([
      ['submit', 'in_transit', 'payout.updated'],
    ]);
    expect(decideSubmission({ ...payout, status: 'canceled' })).toEqual([]);
  });

  it('pays on arrival, submitting first a payout that is still pending', () => {
    const steps = decideArrival(created(), null);
    expect(steps.map((step) => [step.action, step.payout.status, step.event])).toEqual([
      ['submit', 'in_transit', 'payout.updated'],
      ['pay', 'paid', 'payout.paid'],
    ]);
    expect(steps[1]!.payout).toMatchObject({ failure_code: null, failure_message: null });
  });

  it('fails on arrival with Stripe’s code and message', () => {
    const steps = decideArrival({ ...created(), status: 'in_transit' }, 'account_closed');
    expect(steps.map((step) => step.action)).toEqual(['fail']);
    expect(steps[0]!.payout).toMatchObject({
      status: 'failed',
      failure_code: 'account_closed',
      failure_message: payout_failure_messages.account_closed,
    });
  });

  it('does not move a payout that was canceled or already arrived', () => {
    expect(decideArrival({ ...created(), status: 'canceled' }, null)).toEqual([]);
    expect(decideArrival({ ...created(), status: 'paid' }, 'no_account')).toEqual([]);
  });

  it('updates only metadata', () => {
    const payout = { ...created(), metadata: { a: '1', b: '2' } };
    expect(decideUpdatePayout(payout, { metadata: { a: '', c: '3' } })).toMatchObject({
      ok: true,
      value: { metadata: { b: '2', c: '3' } },
    });
  });
});

describe('checkPayouts', () => {
  const facts_ = (id: string) => ({ id, currency: 'usd', created: now });
  const debit = payoutEntry(facts_('txn_d'), { payout: 'po_1', amount: 700 });

  it('accepts a debit alone while the payout is live, and debit plus reversal once it failed or was canceled', () => {
    expect(checkPayouts([{ payout: 'po_1', amount: 700, status: 'paid', entries: [debit] }])).toEqual([]);
    const failure = payoutReversalEntry(facts_('txn_f'), { payout: 'po_1', amount: 700, type: 'payout_failure' });
    expect(checkPayouts([{ payout: 'po_1', amount: 700, status: 'failed', entries: [debit, failure] }])).toEqual([]);
    const cancel = payoutReversalEntry(facts_('txn_c'), { payout: 'po_1', amount: 700, type: 'payout_cancel' });
    expect(cancel).toMatchObject({ type: 'payout_cancel', reporting_category: 'payout_reversal', amount: 700, net: 700 });
    expect(checkPayouts([{ payout: 'po_1', amount: 700, status: 'canceled', entries: [debit, cancel] }])).toEqual([]);
  });

  it.each([
    ['a failed payout without its reversal', 'failed', [debit]],
    [
      'a paid payout with a reversal',
      'paid',
      [debit, payoutReversalEntry(facts_('txn_f'), { payout: 'po_1', amount: 700, type: 'payout_failure' })],
    ],
    ['a debit of another amount', 'pending', [payoutEntry(facts_('txn_x'), { payout: 'po_1', amount: 701 })]],
    ['two debits', 'pending', [debit, payoutEntry(facts_('txn_y'), { payout: 'po_1', amount: 700 })]],
    ['no debit', 'pending', []],
  ])('names %s', (_case, status, entries) => {
    expect(checkPayouts([{ payout: 'po_1', amount: 700, status, entries }])).toEqual([
      expect.objectContaining({ code: 'payout_entries_mismatch', payout: 'po_1', status }),
    ]);
  });
});
