// /v1/setup_intents: create, retrieve, update, list, confirm, cancel.

import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type {
  SetupIntent,
  SetupIntentCancelParams,
  SetupIntentConfirmParams,
  SetupIntentCreateParams,
  SetupIntentListParams,
  SetupIntentRetrieveParams,
  SetupIntentUpdateParams,
} from '../types/setup-intent.js';
import type { Expand, ExpandItem, ExpandPaths, WithExpand } from '../types/expand.js';
import { resourcePath, StripeService } from './service.js';

export class SetupIntentsService extends StripeService {
  /**
   * Creates a SetupIntent; with `confirm: true` the card is checked and saved at once, and a decline
   * answers `CardError` (402) whose `raw.setup_intent` is the SetupIntent.
   *
   * @example
   * const seti = await client.setupIntents.create({ customer: 'cus_123', payment_method: 'pm_card_visa', confirm: true });
   */
  create<const Paths extends ExpandPaths = []>(
    params?: WithExpand<SetupIntentCreateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<SetupIntent, Paths>> {
    return this.request('POST', '/v1/setup_intents', params, options);
  }

  /**
   * Retrieves a SetupIntent.
   *
   * @example
   * const seti = await client.setupIntents.retrieve('seti_123', { expand: ['payment_method'] });
   */
  retrieve<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<SetupIntentRetrieveParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<SetupIntent, Paths>> {
    return this.request('GET', resourcePath`/v1/setup_intents/${id}`, params, options);
  }

  /**
   * Updates a SetupIntent that has not succeeded (payment method, customer, metadata, …).
   *
   * @example
   * await client.setupIntents.update('seti_123', { payment_method: 'pm_card_visa', metadata: { plan: 'pro' } });
   */
  update<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<SetupIntentUpdateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<SetupIntent, Paths>> {
    return this.request('POST', resourcePath`/v1/setup_intents/${id}`, params, options);
  }

  /**
   * Lists SetupIntents, newest first, e.g. those of one customer.
   *
   * @example
   * for await (const seti of client.setupIntents.list({ customer: 'cus_123' })) console.log(seti.status);
   */
  list<const Paths extends ExpandPaths = []>(
    params?: WithExpand<SetupIntentListParams, Paths>,
    options?: RequestOptions,
  ): ListPromise<ExpandItem<SetupIntent, Paths>> {
    return this.requestList('/v1/setup_intents', params, options);
  }

  /**
   * Confirms a SetupIntent: checks its (or the given) PaymentMethod and, on success, attaches it to
   * the customer. A 3D Secure card leaves it in `requires_action` with a `next_action`.
   *
   * @example
   * const seti = await client.setupIntents.confirm('seti_123', { payment_method: 'pm_card_visa' });
   */
  confirm<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<SetupIntentConfirmParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<SetupIntent, Paths>> {
    return this.request('POST', resourcePath`/v1/setup_intents/${id}/confirm`, params, options);
  }

  /**
   * Cancels a SetupIntent that is `requires_payment_method`, `requires_confirmation` or `requires_action`.
   *
   * @example
   * const seti = await client.setupIntents.cancel('seti_123', { cancellation_reason: 'abandoned' });
   */
  cancel<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<SetupIntentCancelParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<SetupIntent, Paths>> {
    return this.request('POST', resourcePath`/v1/setup_intents/${id}/cancel`, params, options);
  }
}
