// The one path every API request takes: authenticate, decode and validate parameters, check expand
// paths, run the resource's read or write, render, answer. Routes only declare what they do; every
// cross-cutting rule (auth, idempotency, errors, headers) lives here or in the module it names.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KeyType } from '../domain/accounts/api-keys.js';
import type { Outcome } from '../domain/shared/failures.js';
import { commandTransaction, type CommandContext, type OpenCommand } from '../domain/shared/command-context.js';
import type { Snapshot } from '../domain/shared/snapshot.js';
import type { SqlExecutor, Store, Transaction } from '../store/store.js';
import type { Scope } from '../store/object-pages.js';
import { createExpansionLoader, type ExpansionLoader } from './expansion-loaders.js';
import { publishableExpansions } from './publishable-access.js';
import { checkExpandPaths, expandObject, listItemPaths, type ExpandTarget } from './expansions.js';
import { errorBody, failureResponse, invalidRequest, paramErrorResponse, type ErrorResponse } from './error-envelope.js';
import { checkIdempotency, fingerprintParams, keyInUse, lockName, recordIdempotency, type IdempotentRequest } from './idempotency.js';
import { validateParams } from './params/param-validator.js';
import { idempotency_key_chars_max } from './request-limits.js';
import { parseFormEncoded, parseJson, unsupportedContentType, type Params, type ParamsResult } from './request-params.js';
import type { RequestContext } from './request-context.js';
import type { ServerServices } from './server-services.js';

type JsonObject = Record<string, unknown>;

export type Rendered =
  | { kind: 'object'; object: JsonObject }
  | { kind: 'json'; text: string }
  | { kind: 'list'; url: string; rows: string[]; has_more: boolean }
  | { kind: 'search'; url: string; rows: string[]; has_more: boolean; next_page: string | null; total_count?: number };

export interface ApiCall {
  context: RequestContext;
  scope: Scope;
  params: Params;
  path: Record<string, string>;
  expand: string[];
  key_type: KeyType;
}

interface RouteBase {
  /** Fastify path under /v1, e.g. `/customers/:customer`. */
  path: string;
  /** The spec operation whose params apply, e.g. `POST /v1/customers/{customer}`. */
  operation: string;
  /** The object type answered, for expand checks. */
  object_type: string;
  /** A publishable key may call it (the route then checks what it may see: publishable-access.ts). */
  publishable?: true;
  expand_target: ExpandTarget;
}

export interface ReadRoute extends RouteBase {
  kind: 'read';
  method: 'GET';
  run(call: ApiCall, executor: SqlExecutor, services: ServerServices): Promise<Outcome<Rendered>>;
}

export interface WriteRoute extends RouteBase {
  kind: 'write';
  method: 'POST' | 'DELETE';
  /** Updates also answer PUT, the seed API model's verb for them. */
  update?: boolean;
  run(call: ApiCall, context: CommandContext): Promise<Outcome<Snapshot>>;
}

export type ApiRoute = ReadRoute | WriteRoute;

interface Answer {
  status: number;
  body: string;
  replayed?: boolean;
}

export function createRouteHandler(route: ApiRoute, services: ServerServices) {
  return async function handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const answer = await answerRequest(route, services, request, reply);
    reply.code(answer.status).header('content-type', 'application/json');
    if (answer.replayed === true) reply.header('idempotent-replayed', 'true');
    await reply.send(answer.body);
  };
}

