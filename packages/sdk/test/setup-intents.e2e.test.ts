// End to end: SetupIntents through the SDK against a live Tender (in-process, in-memory database):
// saving a card to a customer and paying with it off session later, confirm on create, declines as
// CardError carrying the SetupIntent, 3D Secure, cancel rules, update, lists and expand; and the
// SetupAttempt each confirmation records (latest_attempt, setupAttempts.list).

import { describe, expect, it } from 'vitest';
import {
  CardError,
  getId,
  InvalidRequestError,
  type Customer,
  type PaymentMethod,
  type SetupAttempt,
  type SetupAttemptListParams,
  type SetupIntent,
  type SetupIntentCreateParams,
} from '@tender/sdk';
import { useLiveTender } from './support/live-tender.js';

const suite = useLiveTender();

// Naming the card type keeps these flows redirect-free, as for PaymentIntents.
const card_setup = { payment_method_types: ['card'] } satisfies SetupIntentCreateParams;

async function failure<T extends Error>(pending: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const caught = await pending.catch((error: unknown) => error);
  expect(caught).toBeInstanceOf(type);
  return caught as T;
}

describe('setup intents against a live Tender', () => {
  it('saves a card to a customer, which then pays off session', async () => {
    const customer = await suite.client.customers.create({ email: 'saver@example.com' });
    const created = await suite.client.setupIntents.create({
      ...card_setup,
      customer: customer.id,
      payment_method: 'pm_card_visa',
      metadata: { plan: 'pro' },
    });
    expect(created.id).toMatch(/^seti_/);
    expect(created).toMatchObject({
      object: 'setup_intent',
      status: 'requires_confirmation',
      usage: 'off_session',
      customer: customer.id,
      // Tender, like Stripe, saves the magic id as a new PaymentMethod and names that one.
      payment_method: expect.stringMatching(/^pm_[0-9A-Za-z]{24}$/),
      metadata: { plan: 'pro' },
      next_action: null,
      livemode: false,
    });
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));
    expect(created.lastResponse.requestId).toMatch(/^req_/);

    const confirmed = await suite.client.setupIntents.confirm(created.id);
    expect(confirmed.status).toBe('succeeded');
    const saved = getId(confirmed.payment_method)!;
    expect(saved).toMatch(/^pm_/);
    expect(saved).not.toBe('pm_card_visa');
    const cards = await suite.client.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(cards.data.map((pm) => pm.id)).toEqual([saved]);

    const payment = await suite.client.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      payment_method_types: ['card'],
      customer: customer.id,
      payment_method: saved,
      off_session: true,
      confirm: true,
    });
    expect(payment).toMatchObject({ status: 'succeeded', amount_received: 1500, customer: customer.id, payment_method: saved });

    const again = await failure(suite.client.setupIntents.confirm(created.id), InvalidRequestError);
    expect(again).toMatchObject({
      statusCode: 400,
      code: 'setup_intent_unexpected_state',
      message: 'You cannot confirm this SetupIntent because it has already succeeded after being previously confirmed.',
    });
  });

  it('confirms on create with confirm: true and usage on_session', async () => {
    const seti = await suite.client.setupIntents.create({
      ...card_setup,
      payment_method: 'pm_card_mastercard',
      confirm: true,
      usage: 'on_session',
    });
    expect(seti).toMatchObject({ status: 'succeeded', usage: 'on_session' });
  });

  it('answers a decline with CardError 402 carrying the SetupIntent, left requires_payment_method', async () => {
    const customer = await suite.client.customers.create();
    const created = await suite.client.setupIntents.create({ ...card_setup, customer: customer.id });
    expect(created.status).toBe('requires_payment_method');

    const error = await failure(suite.client.setupIntents.confirm(created.id, { payment_method: 'pm_card_chargeDeclined' }), CardError);
    expect(error).toMatchObject({ statusCode: 402, rawType: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
    expect(error.requestId).toMatch(/^req_/);
    const embedded = error.setup_intent as SetupIntent;
    expect(embedded).toMatchObject({ id: created.id, object: 'setup_intent', status: 'requires_payment_method', payment_method: null });
    expect(embedded.last_setup_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
    expect(error.raw.setup_intent).toBe(error.setup_intent);

    expect((await suite.client.setupIntents.retrieve(created.id)).status).toBe('requires_payment_method');
    expect((await suite.client.paymentMethods.list({ customer: customer.id })).data).toEqual([]);
  });

  it('asks a 3D Secure card for action: use_stripe_sdk, or redirect_to_url with a return_url', async () => {
    const sdk = await suite.client.setupIntents.create({
      ...card_setup,
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: true,
    });
    expect(sdk).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });

    const redirect = await suite.client.setupIntents.create({
      ...card_setup,
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: true,
      return_url: 'https://shop.example/back',
    });
    expect(redirect.status).toBe('requires_action');
    expect(redirect.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url: 'https://shop.example/back' } });
  });

  it('cancels with a reason, and refuses to cancel one that succeeded', async () => {
    const fresh = await suite.client.setupIntents.create({ ...card_setup });
    const canceled = await suite.client.setupIntents.cancel(fresh.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ id: fresh.id, status: 'canceled', cancellation_reason: 'abandoned' });

    const done = await suite.client.setupIntents.create({ ...card_setup, payment_method: 'pm_card_visa', confirm: true });
    const error = await failure(suite.client.setupIntents.cancel(done.id), InvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'setup_intent_unexpected_state',
      message:
        'You cannot cancel this SetupIntent because it has a status of succeeded. Only a SetupIntent with one of the following statuses may be canceled: requires_payment_method, requires_confirmation, requires_action.',
    });
    expect((error.setup_intent as SetupIntent).status).toBe('succeeded');
  });

  it('updates metadata, description and payment_method, moving to requires_confirmation', async () => {
    const created = await suite.client.setupIntents.create({ ...card_setup, metadata: { a: '1' } });
    const updated = await suite.client.setupIntents.update(created.id, {
      metadata: { b: '2' },
      description: 'for later',
      payment_method: 'pm_card_visa',
    });
    expect(updated).toMatchObject({
      metadata: { a: '1', b: '2' },
      description: 'for later',
      payment_method: expect.stringMatching(/^pm_[0-9A-Za-z]{24}$/),
      status: 'requires_confirmation',
    });
  });

  it('lists by customer and payment_method, page by page', async () => {
    const customer = await suite.client.customers.create();
    const first = await suite.client.setupIntents.create({ ...card_setup, customer: customer.id });
    const second = await suite.client.setupIntents.create({ ...card_setup, customer: customer.id, payment_method: 'pm_card_amex' });
    const third = await suite.client.setupIntents.create({ ...card_setup, customer: customer.id });

    const page = await suite.client.setupIntents.list({ customer: customer.id, limit: 2 });
    expect(page).toMatchObject({ object: 'list', url: '/v1/setup_intents', has_more: true });
    expect(page.data).toHaveLength(2);
    const all = await suite.client.setupIntents.list({ customer: customer.id, limit: 1 }).autoPagingToArray({ limit: 10 });
    expect(all.map((seti) => seti.id)).toEqual([third.id, second.id, first.id]);

    const byMethod = await suite.client.setupIntents.list({ customer: customer.id, payment_method: second.payment_method as string });
    expect(byMethod.data.map((seti) => seti.id)).toEqual([second.id]);
  });

  it('expands customer and payment_method', async () => {
    const customer = await suite.client.customers.create({ email: 'expand-seti@example.com' });
    const done = await suite.client.setupIntents.create({
      ...card_setup,
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const expanded = await suite.client.setupIntents.retrieve(done.id, { expand: ['customer', 'payment_method'] });
    expect((expanded.customer as Customer).email).toBe('expand-seti@example.com');
    const pm = expanded.payment_method as PaymentMethod;
    expect(pm).toMatchObject({ object: 'payment_method', id: getId(done.payment_method), customer: customer.id });
    expect(pm.card).toMatchObject({ brand: 'visa', last4: '4242' });
  });

  it('answers a missing SetupIntent with InvalidRequestError 404 resource_missing', async () => {
    const error = await failure(suite.client.setupIntents.retrieve('seti_missing'), InvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such setupintent: 'seti_missing'" });
  });
});

describe('setup attempts against a live Tender', () => {
  /** Answers Tender's hosted 3D Secure page the way a customer would (a Tender page, not Stripe's API). */
  async function authenticate(intent: string, outcome: 'complete' | 'fail'): Promise<void> {
    const answer = await fetch(`${suite.tender.url}/_tender/three_d_secure/${intent}/${outcome}`, { method: 'POST', redirect: 'manual' });
    expect(answer.status).toBeLessThan(400);
  }

  it('records a succeeded attempt for a confirmation, as latest_attempt', async () => {
    const customer = await suite.client.customers.create();
    const seti = await suite.client.setupIntents.create({
      ...card_setup,
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(seti.status).toBe('succeeded');
    const attemptId = getId(seti.latest_attempt)!;
    expect(attemptId).toMatch(/^setatt_/);

    const attempts = await suite.client.setupAttempts.list({ setup_intent: seti.id });
    expect(attempts).toMatchObject({ object: 'list', url: '/v1/setup_attempts', has_more: false });
    expect(attempts.data).toHaveLength(1);
    const attempt = attempts.data[0]!;
    expect(attempt).toMatchObject({
      id: attemptId,
      object: 'setup_attempt',
      setup_intent: seti.id,
      customer: customer.id,
      payment_method: getId(seti.payment_method),
      status: 'succeeded',
      setup_error: null,
      usage: 'off_session',
      livemode: false,
    });
    expect(attempt.payment_method_details).toMatchObject({ type: 'card', card: { brand: 'visa', last4: '4242' } });

    const expanded = await suite.client.setupIntents.retrieve(seti.id, { expand: ['latest_attempt'] });
    const latest = expanded.latest_attempt as SetupAttempt;
    expect(latest).toMatchObject({ id: attemptId, object: 'setup_attempt', status: 'succeeded' });
  });

  it('keeps a failed attempt with its setup_error, then the one that succeeded, newest first', async () => {
    const customer = await suite.client.customers.create();
    const seti = await suite.client.setupIntents.create({ ...card_setup, customer: customer.id });
    const declined = await failure(suite.client.setupIntents.confirm(seti.id, { payment_method: 'pm_card_chargeDeclined' }), CardError);
    const failedId = getId((declined.setup_intent as SetupIntent).latest_attempt)!;
    expect(failedId).toMatch(/^setatt_/);
    const succeeded = await suite.client.setupIntents.confirm(seti.id, { payment_method: 'pm_card_visa' });
    expect(succeeded.status).toBe('succeeded');
    const succeededId = getId(succeeded.latest_attempt)!;
    expect(succeededId).not.toBe(failedId);

    const all = await suite.client.setupAttempts.list({ setup_intent: seti.id, limit: 1 }).autoPagingToArray({ limit: 10 });
    expect(all.map((attempt) => attempt.id)).toEqual([succeededId, failedId]);
    expect(all.map((attempt) => attempt.status)).toEqual(['succeeded', 'failed']);
    expect(all[1]!.setup_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });

    const withMethods = await suite.client.setupAttempts.list({ setup_intent: seti.id, expand: ['data.payment_method'] });
    const method = withMethods.data[0]!.payment_method as PaymentMethod;
    expect(method).toMatchObject({ object: 'payment_method', id: getId(succeeded.payment_method) });
  });

  it('moves a 3D Secure attempt from requires_action to succeeded once the customer authenticates', async () => {
    const seti = await suite.client.setupIntents.create({
      ...card_setup,
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: true,
    });
    expect(seti.status).toBe('requires_action');
    const waiting = (await suite.client.setupAttempts.list({ setup_intent: seti.id })).data;
    expect(waiting.map((attempt) => attempt.status)).toEqual(['requires_action']);

    await authenticate(seti.id, 'complete');
    const done = await suite.client.setupIntents.retrieve(seti.id, { expand: ['latest_attempt'] });
    expect(done.status).toBe('succeeded');
    const attempt = done.latest_attempt as SetupAttempt;
    expect(attempt).toMatchObject({ id: waiting[0]!.id, status: 'succeeded' });
    expect(attempt.payment_method_details.card?.three_d_secure).toMatchObject({ result: 'authenticated' });
  });

  it('fails the attempt when the customer fails authentication', async () => {
    const seti = await suite.client.setupIntents.create({
      ...card_setup,
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: true,
    });
    await authenticate(seti.id, 'fail');
    const after = await suite.client.setupIntents.retrieve(seti.id);
    expect(after.status).toBe('requires_payment_method');
    const [attempt] = (await suite.client.setupAttempts.list({ setup_intent: seti.id })).data;
    expect(attempt).toMatchObject({
      status: 'failed',
      setup_error: { type: 'invalid_request_error', code: 'setup_intent_authentication_failure' },
    });
    expect(after.last_setup_error).toMatchObject({ code: 'setup_intent_authentication_failure' });
  });

  it('refuses a list without setup_intent with InvalidRequestError', async () => {
    const error = await failure(suite.client.setupAttempts.list({} as SetupAttemptListParams), InvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, param: 'setup_intent' });
  });
});
