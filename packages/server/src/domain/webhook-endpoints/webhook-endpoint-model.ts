// The WebhookEndpoint object (`we_`) in Stripe's wire shape (fixture `resources.webhook_endpoint`).
// Its signing secret lives in its own column and appears on the wire only in the create answer.

export const webhook_endpoint_id_prefix = 'we';
/** Stripe allows 16 endpoints per account (contract §7). */
export const webhook_endpoints_per_account_max = 16;
/** Random characters after `whsec_`, as long as Stripe's. */
export const webhook_secret_chars = 32;
/** `*` subscribes an endpoint to every event type. */
export const all_events = '*';

export type WebhookEndpointStatus = 'enabled' | 'disabled';

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  api_version: string | null;
  application: null;
  created: number;
  description: string | null;
  enabled_events: string[];
  livemode: boolean;
  metadata: Record<string, string>;
  status: WebhookEndpointStatus;
  url: string;
  /** Only in the answer to create. */
  secret?: string;
}

/** Whether an endpoint subscribed to `enabled_events` receives an event of `type`. */
export function endpointWants(enabled_events: readonly string[], type: string): boolean {
  return enabled_events.includes(all_events) || enabled_events.includes(type);
}
