// PaymentIntents, Charges and the balance end to end over a real socket, on every engine: automatic
// and manual capture, declines answered as 402 with the intent embedded, 3D Secure next actions,
// wrong-state errors, cancel, amount limits, idempotent confirms, and the ledger entries and balance
// each payment leaves. Bodies are checked against Stripe's OpenAPI spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validateSchema } = (await import(validator_url)) as {
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

const day_seconds = 86_400;

function expectSchema(name: string, data: unknown): void {
  const result = validateSchema(name, data);
  expect(result.errors ?? []).toEqual([]);
}

for (const engine of test_engines) {
  describe(`payment intents on ${engine.name}`, () => {
    let tender: LiveTender;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
    });
    afterAll(async () => {
      await tender.close();
    });

    const create = (form: string, headers: Record<string, string> = {}) => tender.call('POST', '/v1/payment_intents', { form, headers });
    // Events of one request share `created` and their ids' millisecond, so the list does not keep
    // their write order; the decisions' unit tests pin the order, this checks the set written.
    // In the order they happened: the list is newest first, and ids are monotonic within a request.
    const eventsFor = async (ids: string[]) => {
      const events = await tender.call('GET', '/v1/events?limit=100');
      return events.json.data
        .filter((event: any) => ids.includes(event.data.object.id))
        .map((event: any) => event.type)
        .reverse();
    };

    it('expands latest_charge and, through it, the balance transaction', async () => {
      const created = await create('amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card');
      const expanded = await tender.call('GET', `/v1/payment_intents/${created.json.id}?expand[]=latest_charge.balance_transaction`);
      expect(expanded.status).toBe(200);
      expect(expanded.json.latest_charge).toMatchObject({ object: 'charge', id: created.json.latest_charge, amount: 2000 });
      expect(expanded.json.latest_charge.balance_transaction).toMatchObject({
        object: 'balance_transaction',
        amount: 2000,
        fee: 88,
        net: 1912,
      });
      const source = await tender.call(
        'GET',
        `/v1/balance_transactions/${expanded.json.latest_charge.balance_transaction.id}?expand[]=source`,
      );
      expect(source.json.source).toMatchObject({ object: 'charge', id: created.json.latest_charge });
    });

    it('creates and confirms with pm_card_visa: succeeded, one charge, a pending T+2 balance transaction', async () => {
      const created = await create('amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card');
      expect(created.status).toBe(200);
      const intent = created.json;
      expect(intent).toMatchObject({
        object: 'payment_intent',
        status: 'succeeded',
        amount: 2000,
        amount_received: 2000,
        amount_capturable: 0,
        last_payment_error: null,
        next_action: null,
      });
      expect(intent.id).toMatch(/^pi_[0-9A-Za-z]{24}$/);
      // As on Stripe, the magic id is saved as a new PaymentMethod, which the intent names.
      expect(intent.payment_method).toMatch(/^pm_[0-9A-Za-z]{24}$/);
      const saved = (await tender.call('GET', `/v1/payment_methods/${intent.payment_method}`)).json;
      expect(saved).toMatchObject({ id: intent.payment_method, customer: null, card: { brand: 'visa', last4: '4242' } });
      expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_[0-9A-Za-z]{24}$`));
      expectSchema('payment_intent', intent);

      const charge = (await tender.call('GET', `/v1/charges/${intent.latest_charge}`)).json;
      expect(charge).toMatchObject({
        object: 'charge',
        status: 'succeeded',
        paid: true,
        captured: true,
        amount: 2000,
        amount_captured: 2000,
        amount_refunded: 0,
        refunded: false,
        payment_intent: intent.id,
        payment_method: intent.payment_method,
        failure_code: null,
        outcome: { type: 'authorized', network_status: 'approved_by_network', risk_level: 'normal' },
        payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242' } },
      });
      expectSchema('charge', charge);

      const txn = (await tender.call('GET', `/v1/balance_transactions/${charge.balance_transaction}`)).json;
      expect(txn).toMatchObject({ type: 'charge', source: charge.id, amount: 2000, fee: 88, net: 1912, status: 'pending' });
      expect(txn.available_on - (txn.created - (txn.created % day_seconds))).toBe(2 * day_seconds);
      expectSchema('balance_transaction', txn);

      const listed = await tender.call('GET', `/v1/charges?payment_intent=${intent.id}`);
      expect(listed.json.data.map((item: any) => item.id)).toEqual([charge.id]);
      const byTxnSource = await tender.call('GET', `/v1/balance_transactions?source=${charge.id}`);
      expect(byTxnSource.json.data.map((item: any) => item.id)).toEqual([txn.id]);
      expect(await eventsFor([intent.id, charge.id])).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
    });

    it('captures part of a manual authorization and books the remainder as released', async () => {
      const intent = (
        await create('amount=5000&currency=usd&capture_method=manual&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card')
      ).json;
      expect(intent).toMatchObject({ status: 'requires_capture', amount_capturable: 5000, amount_received: 0 });
      const held = (await tender.call('GET', `/v1/charges/${intent.latest_charge}`)).json;
      expect(held).toMatchObject({ captured: false, amount_captured: 0, balance_transaction: null, paid: true });

      const captured = await tender.call('POST', `/v1/payment_intents/${intent.id}/capture`, { form: 'amount_to_capture=3000' });
      expect(captured.status).toBe(200);
      expect(captured.json).toMatchObject({ status: 'succeeded', amount_capturable: 0, amount_received: 3000 });
      const charge = (await tender.call('GET', `/v1/charges/${intent.latest_charge}`)).json;
      expect(charge).toMatchObject({ captured: true, amount_captured: 3000, amount_refunded: 2000, refunded: false });
      expectSchema('charge', charge);
      const entries = (await tender.call('GET', `/v1/balance_transactions?source=${charge.id}`)).json.data;
      const byType = Object.fromEntries(entries.map((entry: any) => [entry.type, entry]));
      expect(byType.charge).toMatchObject({ id: charge.balance_transaction, amount: 5000, fee: 117 });
      expect(byType.refund).toMatchObject({ amount: -2000, fee: 0 });
      expect(await eventsFor([intent.id, charge.id])).toEqual([
        'payment_intent.created',
        'charge.succeeded',
        'payment_intent.amount_capturable_updated',
        'charge.captured',
        'charge.refunded',
        'payment_intent.succeeded',
      ]);
    });

    it('captures a manual authorization on pm_card_bypassPending straight into the available balance, as a direct charge does', async () => {
      const intent = (
        await create(
          'amount=5000&currency=usd&capture_method=manual&payment_method=pm_card_bypassPending&confirm=true&payment_method_types[]=card',
        )
      ).json;
      expect(intent.status).toBe('requires_capture');
      const captured = await tender.call('POST', `/v1/payment_intents/${intent.id}/capture`, { form: 'amount_to_capture=4000' });
      expect(captured.json.status).toBe('succeeded');
      const charge = (await tender.call('GET', `/v1/charges/${intent.latest_charge}`)).json;
      const txn = (await tender.call('GET', `/v1/balance_transactions/${charge.balance_transaction}`)).json;
      expect(txn).toMatchObject({ type: 'charge', source: charge.id, amount: 5000, fee: 146, status: 'available' });
      expect(txn.available_on).toBe(txn.created);
      expectSchema('balance_transaction', txn);
    });

    it('answers a decline with a 402 that embeds the intent, and keeps the failed charge', async () => {
      const declined = await create(
        'amount=2000&currency=usd&payment_method=pm_card_visa_chargeDeclined&confirm=true&payment_method_types[]=card',
      );
      expect(declined.status).toBe(402);
      const error = declined.json.error;
      expect(error).toMatchObject({
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
        payment_method: { id: expect.stringMatching(/^pm_[0-9A-Za-z]{24}$/), object: 'payment_method' },
        payment_intent: {
          object: 'payment_intent',
          status: 'requires_payment_method',
          payment_method: null,
          last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', charge: error.charge },
        },
      });
      expect(error.charge).toMatch(/^ch_/);
      expect(error.payment_intent.latest_charge).toBe(error.charge);
      expectSchema('payment_intent', error.payment_intent);
      const charge = (await tender.call('GET', `/v1/charges/${error.charge}`)).json;
      expect(charge).toMatchObject({
        status: 'failed',
        paid: false,
        captured: false,
        failure_code: 'card_declined',
        balance_transaction: null,
        outcome: { type: 'issuer_declined', network_status: 'declined_by_network', reason: 'generic_decline' },
      });
      const stored = (await tender.call('GET', `/v1/payment_intents/${error.payment_intent.id}`)).json;
      expect(stored).toEqual(error.payment_intent);
      expect(await eventsFor([stored.id, charge.id])).toEqual(['payment_intent.created', 'charge.failed', 'payment_intent.payment_failed']);
    });

    it('asks for 3D Secure: use_stripe_sdk without a return_url, redirect_to_url with one', async () => {
      const sdk = (
        await create('amount=2000&currency=usd&payment_method=pm_card_threeDSecure2Required&confirm=true&payment_method_types[]=card')
      ).json;
      expect(sdk).toMatchObject({ status: 'requires_action', latest_charge: null, next_action: { type: 'use_stripe_sdk' } });
      const redirect = (
        await create(
          'amount=2000&currency=usd&payment_method=pm_card_threeDSecure2Required&confirm=true&return_url=https://shop.example/done',
        )
      ).json;
      expect(redirect).toMatchObject({
        status: 'requires_action',
        next_action: { type: 'redirect_to_url', redirect_to_url: { return_url: 'https://shop.example/done' } },
      });
      expect(await eventsFor([sdk.id])).toEqual(['payment_intent.created', 'payment_intent.requires_action']);
    });

    it('refuses capture and cancel in the wrong state with payment_intent_unexpected_state', async () => {
      const intent = (await create('amount=2000&currency=usd&payment_method=pm_card_visa&payment_method_types[]=card')).json;
      expect(intent.status).toBe('requires_confirmation');
      const capture = await tender.call('POST', `/v1/payment_intents/${intent.id}/capture`);
      expect(capture.status).toBe(400);
      expect(capture.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message:
          'This PaymentIntent could not be captured because it has a status of requires_confirmation. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.',
        payment_intent: { id: intent.id, status: 'requires_confirmation' },
      });
      const confirmed = await tender.call('POST', `/v1/payment_intents/${intent.id}/confirm`);
      expect(confirmed.json.status).toBe('succeeded');
      const cancel = await tender.call('POST', `/v1/payment_intents/${intent.id}/cancel`);
      expect(cancel.status).toBe(400);
      expect(cancel.json.error).toMatchObject({
        code: 'payment_intent_unexpected_state',
        message:
          'You cannot cancel this PaymentIntent because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.',
      });
      const again = await tender.call('POST', `/v1/payment_intents/${intent.id}/confirm`);
      expect(again.json.error.message).toBe(
        'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
      );
    });

    it('cancels, voiding a hold', async () => {
      const open = (await create('amount=2000&currency=usd')).json;
      const canceled = await tender.call('POST', `/v1/payment_intents/${open.id}/cancel`, { form: 'cancellation_reason=abandoned' });
      expect(canceled.json).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
      expect(canceled.json.canceled_at).toBeTypeOf('number');

      const held = (
        await create('amount=2000&currency=usd&capture_method=manual&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card')
      ).json;
      const voided = await tender.call('POST', `/v1/payment_intents/${held.id}/cancel`);
      expect(voided.json).toMatchObject({ status: 'canceled', amount_capturable: 0 });
      const charge = (await tender.call('GET', `/v1/charges/${held.latest_charge}`)).json;
      expect(charge).toMatchObject({ captured: false, amount_refunded: 2000, refunded: true, balance_transaction: null });
    });

    it('refuses an amount below the minimum', async () => {
      const small = await create('amount=49&currency=usd');
      expect(small.status).toBe(400);
      expect(small.json.error).toMatchObject({ code: 'amount_too_small', param: 'amount', message: 'Amount must be at least $0.50 usd' });
    });

    it('updates before confirmation, moving to requires_confirmation once a payment method is set', async () => {
      const intent = (await create('amount=2000&currency=usd&payment_method_types[]=card')).json;
      const updated = await tender.call('POST', `/v1/payment_intents/${intent.id}`, {
        form: 'amount=2500&payment_method=pm_card_mastercard&metadata[order]=7&description=Order 7',
      });
      expect(updated.json).toMatchObject({
        amount: 2500,
        status: 'requires_confirmation',
        metadata: { order: '7' },
        description: 'Order 7',
      });
      expect(updated.json.payment_method).toMatch(/^pm_[0-9A-Za-z]{24}$/);
      const confirmed = (await tender.call('POST', `/v1/payment_intents/${intent.id}/confirm`)).json;
      expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 2500 });
      const late = await tender.call('POST', `/v1/payment_intents/${intent.id}`, { form: 'amount=3000' });
      expect(late.status).toBe(400);
      expect(late.json.error.code).toBe('payment_intent_unexpected_state');
      const described = await tender.call('POST', `/v1/payment_intents/${intent.id}`, { form: 'description=Shipped' });
      expect(described.json.description).toBe('Shipped');
    });

    // Stripe saves a magic pm_card_* as a new PaymentMethod only for a request it carries out: a
    // refused create, confirm or update leaves no PaymentMethod behind.
    const paymentMethodRows = async () => {
      const rows = await tender.store.read((executor) =>
        executor.all<{ id: string }>(tender.store.db.selectFrom('payment_methods').select('id').compile()),
      );
      return rows.length;
    };

    it('saves no copy of pm_card_visa for a refused create, confirm or update, and one for each that is carried out', async () => {
      const before = await paymentMethodRows();
      const missingAmount = await create('currency=usd&payment_method=pm_card_visa');
      expect(missingAmount.status).toBe(400);
      expect(missingAmount.json.error).toMatchObject({ code: 'parameter_missing', param: 'amount' });
      const missingReturnUrl = await create('amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true');
      expect(missingReturnUrl.status).toBe(400);
      expect(missingReturnUrl.json.error).toMatchObject({ code: 'parameter_missing', param: 'return_url' });
      expect(await paymentMethodRows()).toBe(before);

      const succeeded = (await create('amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card'))
        .json;
      expect(succeeded.status).toBe('succeeded');
      expect(await paymentMethodRows()).toBe(before + 1);

      const confirmAgain = await tender.call('POST', `/v1/payment_intents/${succeeded.id}/confirm`, {
        form: 'payment_method=pm_card_visa',
      });
      expect(confirmAgain.status).toBe(400);
      expect(confirmAgain.json.error.code).toBe('payment_intent_unexpected_state');
      const updateLate = await tender.call('POST', `/v1/payment_intents/${succeeded.id}`, { form: 'payment_method=pm_card_visa' });
      expect(updateLate.status).toBe(400);
      expect(updateLate.json.error.code).toBe('payment_intent_unexpected_state');
      expect(await paymentMethodRows()).toBe(before + 1);

      const open = (await create('amount=2000&currency=usd&payment_method_types[]=card')).json;
      const updated = await tender.call('POST', `/v1/payment_intents/${open.id}`, { form: 'payment_method=pm_card_visa' });
      expect(updated.json.status).toBe('requires_confirmation');
      expect(await paymentMethodRows()).toBe(before + 2);
      const confirmed = await tender.call('POST', `/v1/payment_intents/${open.id}/confirm`, { form: 'payment_method=pm_card_mastercard' });
      expect(confirmed.json.status).toBe('succeeded');
      expect(await paymentMethodRows()).toBe(before + 3);
      const saved = await tender.call('GET', `/v1/payment_methods/${confirmed.json.payment_method}`);
      expect(saved.json).toMatchObject({ id: confirmed.json.payment_method, card: { brand: 'mastercard' } });
    });

    it('shows shipping as Stripe does, every field present and null where not given, on create, update and the charge', async () => {
      const created = await create(
        'amount=2000&currency=usd&payment_method_types[]=card&payment_method=pm_card_visa&shipping[name]=Jo&shipping[address][line1]=1 Main',
      );
      const partial = {
        address: { city: null, country: null, line1: '1 Main', line2: null, postal_code: null, state: null },
        carrier: null,
        name: 'Jo',
        phone: null,
        tracking_number: null,
      };
      expect(created.json.shipping).toEqual(partial);
      expectSchema('payment_intent', created.json);
      const updated = await tender.call('POST', `/v1/payment_intents/${created.json.id}`, {
        form: 'shipping[name]=Al&shipping[carrier]=UPS&shipping[address][city]=Paris',
      });
      // An update replaces the whole hash [inf: as Stripe does]: line1, left out, is null now.
      expect(updated.json.shipping).toEqual({
        ...partial,
        address: { ...partial.address, city: 'Paris', line1: null },
        carrier: 'UPS',
        name: 'Al',
      });
      const confirmed = (await tender.call('POST', `/v1/payment_intents/${created.json.id}/confirm`)).json;
      const charge = (await tender.call('GET', `/v1/charges/${confirmed.latest_charge}`)).json;
      expect(charge.shipping).toEqual(updated.json.shipping);
      const cleared = await tender.call('POST', `/v1/payment_intents/${created.json.id}`, { form: 'shipping=' });
      expect(cleared.json.shipping).toBeNull();
    });

    it('replays an idempotent confirm without charging twice', async () => {
      const intent = (await create('amount=2000&currency=usd&payment_method=pm_card_visa&payment_method_types[]=card')).json;
      const headers = { 'idempotency-key': `confirm-${intent.id}` };
      const first = await tender.call('POST', `/v1/payment_intents/${intent.id}/confirm`, { headers });
      const second = await tender.call('POST', `/v1/payment_intents/${intent.id}/confirm`, { headers });
      expect(second.status).toBe(200);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.text).toBe(first.text);
      const charges = await tender.call('GET', `/v1/charges?payment_intent=${intent.id}`);
      expect(charges.json.data).toHaveLength(1);
    });

    it('lists by customer and answers resource_missing for unknown ids', async () => {
      const customer = (await tender.call('POST', '/v1/customers')).json;
      const mine = (await create(`amount=2000&currency=usd&customer=${customer.id}`)).json;
      const listed = await tender.call('GET', `/v1/payment_intents?customer=${customer.id}`);
      expect(listed.json).toMatchObject({ object: 'list', url: '/v1/payment_intents', has_more: false });
      expect(listed.json.data.map((item: any) => item.id)).toEqual([mine.id]);
      const missing = await tender.call('GET', '/v1/payment_intents/pi_nope');
      expect(missing.status).toBe(404);
      expect(missing.json.error.message).toBe("No such payment_intent: 'pi_nope'");
      const unknownCustomer = await create('amount=2000&currency=usd&customer=cus_nope');
      expect(unknownCustomer.status).toBe(400);
      expect((await tender.call('GET', '/v1/charges/ch_nope')).status).toBe(404);
    });

    it('increments a manual authorization only when it was requested with an eligible card', async () => {
      const manual = 'amount=2000&currency=usd&capture_method=manual&confirm=true&payment_method_types[]=card';
      const plain = (await create(`${manual}&payment_method=pm_card_visa`)).json;
      const charge = (await tender.call('GET', `/v1/charges/${plain.latest_charge}`)).json;
      expect(charge.payment_method_details.card.incremental_authorization).toEqual({ status: 'unavailable' });
      const refused = await tender.call('POST', `/v1/payment_intents/${plain.id}/increment_authorization`, { form: 'amount=2600' });
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({ type: 'invalid_request_error', payment_intent: { id: plain.id, amount: 2000 } });
      expect(refused.json.error.message).toMatch(/request_incremental_authorization/);

      const requested = 'payment_method_options[card][request_incremental_authorization]=if_available';
      const held = (await create(`${manual}&payment_method=pm_card_visa&${requested}`)).json;
      expect(held.payment_method_options.card).toMatchObject({
        request_incremental_authorization: 'if_available',
        request_three_d_secure: 'automatic',
      });
      const heldCharge = (await tender.call('GET', `/v1/charges/${held.latest_charge}`)).json;
      expect(heldCharge.payment_method_details.card.incremental_authorization).toEqual({ status: 'available' });
      const raised = await tender.call('POST', `/v1/payment_intents/${held.id}/increment_authorization`, { form: 'amount=2600' });
      expect(raised.json).toMatchObject({ status: 'requires_capture', amount: 2600, amount_capturable: 2600 });
      const lower = await tender.call('POST', `/v1/payment_intents/${held.id}/increment_authorization`, { form: 'amount=100' });
      expect(lower.status).toBe(400);
      const captured = (await tender.call('POST', `/v1/payment_intents/${held.id}/capture`)).json;
      expect(captured).toMatchObject({ status: 'succeeded', amount_received: 2600 });
      const capturedCharge = (await tender.call('GET', `/v1/charges/${held.latest_charge}`)).json;
      expect(capturedCharge.payment_method_details.card.incremental_authorization).toEqual({ status: 'available' });
    });
  });
}

describe('the balance', () => {
  const engine = test_engines[0]!;
  let tender: LiveTender;
  beforeAll(async () => {
    tender = await startLiveTender(engine);
  });
  afterAll(async () => {
    await tender.close();
  });

  it('shows a bypassPending charge as available at once and a standard one as pending', async () => {
    const empty = (await tender.call('GET', '/v1/balance')).json;
    expect(empty).toMatchObject({ object: 'balance', available: [{ amount: 0, currency: 'usd' }], pending: [{ amount: 0 }] });
    const form = (pm: string) => `amount=2000&currency=usd&payment_method=${pm}&confirm=true&payment_method_types[]=card`;
    expect((await tender.call('POST', '/v1/payment_intents', { form: form('pm_card_bypassPending') })).json.status).toBe('succeeded');
    expect((await tender.call('POST', '/v1/payment_intents', { form: form('pm_card_visa') })).json.status).toBe('succeeded');
    const balance = (await tender.call('GET', '/v1/balance')).json;
    expect(balance).toMatchObject({
      available: [{ amount: 1912, currency: 'usd', source_types: { card: 1912 } }],
      pending: [{ amount: 1912, currency: 'usd' }],
    });
    expectSchema('balance', balance);
  });
});
