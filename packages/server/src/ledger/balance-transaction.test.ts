import { describe, expect, it } from 'vitest';
import { adjustmentEntry, chargeEntry, payoutEntry, payoutReversalEntry, refundEntry } from './balance-transaction.js';

const created = 1_700_000_000;
const facts = (id: string) => ({ id, currency: 'usd', created });
const fee_detail = (amount: number) => ({
  amount,
  application: null,
  currency: 'usd',
  description: 'Stripe processing fees',
  type: 'stripe_fee',
});

describe('balance transaction constructors', () => {
  it.each([
    {
      name: 'charge',
      entry: chargeEntry(facts('txn_1'), { charge: 'ch_1', amount: 3_340, fee: 127, available_on: created + 172_800 }),
      expected: {
        type: 'charge',
        reporting_category: 'charge',
        amount: 3_340,
        fee: 127,
        net: 3_213,
        fee_details: [fee_detail(127)],
        source: 'ch_1',
        status: 'pending',
      },
    },
    {
      name: 'refund',
      entry: refundEntry(facts('txn_2'), { refund: 're_1', amount: 1_000 }),
      expected: {
        type: 'refund',
        reporting_category: 'refund',
        amount: -1_000,
        fee: 0,
        net: -1_000,
        fee_details: [],
        source: 're_1',
        status: 'available',
      },
    },
    {
      name: 'payout',
      entry: payoutEntry(facts('txn_3'), { payout: 'po_1', amount: 2_000 }),
      expected: {
        type: 'payout',
        reporting_category: 'payout',
        amount: -2_000,
        fee: 0,
        net: -2_000,
        fee_details: [],
        source: 'po_1',
        status: 'available',
      },
    },
    {
      name: 'payout failure',
      entry: payoutReversalEntry(facts('txn_4'), { payout: 'po_1', amount: 2_000, type: 'payout_failure' }),
      expected: {
        type: 'payout_failure',
        reporting_category: 'payout_reversal',
        amount: 2_000,
        fee: 0,
        net: 2_000,
        source: 'po_1',
        status: 'available',
      },
    },
    {
      name: 'payout cancel',
      entry: payoutReversalEntry(facts('txn_4c'), { payout: 'po_1', amount: 2_000, type: 'payout_cancel' }),
      expected: {
        type: 'payout_cancel',
        reporting_category: 'payout_reversal',
        amount: 2_000,
        fee: 0,
        net: 2_000,
        source: 'po_1',
        status: 'available',
      },
    },
    {
      name: 'adjustment',
      entry: adjustmentEntry(facts('txn_5'), { amount: -250 }),
      expected: {
        type: 'adjustment',
        reporting_category: 'other_adjustment',
        amount: -250,
        fee: 0,
        net: -250,
        source: null,
        status: 'available',
      },
    },
  ])('$name entry', ({ entry, expected }) => {
    expect(entry).toMatchObject({
      object: 'balance_transaction',
      currency: 'usd',
      created,
      exchange_rate: null,
      description: null,
      ...expected,
    });
    expect(entry.net).toBe(entry.amount - entry.fee);
  });

  it('keeps a charge available at once when available_on is created (bypassPending)', () => {
    const entry = chargeEntry(facts('txn_6'), { charge: 'ch_2', amount: 100, fee: 33, available_on: created });
    expect(entry).toMatchObject({ status: 'available', net: 67, fee_details: [fee_detail(33)] });
  });

  it('carries a description when given one', () => {
    expect(
      chargeEntry({ ...facts('txn_7'), description: 'Order 42' }, { charge: 'ch_3', amount: 100, fee: 33, available_on: created })
        .description,
    ).toBe('Order 42');
  });

  it.each([
    ['a float amount', () => chargeEntry(facts('txn_x'), { charge: 'ch_1', amount: 10.5, fee: 0, available_on: created }), /safe integer/],
    [
      'a fee above the amount',
      () => chargeEntry(facts('txn_x'), { charge: 'ch_1', amount: 10, fee: 11, available_on: created }),
      /fee must not exceed/,
    ],
    [
      'available_on before created',
      () => chargeEntry(facts('txn_x'), { charge: 'ch_1', amount: 10, fee: 1, available_on: created - 1 }),
      /precede/,
    ],
    ['a negative refund', () => refundEntry(facts('txn_x'), { refund: 're_1', amount: -5 }), /positive/],
    ['a zero payout', () => payoutEntry(facts('txn_x'), { payout: 'po_1', amount: 0 }), /positive/],
    ['an id without txn_', () => refundEntry(facts('ch_1'), { refund: 're_1', amount: 5 }), /txn_/],
    ['an uppercase currency', () => refundEntry({ id: 'txn_x', currency: 'USD', created }, { refund: 're_1', amount: 5 }), /currency/],
    ['a zero payout reversal', () => payoutReversalEntry(facts('txn_x'), { payout: 'po_1', amount: 0, type: 'payout_cancel' }), /positive/],
    ['a zero adjustment', () => adjustmentEntry(facts('txn_x'), { amount: 0 }), /non-zero/],
  ])('asserts on %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});
