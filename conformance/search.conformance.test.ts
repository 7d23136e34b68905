// Search through the official SDK: stripe.paymentIntents.search and stripe.charges.search with
// Stripe's query language, `page` / `next_page` by hand and by the SDK's auto-pagination, total_count,
// data.customer expanded, and a bad query as StripeInvalidRequestError. Every response is also checked
// against Stripe's spec by the suite's hooks.
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';

// As in payment-intents.conformance.test.ts: card payments that never need a return_url.
const card_payment = {
  currency: 'usd',
  automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
} satisfies Partial<Stripe.PaymentIntentCreateParams>;

const idOf = (value: string | { id: string } | null): string | null => (value === null || typeof value === 'string' ? value : value.id);
const idsOf = (result: { data: { id: string }[] }) => result.data.map((item) => item.id);

for (const engine of test_engines) {
  describe(`search via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    /** Five confirmed payments of 100..500 cents tagged `tag`, the second and fourth for `customer`; newest first. */
    async function payments(tag: string, customer: string) {
      const made: Stripe.PaymentIntent[] = [];
      for (let index = 1; index <= 5; index += 1) {
        made.push(
          await suite.stripe.paymentIntents.create({
            ...card_payment,
            amount: index * 100,
            payment_method: index === 3 ? 'pm_card_mastercard' : 'pm_card_visa',
            confirm: true,
            ...(index % 2 === 0 ? { customer } : {}),
            metadata: { tag, position: String(index) },
          }),
        );
      }
      return made.reverse();
    }

    it('searches PaymentIntents by status, amount, customer and metadata', async () => {
      const tag = suite.tag('pi-search');
      const customer = await suite.stripe.customers.create({ name: 'Searcher' });
      const made = await payments(tag, customer.id);
      const open = await suite.stripe.paymentIntents.create({ ...card_payment, amount: 999, metadata: { tag } });

      const all = await suite.stripe.paymentIntents.search({ query: `metadata["tag"]:"${tag}"` });
      expect(all.object).toBe('search_result');
      expect(all.url).toBe('/v1/payment_intents/search');
      expect(all.has_more).toBe(false);
      expect(all.next_page).toBeNull();
      expect(idsOf(all)).toEqual([open.id, ...made.map((intent) => intent.id)]);

      const succeeded = await suite.stripe.paymentIntents.search({ query: `metadata["tag"]:"${tag}" AND status:"succeeded"` });
      expect(idsOf(succeeded)).toEqual(made.map((intent) => intent.id));
      const waiting = await suite.stripe.paymentIntents.search({ query: `metadata["tag"]:"${tag}" AND -status:"succeeded"` });
      expect(idsOf(waiting)).toEqual([open.id]);
      expect(waiting.data[0]!.status).toBe('requires_payment_method');

      const large = await suite.stripe.paymentIntents.search({ query: `metadata["tag"]:"${tag}" AND amount>300 AND currency:"USD"` });
      expect(large.data.map((intent) => intent.amount)).toEqual([999, 500, 400]);

      const theirs = await suite.stripe.paymentIntents.search({ query: `customer:"${customer.id}"`, expand: ['data.customer'] });
      expect(theirs.data.map((intent) => intent.amount)).toEqual([400, 200]);
      const expanded = theirs.data[0]!.customer as Stripe.Customer;
      expect(expanded).toMatchObject({ id: customer.id, object: 'customer', name: 'Searcher' });

      const either = await suite.stripe.paymentIntents.search({ query: `metadata["position"]:"1" OR metadata["position"]:"5"` });
      expect(idsOf(either)).toEqual(expect.arrayContaining([made[0]!.id, made[4]!.id]));
    });

    it('searches charges by card, refund state and customer', async () => {
      const tag = suite.tag('ch-search');
      const customer = await suite.stripe.customers.create({ name: 'Charged' });
      const made = await payments(tag, customer.id);
      const chargeIds = made.map((intent) => idOf(intent.latest_charge)!);
      await suite.stripe.refunds.create({ charge: chargeIds[0]! });
      await suite.stripe.refunds.create({ charge: chargeIds[1]!, amount: 100 });

      const all = await suite.stripe.charges.search({ query: `metadata["tag"]:"${tag}"` });
      expect(all.object).toBe('search_result');
      expect(all.url).toBe('/v1/charges/search');
      expect(idsOf(all)).toEqual(chargeIds);

      const mastercard = await suite.stripe.charges.search({
        query: `metadata["tag"]:"${tag}" AND payment_method_details.card.brand:"mastercard"`,
      });
      expect(idsOf(mastercard)).toEqual([chargeIds[2]]);
      expect(mastercard.data[0]!.payment_method_details?.card?.last4).toBe('4444');

      const full = await suite.stripe.charges.search({ query: `metadata["tag"]:"${tag}" AND refunded:"true"` });
      expect(idsOf(full)).toEqual([chargeIds[0]]);
      const partial = await suite.stripe.charges.search({ query: `metadata["tag"]:"${tag}" AND refunded:"false"` });
      expect(idsOf(partial)).toEqual([chargeIds[1]]);
      const none = await suite.stripe.charges.search({ query: `metadata["tag"]:"${tag}" AND refunded:null` });
      expect(idsOf(none)).toEqual(chargeIds.slice(2));

      const theirs = await suite.stripe.charges.search({ query: `customer:"${customer.id}" AND amount>=200`, expand: ['data.customer'] });
      expect(theirs.data.map((charge) => charge.amount)).toEqual([400, 200]);
      expect(theirs.data[0]!.customer).toMatchObject({ id: customer.id, object: 'customer' });
    });

    it('pages with next_page, counts with total_count, and auto-paginates', async () => {
      const tag = suite.tag('search-pages');
      const customer = await suite.stripe.customers.create();
      const made = await payments(tag, customer.id);
      const query = `metadata["tag"]:"${tag}"`;

      const first = await suite.stripe.paymentIntents.search({ query, limit: 2, expand: ['total_count'] });
      expect(first.total_count).toBe(5);
      expect(first.has_more).toBe(true);
      expect(typeof first.next_page).toBe('string');
      const second = await suite.stripe.paymentIntents.search({ query, limit: 2, page: first.next_page! });
      expect(idsOf(second)).toEqual([made[2]!.id, made[3]!.id]);

      const intents = await suite.stripe.paymentIntents.search({ query, limit: 2 }).autoPagingToArray({ limit: 100 });
      expect(intents.map((intent) => intent.id)).toEqual(made.map((intent) => intent.id));
      const charges = await suite.stripe.charges.search({ query, limit: 2 }).autoPagingToArray({ limit: 100 });
      expect(charges.map((charge) => charge.id)).toEqual(made.map((intent) => idOf(intent.latest_charge)));
      const counted = await suite.stripe.charges.search({ query, limit: 1, expand: ['total_count'] });
      expect(counted.total_count).toBe(5);
    });

    it('answers a bad query as StripeInvalidRequestError on param query', async () => {
      const unknown = await stripeError(
        suite.stripe.paymentIntents.search({ query: 'email:"a@b.co"' }),
        Stripe.errors.StripeInvalidRequestError,
      );
      expect(unknown.statusCode).toBe(400);
      expect(unknown.param).toBe('query');
      expect(unknown.message).toBe(
        'Field `email` is an unsupported search field for resource `payment_intents`. See http://stripe.com/docs/search#query-fields-for-payment-intents for a list of supported fields.',
      );
      const operator = await stripeError(suite.stripe.charges.search({ query: 'currency~"usd"' }), Stripe.errors.StripeInvalidRequestError);
      expect(operator.param).toBe('query');
      expect(operator.message).toContain('does not support the `~` operator');
    });
  });
}
