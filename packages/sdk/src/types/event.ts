// The Event object and the params of its endpoints.

import type { StripeObjectBase } from './expandable.js';
import type { PaginationParams, RangeQueryParam } from './list.js';
import type { ExpandParams } from './metadata.js';

export interface Event<TObject = StripeObjectBase> {
  id: string;
  object: 'event';
  /** Connected account the event belongs to, on Connect events only. */
  account?: string;
  api_version: string | null;
  created: number;
  data: {
    object: TObject;
    /** Old values of the keys an update changed. */
    previous_attributes?: Record<string, unknown>;
  };
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null } | null;
  /** E.g. `customer.created`. */
  type: string;
}

export interface EventListParams extends PaginationParams, ExpandParams {
  created?: RangeQueryParam;
  delivery_success?: boolean;
  /** One type, or a `*` wildcard such as `customer.*`. */
  type?: string;
  /** Up to 20 types; not together with `type`. */
  types?: string[];
}

export type EventRetrieveParams = ExpandParams;
