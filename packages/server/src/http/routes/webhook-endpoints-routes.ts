// /v1/webhook_endpoints: create (the secret is answered once), retrieve, update (url, events,
// description, metadata, disabled), delete and list. Routes declare their operation and call the domain.
import {
  createWebhookEndpoint,
  deleteWebhookEndpointCommand,
  updateWebhookEndpointCommand,
} from '../../domain/webhook-endpoints/webhook-endpoint-commands.js';
import type {
  CreateWebhookEndpointParams,
  UpdateWebhookEndpointParams,
} from '../../domain/webhook-endpoints/webhook-endpoint-decisions.js';
import { findWebhookEndpointRow } from '../../domain/webhook-endpoints/webhook-endpoint-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import type { ApiRoute } from '../api-route.js';
import { filteredListRoute } from './filtered-list-route.js';

const object = { kind: 'object' } as const;
const object_type = 'webhook_endpoint';

export const webhookEndpointRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/webhook_endpoints',
    operation: 'POST /v1/webhook_endpoints',
    object_type,
    expand_target: object,
    run: (call, context) => createWebhookEndpoint(context, call.params as CreateWebhookEndpointParams),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/webhook_endpoints/:webhook_endpoint',
    operation: 'GET /v1/webhook_endpoints/{webhook_endpoint}',
    object_type,
    expand_target: object,
    run: async (call, executor, { store }) => {
      const id = call.path.webhook_endpoint!;
      const row = await findWebhookEndpointRow(executor, store, call.scope, id);
      if (row === null)
        return fail({ code: 'resource_missing', resource: 'webhook_endpoint', id, param: 'webhook_endpoint', in_path: true });
      return succeed({ kind: 'json' as const, text: row.json });
    },
  },
  {
    kind: 'write',
    method: 'POST',
    update: true,
    path: '/webhook_endpoints/:webhook_endpoint',
    operation: 'POST /v1/webhook_endpoints/{webhook_endpoint}',
    object_type,
    expand_target: object,
    run: (call, context) => updateWebhookEndpointCommand(context, call.path.webhook_endpoint!, call.params as UpdateWebhookEndpointParams),
  },
  {
    kind: 'write',
    method: 'DELETE',
    path: '/webhook_endpoints/:webhook_endpoint',
    operation: 'DELETE /v1/webhook_endpoints/{webhook_endpoint}',
    object_type,
    expand_target: object,
    run: (call, context) => deleteWebhookEndpointCommand(context, call.path.webhook_endpoint!),
  },
  filteredListRoute({
    table: 'webhook_endpoints',
    path: '/webhook_endpoints',
    object_type,
    resource: 'webhook_endpoint',
    filter_columns: [],
  }),
];
