// /v1/refunds: create (by charge or payment_intent), retrieve, update, list, cancel.

import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type {
  Refund,
  RefundCancelParams,
  RefundCreateParams,
  RefundListParams,
  RefundRetrieveParams,
  RefundUpdateParams,
} from '../types/refund.js';
import type { Expand, ExpandItem, ExpandPaths, WithExpand } from '../types/expand.js';
import { resourcePath, StripeService } from './service.js';

export class RefundsService extends StripeService {
  /**
   * Refunds a charge in whole or in part, named by `charge` or by `payment_intent`. More than is
   * left answers `InvalidRequestError` with code `amount_too_large` (or `charge_already_refunded`).
   *
   * @example
   * const refund = await client.refunds.create({ payment_intent: 'pi_123', amount: 500, reason: 'requested_by_customer' });
   */
  create<const Paths extends ExpandPaths = []>(
    params?: WithExpand<RefundCreateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Refund, Paths>> {
    return this.request('POST', '/v1/refunds', params, options);
  }

  /**
   * Retrieves a Refund.
   *
   * @example
   * const refund = await client.refunds.retrieve('re_123', { expand: ['charge'] });
   */
  retrieve<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<RefundRetrieveParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Refund, Paths>> {
    return this.request('GET', resourcePath`/v1/refunds/${id}`, params, options);
  }

  /**
   * Updates a Refund's metadata; `''` unsets a key.
   *
   * @example
   * await client.refunds.update('re_123', { metadata: { ticket: 'T-42' } });
   */
  update<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<RefundUpdateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Refund, Paths>> {
    return this.request('POST', resourcePath`/v1/refunds/${id}`, params, options);
  }

  /**
   * Lists Refunds, newest first, e.g. those of one charge or PaymentIntent.
   *
   * @example
   * for await (const refund of client.refunds.list({ charge: 'ch_123' })) console.log(refund.amount, refund.status);
   */
  list<const Paths extends ExpandPaths = []>(
    params?: WithExpand<RefundListParams, Paths>,
    options?: RequestOptions,
  ): ListPromise<ExpandItem<Refund, Paths>> {
    return this.requestList('/v1/refunds', params, options);
  }

  /**
   * Cancels a Refund that is still `pending` or `requires_action`; the money returns to the balance.
   *
   * @example
   * const canceled = await client.refunds.cancel('re_123'); // canceled.status === 'canceled'
   */
  cancel<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<RefundCancelParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Refund, Paths>> {
    return this.request('POST', resourcePath`/v1/refunds/${id}/cancel`, params, options);
  }
}
