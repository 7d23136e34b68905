// End to end: Refunds through the SDK against a live Tender (in-process, in-memory database): full
// and partial refunds by charge and by PaymentIntent, the errors past the refundable amount, pending
// refunds and their cancel, metadata updates, list filters and pages, and expanded fields; then, on a
// Tender with a fake clock, pending refunds settling and refunds on the refundFail card failing later.

import { describe, expect, it } from 'vitest';
import { createFakeClock, createRuntime } from '@tender/server';
import {
  getId,
  InvalidRequestError,
  type BalanceTransaction,
  type Charge,
  type PaymentIntent,
  type PaymentIntentCreateParams,
  type Refund,
} from '@tender/sdk';
import { useLiveTender } from './support/live-tender.js';

const suite = useLiveTender();

const card_payment = { currency: 'usd', payment_method_types: ['card'], confirm: true } satisfies Partial<PaymentIntentCreateParams>;

async function pay(amount: number, payment_method = 'pm_card_visa'): Promise<PaymentIntent & { charge: string }> {
  const intent = await suite.client.paymentIntents.create({ ...card_payment, amount, payment_method });
  expect(intent.status).toBe('succeeded');
  return { ...intent, charge: getId(intent.latest_charge)! };
}

async function failure(pending: Promise<unknown>): Promise<InvalidRequestError> {
  const caught = await pending.catch((error: unknown) => error);
  expect(caught).toBeInstanceOf(InvalidRequestError);
  return caught as InvalidRequestError;
}

describe('refunds against a live Tender', () => {
  it('refunds a charge in full: the charge is refunded and a negative, fee-free entry is booked', async () => {
    const intent = await pay(2000);
    const refund = await suite.client.refunds.create({ charge: intent.charge, reason: 'requested_by_customer' });
    expect(refund.id).toMatch(/^re_/);
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 2000,
      currency: 'usd',
      charge: intent.charge,
      payment_intent: intent.id,
      reason: 'requested_by_customer',
      status: 'succeeded',
    });
    expect(refund).not.toHaveProperty('failure_reason');
    expect(refund.lastResponse.requestId).toMatch(/^req_/);

    const charge = await suite.client.charges.retrieve(intent.charge);
    expect(charge).toMatchObject({ amount_refunded: 2000, refunded: true });
    const entry = await suite.client.balanceTransactions.retrieve(getId(refund.balance_transaction)!);
    expect(entry).toMatchObject({ type: 'refund', source: refund.id, amount: -2000, fee: 0, net: -2000 });

    const again = await failure(suite.client.refunds.create({ charge: intent.charge, amount: 1 }));
    expect(again).toMatchObject({
      statusCode: 400,
      code: 'charge_already_refunded',
      message: `Charge ${intent.charge} has already been refunded.`,
    });
  });

  it('refunds in partials by PaymentIntent, then the remainder, and refuses more than is left', async () => {
    const intent = await pay(3000);
    const first = await suite.client.refunds.create({ payment_intent: intent.id, amount: 500 });
    const second = await suite.client.refunds.create({ payment_intent: intent.id, amount: 700 });
    expect([first.amount, second.amount]).toEqual([500, 700]);
    expect(first.charge).toBe(intent.charge);
    expect(await suite.client.charges.retrieve(intent.charge)).toMatchObject({ amount_refunded: 1200, refunded: false });

    const over = await failure(suite.client.refunds.create({ charge: intent.charge, amount: 1801 }));
    expect(over).toMatchObject({
      statusCode: 400,
      rawType: 'invalid_request_error',
      code: 'amount_too_large',
      param: 'amount',
      message: 'Refund amount ($18.01) is greater than unrefunded amount on charge ($18.00)',
    });

    const rest = await suite.client.refunds.create({ charge: intent.charge });
    expect(rest).toMatchObject({ amount: 1800, status: 'succeeded' });
    expect(await suite.client.charges.retrieve(intent.charge)).toMatchObject({ amount_refunded: 3000, refunded: true });

    const byIntent = await suite.client.refunds.list({ payment_intent: intent.id });
    expect(byIntent.object).toBe('list');
    expect(byIntent.url).toBe('/v1/refunds');
    expect(byIntent.data.map((refund) => refund.amount).sort((a, b) => a - b)).toEqual([500, 700, 1800]);
    const paged = await suite.client.refunds.list({ charge: intent.charge, limit: 1 }).autoPagingToArray({ limit: 10 });
    expect(paged.map((refund) => refund.id).sort()).toEqual([first.id, second.id, rest.id].sort());
  });

  it('refuses a PaymentIntent without a successful charge, with Stripe’s message', async () => {
    const unpaid = await suite.client.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method_types: ['card'] });
    const error = await failure(suite.client.refunds.create({ payment_intent: unpaid.id }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe(`This PaymentIntent (${unpaid.id}) does not have a successful charge to refund.`);
  });

  it('starts a pm_card_pendingRefund refund pending; cancel returns the money once', async () => {
    const intent = await pay(2000, 'pm_card_pendingRefund');
    const pending = await suite.client.refunds.create({ charge: intent.charge, amount: 800 });
    expect(pending).toMatchObject({ status: 'pending', amount: 800 });

    const canceled = await suite.client.refunds.cancel(pending.id, { expand: ['failure_balance_transaction'] });
    expect(canceled).toMatchObject({ id: pending.id, status: 'canceled', failure_reason: 'merchant_request' });
    const reversal = canceled.failure_balance_transaction as BalanceTransaction;
    expect(reversal).toMatchObject({ object: 'balance_transaction', type: 'refund_failure', amount: 800, fee: 0, source: pending.id });
    expect(await suite.client.charges.retrieve(intent.charge)).toMatchObject({ amount_refunded: 0, refunded: false });

    const twice = await failure(suite.client.refunds.cancel(pending.id));
    expect(twice.statusCode).toBe(400);
  });

  it('refuses to cancel a refund that succeeded', async () => {
    const intent = await pay(1500);
    const refund = await suite.client.refunds.create({ charge: intent.charge });
    const error = await failure(suite.client.refunds.cancel(refund.id));
    expect(error.message).toBe(
      `Refund ${refund.id} cannot be canceled because it has a status of succeeded. Only refunds with a status of pending or requires_action can be canceled.`,
    );
    expect((await suite.client.refunds.retrieve(refund.id)).status).toBe('succeeded');
  });

  it('updates metadata, merging keys and unsetting one with an empty string', async () => {
    const intent = await pay(1000);
    const refund = await suite.client.refunds.create({ charge: intent.charge, metadata: { a: '1', keep: 'yes' } });
    const updated = await suite.client.refunds.update(refund.id, { metadata: { a: '', b: '2' } });
    expect(updated.metadata).toEqual({ keep: 'yes', b: '2' });
    const events = await suite.client.events.list({ type: 'refund.updated', limit: 100 });
    const event = events.data.find((candidate) => candidate.data.object.id === refund.id);
    expect(event?.data.previous_attributes).toEqual({ metadata: { a: '1', b: null } });
  });

  it('expands charge, payment_intent and balance_transaction, on retrieve and in lists', async () => {
    const intent = await pay(2400);
    const refund = await suite.client.refunds.create({ charge: intent.charge, amount: 1200 });
    const expanded = await suite.client.refunds.retrieve(refund.id, { expand: ['charge', 'payment_intent', 'balance_transaction'] });
    const charge = expanded.charge as Charge;
    expect(charge).toMatchObject({ object: 'charge', id: intent.charge, amount_refunded: 1200 });
    expect((expanded.payment_intent as PaymentIntent).id).toBe(intent.id);
    expect(expanded.balance_transaction as BalanceTransaction).toMatchObject({ object: 'balance_transaction', amount: -1200 });
    expect(getId(expanded.charge)).toBe(getId(refund.charge));

    const listed = await suite.client.refunds.list({ charge: intent.charge, expand: ['data.charge'] });
    expect((listed.data[0]?.charge as Charge).id).toBe(intent.charge);
  });

  it('filters the list by created', async () => {
    const intent = await pay(900);
    const refund: Refund = await suite.client.refunds.create({ charge: intent.charge });
    const inRange = await suite.client.refunds.list({ created: { gte: refund.created }, limit: 100 });
    expect(inRange.data.map((item) => item.id)).toContain(refund.id);
    const later = await suite.client.refunds.list({ created: { gt: refund.created } });
    expect(later.data.map((item) => item.id)).not.toContain(refund.id);
  });

  it('answers a missing refund with InvalidRequestError 404 resource_missing', async () => {
    const error = await failure(suite.client.refunds.retrieve('re_doesnotexist'));
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'refund' });
  });
});

