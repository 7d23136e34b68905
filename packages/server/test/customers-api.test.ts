// Customers end to end over a real socket, on every engine: create, retrieve, update (POST and PUT),
// delete with a retrievable stub, list filters and pagination, search, and the events they emit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

for (const engine of test_engines) {
  describe(`customers on ${engine.name}`, () => {
    let tender: LiveTender;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
    });
    afterAll(async () => {
      await tender.close();
    });

    it('creates a customer with Stripe’s full shape and emits customer.created', async () => {
      const created = await tender.call('POST', '/v1/customers', {
        form: 'email=jenny%40example.com&name=Jenny+Rosen&metadata[order_id]=6735&address[city]=Paris&preferred_locales[]=fr&balance=-250',
      });
      expect(created.status).toBe(200);
      const customer = created.json;
      expect(customer).toMatchObject({
        object: 'customer',
        email: 'jenny@example.com',
        name: 'Jenny Rosen',
        metadata: { order_id: '6735' },
        address: { city: 'Paris', country: null, line1: null, line2: null, postal_code: null, state: null },
        preferred_locales: ['fr'],
        balance: -250,
        livemode: false,
        delinquent: false,
        tax_exempt: 'none',
        default_source: null,
        shipping: null,
        test_clock: null,
        next_invoice_sequence: 1,
      });
      expect(customer.id).toMatch(/^cus_[0-9A-Za-z]{24}$/);
      expect(customer.invoice_prefix).toMatch(/^[A-Z0-9]{8}$/);
      expect(typeof customer.created).toBe('number');
      expect(created.headers.get('request-id')).toMatch(/^req_/);

      const events = await tender.call('GET', `/v1/events?type=customer.created&limit=100`);
      const event = events.json.data.find((candidate: any) => candidate.data.object.id === customer.id);
      expect(event).toMatchObject({
        object: 'event',
        type: 'customer.created',
        pending_webhooks: 0,
        livemode: false,
        request: { id: created.headers.get('request-id'), idempotency_key: null },
      });
      expect(event.data.object).toEqual(customer);
    });

    it('retrieves, updates with merged metadata and previous_attributes, and accepts PUT and /v1.0', async () => {
      const { json: customer } = await tender.call('POST', '/v1/customers', { form: 'email=a%40example.com&metadata[a]=1&metadata[b]=2' });
      const retrieved = await tender.call('GET', `/v1/customers/${customer.id}`);
      expect(retrieved.json).toEqual(customer);

      const updated = await tender.call('POST', `/v1/customers/${customer.id}`, { form: 'metadata[b]=&metadata[c]=3&name=Ann' });
      expect(updated.status).toBe(200);
      expect(updated.json.metadata).toEqual({ a: '1', c: '3' });
      expect(updated.json.name).toBe('Ann');

      const events = await tender.call('GET', '/v1/events?type=customer.updated&limit=100');
      const event = events.json.data.find((candidate: any) => candidate.data.object.id === customer.id);
      expect(event.data.previous_attributes).toEqual({ metadata: { b: '2', c: null }, name: null });

      const put = await tender.call('PUT', `/v1.0/customers/${customer.id}`, { form: 'description=via+put' });
      expect(put.status).toBe(200);
      expect(put.json.description).toBe('via put');
      await tender.call('POST', `/v1/customers/${customer.id}`, { form: 'shipping[name]=Ann&shipping[address][line1]=1+Main+St' });
      const cleared = await tender.call('POST', `/v1/customers/${customer.id}`, { form: 'metadata=&shipping=' });
      expect(cleared.json.metadata).toEqual({});
      expect(cleared.json.shipping).toBeNull();
      // Stripe's spec does not let an email be unset.
      const unset = await tender.call('POST', `/v1/customers/${customer.id}`, { form: 'email=' });
      expect(unset.status).toBe(400);
      expect(unset.json.error).toMatchObject({ code: 'parameter_invalid_empty', param: 'email' });
    });

    it('refuses an update whose merged metadata passes 50 keys with Stripe’s wording, changing nothing', async () => {
      const keys = (from: number, count: number) => Array.from({ length: count }, (_, index) => `metadata[k${from + index}]=v`).join('&');
      const customer = (await tender.call('POST', '/v1/customers', { form: keys(0, 30) })).json;
      const over = await tender.call('POST', `/v1/customers/${customer.id}`, { form: keys(30, 21) });
      expect(over.status).toBe(400);
      expect(over.json.error).toMatchObject({
        type: 'invalid_request_error',
        param: 'metadata',
        message: "Metadata can have up to 50 keys, but you've set 51. Email us at support+metadata@stripe.com for more information.",
      });
      expect(Object.keys((await tender.call('GET', `/v1/customers/${customer.id}`)).json.metadata)).toHaveLength(30);
      // Replacing and deleting keys in the same update counts what is left.
      const within = await tender.call('POST', `/v1/customers/${customer.id}`, { form: `${keys(30, 21)}&metadata[k0]=` });
      expect(within.status).toBe(200);
      expect(Object.keys(within.json.metadata)).toHaveLength(50);
    });

    it('refuses a deleted customer wherever a payment, setup, charge or attach names one', async () => {
      const customer = (await tender.call('POST', '/v1/customers')).json;
      expect((await tender.call('DELETE', `/v1/customers/${customer.id}`)).status).toBe(200);
      const attempts = [
        ['/v1/payment_intents', `amount=2000&currency=usd&customer=${customer.id}`],
        ['/v1/setup_intents', `customer=${customer.id}`],
        ['/v1/charges', `amount=2000&currency=usd&customer=${customer.id}`],
        ['/v1/payment_methods/pm_card_visa/attach', `customer=${customer.id}`],
      ] as const;
      for (const [path, form] of attempts) {
        const refused = await tender.call('POST', path, { form });
        expect(refused.status, path).toBe(400);
        expect(refused.json.error, path).toMatchObject({
          type: 'invalid_request_error',
          code: 'resource_missing',
          param: 'customer',
          message: `No such customer: '${customer.id}'`,
        });
      }
    });

    it('keeps numeric metadata keys and reads indexed arrays', async () => {
      const created = await tender.call('POST', '/v1/customers', {
        form: 'metadata[5]=five&metadata[0]=zero&preferred_locales[0]=en&preferred_locales[1]=fr',
      });
      expect(created.status).toBe(200);
      expect(created.json.metadata).toEqual({ 0: 'zero', 5: 'five' });
      expect(created.json.preferred_locales).toEqual(['en', 'fr']);
    });

    it('labels events with the account’s API version, whatever version the request sent', async () => {
      const created = await tender.call('POST', '/v1/customers', {
        form: 'name=Versioned',
        headers: { 'stripe-version': '2026-10-28.endive' },
      });
      expect(created.headers.get('stripe-version')).toBe('2026-10-28.endive');
      const events = await tender.call('GET', '/v1/events?type=customer.created&limit=100');
      const event = events.json.data.find((candidate: any) => candidate.data.object.id === created.json.id);
      expect(event.api_version).toBe('2023-08-16');
    });

    it('emits no event for an update that changes nothing', async () => {
      const { json: customer } = await tender.call('POST', '/v1/customers', { form: 'name=Same' });
      await tender.call('POST', `/v1/customers/${customer.id}`, { form: 'name=Same' });
      const events = await tender.call('GET', '/v1/events?type=customer.updated&limit=100');
      expect(events.json.data.filter((event: any) => event.data.object.id === customer.id)).toHaveLength(0);
    });

    it('deletes into a stub that stays retrievable, and refuses to update it', async () => {
      const { json: customer } = await tender.call('POST', '/v1/customers', { form: 'email=gone%40example.com' });
      const deleted = await tender.call('DELETE', `/v1/customers/${customer.id}`);
      expect(deleted.json).toEqual({ id: customer.id, object: 'customer', deleted: true });
      expect((await tender.call('GET', `/v1/customers/${customer.id}`)).json).toEqual({
        id: customer.id,
        object: 'customer',
        deleted: true,
      });
      const update = await tender.call('POST', `/v1/customers/${customer.id}`, { form: 'name=x' });
      expect(update.status).toBe(404);
      expect(update.json.error).toMatchObject({ code: 'resource_missing', type: 'invalid_request_error', param: 'id' });
      const again = await tender.call('DELETE', `/v1/customers/${customer.id}`);
      expect(again.status).toBe(404);
      const events = await tender.call('GET', '/v1/events?type=customer.deleted');
      const event = events.json.data.find((candidate: any) => candidate.data.object.id === customer.id);
      expect(event.data.object.email).toBe('gone@example.com');
      const list = await tender.call('GET', '/v1/customers?email=gone%40example.com');
      expect(list.json.data).toHaveLength(0);
    });

    it('lists newest first with limit, cursors in both directions, email and created filters', async () => {
      const email = `page-${engine.name}@example.com`;
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        ids.push((await tender.call('POST', '/v1/customers', { form: `email=${encodeURIComponent(email)}` })).json.id);
      }
      const newestFirst = [...ids].reverse();
      const first = await tender.call('GET', `/v1/customers?email=${encodeURIComponent(email)}&limit=2`);
      expect(first.json).toMatchObject({ object: 'list', url: '/v1/customers', has_more: true });
      expect(first.json.data.map((customer: any) => customer.id)).toEqual(newestFirst.slice(0, 2));
      const second = await tender.call('GET', `/v1/customers?email=${encodeURIComponent(email)}&limit=2&starting_after=${newestFirst[1]}`);
      expect(second.json.data.map((customer: any) => customer.id)).toEqual(newestFirst.slice(2, 4));
      const last = await tender.call('GET', `/v1/customers?email=${encodeURIComponent(email)}&limit=2&starting_after=${newestFirst[3]}`);
      expect(last.json.data.map((customer: any) => customer.id)).toEqual(newestFirst.slice(4));
      expect(last.json.has_more).toBe(false);
      const back = await tender.call('GET', `/v1/customers?email=${encodeURIComponent(email)}&limit=2&ending_before=${newestFirst[4]}`);
      expect(back.json.data.map((customer: any) => customer.id)).toEqual(newestFirst.slice(2, 4));
      expect(back.json.has_more).toBe(true);

      // The five may straddle a second boundary: bound the range by the oldest and the newest.
      const all = (await tender.call('GET', `/v1/customers?email=${encodeURIComponent(email)}&limit=100`)).json.data;
      const oldest = Math.min(...all.map((customer: any) => customer.created as number));
      const newest = Math.max(...all.map((customer: any) => customer.created as number));
      const inRange = await tender.call(
        'GET',
        `/v1/customers?email=${encodeURIComponent(email)}&limit=100&created[gte]=${oldest}&created[lte]=${newest}`,
      );
      expect(inRange.json.data.length).toBe(5);
      const newestOnly = await tender.call('GET', `/v1/customers?email=${encodeURIComponent(email)}&limit=100&created[gt]=${newest - 1}`);
      expect(newestOnly.json.data.length).toBe(all.filter((customer: any) => customer.created === newest).length);
      const none = await tender.call('GET', `/v1/customers?email=${encodeURIComponent(email)}&created[gt]=${newest}`);
      expect(none.json.data).toHaveLength(0);
      const exact = await tender.call('GET', `/v1/customers?email=${encodeURIComponent(email)}&created=${oldest - 86400}`);
      expect(exact.json.data).toHaveLength(0);
    });

    it('rejects bad list params with Stripe’s errors', async () => {
      const zero = await tender.call('GET', '/v1/customers?limit=0');
      expect(zero.status).toBe(400);
      expect(zero.json.error).toMatchObject({
        code: 'parameter_invalid_integer',
        param: 'limit',
        message: 'This value must be greater than or equal to 1.',
      });
      const big = await tender.call('GET', '/v1/customers?limit=101');
      expect(big.json.error).toMatchObject({
        code: 'parameter_invalid_integer',
        param: 'limit',
        message: 'This value must be less than or equal to 100.',
      });
      const both = await tender.call('GET', '/v1/customers?starting_after=cus_a&ending_before=cus_b');
      expect(both.status).toBe(400);
      const missing = await tender.call('GET', '/v1/customers?starting_after=cus_doesnotexist');
      expect(missing.status).toBe(400);
      expect(missing.json.error).toMatchObject({
        code: 'resource_missing',
        param: 'starting_after',
        message: "No such customer: 'cus_doesnotexist'",
      });
    });

    it('searches with Stripe’s query language and pages with next_page', async () => {
      const tag = `t${engine.name}${Date.now()}`;
      const made: string[] = [];
      for (const [name, tier] of [
        ['Ada Lovelace', 'gold'],
        ['Alan Turing', 'silver'],
        ['Grace Hopper', 'gold'],
      ] as const) {
        made.push(
          (
            await tender.call('POST', '/v1/customers', {
              form: `name=${encodeURIComponent(name)}&email=${tier}.${tag}%40example.com&metadata[tag]=${tag}&metadata[tier]=${tier}`,
            })
          ).json.id,
        );
      }
      const query = (text: string, extra = '') => tender.call('GET', `/v1/customers/search?query=${encodeURIComponent(text)}${extra}`);
      const gold = await query(`metadata['tag']:'${tag}' AND metadata['tier']:'gold'`);
      expect(gold.status).toBe(200);
      expect(gold.json).toMatchObject({ object: 'search_result', url: '/v1/customers/search', has_more: false, next_page: null });
      expect(gold.json.data.map((customer: any) => customer.id)).toEqual([made[2], made[0]]);
      const substring = await query(`name~"ring" AND metadata["tag"]:"${tag}"`);
      expect(substring.json.data.map((customer: any) => customer.id)).toEqual([made[1]]);
      const negated = await query(`-metadata["tier"]:"gold" AND metadata["tag"]:"${tag}"`);
      expect(negated.json.data.map((customer: any) => customer.id)).toEqual([made[1]]);
      const byEmail = await query(`email:"SILVER.${tag}@example.com"`);
      expect(byEmail.json.data.map((customer: any) => customer.id)).toEqual([made[1]]);
      const word = await query(`name:"hopper" AND metadata["tag"]:"${tag}"`);
      expect(word.json.data.map((customer: any) => customer.id)).toEqual([made[2]]);

      const page1 = await query(`metadata["tag"]:"${tag}"`, '&limit=2&expand[]=total_count');
      expect(page1.json.has_more).toBe(true);
      expect(page1.json.total_count).toBe(3);
      expect(typeof page1.json.next_page).toBe('string');
      const page2 = await query(`metadata["tag"]:"${tag}"`, `&limit=2&page=${page1.json.next_page}`);
      expect(page2.json.data.map((customer: any) => customer.id)).toEqual([made[0]]);
      expect(page2.json.has_more).toBe(false);

      const created = page1.json.data[0].created as number;
      const numeric = await query(`created>=${created - 5} AND metadata["tag"]:"${tag}"`);
      expect(numeric.json.data).toHaveLength(3);

      const bad = await query('nonsense:"x"');
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toContain('unsupported search field');
      const badPage = await query(`email:"x"`, '&page=notatoken');
      expect(badPage.status).toBe(400);
      expect(badPage.json.error.param).toBe('page');
    });

    it('expands includable fields and refuses what cannot be expanded', async () => {
      const { json: customer } = await tender.call('POST', '/v1/customers', { form: 'name=Expand&expand[]=sources&expand[]=tax' });
      expect(customer.sources).toMatchObject({ object: 'list', data: [], has_more: false, url: `/v1/customers/${customer.id}/sources` });
      expect(customer.tax).toMatchObject({ automatic_tax: 'unrecognized_location' });
      const plain = await tender.call('GET', `/v1/customers/${customer.id}`);
      expect(plain.json.sources).toBeUndefined();
      const nested = await tender.call(
        'GET',
        `/v1/customers/${customer.id}?expand[]=invoice_settings.default_payment_method&expand[]=test_clock`,
      );
      expect(nested.status).toBe(200);
      expect(nested.json.test_clock).toBeNull();

      const bad = await tender.call('GET', `/v1/customers/${customer.id}?expand[]=email`);
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toBe('This property cannot be expanded (email).');
      const deep = await tender.call('GET', '/v1/customers?expand[]=data.a.b.c.d');
      expect(deep.json.error.message).toBe('You cannot expand more than 4 levels of a property.');
      const listHint = await tender.call('GET', '/v1/customers?expand[]=sources');
      expect(listHint.json.error.message).toBe(
        "This property cannot be expanded (sources). You may want to try expanding 'data.sources' instead.",
      );
      const listOk = await tender.call('GET', '/v1/customers?limit=1&expand[]=data.sources');
      expect(listOk.json.data[0].sources.object).toBe('list');
    });

    it('expands ids into objects, nested paths included, from the same read', async () => {
      const { json: customer } = await tender.call('POST', '/v1/customers', {
        form: 'email=nested%40example.com&payment_method=pm_card_visa&invoice_settings[default_payment_method]=pm_card_visa',
      });
      const defaultId = customer.invoice_settings.default_payment_method as string;
      expect(defaultId).toMatch(/^pm_/);
      const expanded = await tender.call('GET', `/v1/customers/${customer.id}?expand[]=invoice_settings.default_payment_method`);
      expect(expanded.json.invoice_settings.default_payment_method).toMatchObject({
        id: defaultId,
        object: 'payment_method',
        customer: customer.id,
      });
      // Two levels: the PaymentMethod's customer, back to the customer itself.
      const deep = await tender.call('GET', `/v1/payment_methods/${defaultId}?expand[]=customer.invoice_settings.default_payment_method`);
      expect(deep.json.customer.id).toBe(customer.id);
      expect(deep.json.customer.invoice_settings.default_payment_method.id).toBe(defaultId);
      const listed = await tender.call('GET', `/v1/payment_methods?customer=${customer.id}&expand[]=data.customer`);
      expect(listed.json.data[0].customer.email).toBe('nested@example.com');
      const bad = await tender.call('GET', `/v1/payment_methods/${defaultId}?expand[]=customer.email`);
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toBe('This property cannot be expanded (customer.email).');
    });

    it('answers resource_missing for references to objects that do not exist', async () => {
      const response = await tender.call('POST', '/v1/customers', { form: 'payment_method=pm_missing' });
      expect(response.status).toBe(400);
      expect(response.json.error).toMatchObject({
        code: 'resource_missing',
        param: 'payment_method',
        message: "No such PaymentMethod: 'pm_missing'",
      });
      const list = await tender.call('GET', '/v1/events?limit=100');
      expect(list.json.data.every((event: any) => event.data.object.payment_method === undefined)).toBe(true);
    });
  });
}
