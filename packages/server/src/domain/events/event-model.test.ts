import { describe, expect, it } from 'vitest';
import { renderEvent, type StripeEvent } from './event-model.js';

describe('renderEvent', () => {
  const source = { request_id: 'req_1', idempotency_key: 'key "quoted"', api_version: '2023-08-16', livemode: false, now: 1_700_000_000 };
  const subject = { id: 'cus_1', object: 'customer', name: 'Zoë "Z"', metadata: { a: '1' } };

  it('renders the full Event shape around the subject’s own JSON', () => {
    const event = JSON.parse(renderEvent('evt_1', 'customer.updated', JSON.stringify(subject), source, { name: null })) as StripeEvent;
    expect(event).toStrictEqual({
      id: 'evt_1',
      object: 'event',
      api_version: '2023-08-16',
      created: 1_700_000_000,
      data: { object: subject, previous_attributes: { name: null } },
      livemode: false,
      pending_webhooks: 0,
      request: { id: 'req_1', idempotency_key: 'key "quoted"' },
      type: 'customer.updated',
    });
  });

  it('leaves previous_attributes out when there are none, and null request fields as null', () => {
    const event = JSON.parse(
      renderEvent('evt_2', 'customer.created', '{"id":"cus_2"}', { ...source, request_id: null, idempotency_key: null }),
    ) as StripeEvent;
    expect(event.data).toStrictEqual({ object: { id: 'cus_2' } });
    expect(event.request).toStrictEqual({ id: null, idempotency_key: null });
  });
});
