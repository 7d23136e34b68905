// End to end: PaymentIntents, Charges, the Balance and BalanceTransactions through the SDK against a
// live Tender (in-process, in-memory database): a confirmed payment, manual and partial capture,
// declines as CardError carrying the PaymentIntent, 3D Secure, lists, expand and the pending balance.
// Refunds are out of scope here.

import { describe, expect, it } from 'vitest';
import {
  CardError,
  getId,
  InvalidRequestError,
  type BalanceTransaction,
  type Charge,
  type PaymentIntent,
  type PaymentIntentCreateParams,
} from '@tender/sdk';
import { useLiveTender } from './support/live-tender.js';

const suite = useLiveTender();

// Since API version 2023-08-16 a PaymentIntent accepts the Dashboard's payment methods by default,
// and confirming one then needs a return_url; naming the card type keeps these server-side flows
// redirect-free, as on Stripe.
const card_payment = { amount: 2000, currency: 'usd', payment_method_types: ['card'] } satisfies PaymentIntentCreateParams;

function pendingUsd(balance: { pending: { amount: number; currency: string }[] }): number {
  return balance.pending.find((entry) => entry.currency === 'usd')?.amount ?? 0;
}

describe('payment intents against a live Tender', () => {
  it('creates and confirms a payment with pm_card_visa in one call', async () => {
    const customer = await suite.client.customers.create({ email: 'payer@example.com' });
    const pi = await suite.client.paymentIntents.create({
      ...card_payment,
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
      metadata: { order_id: '6735' },
    });
    expect(pi.id).toMatch(/^pi_/);
    expect(pi).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount: 2000,
      amount_received: 2000,
      amount_capturable: 0,
      currency: 'usd',
      capture_method: 'automatic',
      customer: customer.id,
      metadata: { order_id: '6735' },
      last_payment_error: null,
      livemode: false,
    });
    expect(getId(pi.latest_charge)).toMatch(/^ch_/);
    expect(pi.lastResponse.requestId).toMatch(/^req_/);

    const retrieved = await suite.client.paymentIntents.retrieve(pi.id);
    expect(retrieved.status).toBe('succeeded');
    const listed = await suite.client.paymentIntents.list({ customer: customer.id });
    expect(listed.data.map((intent) => intent.id)).toEqual([pi.id]);
  });

  it('creates, updates, then confirms in separate steps', async () => {
    const draft = await suite.client.paymentIntents.create({ ...card_payment });
    expect(draft.status).toBe('requires_payment_method');
    const updated = await suite.client.paymentIntents.update(draft.id, { amount: 2500, payment_method: 'pm_card_mastercard' });
    expect(updated).toMatchObject({ amount: 2500, status: 'requires_confirmation' });
    const confirmed = await suite.client.paymentIntents.confirm(draft.id);
    expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 2500 });
  });

  it('refuses to increment an authorization that did not ask for it', async () => {
    const plain = await suite.client.paymentIntents.create({
      ...card_payment,
      payment_method: 'pm_card_visa',
      confirm: true,
      capture_method: 'manual',
    });
    const error = await suite.client.paymentIntents.incrementAuthorization(plain.id, { amount: 2400 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, rawType: 'invalid_request_error' });
    expect((error as InvalidRequestError).message).toMatch(/request_incremental_authorization/);
    expect((error as InvalidRequestError).payment_intent).toMatchObject({ id: plain.id, amount: 2000, status: 'requires_capture' });
  });

  it('authorizes with capture_method manual, increments, then captures part of it', async () => {
    const held = await suite.client.paymentIntents.create({
      ...card_payment,
      payment_method: 'pm_card_visa',
      confirm: true,
      capture_method: 'manual',
      payment_method_options: { card: { request_incremental_authorization: 'if_available' } },
    });
    expect(held).toMatchObject({ status: 'requires_capture', amount_capturable: 2000, amount_received: 0 });
    const heldCharge = await suite.client.charges.retrieve(getId(held.latest_charge)!);
    expect(heldCharge.payment_method_details?.card?.incremental_authorization).toEqual({ status: 'available' });

    const raised = await suite.client.paymentIntents.incrementAuthorization(held.id, { amount: 2400 });
    expect(raised).toMatchObject({ status: 'requires_capture', amount: 2400, amount_capturable: 2400 });

    const captured = await suite.client.paymentIntents.capture(held.id, { amount_to_capture: 1500 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 1500, amount_capturable: 0 });
    const charge = await suite.client.charges.retrieve(getId(captured.latest_charge)!);
    expect(charge).toMatchObject({ object: 'charge', captured: true, amount_captured: 1500, payment_intent: held.id });

    const again = await suite.client.paymentIntents.capture(held.id).catch((caught: unknown) => caught);
    expect(again).toBeInstanceOf(InvalidRequestError);
    expect(again).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  });

  it('cancels an unpaid PaymentIntent with a reason', async () => {
    const draft = await suite.client.paymentIntents.create({ ...card_payment });
    const canceled = await suite.client.paymentIntents.cancel(draft.id, { cancellation_reason: 'requested_by_customer' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
    expect(canceled.canceled_at).toEqual(expect.any(Number));
  });

  it('answers a decline with CardError 402, decline_code and the PaymentIntent in raw.payment_intent', async () => {
    const error = await suite.client.paymentIntents
      .create({ ...card_payment, payment_method: 'pm_card_chargeDeclinedInsufficientFunds', confirm: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CardError);
    expect(error).toMatchObject({ statusCode: 402, rawType: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' });
    const cardError = error as CardError;
    expect(cardError.requestId).toMatch(/^req_/);
    const embedded = cardError.raw.payment_intent as PaymentIntent;
    expect(embedded).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method', amount_received: 0 });
    expect(embedded.last_payment_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' });
    expect((cardError.payment_intent as PaymentIntent).id).toBe(embedded.id);

    const stored = await suite.client.paymentIntents.retrieve(embedded.id);
    expect(stored.status).toBe('requires_payment_method');
    const failed = await suite.client.charges.list({ payment_intent: embedded.id });
    expect(failed.data.map((charge) => charge.status)).toEqual(['failed']);
  });

  it('leaves a 3D Secure card in requires_action with a next_action', async () => {
    const pi = await suite.client.paymentIntents.create({
      ...card_payment,
      payment_method: 'pm_card_threeDSecure2Required',
      confirm: true,
      return_url: 'https://example.com/return',
    });
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url: 'https://example.com/return' } });
    expect(pi.amount_received).toBe(0);
  });

  it('lists charges by payment_intent and expands latest_charge', async () => {
    const pi = await suite.client.paymentIntents.create({ ...card_payment, payment_method: 'pm_card_visa', confirm: true });
    const charges = await suite.client.charges.list({ payment_intent: pi.id });
    expect(charges.object).toBe('list');
    expect(charges.url).toBe('/v1/charges');
    expect(charges.data).toHaveLength(1);
    expect(charges.data[0]).toMatchObject({ id: getId(pi.latest_charge), status: 'succeeded', paid: true, amount: 2000 });

    const expanded = await suite.client.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    const charge = expanded.latest_charge as Charge;
    expect(charge).toMatchObject({ object: 'charge', id: getId(pi.latest_charge), payment_intent: pi.id });
    expect(charge.payment_method_details?.card).toMatchObject({ brand: 'visa', last4: '4242' });

    const deep = await suite.client.paymentIntents.retrieve(pi.id, { expand: ['latest_charge.balance_transaction'] });
    const txn = (deep.latest_charge as Charge).balance_transaction as BalanceTransaction;
    expect(txn).toMatchObject({ object: 'balance_transaction', amount: 2000, type: 'charge', status: 'pending' });
    expect(txn.net).toBe(txn.amount - txn.fee);
  });

  it('shows a charge as pending in the balance, with its balance transaction', async () => {
    const before = pendingUsd(await suite.client.balance.retrieve());
    const pi = await suite.client.paymentIntents.create({ ...card_payment, payment_method: 'pm_card_visa', confirm: true });
    const balance = await suite.client.balance.retrieve();
    expect(balance.object).toBe('balance');

    const charge = await suite.client.charges.retrieve(getId(pi.latest_charge)!);
    const txn = await suite.client.balanceTransactions.retrieve(getId(charge.balance_transaction)!);
    expect(txn).toMatchObject({ object: 'balance_transaction', type: 'charge', source: charge.id, amount: 2000, currency: 'usd' });
    expect(pendingUsd(balance) - before).toBe(txn.net);

    const listed = await suite.client.balanceTransactions.list({ source: charge.id });
    expect(listed.data.map((entry) => entry.id)).toEqual([txn.id]);
    const charges = await suite.client.balanceTransactions.list({ type: 'charge', limit: 100 }).autoPagingToArray({ limit: 1000 });
    expect(charges.map((entry) => entry.id)).toContain(txn.id);
  });
});
