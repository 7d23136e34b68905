// PaymentMethods and tokens end to end over a real socket, on every engine: create from raw cards
// and tokens, the card errors, magic ids, attach / detach / list by customer, updates with
// previous_attributes, the events they emit, and that no full number is ever answered or stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardFingerprint } from '../src/domain/cards/card-number.js';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const visa = 'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2099&card[cvc]=123';

for (const engine of test_engines) {
  describe(`payment methods on ${engine.name}`, () => {
    let tender: LiveTender;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
    });
    afterAll(async () => {
      await tender.close();
    });

    const newCustomer = async (form = '') => (await tender.call('POST', '/v1/customers', { form })).json;
    const eventFor = async (type: string, id: string) => {
      const events = await tender.call('GET', `/v1/events?type=${type}&limit=100`);
      return events.json.data.find((event: any) => event.data.object.id === id);
    };

    it('fingerprints the same number differently in another account', async () => {
      const otherKey = 'sk_test_otherAccountForFingerprints01';
      const other = await startLiveTender(engine, { secretKey: otherKey });
      try {
        const here = await tender.call('POST', '/v1/payment_methods', { form: visa });
        const there = await other.call('POST', '/v1/payment_methods', { form: visa, key: otherKey });
        expect(there.status).toBe(200);
        expect(there.json.card.fingerprint).not.toBe(here.json.card.fingerprint);
      } finally {
        await other.close();
      }
    });
    it('creates a card PaymentMethod with Stripe’s shape and never answers or stores the number', async () => {
      const created = await tender.call('POST', '/v1/payment_methods', { form: `${visa}&billing_details[name]=Jenny&metadata[a]=1` });
      expect(created.status).toBe(200);
      expect(created.json).toMatchObject({
        object: 'payment_method',
        type: 'card',
        customer: null,
        livemode: false,
        metadata: { a: '1' },
        billing_details: { name: 'Jenny', email: null, phone: null, address: { city: null, line1: null } },
        card: {
          brand: 'visa',
          last4: '4242',
          exp_month: 12,
          exp_year: 2099,
          funding: 'credit',
          country: 'US',
          checks: { cvc_check: 'unchecked', address_line1_check: null, address_postal_code_check: null },
          networks: { available: ['visa'], preferred: null },
          three_d_secure_usage: { supported: true },
          generated_from: null,
          wallet: null,
        },
      });
      expect(created.json.id).toMatch(/^pm_[0-9A-Za-z]{24}$/);
      expect(created.json.card.fingerprint).toMatch(/^[0-9A-Za-z]{16}$/);
      expect(created.text).not.toContain('4242424242424242');
      expect(created.text).not.toContain('card_behaviour');

      const again = await tender.call('POST', '/v1/payment_methods', { form: visa });
      expect(again.json.card.fingerprint).toBe(created.json.card.fingerprint);
      const other = await tender.call('POST', '/v1/payment_methods', {
        form: 'type=card&card[number]=5555555555554444&card[exp_month]=1&card[exp_year]=2099',
      });
      expect(other.json.card).toMatchObject({ brand: 'mastercard', last4: '4444', checks: { cvc_check: null } });
      expect(other.json.card.fingerprint).not.toBe(created.json.card.fingerprint);
      // Keyed by the account's random secret: nothing public (such as the account id) reproduces it.
      expect(created.json.card.fingerprint).not.toBe(cardFingerprint('4242424242424242', tender.account.account_id));

      const rows = await tender.store.read((executor) =>
        executor.all<Record<string, unknown>>(tender.store.db.selectFrom('payment_methods').selectAll().compile()),
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain('4242424242424242');
      expect(JSON.stringify(rows)).not.toContain('5555555555554444');

      const retrieved = await tender.call('GET', `/v1/payment_methods/${created.json.id}`);
      expect(retrieved.json).toEqual(created.json);
    });

    it.each([
      ['Luhn failure', 'card[number]=4242424242424241&card[exp_month]=12&card[exp_year]=2099', 'incorrect_number', 'number'],
      ['month 13', 'card[number]=4242424242424242&card[exp_month]=13&card[exp_year]=2099', 'invalid_expiry_month', 'exp_month'],
      ['a past year', 'card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2001', 'invalid_expiry_year', 'exp_year'],
      ['a two-digit CVC', 'card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2099&card[cvc]=12', 'invalid_cvc', 'cvc'],
      ['a three-digit Amex CVC', 'card[number]=378282246310005&card[exp_month]=12&card[exp_year]=2099&card[cvc]=123', 'invalid_cvc', 'cvc'],
    ])('refuses %s with a 402 card_error', async (_name, card, code, param) => {
      const response = await tender.call('POST', '/v1/payment_methods', { form: `type=card&${card}` });
      expect(response.status).toBe(402);
      expect(response.json.error).toMatchObject({ type: 'card_error', code, param });
      expect(response.json.error.decline_code).toBeUndefined();
    });

    it('retrieves magic ids as fixed objects and attaches them as new PaymentMethods', async () => {
      const magic = await tender.call('GET', '/v1/payment_methods/pm_card_visa');
      expect(magic.status).toBe(200);
      expect(magic.json).toMatchObject({ id: 'pm_card_visa', customer: null, card: { brand: 'visa', last4: '4242' } });
      expect((await tender.call('GET', '/v1/payment_methods/pm_card_nonsense')).status).toBe(404);

      const customer = await newCustomer();
      const attached = await tender.call('POST', '/v1/payment_methods/pm_card_mastercard/attach', { form: `customer=${customer.id}` });
      expect(attached.status).toBe(200);
      expect(attached.json.id).toMatch(/^pm_[0-9A-Za-z]{24}$/);
      expect(attached.json).toMatchObject({ customer: customer.id, card: { brand: 'mastercard', last4: '4444' } });
      const event = await eventFor('payment_method.attached', attached.json.id);
      expect(event.data.object).toEqual(attached.json);
    });

    it('refuses to attach declined cards, and a PaymentMethod already attached elsewhere', async () => {
      const customer = await newCustomer();
      const declined = await tender.call('POST', '/v1/payment_methods/pm_card_visa_chargeDeclined/attach', {
        form: `customer=${customer.id}`,
      });
      expect(declined.status).toBe(402);
      expect(declined.json.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
      const raw = await tender.call('POST', '/v1/payment_methods', {
        form: 'type=card&card[number]=4000000000009995&card[exp_month]=12&card[exp_year]=2099',
      });
      const insufficient = await tender.call('POST', `/v1/payment_methods/${raw.json.id}/attach`, { form: `customer=${customer.id}` });
      expect(insufficient.json.error).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds' });
      const failsLater = await tender.call('POST', '/v1/payment_methods/pm_card_chargeCustomerFail/attach', {
        form: `customer=${customer.id}`,
      });
      expect(failsLater.status).toBe(200);

      const pm = (await tender.call('POST', '/v1/payment_methods', { form: visa })).json;
      await tender.call('POST', `/v1/payment_methods/${pm.id}/attach`, { form: `customer=${customer.id}` });
      const again = await tender.call('POST', `/v1/payment_methods/${pm.id}/attach`, { form: `customer=${customer.id}` });
      expect(again.status).toBe(200);
      const other = await newCustomer();
      const elsewhere = await tender.call('POST', `/v1/payment_methods/${pm.id}/attach`, { form: `customer=${other.id}` });
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.json.error.message).toBe('The payment method you provided has already been attached to a customer.');
    });

    it('lists by customer and type, and detaches with an event', async () => {
      const customer = await newCustomer();
      const first = (await tender.call('POST', '/v1/payment_methods/pm_card_visa/attach', { form: `customer=${customer.id}` })).json;
      const second = (await tender.call('POST', '/v1/payment_methods/pm_card_amex/attach', { form: `customer=${customer.id}` })).json;
      const listed = await tender.call('GET', `/v1/payment_methods?customer=${customer.id}&type=card`);
      expect(listed.json).toMatchObject({ object: 'list', has_more: false, url: '/v1/payment_methods' });
      expect(listed.json.data.map((pm: any) => pm.id)).toEqual([second.id, first.id]);
      const paged = await tender.call('GET', `/v1/payment_methods?customer=${customer.id}&limit=1`);
      expect(paged.json.has_more).toBe(true);
      expect((await tender.call('GET', `/v1/payment_methods?customer=${customer.id}&type=sepa_debit`)).json.data).toEqual([]);
      expect((await tender.call('GET', '/v1/payment_methods?customer=cus_missing')).status).toBe(400);

      const detached = await tender.call('POST', `/v1/payment_methods/${first.id}/detach`);
      expect(detached.status).toBe(200);
      expect(detached.json.customer).toBeNull();
      const event = await eventFor('payment_method.detached', first.id);
      expect(event.data.previous_attributes).toEqual({ customer: customer.id });
      const listedAfter = await tender.call('GET', `/v1/payment_methods?customer=${customer.id}`);
      expect(listedAfter.json.data.map((pm: any) => pm.id)).toEqual([second.id]);
      const twice = await tender.call('POST', `/v1/payment_methods/${first.id}/detach`);
      expect(twice.status).toBe(400);
    });

    it('updates a saved PaymentMethod with previous_attributes; an unsaved one cannot be updated', async () => {
      const pm = (await tender.call('POST', '/v1/payment_methods', { form: `${visa}&metadata[a]=1` })).json;
      const unsaved = await tender.call('POST', `/v1/payment_methods/${pm.id}`, { form: 'metadata[b]=2' });
      expect(unsaved.status).toBe(400);
      expect(unsaved.json.error.message).toBe('You must save this PaymentMethod to a customer before you can update it.');
      const customer = await newCustomer();
      await tender.call('POST', `/v1/payment_methods/${pm.id}/attach`, { form: `customer=${customer.id}` });
      const updated = await tender.call('POST', `/v1/payment_methods/${pm.id}`, {
        form: 'metadata[b]=2&billing_details[email]=a%40example.com&card[exp_month]=6&card[exp_year]=2098',
      });
      expect(updated.status).toBe(200);
      expect(updated.json).toMatchObject({ metadata: { a: '1', b: '2' }, billing_details: { email: 'a@example.com' } });
      expect(updated.json.card).toMatchObject({ exp_month: 6, exp_year: 2098 });
      const event = await eventFor('payment_method.updated', pm.id);
      expect(event.data.previous_attributes).toEqual({
        metadata: { b: null },
        billing_details: { email: null },
        card: { exp_month: 12, exp_year: 2099 },
      });
      const expired = await tender.call('POST', `/v1/payment_methods/${pm.id}`, { form: 'card[exp_year]=2001' });
      expect(expired.json.error).toMatchObject({ type: 'card_error', code: 'invalid_expiry_year' });
    });

    it('creates tokens, makes a PaymentMethod from one once, and accepts magic tokens', async () => {
      const created = await tender.call('POST', '/v1/tokens', {
        form: 'card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2099&card[cvc]=123&card[address_zip]=94102&card[name]=Ann',
      });
      expect(created.status).toBe(200);
      const token = created.json;
      expect(token).toMatchObject({
        object: 'token',
        type: 'card',
        used: false,
        livemode: false,
        client_ip: null,
        card: {
          object: 'card',
          brand: 'Visa',
          last4: '4242',
          cvc_check: 'unchecked',
          address_zip: '94102',
          address_zip_check: 'unchecked',
        },
      });
      expect(token.id).toMatch(/^tok_/);
      expect(token.card.id).toMatch(/^card_/);
      expect(created.text).not.toContain('4242424242424242');

      const pm = await tender.call('POST', '/v1/payment_methods', { form: `type=card&card[token]=${token.id}` });
      expect(pm.status).toBe(200);
      expect(pm.json).toMatchObject({
        card: { last4: '4242', fingerprint: token.card.fingerprint },
        billing_details: { name: 'Ann', address: { postal_code: '94102' } },
      });
      expect((await tender.call('GET', `/v1/tokens/${token.id}`)).json.used).toBe(true);
      const reused = await tender.call('POST', '/v1/payment_methods', { form: `type=card&card[token]=${token.id}` });
      expect(reused.status).toBe(400);
      expect(reused.json.error).toMatchObject({
        code: 'token_already_used',
        message: `You cannot use a Stripe token more than once: ${token.id}.`,
      });

      for (let index = 0; index < 2; index += 1) {
        const magic = await tender.call('POST', '/v1/payment_methods', { form: 'type=card&card[token]=tok_mastercard' });
        expect(magic.json.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
      }
      const tokenRows = await tender.store.read((executor) =>
        executor.all<Record<string, unknown>>(tender.store.db.selectFrom('tokens').selectAll().compile()),
      );
      expect(JSON.stringify(tokenRows)).not.toContain('4242424242424242');
      expect(JSON.stringify(tokenRows)).not.toMatch(/"cvc":/);
    });

    it('attaches `payment_method` on customer create and checks invoice_settings[default_payment_method]', async () => {
      const created = await tender.call('POST', '/v1/customers', {
        form: 'payment_method=pm_card_visa&invoice_settings[default_payment_method]=pm_card_visa',
      });
      expect(created.status).toBe(200);
      const defaultId = created.json.invoice_settings.default_payment_method;
      expect(defaultId).toMatch(/^pm_[0-9A-Za-z]{24}$/);
      const pm = await tender.call('GET', `/v1/payment_methods/${defaultId}`);
      expect(pm.json.customer).toBe(created.json.id);

      const loose = (await tender.call('POST', '/v1/payment_methods', { form: visa })).json;
      const refused = await tender.call('POST', `/v1/customers/${created.json.id}`, {
        form: `invoice_settings[default_payment_method]=${loose.id}`,
      });
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({
        code: 'resource_missing',
        param: 'invoice_settings[default_payment_method]',
        message: `The customer does not have a payment method with the ID ${loose.id}. The payment method must be attached to the customer.`,
      });
      await tender.call('POST', `/v1/payment_methods/${loose.id}/attach`, { form: `customer=${created.json.id}` });
      const accepted = await tender.call('POST', `/v1/customers/${created.json.id}`, {
        form: `invoice_settings[default_payment_method]=${loose.id}`,
      });
      expect(accepted.json.invoice_settings.default_payment_method).toBe(loose.id);
      const onlyDefault = await tender.call('POST', '/v1/customers', { form: 'invoice_settings[default_payment_method]=pm_card_visa' });
      expect(onlyDefault.status).toBe(400);
    });
  });
}
