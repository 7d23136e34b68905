// Our wire objects against Stripe's OpenAPI spec (/work/shared/openapi/spec3.json).
import { describe, expect, it } from 'vitest';
import { availableOn, balanceTransactionAt } from './availability.js';
import { deriveBalance } from './balance.js';
import { adjustmentEntry, chargeEntry, payoutEntry, payoutReversalEntry, refundEntry } from './balance-transaction.js';
import { stripeCardFee } from './fees.js';

const validator_url = new URL('../../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validateSchema } = (await import(validator_url)) as {
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

const created = 1_718_020_800;
const facts = (id: string) => ({ id, currency: 'usd', created, description: 'Tender test' });
const amount = 65_400;
const charge = chargeEntry(facts('txn_1'), {
  charge: 'ch_1',
  amount,
  fee: stripeCardFee({ amount, currency: 'usd', card_country: 'US' }),
  available_on: availableOn(created),
});

describe("Stripe's spec", () => {
  it.each([
    ['charge', charge],
    ['charge, available later', balanceTransactionAt(charge, availableOn(created))],
    ['refund', refundEntry(facts('txn_2'), { refund: 're_1', amount: 400 })],
    ['payout', payoutEntry(facts('txn_3'), { payout: 'po_1', amount: 1_000 })],
    ['payout failure', payoutReversalEntry(facts('txn_4'), { payout: 'po_1', amount: 1_000, type: 'payout_failure' })],
    ['adjustment', adjustmentEntry({ id: 'txn_5', currency: 'usd', created }, { amount: -5 })],
  ])('accepts a %s balance_transaction', (_name, entry) => {
    const result = validateSchema('balance_transaction', entry);
    expect(result.errors ?? []).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('accepts a derived balance', () => {
    const balance = deriveBalance([charge, refundEntry({ ...facts('txn_2'), currency: 'eur' }, { refund: 're_1', amount: 400 })], created, {
      livemode: false,
      default_currency: 'usd',
    });
    const result = validateSchema('balance', balance);
    expect(result.errors ?? []).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('has the observed fee on the 65400 charge', () => {
    expect(charge).toMatchObject({ fee: 1_927, net: 63_473, fee_details: [{ amount: 1_927 }] });
  });
});
