// Webhook endpoint commands: load, decide (webhook-endpoint-decisions.ts), write. Disabling or
// deleting an endpoint cancels its pending deliveries in the same transaction, so retries stop, and
// once it commits this process's worker drops the attempts it holds for it and has not started.
// The signing secret is made here, stored in its own column and answered only by create.
import { cancelPendingDeliveries } from '../../webhooks/delivery-records.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Outcome } from '../shared/failures.js';
import { snapshot, snapshotFromJson, type Snapshot } from '../shared/snapshot.js';
import {
  decideCreateWebhookEndpoint,
  decideUpdateWebhookEndpoint,
  type CreateWebhookEndpointParams,
  type UpdateWebhookEndpointParams,
} from './webhook-endpoint-decisions.js';
import { webhook_endpoint_id_prefix, webhook_secret_chars, type WebhookEndpoint } from './webhook-endpoint-model.js';
import {
  countWebhookEndpoints,
  deleteWebhookEndpoint,
  findWebhookEndpointRow,
  insertWebhookEndpoint,
  updateWebhookEndpoint,
} from './webhook-endpoint-records.js';

const missing = (id: string) =>
  fail({ code: 'resource_missing', resource: 'webhook_endpoint', id, param: 'webhook_endpoint', in_path: true } as const);

export async function createWebhookEndpoint(context: CommandContext, params: CreateWebhookEndpointParams): Promise<Outcome<Snapshot>> {
  const existing = await countWebhookEndpoints(context.tx, context.store, context.scope);
  const secret = `whsec_${context.runtime.ids.randomChars(webhook_secret_chars)}`;
  const decided = decideCreateWebhookEndpoint(params, {
    id: context.runtime.ids.next(webhook_endpoint_id_prefix),
    secret,
    now: context.now,
    livemode: context.scope.livemode,
    existing,
  });
  if (!decided.ok) return fail({ code: 'webhook_endpoint_failure', failure: decided.failure });
  await insertWebhookEndpoint(context.tx, context.store, context.scope, snapshot(decided.value), secret);
  // The one answer that carries the secret.
  return succeed(snapshot<WebhookEndpoint>({ ...decided.value, secret }));
}

export async function updateWebhookEndpointCommand(
  context: CommandContext,
  id: string,
  params: UpdateWebhookEndpointParams,
): Promise<Outcome<Snapshot<WebhookEndpoint>>> {
  const row = await findWebhookEndpointRow(context.tx, context.store, context.scope, id, true);
  if (row === null) return missing(id);
  const current = snapshotFromJson<WebhookEndpoint>(row.json);
  const decided = decideUpdateWebhookEndpoint(current.object, params);
  if (!decided.ok) return fail({ code: 'webhook_endpoint_failure', failure: decided.failure });
  const next = snapshot(decided.value);
  await updateWebhookEndpoint(context.tx, context.store, context.scope, next);
  if (next.object.status === 'disabled' && current.object.status !== 'disabled') {
    await cancelPendingDeliveries(context.tx, context.store, id, context.now * 1000);
    context.events.endpointStopped(id);
  }
  return succeed(next);
}

export async function deleteWebhookEndpointCommand(context: CommandContext, id: string): Promise<Outcome<Snapshot>> {
  const row = await findWebhookEndpointRow(context.tx, context.store, context.scope, id, true);
  if (row === null) return missing(id);
  await deleteWebhookEndpoint(context.tx, context.store, context.scope, id);
  await cancelPendingDeliveries(context.tx, context.store, id, context.now * 1000);
  context.events.endpointStopped(id);
  return succeed(snapshot({ id, object: 'webhook_endpoint', deleted: true }));
}
