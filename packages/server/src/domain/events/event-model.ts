// The Event object: every state change is recorded as one, in the same transaction as the change.
// `data.object` is the object as it was after the change, rendered once and never changed again.

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface EventSource {
  /** The request that caused the change, or null for changes Tender makes on its own. */
  request_id: string | null;
  idempotency_key: string | null;
  api_version: string;
  livemode: boolean;
  now: number;
}

export function buildEvent(
  id: string,
  type: string,
  object: Record<string, unknown>,
  source: EventSource,
  previousAttributes?: Record<string, unknown>,
): StripeEvent {
  return {
    id,
    object: 'event',
    api_version: source.api_version,
    created: source.now,
    data: previousAttributes === undefined ? { object } : { object, previous_attributes: previousAttributes },
    livemode: source.livemode,
    pending_webhooks: 0,
    request: { id: source.request_id, idempotency_key: source.idempotency_key },
    type,
  };
}

/** Events are listed and retrievable for 30 days, as Stripe's are. */
export const event_retention_seconds = 30 * 24 * 60 * 60;
/** `types[]` takes at most 20 types. */
export const event_types_filter_max = 20;
