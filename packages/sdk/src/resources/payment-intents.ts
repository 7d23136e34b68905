// /v1/payment_intents: create, retrieve, update, list, search, confirm, capture, cancel,
// incrementAuthorization.

import type { ListPromise, SearchPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type {
  PaymentIntent,
  PaymentIntentCancelParams,
  PaymentIntentCaptureParams,
  PaymentIntentConfirmParams,
  PaymentIntentCreateParams,
  PaymentIntentIncrementAuthorizationParams,
  PaymentIntentListParams,
  PaymentIntentRetrieveParams,
  PaymentIntentSearchParams,
  PaymentIntentUpdateParams,
} from '../types/payment-intent.js';
import type { Expand, ExpandItem, ExpandPaths, WithExpand } from '../types/expand.js';
import { resourcePath, StripeService } from './service.js';

export class PaymentIntentsService extends StripeService {
  /**
   * Creates a PaymentIntent; with `confirm: true` the payment is attempted at once, and a decline
   * answers `CardError` (402) whose `raw.payment_intent` is the PaymentIntent.
   *
   * @example
   * const pi = await client.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
   */
  create<const Paths extends ExpandPaths = []>(
    params: WithExpand<PaymentIntentCreateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentIntent, Paths>> {
    return this.request('POST', '/v1/payment_intents', params, options);
  }

  /**
   * Retrieves a PaymentIntent. Expanded fields are typed as their objects.
   *
   * @example
   * const pi = await client.paymentIntents.retrieve('pi_123', { expand: ['latest_charge.balance_transaction'] });
   * console.log(pi.latest_charge?.balance_transaction?.fee); // Charge, then BalanceTransaction: no casts
   */
  retrieve<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PaymentIntentRetrieveParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentIntent, Paths>> {
    return this.request('GET', resourcePath`/v1/payment_intents/${id}`, params, options);
  }

  /**
   * Updates a PaymentIntent that has not been paid yet (amount, payment method, metadata, …).
   *
   * @example
   * await client.paymentIntents.update('pi_123', { metadata: { order_id: '6735' } });
   */
  update<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PaymentIntentUpdateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentIntent, Paths>> {
    return this.request('POST', resourcePath`/v1/payment_intents/${id}`, params, options);
  }

  /**
   * Lists PaymentIntents, newest first, optionally of one customer.
   *
   * @example
   * for await (const pi of client.paymentIntents.list({ customer: 'cus_123' })) console.log(pi.status);
   */
  list<const Paths extends ExpandPaths = []>(
    params?: WithExpand<PaymentIntentListParams, Paths>,
    options?: RequestOptions,
  ): ListPromise<ExpandItem<PaymentIntent, Paths>> {
    return this.requestList('/v1/payment_intents', params, options);
  }

  /**
   * Searches PaymentIntents with Stripe's query language; iterate the result to walk every page.
   *
   * @example
   * const page = await client.paymentIntents.search({ query: 'status:"succeeded" AND metadata["order_id"]:"6735"' });
   */
  search<const Paths extends ExpandPaths = []>(
    params: WithExpand<PaymentIntentSearchParams, Paths>,
    options?: RequestOptions,
  ): SearchPromise<ExpandItem<PaymentIntent, Paths>> {
    return this.requestSearch('/v1/payment_intents/search', params, options);
  }

  /**
   * Confirms a PaymentIntent: attempts the payment with its (or the given) PaymentMethod.
   *
   * @example
   * const pi = await client.paymentIntents.confirm('pi_123', { payment_method: 'pm_card_visa' });
   */
  confirm<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PaymentIntentConfirmParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentIntent, Paths>> {
    return this.request('POST', resourcePath`/v1/payment_intents/${id}/confirm`, params, options);
  }

  /**
   * Captures a PaymentIntent in `requires_capture`, in whole or in part.
   *
   * @example
   * const pi = await client.paymentIntents.capture('pi_123', { amount_to_capture: 1500 });
   */
  capture<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PaymentIntentCaptureParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentIntent, Paths>> {
    return this.request('POST', resourcePath`/v1/payment_intents/${id}/capture`, params, options);
  }

  /**
   * Cancels a PaymentIntent that has not succeeded; an uncaptured authorization is released.
   *
   * @example
   * const pi = await client.paymentIntents.cancel('pi_123', { cancellation_reason: 'requested_by_customer' });
   */
  cancel<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<PaymentIntentCancelParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentIntent, Paths>> {
    return this.request('POST', resourcePath`/v1/payment_intents/${id}/cancel`, params, options);
  }

  /**
   * Raises the authorized amount of an uncaptured PaymentIntent (`requires_capture`).
   *
   * @example
   * const pi = await client.paymentIntents.incrementAuthorization('pi_123', { amount: 2500 });
   */
  incrementAuthorization<const Paths extends ExpandPaths = []>(
    id: string,
    params: WithExpand<PaymentIntentIncrementAuthorizationParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<PaymentIntent, Paths>> {
    return this.request('POST', resourcePath`/v1/payment_intents/${id}/increment_authorization`, params, options);
  }
}
