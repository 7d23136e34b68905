// Pure decisions for webhook endpoints: create, update and the checks Stripe makes (a valid http or
// https URL, at least one event type, at most 16 endpoints). The param validator has already checked
// each event type against Stripe's list; what is left here needs the whole request or the account.
import { createMetadata, mergeMetadataWithinLimit, type MetadataParam } from '../shared/metadata.js';
import { webhook_endpoints_per_account_max, type WebhookEndpoint } from './webhook-endpoint-model.js';

export interface WebhookEndpointFailure {
  code: 'url_invalid' | 'parameter_invalid' | 'parameter_missing' | 'webhook_endpoint_limit';
  param: string | null;
  message: string;
}

export type WebhookEndpointOutcome<T> = { ok: true; value: T } | { ok: false; failure: WebhookEndpointFailure };

const refuse = (failure: WebhookEndpointFailure): WebhookEndpointOutcome<never> => ({ ok: false, failure });

export interface CreateWebhookEndpointParams {
  url?: string;
  enabled_events?: string[];
  description?: string | '';
  metadata?: MetadataParam;
  api_version?: string;
}

export interface UpdateWebhookEndpointParams {
  url?: string;
  enabled_events?: string[];
  description?: string | '';
  metadata?: MetadataParam;
  disabled?: boolean;
}

/** Stripe answers `url_invalid` with "Invalid URL: ..." [inf: contract §3 lists the code]. */
export function checkUrl(url: string): WebhookEndpointFailure | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { code: 'url_invalid', param: 'url', message: `Invalid URL: ${url}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { code: 'url_invalid', param: 'url', message: `Invalid URL: ${url}. URLs must use the http or https scheme.` };
  }
  return null;
}

function checkEvents(enabled_events: readonly string[]): WebhookEndpointFailure | null {
  if (enabled_events.length === 0) {
    return { code: 'parameter_invalid', param: 'enabled_events', message: 'You must specify at least one event type in enabled_events.' };
  }
  return null;
}

/**
 * @example decideCreateWebhookEndpoint({ url, enabled_events: ['*'] }, { id: 'we_1', secret, now, livemode: false, existing: 0 })
 */
export function decideCreateWebhookEndpoint(
  params: CreateWebhookEndpointParams,
  facts: { id: string; secret: string; now: number; livemode: boolean; existing: number },
): WebhookEndpointOutcome<WebhookEndpoint> {
  if (params.url === undefined) return refuse({ code: 'parameter_missing', param: 'url', message: 'Missing required param: url.' });
  if (params.enabled_events === undefined) {
    return refuse({ code: 'parameter_missing', param: 'enabled_events', message: 'Missing required param: enabled_events.' });
  }
  const invalid = checkUrl(params.url) ?? checkEvents(params.enabled_events);
  if (invalid !== null) return refuse(invalid);
  if (facts.existing >= webhook_endpoints_per_account_max) {
    return refuse({
      code: 'webhook_endpoint_limit',
      param: null,
      message: `You have reached the maximum of ${webhook_endpoints_per_account_max} ${facts.livemode ? 'live' : 'test'} webhook endpoints.`,
    });
  }
  return {
    ok: true,
    value: {
      id: facts.id,
      object: 'webhook_endpoint',
      api_version: params.api_version ?? null,
      application: null,
      created: facts.now,
      description: params.description === undefined || params.description === '' ? null : params.description,
      enabled_events: [...new Set(params.enabled_events)],
      livemode: facts.livemode,
      metadata: createMetadata(params.metadata),
      status: 'enabled',
      url: params.url,
    },
  };
}

export function decideUpdateWebhookEndpoint(
  endpoint: WebhookEndpoint,
  params: UpdateWebhookEndpointParams,
): WebhookEndpointOutcome<WebhookEndpoint> {
  const invalid =
    (params.url === undefined ? null : checkUrl(params.url)) ??
    (params.enabled_events === undefined ? null : checkEvents(params.enabled_events));
  if (invalid !== null) return refuse(invalid);
  const metadata = mergeMetadataWithinLimit(endpoint.metadata, params.metadata);
  if (!metadata.ok) return refuse(metadata.failure);
  return {
    ok: true,
    value: {
      ...endpoint,
      url: params.url ?? endpoint.url,
      enabled_events: params.enabled_events === undefined ? endpoint.enabled_events : [...new Set(params.enabled_events)],
      description: params.description === undefined ? endpoint.description : params.description === '' ? null : params.description,
      metadata: metadata.value,
      status: params.disabled === undefined ? endpoint.status : params.disabled ? 'disabled' : 'enabled',
    },
  };
}
