// Tender's own webhook endpoints (not Stripe's API, hence /_tender): every delivery of an event or to
// an endpoint with each attempt (time, status code, duration, error), and resending an event. They take
// the same secret keys as /v1 and answer Stripe's error envelope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { enqueueDeliveries, findEventType, type DeliveryTargets } from '../../domain/events/event-records.js';
import { enabledWebhookEndpoints, findWebhookEndpointRow } from '../../domain/webhook-endpoints/webhook-endpoint-records.js';
import { event_retention_seconds } from '../../domain/events/event-model.js';
import type { Scope } from '../../store/object-pages.js';
import { deliveryCounts, listDeliveries, type DeliveryView, type NewDelivery } from '../../webhooks/delivery-records.js';
import { invalidRequest, type ErrorResponse } from '../error-envelope.js';
import { parseFormEncoded, parseJson } from '../request-params.js';
import type { ServerServices } from '../server-services.js';

export const tender_deliveries_path = '/_tender/webhook_deliveries';
/** Deliveries one listing answers at most. */
export const deliveries_listed_max = 100;

type SendError = (request: FastifyRequest, reply: FastifyReply, error: ErrorResponse) => unknown;

async function authenticatedScope(
  services: ServerServices,
  request: FastifyRequest,
): Promise<{ ok: true; scope: Scope } | { ok: false; error: ErrorResponse }> {
  const auth = await services.authenticate(request.headers);
  if (!auth.ok) return auth;
  if (auth.key.key_type === 'publishable') {
    return { ok: false, error: invalidRequest(401, 'This endpoint needs a secret API key.', 'secret_key_required') };
  }
  request.tenderScope = { account_id: auth.key.account_id, livemode: auth.key.livemode };
  return { ok: true, scope: request.tenderScope };
}

function queryParams(request: FastifyRequest): Record<string, unknown> {
  const url = request.raw.url ?? '';
  const at = url.indexOf('?');
  const decoded = parseFormEncoded(at === -1 ? '' : url.slice(at + 1));
  return decoded.ok ? decoded.params : {};
}

function bodyParams(request: FastifyRequest): Record<string, unknown> {
  const body = typeof request.body === 'string' ? request.body : '';
  if (body === '') return {};
  const json = (request.headers['content-type'] ?? '').includes('application/json');
  const decoded = json ? parseJson(body) : parseFormEncoded(body);
  return decoded.ok ? decoded.params : {};
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function registerTenderWebhookRoutes(app: FastifyInstance, services: ServerServices, sendError: SendError): void {
  const { store, runtime } = services;

  app.get(tender_deliveries_path, async (request, reply) => {
    const auth = await authenticatedScope(services, request);
    if (!auth.ok) return sendError(request, reply, auth.error);
    const params = queryParams(request);
    const limit = Math.min(Math.max(Number(params.limit ?? deliveries_listed_max) || deliveries_listed_max, 1), deliveries_listed_max);
    const event_id = text(params.event);
    const endpoint_id = text(params.endpoint);
    const data = await store.read((executor) =>
      listDeliveries(executor, store, auth.scope, {
        limit,
        ...(event_id === undefined ? {} : { event_id }),
        ...(endpoint_id === undefined ? {} : { endpoint_id }),
      }),
    );
    return reply.header('content-type', 'application/json').send(JSON.stringify({ object: 'list', url: tender_deliveries_path, data }));
  });

  // How many deliveries wait, were made, failed or were canceled: the backlog at a glance.
  app.get(`${tender_deliveries_path}/summary`, async (request, reply) => {
    const auth = await authenticatedScope(services, request);
    if (!auth.ok) return sendError(request, reply, auth.error);
    const counts = await store.read((executor) => deliveryCounts(executor, store, auth.scope));
    return reply.header('content-type', 'application/json').send(JSON.stringify({ object: 'webhook_delivery_summary', ...counts }));
  });

  app.post('/_tender/events/:id/resend', async (request, reply) => {
    const auth = await authenticatedScope(services, request);
    if (!auth.ok) return sendError(request, reply, auth.error);
    const eventId = (request.params as { id: string }).id;
    const endpointId = text(bodyParams(request).endpoint) ?? text(queryParams(request).endpoint);
    const now = Math.floor(runtime.clock.nowMs() / 1000);
    const outcome = await store.transaction(async (tx): Promise<ErrorResponse | NewDelivery[]> => {
      const type = await findEventType(tx, store, auth.scope, eventId, now - event_retention_seconds);
      if (type === null) return invalidRequest(404, `No such event: '${eventId}'`, 'resource_missing', 'id');
      let targets: DeliveryTargets;
      if (endpointId !== undefined) {
        const row = await findWebhookEndpointRow(tx, store, auth.scope, endpointId);
        if (row === null) return invalidRequest(400, `No such webhook endpoint: '${endpointId}'`, 'resource_missing', 'endpoint');
        if (row.status !== 'enabled') return invalidRequest(400, `Webhook endpoint ${endpointId} is disabled.`, undefined, 'endpoint');
        targets = { endpoint_ids: [endpointId] };
      } else {
        targets = { enabled: await enabledWebhookEndpoints(tx, store, auth.scope) };
      }
      return enqueueDeliveries(tx, store, auth.scope, runtime.ids, { id: eventId, type }, targets, runtime.clock.nowMs());
    });
    if (!Array.isArray(outcome)) return sendError(request, reply, outcome);
    services.committed.notify({ events: 0, deliveries: outcome.length });
    // The answer is what was queued: a second read would race the worker just woken to send it.
    const data = outcome.map(queuedView).reverse(); // newest first, as the listing orders them
    return reply.header('content-type', 'application/json').send(JSON.stringify({ object: 'list', url: tender_deliveries_path, data }));
  });
}

/** A delivery as the listing shows it the moment it was queued: pending, due at once, never tried. */
function queuedView(delivery: NewDelivery): DeliveryView {
  return {
    ...delivery,
    state: 'pending',
    attempts: 0,
    next_attempt_ms: delivery.created_ms,
    last_status_code: null,
    last_error: null,
    completed_ms: null,
    attempt_log: [],
  };
}
