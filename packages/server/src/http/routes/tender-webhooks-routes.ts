// Tender's own webhook endpoints (not Stripe's API, hence /_tender): every delivery of an event or to
// an endpoint with each attempt (time, status code, duration, error), and resending an event. They take
// the same secret keys as /v1 and answer Stripe's error envelope.
import type { FastifyInstance } from 'fastify';
import { enqueueDeliveries, findEventType, type DeliveryTargets } from '../../domain/events/event-records.js';
import { enabledWebhookEndpoints, findWebhookEndpointRow } from '../../domain/webhook-endpoints/webhook-endpoint-records.js';
import { event_retention_seconds } from '../../domain/events/event-model.js';
import {
  delivery_states,
  deliveryCounts,
  listDeliveries,
  type DeliveryState,
  type DeliveryView,
  type NewDelivery,
} from '../../webhooks/delivery-records.js';
import { invalidRequest, paramErrorResponse, type ErrorResponse } from '../error-envelope.js';
import { invalidEnum } from '../params/param-errors.js';
import { decodeParams } from '../api-route.js';
import type { ServerServices } from '../server-services.js';
import { authenticatedScope, type SendError } from '../tender-route-support.js';

export const tender_deliveries_path = '/_tender/webhook_deliveries';
/** Deliveries one listing answers at most. */
export const deliveries_listed_max = 100;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function registerTenderWebhookRoutes(app: FastifyInstance, services: ServerServices, sendError: SendError): void {
  const { store, runtime } = services;

  app.get(tender_deliveries_path, async (request, reply) => {
    const scope = await authenticatedScope(services, sendError, request, reply);
    if (scope === null) return reply;
    const decoded = decodeParams(request);
    if (!decoded.ok) return sendError(request, reply, decoded.error);
    const params = decoded.params;
    const limit = Math.min(Math.max(Number(params.limit ?? deliveries_listed_max) || deliveries_listed_max, 1), deliveries_listed_max);
    const event_id = text(params.event);
    const endpoint_id = text(params.endpoint);
    const data = await store.read((executor) =>
      listDeliveries(executor, store, scope, {
        limit,
        ...(event_id === undefined ? {} : { event_id }),
        ...(endpoint_id === undefined ? {} : { endpoint_id }),
      }),
    );
    return reply.header('content-type', 'application/json').send(JSON.stringify({ object: 'list', url: tender_deliveries_path, data }));
  });

  // How many deliveries wait, were made, failed or were canceled: the backlog at a glance.
  app.get(`${tender_deliveries_path}/summary`, async (request, reply) => {
    const scope = await authenticatedScope(services, sendError, request, reply);
    if (scope === null) return reply;
    const decoded = decodeParams(request);
    if (!decoded.ok) return sendError(request, reply, decoded.error);
    // `state=pending` counts only the backlog, from its own index: cheap enough to watch under load.
    const state = decoded.params.state;
    if (state !== undefined && !delivery_states.includes(state as DeliveryState)) {
      return sendError(request, reply, paramErrorResponse(invalidEnum('state', delivery_states)));
    }
    const counts = await store.read((executor) => deliveryCounts(executor, store, scope, state as DeliveryState | undefined));
    return reply.header('content-type', 'application/json').send(JSON.stringify({ object: 'webhook_delivery_summary', ...counts }));
  });

  app.post('/_tender/events/:id/resend', async (request, reply) => {
    const scope = await authenticatedScope(services, sendError, request, reply);
    if (scope === null) return reply;
    const eventId = (request.params as { id: string }).id;
    // The body's endpoint wins over the query string's, as for /v1.
    const decoded = decodeParams(request);
    if (!decoded.ok) return sendError(request, reply, decoded.error);
    const endpointId = text(decoded.params.endpoint);
    const now = Math.floor(runtime.clock.nowMs() / 1000);
    const outcome = await store.transaction(async (tx): Promise<ErrorResponse | NewDelivery[]> => {
      const type = await findEventType(tx, store, scope, eventId, now - event_retention_seconds);
      if (type === null) return invalidRequest(404, `No such event: '${eventId}'`, 'resource_missing', 'id');
      let targets: DeliveryTargets;
      if (endpointId !== undefined) {
        const row = await findWebhookEndpointRow(tx, store, scope, endpointId);
        if (row === null) return invalidRequest(400, `No such webhook endpoint: '${endpointId}'`, 'resource_missing', 'endpoint');
        if (row.status !== 'enabled') return invalidRequest(400, `Webhook endpoint ${endpointId} is disabled.`, undefined, 'endpoint');
        targets = { endpoint_ids: [endpointId] };
      } else {
        targets = { enabled: await enabledWebhookEndpoints(tx, store, scope) };
      }
      return enqueueDeliveries(tx, store, scope, runtime.ids, { id: eventId, type }, targets, runtime.clock.nowMs());
    });
    if (!Array.isArray(outcome)) return sendError(request, reply, outcome);
    services.committed.notify({ events: 0, deliveries: outcome.length, handed: 0 });
    // The answer is what was queued: a second read would race the worker just woken to send it.
    const data = outcome.map(queuedView).reverse(); // newest first, as the listing orders them
    return reply.header('content-type', 'application/json').send(JSON.stringify({ object: 'list', url: tender_deliveries_path, data }));
  });
}

/** A delivery as the listing shows it the moment it was queued: pending, due at once, never tried. */
function queuedView({ id, event_id, endpoint_id, created_ms }: NewDelivery): DeliveryView {
  return {
    id,
    event_id,
    endpoint_id,
    created_ms,
    state: 'pending',
    attempts: 0,
    next_attempt_ms: created_ms,
    last_status_code: null,
    last_error: null,
    completed_ms: null,
    attempt_log: [],
  };
}
