// /v1/payouts: create, retrieve, update, list, cancel.

import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type {
  Payout,
  PayoutCancelParams,
  PayoutCreateParams,
  PayoutListParams,
  PayoutRetrieveParams,
  PayoutUpdateParams,
} from '../types/payout.js';
import type { Expand, ExpandItem, ExpandPaths, WithExpand } from '../types/expand.js';
import { resourcePath, StripeService } from './service.js';

export class PayoutsService extends StripeService {
  /**
   * Sends money from the available balance to an external account; more than is available answers
   * `InvalidRequestError` with code `balance_insufficient`.
   *
   * @example
   * const payout = await client.payouts.create({ amount: 1100, currency: 'usd' });
   */
  create<const Paths extends ExpandPaths = []>(
    params: WithExpand<PayoutCreateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Payout, Paths>> {
    return this.request('POST', '/v1/payouts', params, options);
  }

  /**
   * Retrieves a Payout.
   *
   * @example
   * const payout = await client.payouts.retrieve('po_123', { expand: ['destination'] });
   */
  retrieve<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PayoutRetrieveParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Payout, Paths>> {
    return this.request('GET', resourcePath`/v1/payouts/${id}`, params, options);
  }

  /**
   * Updates a Payout's metadata; `''` unsets a key.
   *
   * @example
   * await client.payouts.update('po_123', { metadata: { batch: '42' } });
   */
  update<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PayoutUpdateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Payout, Paths>> {
    return this.request('POST', resourcePath`/v1/payouts/${id}`, params, options);
  }

  /**
   * Lists Payouts, newest first, filtered by status, destination, created or arrival_date.
   *
   * @example
   * for await (const payout of client.payouts.list({ status: 'paid' })) console.log(payout.amount);
   */
  list<const Paths extends ExpandPaths = []>(
    params?: WithExpand<PayoutListParams, Paths>,
    options?: RequestOptions,
  ): ListPromise<ExpandItem<Payout, Paths>> {
    return this.requestList('/v1/payouts', params, options);
  }

  /**
   * Cancels a Payout that is still `pending`; the money returns to the available balance.
   *
   * @example
   * const canceled = await client.payouts.cancel('po_123'); // canceled.status === 'canceled'
   */
  cancel<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PayoutCancelParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Payout, Paths>> {
    return this.request('POST', resourcePath`/v1/payouts/${id}/cancel`, params, options);
  }
}
