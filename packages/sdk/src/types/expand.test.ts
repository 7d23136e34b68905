// Typed expand, at the type level and on the wire: `tsc -p tsconfig.tests.json` checks every
// expectTypeOf below (vitest runs them as no-ops), and the in-memory HTTP client checks that the
// paths are sent as given. The answers are canned, so only the types and the request are under test.

import { describe, expect, expectTypeOf, it } from 'vitest';
import { StripeClient } from '../client.js';
import { MockHttpClient } from '../core/http/mock-client.js';
import type { WithLastResponse } from '../core/response.js';
import type { BalanceTransaction } from './balance.js';
import type { Charge } from './charge.js';
import type { Customer, DeletedCustomer } from './customer.js';
import type { Expand } from './expand.js';
import type { Expandable, StripeObjectBase } from './expandable.js';
import type { DeletedExternalAccount, ExternalAccount } from './external-account.js';
import type { PaymentIntent } from './payment-intent.js';
import type { PaymentMethod } from './payment-method.js';
import type { SetupAttempt } from './setup-attempt.js';

function clientAnswering(body: object): { client: StripeClient; http: MockHttpClient } {
  const http = new MockHttpClient(() => ({ body }));
  return { client: new StripeClient('sk_test_1', { httpClient: http }), http };
}

const intent = { id: 'pi_1', object: 'payment_intent', latest_charge: { id: 'ch_1', object: 'charge' }, customer: 'cus_1' };
const page = { object: 'list', data: [intent], has_more: false, url: '/v1/payment_intents' };

describe('typed expand', () => {
  it('leaves every expandable field as id-or-object without expand', async () => {
    const { client } = clientAnswering(intent);
    const pi = await client.paymentIntents.retrieve('pi_1');
    expectTypeOf(pi).toEqualTypeOf<WithLastResponse<PaymentIntent>>();
    expectTypeOf(pi.latest_charge).toEqualTypeOf<Expandable<Charge> | null>();
  });

  it('narrows an expanded field to its object, and only that field', async () => {
    const { client, http } = clientAnswering(intent);
    const pi = await client.paymentIntents.retrieve('pi_1', { expand: ['latest_charge'] });
    expectTypeOf(pi.latest_charge).toEqualTypeOf<Charge | null>();
    expectTypeOf(pi.customer).toEqualTypeOf<Expandable<Customer> | null>();
    expectTypeOf(pi.amount).toEqualTypeOf<number>();
    expect(http.requests[0]!.url).toBe('https://api.stripe.com/v1/payment_intents/pi_1?expand[0]=latest_charge');
    expect(pi.latest_charge?.id).toBe('ch_1');
  });

  it('narrows each level of a dotted path', async () => {
    const { client } = clientAnswering(intent);
    const pi = await client.paymentIntents.retrieve('pi_1', { expand: ['latest_charge.balance_transaction', 'customer'] });
    expectTypeOf(pi.customer).toEqualTypeOf<Customer | null>();
    const charge = pi.latest_charge!;
    expectTypeOf(charge.balance_transaction).toEqualTypeOf<BalanceTransaction | null>();
    expectTypeOf(charge.payment_intent).toEqualTypeOf<Expandable<PaymentIntent> | null>();
  });

  it('reaches an expandable field inside a plain nested object', async () => {
    const { client } = clientAnswering({ id: 'cus_1', object: 'customer', invoice_settings: { default_payment_method: null } });
    const customer = await client.customers.update('cus_1', { expand: ['invoice_settings.default_payment_method'] });
    expectTypeOf(customer.invoice_settings.default_payment_method).toEqualTypeOf<StripeObjectBase | null>();
  });

  it('narrows list and search items by their data. paths, in pages and when iterating', async () => {
    const { client, http } = clientAnswering(page);
    const listed = client.paymentIntents.list({ expand: ['data.customer'] });
    const first = await listed;
    expectTypeOf(first.data[0]!.customer).toEqualTypeOf<Customer | null>();
    for await (const item of listed) {
      expectTypeOf(item.customer).toEqualTypeOf<Customer | null>();
      expectTypeOf(item.latest_charge).toEqualTypeOf<Expandable<Charge> | null>();
    }
    expect(http.requests[0]!.url).toBe('https://api.stripe.com/v1/payment_intents?expand[0]=data.customer');

    const found = await client.paymentIntents.search({ query: 'status:"succeeded"', expand: ['data.latest_charge', 'total_count'] });
    expectTypeOf(found.data[0]!.latest_charge).toEqualTypeOf<Charge | null>();
  });

  it('claims nothing for paths it cannot see: a string[] variable or a field that is not expandable', async () => {
    const { client } = clientAnswering(intent);
    const paths: string[] = ['latest_charge'];
    const unseen = await client.paymentIntents.retrieve('pi_1', { expand: paths });
    expectTypeOf(unseen.latest_charge).toEqualTypeOf<Expandable<Charge> | null>();
    const plain = await client.paymentIntents.retrieve('pi_1', { expand: ['amount', 'not_a_field'] });
    expectTypeOf(plain.amount).toEqualTypeOf<number>();
    expectTypeOf(plain.latest_charge).toEqualTypeOf<Expandable<Charge> | null>();
  });

  it('keeps unions: a deleted customer, and a payout destination of either kind', async () => {
    const { client } = clientAnswering({ id: 'cus_1', object: 'customer', deleted: true });
    const customer = await client.customers.retrieve('cus_1', { expand: ['default_source'] });
    expectTypeOf(customer).toEqualTypeOf<WithLastResponse<Expand<Customer, readonly ['default_source']> | DeletedCustomer>>();
    if (!customer.deleted) expectTypeOf(customer.default_source).toEqualTypeOf<StripeObjectBase | null>();

    const payout = await client.payouts.retrieve('po_1', { expand: ['destination'] });
    expectTypeOf(payout.destination).toEqualTypeOf<ExternalAccount | DeletedExternalAccount | null>();
  });

  it('types the expandable fields of the newer resources', async () => {
    const { client } = clientAnswering({ id: 'x_1', data: [{ id: 'setatt_1', setup_intent: { id: 'seti_1', latest_attempt: null } }] });
    const seti = await client.setupIntents.retrieve('seti_1', { expand: ['latest_attempt', 'payment_method'] });
    expectTypeOf(seti.latest_attempt).toEqualTypeOf<SetupAttempt | null>();
    expectTypeOf(seti.payment_method).toEqualTypeOf<PaymentMethod | null>();
    const refund = await client.refunds.create({ charge: 'ch_1', expand: ['charge', 'balance_transaction'] });
    expectTypeOf(refund.charge).toEqualTypeOf<Charge | null>();
    expectTypeOf(refund.balance_transaction).toEqualTypeOf<BalanceTransaction | null>();
    const attempts = await client.setupAttempts.list({ setup_intent: 'seti_1', expand: ['data.setup_intent'] });
    expectTypeOf(attempts.data[0]!.setup_intent.latest_attempt).toEqualTypeOf<Expandable<SetupAttempt> | null>();
  });

  it('still refuses object access on a field that was not expanded', async () => {
    const { client } = clientAnswering(intent);
    const pi = await client.paymentIntents.retrieve('pi_1');
    // @ts-expect-error latest_charge may be an id until it is expanded
    expect(pi.latest_charge?.id).toBe('ch_1');
  });
});
