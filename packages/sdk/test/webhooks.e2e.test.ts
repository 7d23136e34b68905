// End to end: webhook endpoints through the SDK against a live Tender, and Tender's signed deliveries
// verified by the SDK's own webhook helpers, synchronous and WebCrypto alike.
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, SignatureVerificationError } from '@tender/sdk';
import { startWebhookReceiver } from '../../server/src/test-support/webhook-receiver.js';
import { useLiveTender } from './support/live-tender.js';

const suite = useLiveTender();

describe('webhook endpoints and signed deliveries', () => {
  it('creates an endpoint, receives signed events that constructEvent accepts, and deletes it', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const endpoint = await suite.client.webhookEndpoints.create({ url: receiver.url, enabled_events: ['customer.created'] });
      expect(endpoint).toMatchObject({ object: 'webhook_endpoint', status: 'enabled', enabled_events: ['customer.created'] });
      expect(endpoint.secret).toMatch(/^whsec_/);
      expect((await suite.client.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined();

      const customer = await suite.client.customers.create({ email: 'hooked@example.com' });
      const [delivery] = await receiver.waitFor(1);
      const header = delivery!.headers['stripe-signature'] as string;
      const event = suite.client.webhooks.constructEvent(delivery!.body, header, endpoint.secret!);
      expect(event).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id } } });
      const again = await suite.client.webhooks.constructEventAsync(delivery!.body, header, endpoint.secret!);
      expect(again.id).toBe(event.id);
      expect(() => suite.client.webhooks.constructEvent(delivery!.body, header, 'whsec_notTheSecret')).toThrow(SignatureVerificationError);
      // Checked as if it arrived ten minutes after it was signed: older than the 300 s tolerance.
      const signedAt = Number(header.split(',')[0]!.slice('t='.length));
      expect(() => suite.client.webhooks.constructEvent(delivery!.body, header, endpoint.secret!, { receivedAt: signedAt + 600 })).toThrow(
        SignatureVerificationError,
      );

      const updated = await suite.client.webhookEndpoints.update(endpoint.id, { disabled: true, description: 'paused' });
      expect(updated).toMatchObject({ status: 'disabled', description: 'paused' });
      const listed = await suite.client.webhookEndpoints.list().autoPagingToArray({ limit: 100 });
      expect(listed.map((item) => item.id)).toContain(endpoint.id);
      expect(await suite.client.webhookEndpoints.del(endpoint.id)).toMatchObject({ id: endpoint.id, deleted: true });
      await expect(suite.client.webhookEndpoints.retrieve(endpoint.id)).rejects.toBeInstanceOf(InvalidRequestError);
    } finally {
      await receiver.close();
    }
  });

  it('answers a bad URL with InvalidRequestError url_invalid', async () => {
    const error = await suite.client.webhookEndpoints.create({ url: 'nope', enabled_events: ['*'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ code: 'url_invalid', param: 'url' });
  });
});
