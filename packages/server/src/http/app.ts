// Builds the Fastify app: Stripe's headers on every answer, the API routes under /v1 (and /v1.0, with
// PUT for updates, as the seed's API model names them), one error handler and one not-found handler,
// both answering Stripe's envelope. The app can be called in-process (app.inject) or listen.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from '../runtime/logger.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Scope } from '../store/object-pages.js';
import type { Store } from '../store/store.js';
import { createCommitSignal, type CommitSignal } from '../domain/events/commit-signal.js';
import { createRouteHandler, unexpectedMessage, type ApiRoute } from './api-route.js';
import { createAuthenticator } from './authenticate.js';
import { errorBody, invalidRequest, type ErrorResponse } from './error-envelope.js';
import { RequestLog } from './request-log.js';
import { path_param_chars_max, request_body_bytes_max } from './request-limits.js';
import { balanceRoutes } from './routes/balance-routes.js';
import { chargeRoutes } from './routes/charges-routes.js';
import { customerRoutes } from './routes/customers-routes.js';
import { registerThreeDSecurePages } from './routes/three-d-secure-pages.js';
import { registerTenderWebhookRoutes } from './routes/tender-webhooks-routes.js';
import { registerTenderStreamRoutes } from './routes/tender-streams-routes.js';
import { webhookEndpointRoutes } from './routes/webhook-endpoints-routes.js';
import { eventRoutes } from './routes/events-routes.js';
import { externalAccountRoutes } from './routes/external-accounts-routes.js';
import { paymentIntentRoutes } from './routes/payment-intents-routes.js';
import { paymentMethodRoutes } from './routes/payment-methods-routes.js';
import { payoutRoutes } from './routes/payouts-routes.js';
import { refundRoutes } from './routes/refunds-routes.js';
import { setupAttemptRoutes } from './routes/setup-attempts-routes.js';
import { setupIntentRoutes } from './routes/setup-intents-routes.js';
import { tokenRoutes } from './routes/tokens-routes.js';
import type { ServerServices } from './server-services.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The account the request's key authenticated as, set once it has (null before, or if it never does). */
    tenderScope: Scope | null;
  }
}

export const api_routes: readonly ApiRoute[] = [
  ...customerRoutes,
  ...eventRoutes,
  ...paymentMethodRoutes,
  ...tokenRoutes,
  ...paymentIntentRoutes,
  ...chargeRoutes,
  ...balanceRoutes,
  ...refundRoutes,
  ...setupIntentRoutes,
  ...setupAttemptRoutes,
  ...payoutRoutes,
  ...externalAccountRoutes,
  ...webhookEndpointRoutes,
];

export interface AppOptions {
  store: Store;
  runtime: Runtime;
  logger: Logger;
  /** The server's own base URL, for `request_log_url`. */
  publicUrl?: () => string;
  /** Where writes announce what they committed (the delivery worker listens); a fresh one by default. */
  committed?: CommitSignal;
  /** Runs the scheduled jobs due now (after POST /_tender/clock/advance); resolves with how many ran. */
  runDueJobs?: () => Promise<number>;
  /** Sends webhook retries that fell due (after POST /_tender/clock/advance). */
  wakeWebhooks?: () => void;
  /** How often idle /_tender streams send a heartbeat comment. */
  streamHeartbeatMs?: number;
  /** How many /_tender streams (events and logs) the process holds open at once. */
  streamsOpenMax?: number;
}

const cors_headers = {
  'access-control-allow-origin': '*',
  'access-control-allow-credentials': 'true',
  'access-control-allow-methods': 'GET, HEAD, PUT, PATCH, POST, DELETE',
  'access-control-allow-headers': 'Authorization, Content-Type, Idempotency-Key, Stripe-Account, Stripe-Version, X-API-Key',
  'access-control-expose-headers':
    'Request-Id, Stripe-Manage-Version, Stripe-Should-Retry, X-Stripe-External-Auth-Required, X-Stripe-Privileged-Session-Required',
  'access-control-max-age': '300',
  'cache-control': 'no-cache, no-store',
};

