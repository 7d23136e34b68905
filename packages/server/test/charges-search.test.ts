// GET /v1/charges/search over a real socket, on every engine: Stripe's charge fields (amount,
// billing_details.address.postal_code, created, currency, customer, disputed, metadata, the card
// fields of payment_method_details for every card source, refunded with its three meanings, status),
// pages and total_count, data.customer expanded, and Stripe's 400s. Bodies are checked against the spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validate } = (await import(validator_url)) as {
  validate: (method: string, path: string, status: number, body: unknown) => { ok: boolean; errors?: unknown };
};

interface Made {
  refundedInFull: string;
  refundedInPart: string;
  declined: string;
  withPostalCode: string;
  uncaptured: string;
}

for (const engine of test_engines) {
  describe(`charge search on ${engine.name}`, () => {
    let tender: LiveTender;
    const tag = `chs${engine.name}${Date.now()}`;
    let customer = '';
    const made = {} as Made;
    let newestFirst: string[] = [];

    const search = (query: string, extra = '') => tender.call('GET', `/v1/charges/search?query=${encodeURIComponent(query)}${extra}`);
    const ids = async (query: string, extra = '') => {
      const answer = await search(query, extra);
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      expect(validate('GET', '/v1/charges/search', 200, answer.json).errors ?? []).toEqual([]);
      return answer.json.data.map((charge: { id: string }) => charge.id);
    };
    const tagged = (query: string) => ids(`metadata["tag"]:"${tag}" AND ${query}`);
    const charge = async (id: string) => (await tender.call('GET', `/v1/charges/${id}`)).json;

    beforeAll(async () => {
      tender = await startLiveTender(engine);
      customer = (await tender.call('POST', '/v1/customers', { form: 'name=Ada' })).json.id;
      const pay = async (form: string, status = 200) => {
        const answer = await tender.call('POST', '/v1/payment_intents', {
          form: `${form}&confirm=true&metadata[tag]=${tag}&payment_method_types[]=card`,
        });
        expect(answer.status, JSON.stringify(answer.json)).toBe(status);
        const intent = status === 200 ? answer.json : answer.json.error.payment_intent;
        return intent.latest_charge as string;
      };
      made.refundedInFull = await pay(`amount=1000&currency=usd&customer=${customer}&payment_method=pm_card_visa&metadata[order]=A-1`);
      made.refundedInPart = await pay('amount=2000&currency=eur&payment_method=pm_card_mastercard');
      made.declined = await pay('amount=1500&currency=usd&payment_method=pm_card_chargeDeclined', 402);
      const method = await tender.call('POST', '/v1/payment_methods', {
        form: 'type=card&card[number]=5555555555554444&card[exp_month]=3&card[exp_year]=2031&card[cvc]=123&billing_details[address][postal_code]=SW1A%201AA',
      });
      expect(method.status).toBe(200);
      made.withPostalCode = await pay(`amount=700&currency=gbp&payment_method=${method.json.id}`);
      made.uncaptured = await pay(`amount=300&currency=usd&customer=${customer}&capture_method=manual&payment_method=pm_card_visa`);
      for (const form of [`charge=${made.refundedInFull}`, `charge=${made.refundedInPart}&amount=500`]) {
        expect((await tender.call('POST', '/v1/refunds', { form })).status).toBe(200);
      }
      newestFirst = [made.uncaptured, made.withPostalCode, made.declined, made.refundedInPart, made.refundedInFull];
    });
    afterAll(async () => {
      await tender.close();
    });

    it('answers a search_result of charges, newest first', async () => {
      const answer = await search(`metadata["tag"]:"${tag}"`);
      expect(answer.json).toMatchObject({ object: 'search_result', url: '/v1/charges/search', has_more: false, next_page: null });
      expect(answer.json.data.map((found: { id: string }) => found.id)).toEqual(newestFirst);
      expect(answer.json.data[0]).toMatchObject({ object: 'charge', captured: false, amount: 300 });
      expect(validate('GET', '/v1/charges/search', 200, answer.json).errors ?? []).toEqual([]);
    });

    it('filters by status, amount, currency, customer and created', async () => {
      expect(await tagged('status:"failed"')).toEqual([made.declined]);
      expect(await tagged('-status:"failed"')).toEqual(newestFirst.filter((id) => id !== made.declined));
      expect(await tagged('amount>=1000 AND amount<2000')).toEqual([made.declined, made.refundedInFull]);
      expect(await tagged('currency:"EUR"')).toEqual([made.refundedInPart]);
      expect(await ids(`customer:"${customer}"`)).toEqual([made.uncaptured, made.refundedInFull]);
      expect(await tagged('customer:null')).toEqual([made.withPostalCode, made.declined, made.refundedInPart]);
      const oldest = (await charge(made.refundedInFull)).created as number;
      expect(await tagged(`created>=${oldest}`)).toEqual(newestFirst);
      expect(await tagged(`created<${oldest}`)).toEqual([]);
    });

    it('reads refunded as Stripe does: "true" in full, "false" in part, null not at all', async () => {
      expect(await tagged('refunded:"true"')).toEqual([made.refundedInFull]);
      expect(await tagged('refunded:"false"')).toEqual([made.refundedInPart]);
      expect(await tagged('refunded:null')).toEqual([made.uncaptured, made.withPostalCode, made.declined]);
      expect(await tagged('-refunded:null')).toEqual([made.refundedInPart, made.refundedInFull]);
      // The charge's own field stays what it was: false for a partial refund.
      expect((await charge(made.refundedInPart)).refunded).toBe(false);
    });

    it('filters by disputed, which only takes "true" and "false"', async () => {
      expect(await tagged('disputed:"false"')).toEqual(newestFirst);
      expect(await tagged('disputed:"true"')).toEqual([]);
    });

    it('filters by the card fields of payment_method_details, quoted or not, in any case', async () => {
      const mastercard = await charge(made.withPostalCode);
      expect(await tagged('payment_method_details.card.brand:"MasterCard"')).toEqual([made.withPostalCode, made.refundedInPart]);
      expect(await tagged('payment_method_details.card.last4:4444')).toEqual([made.withPostalCode, made.refundedInPart]);
      expect(await tagged('payment_method_details.card.exp_month:3 AND payment_method_details.card.exp_year:"2031"')).toEqual([
        made.withPostalCode,
      ]);
      const fingerprint = mastercard.payment_method_details.card.fingerprint as string;
      expect(await ids(`payment_method_details.card.fingerprint:"${fingerprint.toUpperCase()}" AND metadata["tag"]:"${tag}"`)).toContain(
        made.withPostalCode,
      );
      // Tender's charges are all online card charges: card_present and interac_present are never set.
      expect(await tagged('payment_method_details.card_present.last4:4444')).toEqual([]);
      expect(await tagged('payment_method_details.interac_present.brand:null')).toEqual(newestFirst);
    });

    it('filters by the billing postal code and by metadata copied from the PaymentIntent', async () => {
      expect(await tagged('billing_details.address.postal_code:"sw1a 1aa"')).toEqual([made.withPostalCode]);
      expect(await tagged('-billing_details.address.postal_code:null')).toEqual([made.withPostalCode]);
      expect(await tagged('metadata["order"]:"a-1"')).toEqual([made.refundedInFull]);
    });

    it('pages with next_page, counts with total_count, and expands data.customer', async () => {
      const query = `metadata["tag"]:"${tag}"`;
      const seen: string[] = [];
      let page: string | null = null;
      let pages = 0;
      do {
        const answer = await search(query, `&limit=2&expand[]=total_count${page === null ? '' : `&page=${encodeURIComponent(page)}`}`);
        expect(answer.json.total_count).toBe(5);
        expect(validate('GET', '/v1/charges/search', 200, answer.json).errors ?? []).toEqual([]);
        seen.push(...answer.json.data.map((found: { id: string }) => found.id));
        page = answer.json.next_page;
        expect(page === null).toBe(!answer.json.has_more);
        pages += 1;
      } while (page !== null);
      expect(pages).toBe(3);
      expect(seen).toEqual(newestFirst);

      const expanded = await search(`customer:"${customer}"`, '&expand[]=data.customer&limit=1');
      expect(expanded.json.data[0].customer).toMatchObject({ id: customer, object: 'customer', name: 'Ada' });
      expect(expanded.json.has_more).toBe(true);
      expect(validate('GET', '/v1/charges/search', 200, expanded.json).errors ?? []).toEqual([]);
    });

    it.each([
      {
        query: 'email:"a@b.co"',
        message:
          'Field `email` is an unsupported search field for resource `charges`. See http://stripe.com/docs/search#query-fields-for-charges for a list of supported fields.',
      },
      {
        query: 'payment_method_details.sepa_debit.last4:"1234"',
        message:
          'Field `payment_method_details.sepa_debit.last4` is an unsupported search field for resource `charges`. See http://stripe.com/docs/search#query-fields-for-charges for a list of supported fields.',
      },
      {
        query: 'payment_method_details.card.last4~"424"',
        message:
          'Field `payment_method_details.card.last4` of type `token` does not support the `~` operator. See http://stripe.com/docs/search#search-query-language for the operators each type supports.',
      },
      {
        query: 'refunded>1',
        message:
          'Field `refunded` of type `token` does not support the `>` operator. See http://stripe.com/docs/search#search-query-language for the operators each type supports.',
      },
      {
        query: 'amount~"100"',
        message:
          'Field `amount` of type `numeric` does not support the `~` operator. See http://stripe.com/docs/search#search-query-language for the operators each type supports.',
      },
      {
        query: 'status:"succeeded" AND amount>1 OR currency:"usd"',
        message:
          'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields.',
      },
    ])('refuses $query with 400 on param query', async ({ query, message }) => {
      const answer = await search(query);
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid', param: 'query', message });
    });

    it('refuses a page it did not issue and a limit out of range', async () => {
      expect((await search('amount>0', '&page=MTpub3Q')).json.error).toMatchObject({ param: 'page' });
      expect((await search('amount>0', '&limit=101')).json.error).toMatchObject({
        code: 'parameter_invalid_integer',
        param: 'limit',
        message: 'This value must be less than or equal to 100.',
      });
    });
  });
}
