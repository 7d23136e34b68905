// Stripe's 50-key metadata limit holds for every object an update can add keys to, counted after the
// merge with the keys already there: each update below would leave 52 keys, and each is refused with
// the same 400 (parameter_invalid on metadata) and leaves the object's metadata as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const keys = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `metadata[${prefix}${index}]=v`).join('&');
const too_many_message =
  "Metadata can have up to 50 keys, but you've set 52. Email us at support+metadata@stripe.com for more information.";

for (const engine of test_engines) {
  describe(`the metadata key limit on updates, on ${engine.name}`, () => {
    let tender: LiveTender;
    beforeAll(async () => {
      tender = await startLiveTender(engine);
    });
    afterAll(async () => {
      await tender.close();
    });

    const created = async (path: string, form: string) => {
      const answer = await tender.call('POST', path, { form });
      expect(answer.status).toBe(200);
      return answer.json as { id: string; charge?: string };
    };
    const paid = async (payment_method: string) =>
      (await created(
        '/v1/payment_intents',
        `amount=5000&currency=usd&payment_method=${payment_method}&confirm=true&payment_method_types[]=card`,
      )) as { id: string; latest_charge?: string };

    const objects: { name: string; path: () => Promise<string> }[] = [
      {
        name: 'a refund',
        path: async () =>
          `/v1/refunds/${(await created('/v1/refunds', `payment_intent=${(await paid('pm_card_visa')).id}&amount=100&${keys(30, 'a')}`)).id}`,
      },
      {
        name: 'a payout',
        path: async () => {
          await paid('pm_card_bypassPending');
          return `/v1/payouts/${(await created('/v1/payouts', `amount=100&currency=usd&${keys(30, 'a')}`)).id}`;
        },
      },
      { name: 'a SetupIntent', path: async () => `/v1/setup_intents/${(await created('/v1/setup_intents', keys(30, 'a'))).id}` },
      {
        name: 'a webhook endpoint',
        path: async () =>
          `/v1/webhook_endpoints/${(await created('/v1/webhook_endpoints', `url=https://example.com/hook&enabled_events[]=*&${keys(30, 'a')}`)).id}`,
      },
      {
        name: 'a bank account',
        path: async () => {
          const prefix = `/v1/accounts/${tender.account.account_id}/external_accounts`;
          const listed = await tender.call('GET', prefix);
          expect(listed.status).toBe(200);
          const bank = listed.json.data[0] as { id: string };
          const seeded = await tender.call('POST', `${prefix}/${bank.id}`, { form: keys(30, 'a') });
          expect(seeded.status).toBe(200);
          return `${prefix}/${bank.id}`;
        },
      },
    ];

    for (const object of objects) {
      it(`refuses an update that would leave ${object.name} with 52 keys, and keeps its 30`, async () => {
        const path = await object.path();
        const refused = await tender.call('POST', path, { form: keys(22, 'b') });
        expect(refused.status).toBe(400);
        expect(refused.json.error).toMatchObject({
          type: 'invalid_request_error',
          code: 'parameter_invalid',
          param: 'metadata',
          message: too_many_message,
        });
        const after = await tender.call('GET', path);
        expect(Object.keys(after.json.metadata)).toHaveLength(30);
      });
    }
  });
}
