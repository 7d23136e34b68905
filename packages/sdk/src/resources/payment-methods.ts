// /v1/payment_methods: create, retrieve, update, list, attach, detach.

import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type {
  PaymentMethod,
  PaymentMethodAttachParams,
  PaymentMethodCreateParams,
  PaymentMethodDetachParams,
  PaymentMethodListParams,
  PaymentMethodRetrieveParams,
  PaymentMethodUpdateParams,
} from '../types/payment-method.js';
import type { Expand, ExpandItem, ExpandPaths, WithExpand } from '../types/expand.js';
import { resourcePath, StripeService } from './service.js';

export class PaymentMethodsService extends StripeService {
  /**
   * Creates a PaymentMethod from card details or a token.
   *
   * @example
   * const pm = await client.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
   */
  create<const Paths extends ExpandPaths = []>(
    params?: WithExpand<PaymentMethodCreateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentMethod, Paths>> {
    return this.request('POST', '/v1/payment_methods', params, options);
  }

  /**
   * Retrieves a PaymentMethod; test ids such as `pm_card_visa` work too.
   *
   * @example
   * const pm = await client.paymentMethods.retrieve('pm_123', { expand: ['customer'] });
   */
  retrieve<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PaymentMethodRetrieveParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentMethod, Paths>> {
    return this.request('GET', resourcePath`/v1/payment_methods/${id}`, params, options);
  }

  /**
   * Updates billing details, metadata or the card's expiry; the PaymentMethod must be attached.
   *
   * @example
   * await client.paymentMethods.update('pm_123', { metadata: { order_id: '6735' } });
   */
  update<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PaymentMethodUpdateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentMethod, Paths>> {
    return this.request('POST', resourcePath`/v1/payment_methods/${id}`, params, options);
  }

  /**
   * Lists PaymentMethods, newest first, e.g. a customer's cards.
   *
   * @example
   * for await (const pm of client.paymentMethods.list({ customer: 'cus_123', type: 'card' })) console.log(pm.id);
   */
  list<const Paths extends ExpandPaths = []>(
    params?: WithExpand<PaymentMethodListParams, Paths>,
    options?: RequestOptions,
  ): ListPromise<ExpandItem<PaymentMethod, Paths>> {
    return this.requestList('/v1/payment_methods', params, options);
  }

  /**
   * Attaches a PaymentMethod to a customer; a declined card answers `CardError` (402).
   *
   * @example
   * await client.paymentMethods.attach('pm_123', { customer: 'cus_123' });
   */
  attach<const Paths extends ExpandPaths = []>(
    id: string,
    params: WithExpand<PaymentMethodAttachParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentMethod, Paths>> {
    return this.request('POST', resourcePath`/v1/payment_methods/${id}/attach`, params, options);
  }

  /**
   * Detaches a PaymentMethod from its customer; it can't be used or attached again.
   *
   * @example
   * const detached = await client.paymentMethods.detach('pm_123'); // detached.customer === null
   */
  detach<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PaymentMethodDetachParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentMethod, Paths>> {
    return this.request('POST', resourcePath`/v1/payment_methods/${id}/detach`, params, options);
  }
}
