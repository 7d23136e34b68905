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
import { resourcePath, StripeService } from './service.js';

export class PaymentMethodsService extends StripeService {
  /**
   * Creates a PaymentMethod from card details or a token.
   *
   * @example
   * const pm = await client.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
   */
  create(params?: PaymentMethodCreateParams, options?: RequestOptions): StripePromise<PaymentMethod> {
    return this.request('POST', '/v1/payment_methods', params, options);
  }

  /**
   * Retrieves a PaymentMethod; test ids such as `pm_card_visa` work too.
   *
   * @example
   * const pm = await client.paymentMethods.retrieve('pm_123', { expand: ['customer'] });
   */
  retrieve(id: string, params?: PaymentMethodRetrieveParams, options?: RequestOptions): StripePromise<PaymentMethod> {
    return this.request('GET', resourcePath`/v1/payment_methods/${id}`, params, options);
  }

  /**
   * Updates billing details, metadata or the card's expiry; the PaymentMethod must be attached.
   *
   * @example
   * await client.paymentMethods.update('pm_123', { metadata: { order_id: '6735' } });
   */
  update(id: string, params?: PaymentMethodUpdateParams, options?: RequestOptions): StripePromise<PaymentMethod> {
    return this.request('POST', resourcePath`/v1/payment_methods/${id}`, params, options);
  }

  /**
   * Lists PaymentMethods, newest first, e.g. a customer's cards.
   *
   * @example
   * for await (const pm of client.paymentMethods.list({ customer: 'cus_123', type: 'card' })) console.log(pm.id);
   */
  list(params?: PaymentMethodListParams, options?: RequestOptions): ListPromise<PaymentMethod> {
    return this.requestList('/v1/payment_methods', params, options);
  }

  /**
   * Attaches a PaymentMethod to a customer; a declined card answers `CardError` (402).
   *
   * @example
   * await client.paymentMethods.attach('pm_123', { customer: 'cus_123' });
   */
  attach(id: string, params: PaymentMethodAttachParams, options?: RequestOptions): StripePromise<PaymentMethod> {
    return this.request('POST', resourcePath`/v1/payment_methods/${id}/attach`, params, options);
  }

  /**
   * Detaches a PaymentMethod from its customer; it can't be used or attached again.
   *
   * @example
   * const detached = await client.paymentMethods.detach('pm_123'); // detached.customer === null
   */
  detach(id: string, params?: PaymentMethodDetachParams, options?: RequestOptions): StripePromise<PaymentMethod> {
    return this.request('POST', resourcePath`/v1/payment_methods/${id}/detach`, params, options);
  }
}
