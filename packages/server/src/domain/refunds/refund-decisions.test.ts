// The refund decisions, one row per case: the charge's state and the request, then the result code
// (or the refund amount and the charge's new amount_refunded / refunded).
import { describe, expect, it } from 'vitest';
import type { Charge } from '../charges/charge-model.js';
import { decideCancelRefund, decideRefund, decideSettleRefund, scheduledSettlement, type RefundSettlement } from './refund-decisions.js';
import type { Refund } from './refund-model.js';

const now = 1_700_000_000;
const charge = (changes: Partial<Charge> = {}): Charge =>
  ({
    id: 'ch_1',
    object: 'charge',
    amount: 2145,
    amount_captured: 2145,
    amount_refunded: 0,
    captured: true,
    currency: 'usd',
    payment_intent: 'pi_1',
    refunded: false,
    status: 'succeeded',
    ...changes,
  }) as Charge;
const facts = { id: 're_1', now, status: 'succeeded', param: 'charge' } as const;

describe('decideRefund', () => {
  const rows: [string, Partial<Charge>, { amount?: number }, string | [number, number, boolean]][] = [
    ['full by default', {}, {}, [2145, 2145, true]],
    ['a partial', {}, { amount: 500 }, [500, 500, false]],
    ['the remainder after partials', { amount_refunded: 1200 }, {}, [945, 2145, true]],
    ['after a partial capture, only what was kept', { amount: 5000, amount_captured: 3000, amount_refunded: 2000 }, {}, [3000, 5000, true]],
    ['more than is left', { amount_refunded: 100 }, { amount: 2500 }, 'amount_too_large'],
    ['a fully refunded charge', { amount_refunded: 2145, refunded: true }, { amount: 1 }, 'charge_already_refunded'],
    ['an uncaptured charge', { captured: false, amount_captured: 0 }, {}, 'charge_not_refundable'],
    ['a failed charge', { status: 'failed', captured: false, amount_captured: 0 }, {}, 'charge_not_refundable'],
    ['a zero amount', {}, { amount: 0 }, 'parameter_invalid'],
  ];
  for (const [name, state, params, expected] of rows) {
    it(name, () => {
      const decided = decideRefund(charge(state), params, facts);
      if (typeof expected === 'string') {
        expect(decided.ok ? 'ok' : decided.failure.code).toBe(expected);
        return;
      }
      if (!decided.ok) throw new Error(decided.failure.code);
      const [amount, amount_refunded, refunded] = expected;
      expect(decided.value.refund.amount).toBe(amount);
      expect(decided.value.charge_changes).toEqual({ amount_refunded, refunded });
    });
  }

  it("uses Stripe's message for an over-refund", () => {
    const decided = decideRefund(charge(), { amount: 2500 }, facts);
    expect(decided.ok ? null : decided.failure).toMatchObject({
      message: 'Refund amount ($25.00) is greater than unrefunded amount on charge ($21.45)',
    });
  });
});

describe('decideCancelRefund', () => {
  const refund = (status: Refund['status']) => ({ id: 're_1', amount: 800, status }) as Refund;
  for (const [status, expected] of [
    ['pending', 'canceled'],
    ['requires_action', 'canceled'],
    ['succeeded', 'refund_not_cancelable'],
    ['failed', 'refund_not_cancelable'],
    ['canceled', 'refund_not_cancelable'],
  ] as const) {
    it(`from ${status}`, () => {
      const decided = decideCancelRefund(refund(status), charge({ amount_refunded: 800 }));
      expect(decided.ok ? decided.value.refund.status : decided.failure.code).toBe(expected);
      if (decided.ok) expect(decided.value.charge_changes).toEqual({ amount_refunded: 0, refunded: false });
    });
  }
});

describe('decideSettleRefund', () => {
  const refund = (status: Refund['status']): Refund => ({ id: 're_1', object: 'refund', amount: 500, charge: 'ch_1', status }) as Refund;
  // [name, refund status, settlement, expected: null | [new status, event, charge amount_refunded | null]]
  const rows: [string, Refund['status'], RefundSettlement, null | [string, string, number | null]][] = [
    ['a pending refund succeeds', 'pending', 'succeeds', ['succeeded', 'refund.updated', null]],
    ['a succeeded refund on the refundFail card fails', 'succeeded', 'fails', ['failed', 'refund.failed', 700]],
    ['a pending refund that fails gives its money back too', 'pending', 'fails', ['failed', 'refund.failed', 700]],
    ['a canceled refund stays canceled', 'canceled', 'succeeds', null],
    ['a canceled refund does not fail', 'canceled', 'fails', null],
    ['a refund already failed is left alone', 'failed', 'fails', null],
    ['a refund already succeeded needs no success', 'succeeded', 'succeeds', null],
  ];
  for (const [name, status, settlement, expected] of rows) {
    it(name, () => {
      const decided = decideSettleRefund(refund(status), charge({ amount_refunded: 1200 }), settlement);
      if (expected === null) return expect(decided).toBeNull();
      expect(decided?.refund.status).toBe(expected[0]);
      expect(decided?.event).toBe(expected[1]);
      expect(decided?.charge_changes?.amount_refunded ?? null).toBe(expected[2]);
      if (expected[0] === 'failed') expect(decided?.refund.failure_reason).toBe('expired_or_canceled_card');
    });
  }
});

describe('scheduledSettlement', () => {
  it.each([
    ['pending', 'succeeds'],
    ['succeeded', 'fails'],
    ['canceled', 'fails'],
    ['failed', 'fails'],
  ] as const)('settles a %s refund as one that %s', (status, settlement) => {
    expect(scheduledSettlement({ status })).toBe(settlement);
  });

  it('leaves a refund canceled before it settled as it is', () => {
    const canceled = { id: 're_1', object: 'refund', amount: 500, charge: 'ch_1', status: 'canceled' } as Refund;
    expect(decideSettleRefund(canceled, charge({ amount_refunded: 1200 }), scheduledSettlement(canceled))).toBeNull();
  });
});