async function answerRequest(route: ApiRoute, services: ServerServices, request: FastifyRequest, reply: FastifyReply): Promise<Answer> {
  const requestId = String(request.id);
  const now = Math.floor(services.runtime.clock.nowMs() / 1000);
  const fail = (error: ErrorResponse): Answer => ({
    status: error.status,
    body: JSON.stringify(errorBody(error, services.requestLogUrl(requestId, now))),
  });

  const auth = await services.authenticate(request.headers, { allow_publishable: route.publishable === true });
  if (!auth.ok) return fail(auth.error);
  const { key } = auth;
  request.tenderScope = { account_id: key.account_id, livemode: key.livemode };
  const apiVersion = headerText(request.headers['stripe-version']) ?? key.default_api_version;
  reply.header('stripe-version', apiVersion);

  const connected = headerText(request.headers['stripe-account']);
  if (connected !== null && connected !== key.account_id) {
    return fail(
      invalidRequest(
        403,
        "Only Stripe Connect platforms can work with other accounts. If you specified a client_id parameter, make sure it's correct. If you need to setup a Stripe Connect platform, you can do so at https://dashboard.stripe.com/account/applications/settings.",
      ),
    );
  }

  const idempotencyKey = route.method === 'POST' ? headerText(request.headers['idempotency-key']) : null;
  if (idempotencyKey !== null) {
    reply.header('idempotency-key', idempotencyKey);
    if (idempotencyKey.length > idempotency_key_chars_max) {
      return fail(
        invalidRequest(400, `Idempotency-Key must be at most ${idempotency_key_chars_max} characters long.`, 'idempotency_key_invalid'),
      );
    }
  }

  const decoded = decodeParams(request);
  if (!decoded.ok) return fail(decoded.error);
  const validated = validateParams(route.operation, decoded.params);
  if (!validated.ok) return fail(paramErrorResponse(validated.error));
  const params = validated.params;
  const expand = Array.isArray(params.expand) ? (params.expand as string[]) : [];
  const expandCheck = checkExpandPaths(expand, route.expand_target, route.object_type);
  if (!expandCheck.ok) return fail(failureResponse(expandCheck.failure));

  const context: RequestContext = {
    request_id: requestId,
    account_id: key.account_id,
    livemode: key.livemode,
    api_version: apiVersion,
    account_api_version: key.default_api_version,
    fingerprint_key: key.fingerprint_key,
    masked_key: auth.masked_key,
    idempotency_key: idempotencyKey,
    now,
  };
  const call: ApiCall = {
    context,
    scope: { account_id: key.account_id, livemode: key.livemode },
    params,
    path: request.params as Record<string, string>,
    expand,
    key_type: key.key_type,
  };

  if (route.kind === 'read') {
    // Rendering (and any expand loads) happens in the same read as the object itself.
    return services.store.read(async (executor) => {
      const outcome = await route.run(call, executor, services);
      if (!outcome.ok) return fail(failureResponse(outcome.failure));
      return {
        status: 200,
        body: await render(outcome.value, expand, expansionLoader(call, executor, services.store)),
      };
    });
  }
  return executeWrite(route, services, call, request, fail);
}

