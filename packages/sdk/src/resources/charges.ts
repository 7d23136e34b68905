// /v1/charges, read only: retrieve, list. Charges are made by confirming PaymentIntents.

import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type { Charge, ChargeListParams, ChargeRetrieveParams } from '../types/charge.js';
import { resourcePath, StripeService } from './service.js';

export class ChargesService extends StripeService {
  /**
   * Retrieves a Charge.
   *
   * @example
   * const charge = await client.charges.retrieve('ch_123', { expand: ['balance_transaction'] });
   */
  retrieve(id: string, params?: ChargeRetrieveParams, options?: RequestOptions): StripePromise<Charge> {
    return this.request('GET', resourcePath`/v1/charges/${id}`, params, options);
  }

  /**
   * Lists Charges, newest first, e.g. those of one PaymentIntent.
   *
   * @example
   * const page = await client.charges.list({ payment_intent: 'pi_123' });
   */
  list(params?: ChargeListParams, options?: RequestOptions): ListPromise<Charge> {
    return this.requestList('/v1/charges', params, options);
  }
}
