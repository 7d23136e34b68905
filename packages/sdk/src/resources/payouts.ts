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
import { resourcePath, StripeService } from './service.js';

export class PayoutsService extends StripeService {
  /**
   * Sends money from the available balance to an external account; more than is available answers
   * `InvalidRequestError` with code `balance_insufficient`.
   *
   * @example
   * const payout = await client.payouts.create({ amount: 1100, currency: 'usd' });
   */
  create(params: PayoutCreateParams, options?: RequestOptions): StripePromise<Payout> {
    return this.request('POST', '/v1/payouts', params, options);
  }

  /**
   * Retrieves a Payout.
   *
   * @example
   * const payout = await client.payouts.retrieve('po_123', { expand: ['destination'] });
   */
  retrieve(id: string, params?: PayoutRetrieveParams, options?: RequestOptions): StripePromise<Payout> {
    return this.request('GET', resourcePath`/v1/payouts/${id}`, params, options);
  }

  /**
   * Updates a Payout's metadata; `''` unsets a key.
   *
   * @example
   * await client.payouts.update('po_123', { metadata: { batch: '42' } });
   */
  update(id: string, params?: PayoutUpdateParams, options?: RequestOptions): StripePromise<Payout> {
    return this.request('POST', resourcePath`/v1/payouts/${id}`, params, options);
  }

  /**
   * Lists Payouts, newest first, filtered by status, destination, created or arrival_date.
   *
   * @example
   * for await (const payout of client.payouts.list({ status: 'paid' })) console.log(payout.amount);
   */
  list(params?: PayoutListParams, options?: RequestOptions): ListPromise<Payout> {
    return this.requestList('/v1/payouts', params, options);
  }

  /**
   * Cancels a Payout that is still `pending`; the money returns to the available balance.
   *
   * @example
   * const canceled = await client.payouts.cancel('po_123'); // canceled.status === 'canceled'
   */
  cancel(id: string, params?: PayoutCancelParams, options?: RequestOptions): StripePromise<Payout> {
    return this.request('POST', resourcePath`/v1/payouts/${id}/cancel`, params, options);
  }
}