async function executeWrite(
  route: WriteRoute,
  services: ServerServices,
  call: ApiCall,
  request: FastifyRequest,
  fail: (error: ErrorResponse) => Answer,
): Promise<Answer> {
  const { store, runtime, committed } = services;
  const { context } = call;
  const runCommand = async (tx: Transaction, open: OpenCommand): Promise<Answer> => {
    const commandContext = open(
      { tx, store, scope: call.scope, now: context.now, fingerprint_key: context.fingerprint_key, runtime },
      { request_id: context.request_id, idempotency_key: context.idempotency_key, api_version: context.account_api_version },
    );
    const outcome = await route.run(call, commandContext);
    return outcome.ok
      ? {
          status: 200,
          body: await render({ kind: 'json', text: outcome.value.json }, call.expand, expansionLoader(call, tx, store)),
        }
      : fail(failureResponse(outcome.failure));
  };

  if (context.idempotency_key === null) return commandTransaction(store, committed, runCommand);

  const idempotent: IdempotentRequest = {
    scope: call.scope,
    key: context.idempotency_key,
    method: request.method === 'PUT' ? 'POST' : request.method,
    path: (request.routeOptions.url ?? '')
      .replace(/^\/v1\.0\//, '/v1/')
      .replace(/:(\w+)/g, (_match, name: string) => call.path[name] ?? ''),
    fingerprint: fingerprintParams(call.params),
  };
  // Same-process duplicates are refused here without touching the store; other processes are
  // stopped by the transaction's lock on the key (see checkIdempotency).
  const name = lockName(idempotent);
  if (services.inFlightKeys.has(name)) return fail(keyInUse(idempotent.key));
  services.inFlightKeys.add(name);
  try {
    return await commandTransaction(store, committed, async (tx, open) => {
      const check = await checkIdempotency(tx, store, idempotent);
      if (check.kind === 'refused') return fail(check.error);
      if (check.kind === 'replay') return { status: check.stored.status, body: check.stored.body, replayed: true };
      const answer = await runCommand(tx, open);
      await recordIdempotency(
        tx,
        store,
        idempotent,
        { status: answer.status, body: answer.body, request_id: context.request_id },
        context.now,
      );
      return answer;
    });
  } catch (error) {
    // The effect rolled back. Stripe stores a 500 once execution has begun, so a retry with this key
    // sees the same answer instead of running again.
    const answer = fail({ status: 500, fields: { type: 'api_error', message: unexpectedMessage(context.request_id) } });
    services.logger.error({ err: error, request_id: context.request_id }, 'request failed');
    await store
      .transaction((tx) => recordIdempotency(tx, store, idempotent, { ...answer, request_id: context.request_id }, context.now))
      .catch((recordError: unknown) => services.logger.error({ err: recordError }, 'could not record the failed request'));
    return answer;
  } finally {
    services.inFlightKeys.delete(name);
  }
}

export function unexpectedMessage(requestId: string): string {
  return `An unknown error occurred while processing your request (request id ${requestId}). Please try again; if the problem persists, report it with this request id.`;
}

export function headerText(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.length === 0 ? null : text;
}

export function decodeParams(request: FastifyRequest): ParamsResult {
  const url = request.raw.url ?? '';
  const queryStart = url.indexOf('?');
  const query = parseFormEncoded(queryStart === -1 ? '' : url.slice(queryStart + 1));
  if (!query.ok || request.method === 'GET' || request.method === 'DELETE') return query;
  const body = typeof request.body === 'string' ? request.body : '';
  if (body.length === 0) return query;
  const contentType = (headerText(request.headers['content-type']) ?? '').split(';', 1)[0]!.trim().toLowerCase();
  let decoded: ParamsResult;
  if (contentType === 'application/x-www-form-urlencoded' || contentType === '') decoded = parseFormEncoded(body);
  else if (contentType === 'application/json') decoded = parseJson(body);
  else return { ok: false, error: unsupportedContentType(contentType) };
  if (!decoded.ok) return decoded;
  // Stripe reads a POST's query string too; the body wins where both name a parameter.
  return { ok: true, params: { ...query.params, ...decoded.params } };
}

/** What expand[] may load for this call: whole objects, or what a publishable key may see of them. */
function expansionLoader(call: ApiCall, executor: SqlExecutor, store: Store): ExpansionLoader {
  const load = createExpansionLoader(executor, store, call.scope, call.context.now);
  return call.key_type === 'publishable' ? publishableExpansions(load) : load;
}

async function render(rendered: Rendered, expand: readonly string[], load: ExpansionLoader): Promise<string> {
  switch (rendered.kind) {
    case 'json':
      return expand.length === 0
        ? rendered.text
        : JSON.stringify(await expandObject(JSON.parse(rendered.text) as JsonObject, expand, load));
    case 'object':
      return JSON.stringify(await expandObject(rendered.object, expand, load));
    case 'list':
    case 'search': {
      const itemPaths = listItemPaths(expand);
      // Stored rows are already JSON: splice them in rather than parse and re-serialise.
      const data =
        itemPaths.length === 0
          ? rendered.rows.join(',')
          : (
              await Promise.all(
                rendered.rows.map(async (row) => JSON.stringify(await expandObject(JSON.parse(row) as JsonObject, itemPaths, load))),
              )
            ).join(',');
      const tail =
        rendered.kind === 'search'
          ? `,"next_page":${JSON.stringify(rendered.next_page)}${rendered.total_count === undefined ? '' : `,"total_count":${rendered.total_count}`}`
          : '';
      return `{"object":"${rendered.kind === 'list' ? 'list' : 'search_result'}","data":[${data}],"has_more":${rendered.has_more}${tail},"url":${JSON.stringify(rendered.url)}}`;
    }
  }
}
