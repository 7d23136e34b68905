// Refunds end to end over a real socket, on every engine: full, partial and repeated refunds, the
// exact errors for over-refunding and refunding twice, refunds by PaymentIntent, the ledger entries
// and balance each leaves, events, cancel rules, list filters and expand. Bodies are checked against
// Stripe's OpenAPI spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validateSchema } = (await import(validator_url)) as {
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

function expectSchema(name: string, data: unknown): void {
  const result = validateSchema(name, data);
  expect(result.errors ?? []).toEqual([]);
}

for (const engine of test_engines) {
  describe(`refunds on ${engine.name}`, () => {
    let tender: LiveTender;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
    });
    afterAll(async () => {
      await tender.close();
    });

    const pay = async (amount: number, payment_method = 'pm_card_visa') => {
      const intent = await tender.call('POST', '/v1/payment_intents', {
        form: `amount=${amount}&currency=usd&payment_method=${payment_method}&confirm=true&payment_method_types[]=card`,
      });
      expect(intent.status).toBe(200);
      return intent.json as { id: string; latest_charge: string };
    };
    const refund = (form: string) => tender.call('POST', '/v1/refunds', { form });
    const charge = async (id: string) => (await tender.call('GET', `/v1/charges/${id}`)).json;
    const eventsFor = async (ids: string[]) => {
      const events = await tender.call('GET', '/v1/events?limit=100');
      return events.json.data
        .filter((event: any) => ids.includes(event.data.object.id))
        .map((event: any) => event.type)
        .sort();
    };

    it('refunds a charge in full: the charge is refunded, a negative entry with no fee is booked', async () => {
      const intent = await pay(2000);
      const created = await refund(`charge=${intent.latest_charge}&reason=requested_by_customer&metadata[order]=42`);
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({
        object: 'refund',
        amount: 2000,
        charge: intent.latest_charge,
        payment_intent: intent.id,
        currency: 'usd',
        status: 'succeeded',
        reason: 'requested_by_customer',
        metadata: { order: '42' },
      });
      expect(created.json.id).toMatch(/^re_/);
      expect(created.json).not.toHaveProperty('failure_reason');
      expectSchema('refund', created.json);

      const refunded = await charge(intent.latest_charge);
      expect(refunded).toMatchObject({ amount_refunded: 2000, refunded: true });
      expectSchema('charge', refunded);

      const txn = (await tender.call('GET', `/v1/balance_transactions/${created.json.balance_transaction}`)).json;
      expect(txn).toMatchObject({ type: 'refund', source: created.json.id, amount: -2000, fee: 0, net: -2000, status: 'available' });
      expect(txn.fee_details).toEqual([]);
      expectSchema('balance_transaction', txn);

      const fetched = await tender.call('GET', `/v1/refunds/${created.json.id}`);
      expect(fetched.json).toEqual(created.json);
      expect(await eventsFor([created.json.id, intent.latest_charge])).toEqual(['charge.refunded', 'charge.succeeded', 'refund.created']);
      const chargeRefunded = (await tender.call('GET', '/v1/events?type=charge.refunded&limit=100')).json.data.find(
        (event: any) => event.data.object.id === intent.latest_charge,
      );
      expect(chargeRefunded.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
    });

    it('refunds in two partials then the remainder, and refuses a fourth', async () => {
      const intent = await pay(3000);
      const first = await refund(`charge=${intent.latest_charge}&amount=500`);
      const second = await refund(`charge=${intent.latest_charge}&amount=700`);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(await charge(intent.latest_charge)).toMatchObject({ amount_refunded: 1200, refunded: false });

      const rest = await refund(`charge=${intent.latest_charge}`);
      expect(rest.json).toMatchObject({ amount: 1800, status: 'succeeded' });
      expect(await charge(intent.latest_charge)).toMatchObject({ amount_refunded: 3000, refunded: true });

      const again = await refund(`charge=${intent.latest_charge}&amount=100`);
      expect(again.status).toBe(400);
      expect(again.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'charge_already_refunded',
        message: `Charge ${intent.latest_charge} has already been refunded.`,
      });

      const listed = await tender.call('GET', `/v1/refunds?charge=${intent.latest_charge}`);
      expect(listed.json.data.map((item: any) => item.amount).sort()).toEqual([1800, 500, 700]);
      expectSchema('refund', listed.json.data[0]);
    });

    it('refuses more than the unrefunded amount with Stripe’s message, and writes nothing', async () => {
      const intent = await pay(2145);
      const over = await refund(`charge=${intent.latest_charge}&amount=2500`);
      expect(over.status).toBe(400);
      expect(over.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'amount_too_large',
        param: 'amount',
        message: 'Refund amount ($25.00) is greater than unrefunded amount on charge ($21.45)',
      });
      expect(await charge(intent.latest_charge)).toMatchObject({ amount_refunded: 0, refunded: false });
      expect((await tender.call('GET', `/v1/refunds?charge=${intent.latest_charge}`)).json.data).toEqual([]);
    });

    it('refunds by payment_intent, and the balance drops by the refund', async () => {
      const before = (await tender.call('GET', '/v1/balance')).json;
      const intent = await pay(5000);
      const created = await refund(`payment_intent=${intent.id}&amount=1500`);
      expect(created.json).toMatchObject({ charge: intent.latest_charge, payment_intent: intent.id, amount: 1500 });
      const after = (await tender.call('GET', '/v1/balance')).json;
      const usd = (list: any[]) => list.find((line) => line.currency === 'usd').amount;
      // The charge's net is pending (T+2); the refund debits the available balance at once.
      expect(usd(after.available) - usd(before.available)).toBe(-1500);
      expect(usd(after.pending) - usd(before.pending)).toBe(5000 - 175);
      expectSchema('balance', after);

      const listed = await tender.call('GET', `/v1/refunds?payment_intent=${intent.id}`);
      expect(listed.json.data.map((item: any) => item.id)).toEqual([created.json.id]);
    });

    it('refuses an uncaptured charge and a payment intent without a charge', async () => {
      const held = (
        await tender.call('POST', '/v1/payment_intents', {
          form: 'amount=2000&currency=usd&capture_method=manual&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card',
        })
      ).json;
      const uncaptured = await refund(`payment_intent=${held.id}`);
      expect(uncaptured.status).toBe(400);
      expect(uncaptured.json.error).toMatchObject({ type: 'invalid_request_error', param: 'payment_intent' });
      const fresh = (await tender.call('POST', '/v1/payment_intents', { form: 'amount=2000&currency=usd' })).json;
      const none = await refund(`payment_intent=${fresh.id}`);
      expect(none.status).toBe(400);
      expect(none.json.error.message).toBe(`This PaymentIntent (${fresh.id}) does not have a successful charge to refund.`);
    });

    it('refunds what a partial capture kept, not the released remainder', async () => {
      const held = (
        await tender.call('POST', '/v1/payment_intents', {
          form: 'amount=5000&currency=usd&capture_method=manual&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card',
        })
      ).json;
      await tender.call('POST', `/v1/payment_intents/${held.id}/capture`, { form: 'amount_to_capture=3000' });
      const over = await refund(`charge=${held.latest_charge}&amount=3001`);
      expect(over.json.error.message).toBe('Refund amount ($30.01) is greater than unrefunded amount on charge ($30.00)');
      const full = await refund(`charge=${held.latest_charge}`);
      expect(full.json.amount).toBe(3000);
      expect(await charge(held.latest_charge)).toMatchObject({ amount_captured: 3000, amount_refunded: 5000, refunded: true });
    });

    it('starts pm_card_pendingRefund refunds pending; cancel returns the money, and only once', async () => {
      const intent = await pay(2000, 'pm_card_pendingRefund');
      const created = await refund(`charge=${intent.latest_charge}&amount=800`);
      expect(created.json).toMatchObject({ status: 'pending', amount: 800 });
      expect(created.json.balance_transaction).toMatch(/^txn_/);

      const canceled = await tender.call('POST', `/v1/refunds/${created.json.id}/cancel`);
      expect(canceled.status).toBe(200);
      expect(canceled.json).toMatchObject({ status: 'canceled', failure_reason: 'merchant_request' });
      expectSchema('refund', canceled.json);
      const reversal = (await tender.call('GET', `/v1/balance_transactions/${canceled.json.failure_balance_transaction}`)).json;
      expect(reversal).toMatchObject({ type: 'refund_failure', amount: 800, fee: 0, source: created.json.id });
      expect(await charge(intent.latest_charge)).toMatchObject({ amount_refunded: 0, refunded: false });

      const twice = await tender.call('POST', `/v1/refunds/${created.json.id}/cancel`);
      expect(twice.status).toBe(400);
      expect(twice.json.error.type).toBe('invalid_request_error');
      expect(await eventsFor([created.json.id])).toEqual(['refund.created', 'refund.updated']);
    });

    it('refuses to cancel a succeeded refund; pm_card_refundFail refunds start succeeded', async () => {
      const intent = await pay(2000, 'pm_card_refundFail');
      const created = await refund(`charge=${intent.latest_charge}`);
      expect(created.json.status).toBe('succeeded');
      const cancel = await tender.call('POST', `/v1/refunds/${created.json.id}/cancel`);
      expect(cancel.status).toBe(400);
      expect(cancel.json.error.message).toBe(
        `Refund ${created.json.id} cannot be canceled because it has a status of succeeded. Only refunds with a status of pending or requires_action can be canceled.`,
      );
    });

    it('updates metadata with a refund.updated event', async () => {
      const intent = await pay(1000);
      const created = await refund(`charge=${intent.latest_charge}&metadata[a]=1`);
      const updated = await tender.call('POST', `/v1/refunds/${created.json.id}`, { form: 'metadata[b]=2&metadata[a]=' });
      expect(updated.status).toBe(200);
      expect(updated.json.metadata).toEqual({ b: '2' });
      const event = (await tender.call('GET', '/v1/events?type=refund.updated&limit=100')).json.data.find(
        (item: any) => item.data.object.id === created.json.id,
      );
      expect(event.data.previous_attributes).toEqual({ metadata: { a: '1', b: null } });
    });

    it('lists with created filters and expands charge and balance_transaction', async () => {
      const intent = await pay(1200);
      const created = await refund(`charge=${intent.latest_charge}`);
      const expanded = await tender.call('GET', `/v1/refunds/${created.json.id}?expand[]=charge&expand[]=balance_transaction`);
      expect(expanded.json.charge).toMatchObject({ object: 'charge', id: intent.latest_charge, amount_refunded: 1200 });
      expect(expanded.json.balance_transaction).toMatchObject({ object: 'balance_transaction', amount: -1200 });
      const listExpanded = await tender.call('GET', `/v1/refunds?charge=${intent.latest_charge}&expand[]=data.charge`);
      expect(listExpanded.json.data[0].charge.id).toBe(intent.latest_charge);

      const at = created.json.created;
      const inRange = await tender.call('GET', `/v1/refunds?created[gte]=${at}&created[lte]=${at}&limit=100`);
      expect(inRange.json.data.map((item: any) => item.id)).toContain(created.json.id);
      const later = await tender.call('GET', `/v1/refunds?created[gt]=${at}`);
      expect(later.json.data.map((item: any) => item.id)).not.toContain(created.json.id);
      expect(inRange.json.url).toBe('/v1/refunds');
    });
  });
}
