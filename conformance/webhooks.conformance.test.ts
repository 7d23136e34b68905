// Webhooks through the official SDK on every engine: webhook endpoints are created, retrieved,
// updated, listed and deleted with `stripe.webhookEndpoints`, and Tender's signed deliveries pass
// `stripe.webhooks.constructEvent` with the endpoint's secret (and fail it with any other).
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { test_engines } from '../packages/server/src/test-support/test-engines.js';
import { startWebhookReceiver } from '../packages/server/src/test-support/webhook-receiver.js';
import { stripeError, useConformanceSuite } from './conformance-suite.js';

for (const engine of test_engines) {
  describe(`webhooks via the stripe SDK on ${engine.name}`, () => {
    const suite = useConformanceSuite(engine);

    it('manages webhook endpoints: the secret is answered on create only', async () => {
      const receiver = await startWebhookReceiver();
      try {
        const created = await suite.stripe.webhookEndpoints.create({
          url: receiver.url,
          enabled_events: ['payment_intent.succeeded', 'charge.refunded'],
          description: suite.tag('endpoint'),
          metadata: { team: 'payments' },
        });
        expect(created).toMatchObject({ object: 'webhook_endpoint', status: 'enabled', url: receiver.url });
        expect(created.secret).toMatch(/^whsec_/);
        const retrieved = await suite.stripe.webhookEndpoints.retrieve(created.id);
        expect(retrieved.secret).toBeUndefined();
        const updated = await suite.stripe.webhookEndpoints.update(created.id, { disabled: true, enabled_events: ['*'] });
        expect(updated).toMatchObject({ status: 'disabled', enabled_events: ['*'] });
        const listed = await suite.stripe.webhookEndpoints.list({ limit: 100 });
        expect(listed.data.map((endpoint) => endpoint.id)).toContain(created.id);
        const deleted = await suite.stripe.webhookEndpoints.del(created.id);
        expect(deleted).toMatchObject({ id: created.id, object: 'webhook_endpoint', deleted: true });
        const missing = await stripeError(suite.stripe.webhookEndpoints.retrieve(created.id), Stripe.errors.StripeInvalidRequestError);
        expect(missing.statusCode).toBe(404);
        const invalid = await stripeError(
          suite.stripe.webhookEndpoints.create({ url: 'not a url', enabled_events: ['*'] }),
          Stripe.errors.StripeInvalidRequestError,
        );
        expect(invalid).toMatchObject({ code: 'url_invalid', param: 'url' });
      } finally {
        await receiver.close();
      }
    });

    it("signs deliveries so that stripe.webhooks.constructEvent accepts them with the endpoint's secret", async () => {
      const receiver = await startWebhookReceiver();
      try {
        const endpoint = await suite.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['customer.created'] });
        const customer = await suite.stripe.customers.create({ email: `${suite.tag('signed')}@example.com` });
        await receiver.waitFor(1);
        const delivery = receiver.received.find((request) => JSON.parse(request.body).data.object.id === customer.id)!;
        const header = delivery.headers['stripe-signature'] as string;
        const event = suite.stripe.webhooks.constructEvent(delivery.body, header, endpoint.secret!);
        expect(event).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id, email: customer.email } } });
        const fromApi = await suite.stripe.events.retrieve(event.id);
        expect(fromApi.type).toBe('customer.created');
        const asyncEvent = await suite.stripe.webhooks.constructEventAsync(delivery.body, header, endpoint.secret!);
        expect(asyncEvent.id).toBe(event.id);

        expect(() => suite.stripe.webhooks.constructEvent(delivery.body, header, 'whsec_someoneElsesSecret')).toThrow(
          Stripe.errors.StripeSignatureVerificationError,
        );
        expect(() => suite.stripe.webhooks.constructEvent(`${delivery.body} `, header, endpoint.secret!)).toThrow(
          Stripe.errors.StripeSignatureVerificationError,
        );
        await suite.stripe.webhookEndpoints.del(endpoint.id);
      } finally {
        await receiver.close();
      }
    });
  });
}
