// /v1/events: retrieve and list (the last 30 days on Stripe).

import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type { Event, EventListParams, EventRetrieveParams } from '../types/event.js';
import { resourcePath, StripeService } from './service.js';

export class EventsService extends StripeService {
  /**
   * Retrieves an event.
   *
   * @example
   * const event = await client.events.retrieve('evt_123');
   */
  retrieve(id: string, params?: EventRetrieveParams, options?: RequestOptions): StripePromise<Event> {
    return this.request('GET', resourcePath`/v1/events/${id}`, params, options);
  }

  /**
   * Lists events, newest first.
   *
   * @example
   * const created = await client.events.list({ type: 'customer.created' }).autoPagingToArray({ limit: 50 });
   */
  list(params?: EventListParams, options?: RequestOptions): ListPromise<Event> {
    return this.requestList('/v1/events', params, options);
  }
}
