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

/**
 * The event's JSON text, field for field the StripeEvent shape above, with the subject's JSON spliced
 * in as `data.object` (it was serialised once, for its own row). `pending_webhooks` comes after
 * `data`, so it is the last such key in the text; the outbox relies on that to count it down.
 */
export function renderEvent(
  id: string,
  type: string,
  objectJson: string,
  source: EventSource,
  previousAttributes?: Record<string, unknown>,
  pendingWebhooks = 0,
): string {
  const previous = previousAttributes === undefined ? '' : `,"previous_attributes":${JSON.stringify(previousAttributes)}`;
  return (
    `{"id":${JSON.stringify(id)},"object":"event","api_version":${JSON.stringify(source.api_version)},"created":${source.now},` +
    `"data":{"object":${objectJson}${previous}},"livemode":${source.livemode},"pending_webhooks":${pendingWebhooks},` +
    `"request":{"id":${JSON.stringify(source.request_id)},"idempotency_key":${JSON.stringify(source.idempotency_key)}},` +
    `"type":${JSON.stringify(type)}}`
  );
}

/** Events are listed and retrievable for 30 days, as Stripe's are. */
export const event_retention_seconds = 30 * 24 * 60 * 60;
/** `types[]` takes at most 20 types. */
export const event_types_filter_max = 20;
