// What Tender's own /_tender routes (streams, clock, webhook deliveries) share: errors go out in
// Stripe's envelope through the app's one sender, and they take the same secret keys as /v1, after
// which the request is filed under the key's account for the request log (`tender logs tail`).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Scope } from '../store/object-pages.js';
import type { ErrorResponse } from './error-envelope.js';
import type { ServerServices } from './server-services.js';

/** Answers `error` in Stripe's envelope, with the request's request_log_url (app.ts makes the one). */
export type SendError = (request: FastifyRequest, reply: FastifyReply, error: ErrorResponse) => unknown;

/**
 * The account behind the request's secret key (authenticate refuses publishable keys itself), noted
 * on the request for the request log; or null once Stripe's 401 has been sent.
 */
export async function authenticatedScope(
  services: ServerServices,
  sendError: SendError,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Scope | null> {
  const auth = await services.authenticate(request.headers);
  if (!auth.ok) {
    await sendError(request, reply, auth.error);
    return null;
  }
  request.tenderScope = { account_id: auth.key.account_id, livemode: auth.key.livemode };
  return request.tenderScope;
}
