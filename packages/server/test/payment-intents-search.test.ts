// GET /v1/payment_intents/search over a real socket, on every engine: each of Stripe's fields
// (amount, created, currency, customer, metadata, status) with the operators its type allows, `-`,
// OR, null, newest-first order, limit / page / next_page, total_count, data.customer expanded, and
// Stripe's 400s for unknown fields, wrong operators and bad pages. Bodies are checked against the spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validate } = (await import(validator_url)) as {
  validate: (method: string, path: string, status: number, body: unknown) => { ok: boolean; errors?: unknown };
};

const unsupported_field =
  'Field `email` is an unsupported search field for resource `payment_intents`. See http://stripe.com/docs/search#query-fields-for-payment-intents for a list of supported fields.';

for (const engine of test_engines) {
  describe(`payment intent search on ${engine.name}`, () => {
    let tender: LiveTender;
    const tag = `pis${engine.name}${Date.now()}`;
    const customers: string[] = [];
    // Made in this order, so newest first is the reverse.
    const intents: Record<'paid' | 'open' | 'held' | 'canceled' | 'paidToo', string> = {} as never;

    const search = (query: string, extra = '') =>
      tender.call('GET', `/v1/payment_intents/search?query=${encodeURIComponent(query)}${extra}`);
    const ids = async (query: string, extra = '') => {
      const answer = await search(query, extra);
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      const checked = validate('GET', '/v1/payment_intents/search', 200, answer.json);
      expect(checked.errors ?? []).toEqual([]);
      return answer.json.data.map((intent: { id: string }) => intent.id);
    };

    beforeAll(async () => {
      tender = await startLiveTender(engine);
      for (const name of ['Ada', 'Grace']) {
        customers.push((await tender.call('POST', '/v1/customers', { form: `name=${name}&metadata[tag]=${tag}` })).json.id);
      }
      const create = async (form: string) => {
        const answer = await tender.call('POST', '/v1/payment_intents', {
          form: `${form}&metadata[tag]=${tag}&payment_method_types[]=card`,
        });
        expect(answer.status, JSON.stringify(answer.json)).toBe(200);
        return answer.json.id as string;
      };
      intents.paid = await create(
        `amount=1000&currency=usd&customer=${customers[0]}&payment_method=pm_card_visa&confirm=true&metadata[order]=A-1`,
      );
      intents.open = await create(`amount=2500&currency=eur&customer=${customers[1]}`);
      intents.held = await create(
        `amount=500&currency=usd&customer=${customers[0]}&capture_method=manual&payment_method=pm_card_visa&confirm=true`,
      );
      intents.canceled = await create('amount=3000&currency=gbp');
      expect((await tender.call('POST', `/v1/payment_intents/${intents.canceled}/cancel`)).status).toBe(200);
      intents.paidToo = await create(
        `amount=1000&currency=usd&customer=${customers[1]}&payment_method=pm_card_visa&confirm=true&metadata[order]=B%C3%89-2`,
      );
    });
    afterAll(async () => {
      await tender.close();
    });

    it('answers a search_result with the matches, newest first', async () => {
      const answer = await search(`metadata["tag"]:"${tag}"`);
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ object: 'search_result', url: '/v1/payment_intents/search', has_more: false, next_page: null });
      expect(answer.json).not.toHaveProperty('total_count');
      expect(answer.json.data.map((intent: { id: string }) => intent.id)).toEqual([
        intents.paidToo,
        intents.canceled,
        intents.held,
        intents.open,
        intents.paid,
      ]);
      expect(answer.json.data[0]).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 1000 });
      expect(validate('GET', '/v1/payment_intents/search', 200, answer.json).errors ?? []).toEqual([]);
    });

    it('filters by status, currency and customer, case-insensitively', async () => {
      expect(await ids(`metadata["tag"]:"${tag}" AND status:"succeeded"`)).toEqual([intents.paidToo, intents.paid]);
      expect(await ids(`metadata["tag"]:"${tag}" AND status:"REQUIRES_CAPTURE"`)).toEqual([intents.held]);
      expect(await ids(`metadata["tag"]:"${tag}" status:"canceled"`)).toEqual([intents.canceled]);
      expect(await ids(`metadata["tag"]:"${tag}" AND currency:"EUR"`)).toEqual([intents.open]);
      expect(await ids(`customer:"${customers[0]}"`)).toEqual([intents.held, intents.paid]);
      expect(await ids(`customer:"${customers[0]!.toUpperCase()}"`)).toEqual([intents.held, intents.paid]);
      expect(await ids(`metadata["tag"]:"${tag}" AND customer:null`)).toEqual([intents.canceled]);
    });

    it('compares amount and created as numbers, quoted or not', async () => {
      expect(await ids(`metadata["tag"]:"${tag}" AND amount>1000`)).toEqual([intents.canceled, intents.open]);
      expect(await ids(`metadata["tag"]:"${tag}" AND amount>=1000 AND amount<="2500"`)).toEqual([
        intents.paidToo,
        intents.open,
        intents.paid,
      ]);
      expect(await ids(`metadata["tag"]:"${tag}" AND amount:1000`)).toEqual([intents.paidToo, intents.paid]);
      expect(await ids(`metadata["tag"]:"${tag}" AND amount<500.5`)).toEqual([intents.held]);
      const first = (await tender.call('GET', `/v1/payment_intents/${intents.paid}`)).json.created as number;
      expect(await ids(`metadata["tag"]:"${tag}" AND created>=${first}`)).toHaveLength(5);
      expect(await ids(`metadata["tag"]:"${tag}" AND created<${first}`)).toEqual([]);
    });

    it('matches metadata values whole and case-insensitively, beyond ASCII too, and their presence', async () => {
      expect(await ids(`metadata["order"]:"a-1" AND metadata["tag"]:"${tag}"`)).toEqual([intents.paid]);
      expect(await ids(`metadata["order"]:"bé-2" AND metadata["tag"]:"${tag}"`)).toEqual([intents.paidToo]);
      expect(await ids(`metadata["order"]:"A" AND metadata["tag"]:"${tag}"`)).toEqual([]);
      expect(await ids(`-metadata["order"]:null AND metadata["tag"]:"${tag}"`)).toEqual([intents.paidToo, intents.paid]);
    });

    it('negates clauses and joins them with OR', async () => {
      expect(await ids(`metadata["tag"]:"${tag}" AND -status:"succeeded" AND -currency:"gbp"`)).toEqual([intents.held, intents.open]);
      expect(await ids(`customer:"${customers[1]}" OR customer:"${customers[0]}"`)).toEqual([
        intents.paidToo,
        intents.held,
        intents.open,
        intents.paid,
      ]);
      expect(await ids(`customer:"${customers[1]}" or amount:500`)).toEqual([intents.paidToo, intents.held, intents.open]);
    });

    it('pages with limit and next_page, and counts with expand[]=total_count', async () => {
      const query = `metadata["tag"]:"${tag}"`;
      const first = await search(query, '&limit=2&expand[]=total_count');
      expect(first.json).toMatchObject({ has_more: true, total_count: 5 });
      expect(first.json.data).toHaveLength(2);
      expect(typeof first.json.next_page).toBe('string');
      expect(validate('GET', '/v1/payment_intents/search', 200, first.json).errors ?? []).toEqual([]);
      const seen = first.json.data.map((intent: { id: string }) => intent.id);
      let page: string | null = first.json.next_page;
      while (page !== null) {
        const next = await search(query, `&limit=2&page=${encodeURIComponent(page)}`);
        expect(next.json.data.length).toBeGreaterThan(0);
        seen.push(...next.json.data.map((intent: { id: string }) => intent.id));
        page = next.json.has_more ? next.json.next_page : null;
        if (!next.json.has_more) expect(next.json.next_page).toBeNull();
      }
      expect(seen).toEqual([intents.paidToo, intents.canceled, intents.held, intents.open, intents.paid]);
      const none = await search(`metadata["tag"]:"${tag}-nothing"`, '&expand[]=total_count');
      expect(none.json).toMatchObject({ data: [], has_more: false, next_page: null, total_count: 0 });
    });

    it('expands data.customer on each item, and refuses customer without the data. prefix', async () => {
      const answer = await search(`customer:"${customers[0]}"`, '&expand[]=data.customer');
      expect(answer.status).toBe(200);
      expect(answer.json.data.map((intent: { customer: { id: string; object: string } }) => intent.customer)).toEqual([
        expect.objectContaining({ id: customers[0], object: 'customer', name: 'Ada' }),
        expect.objectContaining({ id: customers[0], object: 'customer' }),
      ]);
      expect(validate('GET', '/v1/payment_intents/search', 200, answer.json).errors ?? []).toEqual([]);
      const refused = await search(`customer:"${customers[0]}"`, '&expand[]=customer');
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toBe(
        "This property cannot be expanded (customer). You may want to try expanding 'data.customer' instead.",
      );
    });

    it.each([
      { query: 'email:"a@b.co"', message: unsupported_field },
      { query: 'description:"x"', message: unsupported_field.replaceAll('`email`', '`description`') },
      {
        query: 'currency~"usd"',
        message:
          'Field `currency` of type `token` does not support the `~` operator. See http://stripe.com/docs/search#search-query-language for the operators each type supports.',
      },
      {
        query: 'status>"a"',
        message:
          'Field `status` of type `token` does not support the `>` operator. See http://stripe.com/docs/search#search-query-language for the operators each type supports.',
      },
      { query: 'amount>"lots"', message: 'Field `amount` of type `numeric` requires a numeric value.' },
      { query: 'amount>null', message: 'Field `amount` can only be compared with `null` using the `:` operator.' },
      {
        query: 'status:succeeded',
        message:
          'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields.',
      },
    ])('refuses $query with 400 on param query', async ({ query, message }) => {
      const answer = await search(query);
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid', param: 'query', message });
      expect(validate('GET', '/v1/payment_intents/search', 400, answer.json).errors ?? []).toEqual([]);
    });

    it('refuses more than 10 clauses, a missing query, a bad limit and a page it did not issue', async () => {
      const eleven = Array.from({ length: 11 }, (_, index) => `amount:${index}`).join(' OR ');
      expect((await search(eleven)).json.error.message).toBe(
        'Your search query has 11 clauses, but a search query can combine at most 10 clauses.',
      );
      const missing = await tender.call('GET', '/v1/payment_intents/search');
      expect(missing.status).toBe(400);
      expect(missing.json.error).toMatchObject({ code: 'parameter_missing', param: 'query', message: 'Missing required param: query.' });
      for (const limit of ['0', '101']) {
        const bad = await search('amount>1', `&limit=${limit}`);
        expect(bad.status).toBe(400);
        expect(bad.json.error.param).toBe('limit');
      }
      const forged = await search('amount>1', '&page=not-a-page');
      expect(forged.status).toBe(400);
      expect(forged.json.error).toMatchObject({ type: 'invalid_request_error', param: 'page', message: 'Invalid page: not-a-page' });
    });

    it('answers 401 without a key or with one it does not know', async () => {
      const path = `/v1/payment_intents/search?query=${encodeURIComponent('amount>0')}`;
      expect((await tender.call('GET', path, { key: null })).status).toBe(401);
      expect((await tender.call('GET', path, { key: 'sk_test_notAKeyTenderKnows000000000' })).status).toBe(401);
    });
  });
}
