// The direct Charges API end to end over a real socket, on every engine, with a fake clock: POST
// /v1/charges with tokens (magic and stored, single use) and with a customer's default card, every
// decline family answered 402 with the failed charge's id, capture=false then full or partial capture,
// the 7-day expiry through the scheduler, updates with charge.updated, refunds and releases of direct
// charges, idempotent retries, and the ledger re-verified from scratch. Bodies are checked against
// Stripe's OpenAPI spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/ledger/verify-ledger.js';
import { createFakeClock, type FakeClock } from '../src/runtime/clock.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validateSchema } = (await import(validator_url)) as {
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

function expectSchema(name: string, data: unknown): void {
  expect(validateSchema(name, data).errors ?? []).toEqual([]);
}

const day_ms = 86_400_000;
// 10:00 UTC, so T+2 settles at midnight two days later.
const start_ms = Date.UTC(2026, 2, 10, 10, 0, 0);

for (const engine of test_engines) {
  describe(`the Charges API on ${engine.name}`, () => {
    let tender: LiveTender;
    let clock: FakeClock;
    beforeAll(async () => {
      clock = createFakeClock(start_ms);
      tender = await startLiveTender(engine, { runtime: createRuntime({ clock }), schedulerPollIntervalMs: 0 });
    });
    afterAll(async () => {
      await tender.close();
    });

    const now = () => Math.floor(clock.nowMs() / 1000);
    const charge = (form: string, headers: Record<string, string> = {}) => tender.call('POST', '/v1/charges', { form, headers });
    const get = async (path: string) => {
      const answer = await tender.call('GET', path);
      expect(answer.status).toBe(200);
      return answer.json;
    };
    const eventsOf = async (id: string) =>
      ((await get('/v1/events?limit=100')).data as any[]).filter((event) => event.data.object.id === id).reverse();
    const expectLedgerVerifies = async () => {
      const report = await verifyLedger(tender.store, now());
      expect(report.violations).toEqual([]);
    };
    const usd = (lines: any[]) => lines.find((line) => line.currency === 'usd')?.amount ?? 0;

    it('charges tok_visa: a captured charge with the card as source, the fee booked, funds pending until T+2', async () => {
      const before = await get('/v1/balance');
      const created = await charge('amount=2000&currency=usd&source=tok_visa&description=Order%207&metadata[order]=7');
      expect(created.status).toBe(200);
      const body = created.json;
      expect(body).toMatchObject({
        object: 'charge',
        amount: 2000,
        amount_captured: 2000,
        amount_refunded: 0,
        captured: true,
        paid: true,
        refunded: false,
        status: 'succeeded',
        currency: 'usd',
        customer: null,
        description: 'Order 7',
        metadata: { order: '7' },
        payment_intent: null,
        failure_code: null,
        outcome: { type: 'authorized', network_status: 'approved_by_network', seller_message: 'Payment complete.' },
        payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', funding: 'credit', country: 'US' } },
        source: { object: 'card', brand: 'Visa', last4: '4242', customer: null },
        created: now(),
      });
      expect(body.id).toMatch(/^ch_/);
      expect(body.source.id).toMatch(/^card_/);
      expect(body.payment_method).toBe(body.source.id);
      expectSchema('charge', body);
      expectSchema('card', body.source);

      const txn = await get(`/v1/balance_transactions/${body.balance_transaction}`);
      expect(txn).toMatchObject({ type: 'charge', source: body.id, amount: 2000, fee: 88, net: 1912, status: 'pending' });
      expect(txn.available_on).toBe(Date.UTC(2026, 2, 12) / 1000);
      const after = await get('/v1/balance');
      expect(usd(after.pending) - usd(before.pending)).toBe(1912);
      expect(usd(after.available)).toBe(usd(before.available));

      expect(await get(`/v1/charges/${body.id}`)).toEqual(body);
      expect((await eventsOf(body.id)).map((event) => event.type)).toEqual(['charge.succeeded']);
      // The card is a PaymentMethod under its card_ id, as Stripe lets one retrieve it.
      expect(await get(`/v1/payment_methods/${body.payment_method}`)).toMatchObject({ id: body.payment_method, type: 'card' });
      await expectLedgerVerifies();
    });

    it('uses a stored token once: the charge shows its card and billing name; a second use is refused', async () => {
      const token = await tender.call('POST', '/v1/tokens', {
        form: 'card[number]=5555555555554444&card[exp_month]=12&card[exp_year]=2031&card[cvc]=123&card[name]=Jo%20Doe&card[address_zip]=94107',
      });
      expect(token.status).toBe(200);
      const created = await charge(`amount=1500&currency=usd&source=${token.json.id}`);
      expect(created.status).toBe(200);
      expect(created.json.source).toMatchObject({ id: token.json.card.id, brand: 'MasterCard', last4: '4444', name: 'Jo Doe' });
      expect(created.json.billing_details).toMatchObject({ name: 'Jo Doe', address: { postal_code: '94107' } });
      expect(created.json.payment_method).toBe(token.json.card.id);
      expect((await get(`/v1/tokens/${token.json.id}`)).used).toBe(true);

      const again = await charge(`amount=1500&currency=usd&source=${token.json.id}`);
      expect(again.status).toBe(400);
      expect(again.json.error).toMatchObject({ type: 'invalid_request_error', code: 'token_already_used' });
    });

    const declines: [string, Record<string, string>][] = [
      ['tok_chargeDeclined', { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' }],
      [
        'tok_visa_chargeDeclinedInsufficientFunds',
        { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
      ],
      ['tok_visa_chargeDeclinedLostCard', { code: 'card_declined', decline_code: 'lost_card' }],
      ['tok_visa_chargeDeclinedStolenCard', { code: 'card_declined', decline_code: 'stolen_card' }],
      ['tok_visa_chargeDeclinedVelocityLimitExceeded', { code: 'card_declined', decline_code: 'card_velocity_exceeded' }],
      [
        'tok_chargeDeclinedExpiredCard',
        { code: 'expired_card', decline_code: 'expired_card', message: 'Your card has expired.', param: 'exp_month' },
      ],
      ['tok_chargeDeclinedIncorrectCvc', { code: 'incorrect_cvc', decline_code: 'incorrect_cvc', param: 'cvc' }],
      ['tok_chargeDeclinedProcessingError', { code: 'processing_error', decline_code: 'processing_error' }],
      ['tok_chargeCustomerFail', { code: 'card_declined', decline_code: 'generic_decline' }],
      ['tok_radarBlock', { code: 'card_declined', decline_code: 'fraudulent' }],
    ];
    it.each(declines)('answers %s with 402 and keeps the failed charge', async (source, error) => {
      const declined = await charge(`amount=2000&currency=usd&source=${source}`);
      expect(declined.status).toBe(402);
      expect(declined.json.error).toMatchObject({ type: 'card_error', ...error });
      expectSchema('error', declined.json);
      const id = declined.json.error.charge as string;
      expect(id).toMatch(/^ch_/);
      const failed = await get(`/v1/charges/${id}`);
      expect(failed).toMatchObject({
        status: 'failed',
        paid: false,
        captured: false,
        balance_transaction: null,
        failure_code: error.code,
        failure_message: declined.json.error.message,
        payment_intent: null,
      });
      expectSchema('charge', failed);
      expect((await eventsOf(id)).map((event) => event.type)).toEqual(['charge.failed']);
      expect((await get(`/v1/balance_transactions?source=${id}`)).data).toEqual([]);
    });

    it('declines a card that needs 3D Secure with authentication_required: the Charges API cannot authenticate', async () => {
      const token = await tender.call('POST', '/v1/tokens', {
        form: 'card[number]=4000002760003184&card[exp_month]=12&card[exp_year]=2031',
      });
      const declined = await charge(`amount=2000&currency=eur&source=${token.json.id}`);
      expect(declined.status).toBe(402);
      expect(declined.json.error).toMatchObject({
        type: 'card_error',
        code: 'authentication_required',
        decline_code: 'authentication_required',
        message: 'Your card was declined. This transaction requires authentication.',
      });
      expect(await get(`/v1/charges/${declined.json.error.charge}`)).toMatchObject({
        status: 'failed',
        failure_code: 'authentication_required',
      });
    });

    it('refuses what Stripe refuses before charging anything', async () => {
      const cases: [string, number, Record<string, unknown>][] = [
        ['currency=usd&source=tok_visa', 400, { code: 'parameter_missing', param: 'amount', message: 'Missing required param: amount.' }],
        [
          'amount=49&currency=usd&source=tok_visa',
          400,
          { code: 'amount_too_small', param: 'amount', message: 'Amount must be at least $0.50 usd' },
        ],
        ['amount=2000&currency=usd', 400, { message: 'Must provide source or customer.' }],
        [
          'amount=2000&currency=usd&source=pm_card_visa',
          400,
          { message: 'You cannot create a charge with a PaymentMethod. Use the Payment Intents API instead.' },
        ],
        [
          'amount=2000&currency=usd&source=tok_nope',
          400,
          { code: 'resource_missing', param: 'source', message: "No such token: 'tok_nope'" },
        ],
        ['amount=2000&currency=usd&customer=cus_nope', 400, { code: 'resource_missing', param: 'customer' }],
        ['amount=2000&currency=usd&source=tok_visa&on_behalf_of=acct_1', 400, { param: 'on_behalf_of' }],
      ];
      const before = (await get('/v1/charges?limit=100')).data.length;
      for (const [form, status, error] of cases) {
        const refused = await charge(form);
        expect([form, refused.status]).toEqual([form, status]);
        expect(refused.json.error).toMatchObject({ type: 'invalid_request_error', ...error });
        expectSchema('error', refused.json);
      }
      expect((await get('/v1/charges?limit=100')).data.length).toBe(before);
    });

    it('charges a zero-decimal currency in whole units', async () => {
      const created = await charge('amount=500&currency=jpy&source=tok_visa');
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({ amount: 500, currency: 'jpy', amount_captured: 500 });
      expect((await charge('amount=49&currency=jpy&source=tok_visa')).json.error.code).toBe('amount_too_small');
    });

    it('holds with capture=false, then captures in full once; a second capture is refused', async () => {
      const before = await get('/v1/balance');
      const held = (await charge('amount=5000&currency=usd&source=tok_visa&capture=false')).json;
      expect(held).toMatchObject({ captured: false, amount_captured: 0, paid: true, status: 'succeeded', balance_transaction: null });
      expectSchema('charge', held);
      expect(await get('/v1/balance')).toEqual(before);

      const captured = await tender.call('POST', `/v1/charges/${held.id}/capture`, { form: 'receipt_email=jo%40example.com' });
      expect(captured.status).toBe(200);
      expect(captured.json).toMatchObject({ captured: true, amount_captured: 5000, amount_refunded: 0, receipt_email: 'jo@example.com' });
      expectSchema('charge', captured.json);
      const txn = await get(`/v1/balance_transactions/${captured.json.balance_transaction}`);
      expect(txn).toMatchObject({ type: 'charge', source: held.id, amount: 5000, fee: 175, net: 4825, status: 'pending' });
      expect((await eventsOf(held.id)).map((event) => event.type)).toEqual(['charge.succeeded', 'charge.captured']);

      const again = await tender.call('POST', `/v1/charges/${held.id}/capture`);
      expect(again.status).toBe(400);
      expect(again.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'charge_already_captured',
        message: `Charge ${held.id} has already been captured.`,
      });
      await expectLedgerVerifies();
    });

    it('captures part: the rest is released and refunded, booked as a refund entry; refunds stop at what was kept', async () => {
      const held = (await charge('amount=5000&currency=usd&source=tok_visa&capture=false')).json;
      const over = await tender.call('POST', `/v1/charges/${held.id}/capture`, { form: 'amount=5001' });
      expect(over.status).toBe(400);
      expect(over.json.error).toMatchObject({ code: 'amount_too_large', param: 'amount' });

      const captured = await tender.call('POST', `/v1/charges/${held.id}/capture`, { form: 'amount=3000' });
      expect(captured.json).toMatchObject({ captured: true, amount_captured: 3000, amount_refunded: 2000, refunded: false });
      const entries = (await get(`/v1/balance_transactions?source=${held.id}`)).data as any[];
      expect(entries.map((entry) => [entry.type, entry.amount, entry.fee]).sort()).toEqual([
        ['charge', 5000, 117],
        ['refund', -2000, 0],
      ]);
      expect((await eventsOf(held.id)).map((event) => event.type)).toEqual(['charge.succeeded', 'charge.captured', 'charge.refunded']);

      const tooMuch = await tender.call('POST', '/v1/refunds', { form: `charge=${held.id}&amount=3001` });
      expect(tooMuch.json.error.message).toBe('Refund amount ($30.01) is greater than unrefunded amount on charge ($30.00)');
      const rest = await tender.call('POST', '/v1/refunds', { form: `charge=${held.id}` });
      expect(rest.json).toMatchObject({ amount: 3000, status: 'succeeded', payment_intent: null });
      expect(await get(`/v1/charges/${held.id}`)).toMatchObject({ amount_refunded: 5000, refunded: true });
      await expectLedgerVerifies();
    });

    it('sends a PaymentIntent’s hold back to its PaymentIntent, and refuses a failed charge', async () => {
      const intent = (
        await tender.call('POST', '/v1/payment_intents', {
          form: 'amount=2000&currency=usd&capture_method=manual&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card',
        })
      ).json;
      const refused = await tender.call('POST', `/v1/charges/${intent.latest_charge}/capture`);
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toContain(
        `This uncaptured Charge was created by a PaymentIntent (${intent.id}). You must capture the PaymentIntent instead.`,
      );
      expect((await get(`/v1/charges/${intent.latest_charge}`)).captured).toBe(false);
      await tender.call('POST', `/v1/payment_intents/${intent.id}/capture`);
      const twice = await tender.call('POST', `/v1/charges/${intent.latest_charge}/capture`);
      expect(twice.json.error.code).toBe('charge_already_captured');

      const failed = await charge('amount=2000&currency=usd&source=tok_chargeDeclined');
      const notCapturable = await tender.call('POST', `/v1/charges/${failed.json.error.charge}/capture`);
      expect(notCapturable.status).toBe(400);
      expect(notCapturable.json.error.type).toBe('invalid_request_error');
      const missing = await tender.call('POST', '/v1/charges/ch_nope/capture');
      expect(missing.status).toBe(404);
      expect(missing.json.error).toMatchObject({ code: 'resource_missing', message: "No such charge: 'ch_nope'" });
    });

    it('charges a customer’s default payment method; a customer without one is a 402 `missing`', async () => {
      const customer = (
        await tender.call('POST', '/v1/customers', {
          form: 'email=jo%40example.com&payment_method=pm_card_visa&invoice_settings[default_payment_method]=pm_card_visa',
        })
      ).json;
      const pm = customer.invoice_settings.default_payment_method as string;
      const created = await charge(`amount=2500&currency=usd&customer=${customer.id}`);
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({ customer: customer.id, payment_method: pm, source: null, captured: true, payment_intent: null });
      expectSchema('charge', created.json);
      expect((await get(`/v1/charges?customer=${customer.id}`)).data.map((item: any) => item.id)).toEqual([created.json.id]);

      const withToken = await charge(`amount=2500&currency=usd&customer=${customer.id}&source=tok_visa`);
      expect(withToken.status).toBe(400);
      expect(withToken.json.error).toMatchObject({
        code: 'missing',
        param: 'source',
        message: `Customer ${customer.id} does not have a linked source with ID tok_visa.`,
      });

      const bare = (await tender.call('POST', '/v1/customers', { form: 'name=Nobody' })).json;
      const none = await charge(`amount=2500&currency=usd&customer=${bare.id}`);
      expect(none.status).toBe(402);
      expect(none.json.error).toMatchObject({
        type: 'card_error',
        code: 'missing',
        param: 'card',
        message: 'Cannot charge a customer that has no active card',
      });
      expectSchema('error', none.json);

      const failing = (
        await tender.call('POST', '/v1/customers', {
          form: 'payment_method=pm_card_chargeCustomerFail&invoice_settings[default_payment_method]=pm_card_chargeCustomerFail',
        })
      ).json;
      const declined = await charge(`amount=2500&currency=usd&customer=${failing.id}`);
      expect(declined.status).toBe(402);
      expect(declined.json.error).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' });
      expect((await get(`/v1/charges/${declined.json.error.charge}`)).customer).toBe(failing.id);
    });

    it('updates description, metadata, receipt_email, shipping, fraud_details and transfer_group with charge.updated', async () => {
      const created = (await charge('amount=2000&currency=usd&source=tok_visa&metadata[a]=1&metadata[b]=2&description=first')).json;
      const updated = await tender.call('POST', `/v1/charges/${created.id}`, {
        form:
          'description=second&metadata[b]=&metadata[c]=3&receipt_email=r%40example.com&fraud_details[user_report]=safe' +
          '&transfer_group=group_1&shipping[name]=Jo&shipping[address][line1]=1%20Main&shipping[address][country]=US',
      });
      expect(updated.status).toBe(200);
      expect(updated.json).toMatchObject({
        description: 'second',
        metadata: { a: '1', c: '3' },
        receipt_email: 'r@example.com',
        fraud_details: { user_report: 'safe' },
        transfer_group: 'group_1',
        shipping: { name: 'Jo', address: { line1: '1 Main', country: 'US', city: null }, carrier: null },
      });
      expectSchema('charge', updated.json);
      const events = (await eventsOf(created.id)).filter((event) => event.type === 'charge.updated');
      expect(events).toHaveLength(1);
      expect(events[0].data.previous_attributes).toEqual({
        description: 'first',
        metadata: { b: '2', c: null },
        receipt_email: null,
        fraud_details: { user_report: null },
        transfer_group: null,
        shipping: null,
      });
      expectSchema('event', events[0]);

      // The same values again change nothing and say nothing.
      const same = await tender.call('POST', `/v1/charges/${created.id}`, { form: 'description=second' });
      expect(same.json).toEqual(updated.json);
      expect((await eventsOf(created.id)).filter((event) => event.type === 'charge.updated')).toHaveLength(1);
      // A PaymentIntent's charge can be described too.
      const intent = (
        await tender.call('POST', '/v1/payment_intents', {
          form: 'amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&payment_method_types[]=card',
        })
      ).json;
      const described = await tender.call('POST', `/v1/charges/${intent.latest_charge}`, { form: 'description=via%20intent' });
      expect(described.json).toMatchObject({ description: 'via intent', payment_intent: intent.id });
      const missing = await tender.call('POST', '/v1/charges/ch_nope', { form: 'description=x' });
      expect(missing.status).toBe(404);
    });

    it('sets a charge’s customer once', async () => {
      const created = (await charge('amount=2000&currency=usd&source=tok_visa')).json;
      const first = (await tender.call('POST', '/v1/customers', { form: 'name=First' })).json;
      const second = (await tender.call('POST', '/v1/customers', { form: 'name=Second' })).json;
      const set = await tender.call('POST', `/v1/charges/${created.id}`, { form: `customer=${first.id}` });
      expect(set.json.customer).toBe(first.id);
      // The list filters on the stored column, which the update writes too.
      expect((await get(`/v1/charges?customer=${first.id}`)).data.map((item: any) => item.id)).toEqual([created.id]);
      const moved = await tender.call('POST', `/v1/charges/${created.id}`, { form: `customer=${second.id}` });
      expect(moved.status).toBe(400);
      expect(moved.json.error).toMatchObject({ type: 'invalid_request_error', param: 'customer' });
      const unknown = await tender.call('POST', `/v1/charges/${created.id}`, { form: 'customer=cus_nope' });
      expect(unknown.json.error).toMatchObject({ code: 'resource_missing', param: 'customer' });
    });

    it('refunds direct charges with the refunds API, and the test card’s refund behaviour holds', async () => {
      const paid = (await charge('amount=3000&currency=usd&source=tok_visa')).json;
      const partial = await tender.call('POST', '/v1/refunds', { form: `charge=${paid.id}&amount=1000` });
      expect(partial.json).toMatchObject({ amount: 1000, status: 'succeeded', charge: paid.id, payment_intent: null });
      expectSchema('refund', partial.json);
      const rest = await tender.call('POST', '/v1/refunds', { form: `charge=${paid.id}` });
      expect(rest.json.amount).toBe(2000);
      expect(await get(`/v1/charges/${paid.id}`)).toMatchObject({ amount_refunded: 3000, refunded: true });
      const refundEvents = (await eventsOf(paid.id)).filter((event) => event.type === 'charge.refunded');
      expect(refundEvents).toHaveLength(2);

      // tok_pendingRefund: the refund starts pending, as it does for the card's PaymentMethod.
      const pendingCard = (await charge('amount=2000&currency=usd&source=tok_pendingRefund')).json;
      const pending = await tender.call('POST', '/v1/refunds', { form: `charge=${pendingCard.id}` });
      expect(pending.json.status).toBe('pending');
      await expectLedgerVerifies();
    });

    it('releases an uncaptured charge when it is refunded: no money moves, and it can no longer be captured', async () => {
      const before = await get('/v1/balance');
      const held = (await charge('amount=4000&currency=usd&source=tok_visa&capture=false')).json;
      const part = await tender.call('POST', '/v1/refunds', { form: `charge=${held.id}&amount=1000` });
      expect(part.status).toBe(400);
      expect(part.json.error).toMatchObject({ param: 'amount' });

      const released = await tender.call('POST', '/v1/refunds', { form: `charge=${held.id}` });
      expect(released.status).toBe(200);
      expect(released.json).toMatchObject({ amount: 4000, status: 'succeeded', balance_transaction: null, charge: held.id });
      expectSchema('refund', released.json);
      expect(await get(`/v1/charges/${held.id}`)).toMatchObject({ captured: false, refunded: true, amount_refunded: 4000 });
      expect(await get('/v1/balance')).toEqual(before);
      const capture = await tender.call('POST', `/v1/charges/${held.id}/capture`);
      expect(capture.json.error).toMatchObject({ code: 'charge_already_refunded' });
      const again = await tender.call('POST', '/v1/refunds', { form: `charge=${held.id}` });
      expect(again.json.error.code).toBe('charge_already_refunded');
      await expectLedgerVerifies();
    });

    it('answers a retry with the same key from the first answer, and charges once', async () => {
      const headers = { 'idempotency-key': `charge-${engine.name}-retry` };
      const first = await charge('amount=1200&currency=usd&source=tok_visa', headers);
      const replay = await charge('amount=1200&currency=usd&source=tok_visa', headers);
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.text).toBe(first.text);
      expect((await get(`/v1/balance_transactions?source=${first.json.id}`)).data).toHaveLength(1);
      const other = await charge('amount=1300&currency=usd&source=tok_visa', headers);
      expect(other.status).toBe(400);
      expect(other.json.error.type).toBe('idempotency_error');

      // A decline is stored too: the retry answers the same 402 and the same failed charge.
      const declineHeaders = { 'idempotency-key': `charge-${engine.name}-decline` };
      const declined = await charge('amount=1200&currency=usd&source=tok_chargeDeclined', declineHeaders);
      const declinedAgain = await charge('amount=1200&currency=usd&source=tok_chargeDeclined', declineHeaders);
      expect(declinedAgain.status).toBe(402);
      expect(declinedAgain.json.error.charge).toBe(declined.json.error.charge);
    });

    it('captures a hold once under 20 concurrent captures, and spends a token once under 20 concurrent charges', async () => {
      const held = (await charge('amount=2000&currency=usd&source=tok_visa&capture=false')).json;
      const captures = await Promise.all(
        Array.from({ length: 20 }, () => tender.call('POST', `/v1/charges/${held.id}/capture`, { form: 'amount=1500' })),
      );
      expect(captures.filter((answer) => answer.status === 200)).toHaveLength(1);
      const refused = captures.filter((answer) => answer.status !== 200);
      expect(new Set(refused.map((answer) => `${answer.status} ${answer.json.error.code}`))).toEqual(
        new Set(['400 charge_already_captured']),
      );
      expect((await get(`/v1/balance_transactions?source=${held.id}`)).data).toHaveLength(2);

      const token = (
        await tender.call('POST', '/v1/tokens', { form: 'card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2031' })
      ).json;
      const charges = await Promise.all(Array.from({ length: 20 }, () => charge(`amount=1000&currency=usd&source=${token.id}`)));
      expect(charges.filter((answer) => answer.status === 200)).toHaveLength(1);
      expect(new Set(charges.filter((answer) => answer.status !== 200).map((answer) => answer.json.error.code))).toEqual(
        new Set(['token_already_used']),
      );
      await expectLedgerVerifies();
    });

    it('expires a hold left uncaptured for 7 days through the scheduler: charge.expired, capture refused', async () => {
      const held = (await charge('amount=2000&currency=usd&source=tok_visa&capture=false')).json;
      const late = (await charge('amount=2000&currency=usd&source=tok_visa&capture=false')).json;
      const kept = (await charge('amount=2000&currency=usd&source=tok_visa&capture=false')).json;
      clock.advanceMs(day_ms);
      expect((await tender.call('POST', `/v1/charges/${kept.id}/capture`)).status).toBe(200);

      clock.advanceMs(6 * day_ms - 1000);
      await tender.runDueJobs();
      expect((await get(`/v1/charges/${held.id}`)).refunded).toBe(false);

      clock.advanceMs(1000);
      // At the lapse the capture is refused even before the job has run.
      const tooLate = await tender.call('POST', `/v1/charges/${late.id}/capture`);
      expect(tooLate.status).toBe(400);
      expect(tooLate.json.error).toMatchObject({
        code: 'charge_expired_for_capture',
        message: `Charge ${late.id} cannot be captured because the charge has expired (a charge must be captured within 7 days). You will need to create a new charge to retry the payment.`,
      });
      await tender.runDueJobs();
      const expired = await get(`/v1/charges/${held.id}`);
      expect(expired).toMatchObject({ captured: false, refunded: true, amount_refunded: 2000, balance_transaction: null });
      expectSchema('charge', expired);
      const events = await eventsOf(held.id);
      expect(events.map((event) => event.type)).toEqual(['charge.succeeded', 'charge.expired']);
      expect(events[1].request).toEqual({ id: null, idempotency_key: null });
      expect((await get(`/v1/charges/${kept.id}`)).refunded).toBe(false);
      expect((await eventsOf(kept.id)).map((event) => event.type)).toEqual(['charge.succeeded', 'charge.captured']);

      const capture = await tender.call('POST', `/v1/charges/${held.id}/capture`);
      expect(capture.json.error.code).toBe('charge_expired_for_capture');
      await expectLedgerVerifies();
    });
  });
}
