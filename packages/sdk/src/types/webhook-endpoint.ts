// The WebhookEndpoint object, in Stripe's wire shape, and the params of /v1/webhook_endpoints. The
// signing secret is answered by create only.

import type { PaginationParams } from './list.js';
import type { ExpandParams, Metadata, MetadataParam } from './metadata.js';

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  /** The API version events are rendered in for this endpoint; null means the account's. */
  api_version: string | null;
  application: string | null;
  /** Unix seconds. */
  created: number;
  description: string | null;
  /** Event types sent to the endpoint; `['*']` is every type. */
  enabled_events: string[];
  livemode: boolean;
  metadata: Metadata;
  /** The `whsec_…` signing secret: present in the answer to create only. */
  secret?: string;
  status: 'enabled' | 'disabled';
  url: string;
}

export interface DeletedWebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  deleted: true;
}

export interface WebhookEndpointCreateParams extends ExpandParams {
  url: string;
  enabled_events: string[];
  api_version?: string;
  connect?: boolean;
  description?: string;
  metadata?: MetadataParam;
}

export interface WebhookEndpointUpdateParams extends ExpandParams {
  url?: string;
  enabled_events?: string[];
  description?: string | '';
  disabled?: boolean;
  metadata?: MetadataParam;
}

export type WebhookEndpointRetrieveParams = ExpandParams;

export type WebhookEndpointListParams = PaginationParams & ExpandParams;
