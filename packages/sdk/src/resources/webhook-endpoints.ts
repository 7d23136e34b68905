// /v1/webhook_endpoints: create (answers the signing secret, once), retrieve, update, list, delete.

import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type {
  DeletedWebhookEndpoint,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointListParams,
  WebhookEndpointRetrieveParams,
  WebhookEndpointUpdateParams,
} from '../types/webhook-endpoint.js';
import { resourcePath, StripeService } from './service.js';

export class WebhookEndpointsService extends StripeService {
  /**
   * Creates a webhook endpoint; keep `secret` from the answer, it is never shown again.
   *
   * @example
   * const endpoint = await client.webhookEndpoints.create({ url: 'https://example.com/hook', enabled_events: ['payment_intent.succeeded'] });
   */
  create(params: WebhookEndpointCreateParams, options?: RequestOptions): StripePromise<WebhookEndpoint> {
    return this.request('POST', '/v1/webhook_endpoints', params, options);
  }

  /**
   * Retrieves a webhook endpoint (without its secret).
   *
   * @example
   * const endpoint = await client.webhookEndpoints.retrieve('we_123');
   */
  retrieve(id: string, params?: WebhookEndpointRetrieveParams, options?: RequestOptions): StripePromise<WebhookEndpoint> {
    return this.request('GET', resourcePath`/v1/webhook_endpoints/${id}`, params, options);
  }

  /**
   * Updates a webhook endpoint; `disabled: true` stops deliveries and their retries.
   *
   * @example
   * await client.webhookEndpoints.update('we_123', { enabled_events: ['*'] });
   */
  update(id: string, params?: WebhookEndpointUpdateParams, options?: RequestOptions): StripePromise<WebhookEndpoint> {
    return this.request('POST', resourcePath`/v1/webhook_endpoints/${id}`, params, options);
  }

  /**
   * Lists webhook endpoints, newest first.
   *
   * @example
   * for await (const endpoint of client.webhookEndpoints.list()) console.log(endpoint.url, endpoint.status);
   */
  list(params?: WebhookEndpointListParams, options?: RequestOptions): ListPromise<WebhookEndpoint> {
    return this.requestList('/v1/webhook_endpoints', params, options);
  }

  /**
   * Deletes a webhook endpoint; its pending deliveries are canceled.
   *
   * @example
   * const deleted = await client.webhookEndpoints.del('we_123'); // { id: 'we_123', object: 'webhook_endpoint', deleted: true }
   */
  del(id: string, options?: RequestOptions): StripePromise<DeletedWebhookEndpoint> {
    return this.request('DELETE', resourcePath`/v1/webhook_endpoints/${id}`, undefined, options);
  }
}
