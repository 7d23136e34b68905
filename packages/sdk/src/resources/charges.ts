// /v1/charges: create, retrieve, update, list, search, capture. New integrations make charges by
// confirming PaymentIntents; `create` is the older direct path with a token or a customer's source.

import type { ListPromise, SearchPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type {
  Charge,
  ChargeCaptureParams,
  ChargeCreateParams,
  ChargeListParams,
  ChargeRetrieveParams,
  ChargeSearchParams,
  ChargeUpdateParams,
} from '../types/charge.js';
import type { Expand, ExpandItem, ExpandPaths, WithExpand } from '../types/expand.js';
import { resourcePath, StripeService } from './service.js';

export class ChargesService extends StripeService {
  /**
   * Charges a token or a customer's source at once (the API before PaymentIntents); a decline
   * answers `CardError` (402) with its `decline_code` and the failed charge's id in `raw.charge`.
   *
   * @example
   * const charge = await client.charges.create({ amount: 2000, currency: 'usd', source: 'tok_visa' });
   */
  create<const Paths extends ExpandPaths = []>(
    params: WithExpand<ChargeCreateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Charge, Paths>> {
    return this.request('POST', '/v1/charges', params, options);
  }

  /**
   * Retrieves a Charge.
   *
   * @example
   * const charge = await client.charges.retrieve('ch_123', { expand: ['balance_transaction'] });
   */
  retrieve<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<ChargeRetrieveParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Charge, Paths>> {
    return this.request('GET', resourcePath`/v1/charges/${id}`, params, options);
  }

  /**
   * Updates a Charge's description, metadata, receipt email, shipping or fraud report.
   *
   * @example
   * await client.charges.update('ch_123', { description: 'Order 6735', metadata: { order_id: '6735' } });
   */
  update<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<ChargeUpdateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Charge, Paths>> {
    return this.request('POST', resourcePath`/v1/charges/${id}`, params, options);
  }

  /**
   * Lists Charges, newest first, e.g. those of one PaymentIntent.
   *
   * @example
   * const page = await client.charges.list({ payment_intent: 'pi_123' });
   */
  list<const Paths extends ExpandPaths = []>(
    params?: WithExpand<ChargeListParams, Paths>,
    options?: RequestOptions,
  ): ListPromise<ExpandItem<Charge, Paths>> {
    return this.requestList('/v1/charges', params, options);
  }

  /**
   * Searches Charges with Stripe's query language; iterate the result to walk every page.
   *
   * @example
   * const page = await client.charges.search({ query: 'status:"succeeded" AND amount>1000' });
   */
  search<const Paths extends ExpandPaths = []>(
    params: WithExpand<ChargeSearchParams, Paths>,
    options?: RequestOptions,
  ): SearchPromise<ExpandItem<Charge, Paths>> {
    return this.requestSearch('/v1/charges/search', params, options);
  }

  /**
   * Captures a Charge created with `capture: false`, in whole or in part. A Charge of a PaymentIntent
   * is captured through `paymentIntents.capture` instead.
   *
   * @example
   * const charge = await client.charges.capture('ch_123', { amount: 1500 });
   */
  capture<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<ChargeCaptureParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Charge, Paths>> {
    return this.request('POST', resourcePath`/v1/charges/${id}/capture`, params, options);
  }
}