export function buildApp(options: AppOptions): { app: FastifyInstance; services: ServerServices; requestLog: RequestLog } {
  const { store, runtime, logger } = options;
  const requestLog = new RequestLog();
  const publicUrl = options.publicUrl ?? (() => '');
  const services: ServerServices = {
    store,
    runtime,
    logger,
    authenticate: createAuthenticator(store),
    inFlightKeys: new Set(),
    requestLogUrl: (requestId, now) => `${publicUrl()}/_tender/logs/${requestId}?t=${now}`,
    committed: options.committed ?? createCommitSignal(),
  };

  const app = Fastify({
    logger: false,
    bodyLimit: request_body_bytes_max,
    genReqId: () => runtime.ids.next('req'),
    // Parameters are decoded by request-params.ts, with Stripe's rules and limits, not by Fastify.
    // Long ids are still ids: they answer resource_missing, not Fastify's 414.
    routerOptions: { querystringParser: () => ({}), maxParamLength: path_param_chars_max },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: request_body_bytes_max }, (_request, body, done) => done(null, body));

  // The request log files each answer under this account: `tender logs tail` shows an account its own
  // requests without authenticating them a second time.
  app.decorateRequest('tenderScope', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('request-id', String(request.id));
    reply.headers(cors_headers);
  });
  app.addHook('onResponse', async (request, reply) => {
    const entry = {
      request_id: String(request.id),
      method: request.method,
      path: (request.raw.url ?? '').split('?', 1)[0]!,
      status: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
      created: Math.floor(runtime.clock.nowMs() / 1000),
    };
    requestLog.add(entry, request.tenderScope);
    logger.info(entry, 'request');
  });

  const sendError = (request: FastifyRequest, reply: FastifyReply, error: ErrorResponse) => {
    const now = Math.floor(runtime.clock.nowMs() / 1000);
    return reply
      .code(error.status)
      .header('content-type', 'application/json')
      .send(JSON.stringify(errorBody(error, services.requestLogUrl(String(request.id), now))));
  };

  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      invalidRequest(
        404,
        `Unrecognized request URL (${request.method}: ${(request.raw.url ?? '').split('?', 1)[0]}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        'url_invalid',
      ),
    ),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(request, reply, invalidRequest(413, `Request bodies are limited to ${request_body_bytes_max} bytes.`));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed HTTP Fastify catches before a route runs (bad Content-Length, aborted bodies).
      return sendError(request, reply, invalidRequest(error.statusCode, `Invalid request: ${error.message}`));
    }
    logger.error({ err: error, request_id: String(request.id) }, 'unexpected error');
    return sendError(request, reply, { status: 500, fields: { type: 'api_error', message: unexpectedMessage(String(request.id)) } });
  });

  app.options('/*', (_request, reply) => reply.code(200).send());
  app.get('/_tender/logs/:request_id', (request, reply) => {
    const entry = requestLog.find((request.params as { request_id: string }).request_id);
    if (entry === undefined)
      return sendError(request, reply, invalidRequest(404, 'No request with that id in this server’s recent log.', 'resource_missing'));
    return reply.header('content-type', 'application/json').send(JSON.stringify(entry));
  });

  for (const prefix of ['/v1', '/v1.0']) {
    for (const route of api_routes) {
      const handler = createRouteHandler(route, services);
      app.route({ method: route.method, url: prefix + route.path, handler });
      if (route.kind === 'write' && route.update === true) app.route({ method: 'PUT', url: prefix + route.path, handler });
    }
  }
  registerThreeDSecurePages(app, services);
  registerTenderWebhookRoutes(app, services, sendError);
  registerTenderStreamRoutes(app, services, sendError, {
    requestLog,
    runDueJobs: options.runDueJobs ?? (async () => 0),
    wakeWebhooks: options.wakeWebhooks ?? (() => undefined),
    ...(options.streamHeartbeatMs === undefined ? {} : { heartbeat_ms: options.streamHeartbeatMs }),
    ...(options.streamsOpenMax === undefined ? {} : { streams_open_max: options.streamsOpenMax }),
  });
  return { app, services, requestLog };
}
