import { describe, expect, it } from 'vitest';
import { availableOn } from './availability.js';
import { deriveBalance } from './balance.js';
import { type BalanceTransaction, chargeEntry, refundEntry } from './balance-transaction.js';
import { assertLedger, checkBalance, checkEntries, checkLedger, checkRefunds } from './ledger-invariants.js';

const t0 = 1_718_020_800;
const charge = chargeEntry(
  { id: 'txn_1', currency: 'usd', created: t0 },
  { charge: 'ch_1', amount: 3_340, fee: 127, available_on: availableOn(t0) },
);
const refund = refundEntry({ id: 'txn_2', currency: 'usd', created: t0 }, { refund: 're_1', amount: 3_000 });
const entries = [charge, refund];
const balance = deriveBalance(entries, t0, { livemode: false, default_currency: 'usd' });

describe('ledger invariants', () => {
  it('finds nothing wrong in a sound ledger', () => {
    const facts = {
      entries,
      charges: [{ charge: 'ch_1', amount_captured: 3_340, refunds: [refund] }],
      balance: { value: balance, now: t0 },
    };
    expect(checkLedger(facts)).toEqual([]);
    expect(() => assertLedger(facts)).not.toThrow();
  });

  it.each<{ name: string; entry: BalanceTransaction; code: string }>([
    { name: 'net ≠ amount − fee', entry: { ...charge, net: 3_340 }, code: 'net_mismatch' },
    { name: 'fee_details do not sum to fee', entry: { ...charge, fee: 130, net: 3_210 }, code: 'fee_details_mismatch' },
    { name: 'fee_details missing', entry: { ...charge, fee_details: [] }, code: 'fee_details_mismatch' },
    { name: 'a float amount', entry: { ...charge, amount: 33.4 }, code: 'not_safe_integer' },
    {
      name: 'a float fee detail',
      entry: { ...charge, fee_details: [{ ...charge.fee_details[0]!, amount: 1.5 }] },
      code: 'not_safe_integer',
    },
    { name: 'an unsafe available_on', entry: { ...charge, available_on: 2 ** 53 }, code: 'not_safe_integer' },
  ])('checkEntries catches $name', ({ entry, code }) => {
    expect(checkEntries([entry]).map((v) => v.code)).toEqual([code]);
  });

  it.each([
    { name: 'refunds above the captured amount', captured: 3_340, refunds: [refund, refund], codes: ['refunds_exceed_captured'] },
    { name: 'a refund that credits', captured: 3_340, refunds: [{ ...refund, amount: 10, net: 10 }], codes: ['refund_not_a_debit'] },
    { name: 'a float captured amount', captured: 0.5, refunds: [], codes: ['not_safe_integer'] },
    { name: 'refunds equal to the captured amount (fine)', captured: 3_000, refunds: [refund], codes: [] },
  ])('checkRefunds: $name', ({ captured, refunds, codes }) => {
    expect(checkRefunds([{ charge: 'ch_1', amount_captured: captured, refunds }]).map((v) => v.code)).toEqual(codes);
  });

  it.each([
    { name: 'an edited available amount', balance: { ...balance, available: [{ amount: 1, currency: 'usd', source_types: { card: 1 } }] } },
    { name: 'a missing currency', balance: { ...balance, pending: [] } },
    {
      name: 'an extra currency',
      balance: { ...balance, pending: [...balance.pending, { amount: 5, currency: 'eur', source_types: { card: 5 } }] },
    },
  ])('checkBalance catches $name', ({ balance: wrong }) => {
    expect(checkBalance(wrong, entries, t0).map((v) => v.code)).toContain('balance_mismatch');
  });

  it('checkBalance catches a balance derived at another time', () => {
    const later = deriveBalance(entries, availableOn(t0), { livemode: false, default_currency: 'usd' });
    expect(checkBalance(later, entries, t0).map((v) => v.code)).toEqual(['balance_mismatch', 'balance_mismatch']);
  });

  it('checkBalance catches a float in the balance', () => {
    const wrong = { ...balance, available: [{ amount: 0.5, currency: 'usd', source_types: { card: 0.5 } }] };
    expect(checkBalance(wrong, entries, t0).map((v) => v.code)).toEqual(['not_safe_integer', 'not_safe_integer', 'balance_mismatch']);
  });

  it('assertLedger throws and lists every violation', () => {
    const facts = { entries: [{ ...charge, net: 1 }], charges: [{ charge: 'ch_1', amount_captured: 100, refunds: [refund] }] };
    expect(() => assertLedger(facts)).toThrow(/ledger invariants violated \(2\):\n.*net_mismatch.*\n.*refunds_exceed_captured/);
  });
});