describe('refunds settling later, on a Tender with a fake clock', () => {
  const clock = createFakeClock(Date.UTC(2026, 2, 10, 10, 0, 0));
  const clocked = useLiveTender({ runtime: createRuntime({ clock }), schedulerPollIntervalMs: 0 });
  // Comfortably past the time the simulated network takes to settle a refund.
  const settle_ms = 60 * 60 * 1000;

  const payLater = async (payment_method: string) => {
    const intent = await clocked.client.paymentIntents.create({ ...card_payment, amount: 2000, payment_method });
    return getId(intent.latest_charge)!;
  };

  it('settles a pending refund as succeeded, with a refund.updated event', async () => {
    const charge = await payLater('pm_card_pendingRefund');
    const pending = await clocked.client.refunds.create({ charge, amount: 500 });
    expect(pending.status).toBe('pending');
    clock.advanceMs(settle_ms);
    await clocked.tender.runDueJobs();
    const settled = await clocked.client.refunds.retrieve(pending.id);
    expect(settled).toMatchObject({ status: 'succeeded', amount: 500, balance_transaction: pending.balance_transaction });
    const updates = await clocked.client.events.list({ type: 'refund.updated' });
    expect(updates.data.find((event) => event.data.object.id === pending.id)?.data.previous_attributes).toEqual({ status: 'pending' });
  });

  it('fails a refund on the refundFail card: the money goes back to the charge and the balance', async () => {
    const charge = await payLater('pm_card_refundFail');
    const before = await clocked.client.balance.retrieve();
    const refund = await clocked.client.refunds.create({ charge });
    expect(refund.status).toBe('succeeded');
    expect((await clocked.client.charges.retrieve(charge)).refunded).toBe(true);

    clock.advanceMs(settle_ms);
    await clocked.tender.runDueJobs();
    const failed = await clocked.client.refunds.retrieve(refund.id, { expand: ['failure_balance_transaction'] });
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
    expect(failed.failure_balance_transaction as BalanceTransaction).toMatchObject({
      type: 'refund_failure',
      amount: 2000,
      net: 2000,
      source: refund.id,
    });
    expect(await clocked.client.charges.retrieve(charge)).toMatchObject({ amount_refunded: 0, refunded: false });
    expect((await clocked.client.balance.retrieve()).available).toEqual(before.available);
    const again = await clocked.client.refunds.create({ charge, amount: 100 });
    expect(again.status).toBe('succeeded');
  });
});
