// Tender's hosted 3D Secure test page, where a PaymentIntent's or a SetupIntent's next_action points
// (`/_tender/three_d_secure/<pi_ or seti_ id>`): like Stripe's test-mode page, it shows what is being
// authenticated (the amount, or the card being saved) and the merchant, and offers "Complete
// authentication" and "Fail authentication". Plain HTML forms, no JavaScript, no external assets.
// The page has no API key: the intent's unguessable id is the capability (as on Stripe's hosted
// pages), and only an intent in requires_action can be completed.
//
// After the choice the browser is sent (303) to the intent's return_url with Stripe's parameters
// (payment_intent or setup_intent, its client secret, redirect_status), or shown a "done" page when
// the intent was confirmed without one (use_stripe_sdk). Tests need no browser: POST
// `/_tender/three_d_secure/<id>/complete` (or `/fail`) directly; the body may be empty.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findObjectOwner } from '../../domain/accounts/account-records.js';
import { formatAmount } from '../../domain/money/currencies.js';
import { completePaymentIntentAction, type ActionOutcome } from '../../domain/payment-intents/payment-intent-actions.js';
import type { NextAction, PaymentIntent } from '../../domain/payment-intents/payment-intent-model.js';
import { findPaymentIntentJson } from '../../domain/payment-intents/payment-intent-records.js';
import { completeSetupIntentAction } from '../../domain/setup-intents/setup-intent-actions.js';
import type { SetupIntent } from '../../domain/setup-intents/setup-intent-model.js';
import { findSetupIntentJson } from '../../domain/setup-intents/setup-intent-records.js';
import { commandTransaction, type CommandContext } from '../../domain/shared/command-context.js';
import type { Scope } from '../../store/object-pages.js';
import type { SqlExecutor, Store } from '../../store/store.js';
import type { ServerServices } from '../server-services.js';

export const three_d_secure_path = '/_tender/three_d_secure';

const page_headers = {
  'content-type': 'text/html; charset=utf-8',
  // The page carries the client secret: keep it out of Referer headers and third-party loads.
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
};

type PageParams = { intent: string };

/** What the page needs of an intent, whichever kind it is. */
interface ActionIntent {
  id: string;
  client_secret: string;
  status: string;
  description: string | null;
  next_action: NextAction | null;
}

type Completion = { kind: 'done'; succeeded: boolean } | { kind: 'refused' };

/** How the page speaks of one kind of intent. */
interface FlowWords {
  /** What the customer authenticates, in the page's words ("payment", "card setup"). */
  noun: string;
  title: string;
  /** Stripe's name for the intent in the return_url's parameters. */
  return_param: 'payment_intent' | 'setup_intent';
  failed_message: string;
}

/** One kind of intent the page authenticates: how to find it, complete it and describe it. */
interface IntentFlow<I extends ActionIntent> extends FlowWords {
  /** Where its owner is found: the intent's id is the capability (the page has no API key). */
  owner_table: 'payment_intents' | 'setup_intents';
  /** The intent, parsed once; `lock` holds its row until commit (PostgreSQL) for the completion. */
  find(executor: SqlExecutor, store: Store, scope: Scope, id: string, lock: boolean): Promise<I | null>;
  complete(context: CommandContext, intent: I, outcome: ActionOutcome): Promise<Completion>;
  /** Rows shown under the merchant's name. */
  details(intent: I): [label: string, value: string][];
}

const parsed = <I>(json: string | null): I | null => (json === null ? null : (JSON.parse(json) as I));

const payment_flow: IntentFlow<PaymentIntent> = {
  noun: 'payment',
  title: '3D Secure test payment',
  return_param: 'payment_intent',
  failed_message: 'The payment was not completed. You can close this window and return to the merchant.',
  owner_table: 'payment_intents',
  find: async (executor, store, scope, id, lock) => parsed(await findPaymentIntentJson(executor, store, scope, id, lock)),
  async complete(context, intent, outcome) {
    const completed = await completePaymentIntentAction(context, intent, outcome);
    if (completed.ok) return { kind: 'done', succeeded: ['succeeded', 'requires_capture'].includes(completed.value.object.status) };
    // A decline after authentication is written (failed charge, requires_payment_method) like confirm's.
    if (completed.failure.code === 'payment_intent_declined') return { kind: 'done', succeeded: false };
    return { kind: 'refused' };
  },
  details(intent) {
    return [['Amount', `${formatAmount(intent.amount, intent.currency)} ${intent.currency.toUpperCase()}`]];
  },
};

const setup_flow: IntentFlow<SetupIntent> = {
  noun: 'card setup',
  title: '3D Secure test setup',
  return_param: 'setup_intent',
  failed_message: 'The card was not saved. You can close this window and return to the merchant.',
  owner_table: 'setup_intents',
  find: async (executor, store, scope, id, lock) => parsed(await findSetupIntentJson(executor, store, scope, id, lock)),
  async complete(context, intent, outcome) {
    const completed = await completeSetupIntentAction(context, intent, outcome);
    if (completed.ok) return { kind: 'done', succeeded: completed.value.object.status === 'succeeded' };
    return { kind: 'refused' };
  },
  details(intent) {
    return [['Purpose', intent.usage === 'on_session' ? 'Save the card for payments you make' : 'Save the card for later payments']];
  },
};

/** SetupIntent ids start `seti_`; anything else is looked up as a PaymentIntent. */
const isSetupIntent = (id: string): boolean => id.startsWith('seti_');

export function registerThreeDSecurePages(app: FastifyInstance, services: ServerServices): void {
  app.get(`${three_d_secure_path}/:intent`, (request, reply) => showPage(services, request, reply));
  for (const outcome of ['complete', 'fail'] as const) {
    app.post(`${three_d_secure_path}/:intent/${outcome}`, (request, reply) =>
      finish(services, request, reply, outcome === 'complete' ? 'authenticate' : 'fail'),
    );
  }
}

function showPage(services: ServerServices, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { intent: id } = request.params as PageParams;
  if (isSetupIntent(id)) return showFlowPage(setup_flow, id, services, request, reply);
  return showFlowPage(payment_flow, id, services, request, reply);
}

async function showFlowPage<I extends ActionIntent>(
  flow: IntentFlow<I>,
  id: string,
  services: ServerServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const { store } = services;
  const found = await store.read(async (executor) => {
    const owner = await findObjectOwner(executor, store, flow.owner_table, id);
    if (owner === null) return null;
    const intent = await flow.find(executor, store, scopeOf(owner), id, false);
    return intent === null ? null : { owner, intent };
  });
  const secret = clientSecretFrom(request);
  if (found === null || (secret !== null && secret !== found.intent.client_secret)) return sendPage(reply, 404, notFoundPage(flow));
  const { intent, owner } = found;
  if (intent.status !== 'requires_action') {
    return sendPage(reply, 409, messagePage('Nothing to authenticate', `This ${flow.noun} is not waiting for authentication.`));
  }
  return sendPage(reply, 200, challengePage(flow, intent, owner.account_id, flow.details(intent)));
}

function finish(services: ServerServices, request: FastifyRequest, reply: FastifyReply, outcome: ActionOutcome): Promise<void> {
  const { intent: id } = request.params as PageParams;
  if (isSetupIntent(id)) return finishFlow(setup_flow, id, services, request, reply, outcome);
  return finishFlow(payment_flow, id, services, request, reply, outcome);
}

/** The intent is read with its row locked and handed to the completion, which writes in the same transaction. */
async function finishFlow<I extends ActionIntent>(
  flow: IntentFlow<I>,
  id: string,
  services: ServerServices,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: ActionOutcome,
): Promise<void> {
  const { store, runtime } = services;
  const now = Math.floor(runtime.clock.nowMs() / 1000);
  const secret = clientSecretFrom(request);
  const result = await commandTransaction(store, services.committed, async (tx, open) => {
    const owner = await findObjectOwner(tx, store, flow.owner_table, id);
    if (owner === null) return { kind: 'missing' } as const;
    const scope = scopeOf(owner);
    const before = await flow.find(tx, store, scope, id, true);
    if (before === null) return { kind: 'missing' } as const;
    if (secret !== null && secret !== before.client_secret) return { kind: 'missing' } as const;
    const context = open(
      { tx, store, scope, now, fingerprint_key: owner.fingerprint_key, runtime },
      { request_id: String(request.id), idempotency_key: null, api_version: owner.default_api_version },
    );
    const completion = await flow.complete(context, before, outcome);
    return completion.kind === 'done' ? ({ kind: 'done', before, succeeded: completion.succeeded } as const) : completion;
  });
  if (result.kind === 'missing') return sendPage(reply, 404, notFoundPage(flow));
  if (result.kind === 'refused') {
    return sendPage(reply, 409, messagePage('Already completed', `This ${flow.noun} is not waiting for authentication any more.`));
  }
  const redirect = returnTo(flow, result.before, result.succeeded ? 'succeeded' : 'failed');
  if (redirect !== null) return reply.code(303).header('location', redirect).header('referrer-policy', 'no-referrer').send();
  return sendPage(
    reply,
    200,
    result.succeeded
      ? messagePage('Authentication complete', 'You can close this window and return to the merchant.')
      : messagePage('Authentication failed', flow.failed_message),
  );
}

const scopeOf = (owner: { account_id: string; livemode: boolean }): Scope => ({ account_id: owner.account_id, livemode: owner.livemode });

/** The client secret from the query string (the action URL) or the form body, if given. */
function clientSecretFrom(request: FastifyRequest): string | null {
  const url = request.raw.url ?? '';
  const query = url.includes('?') ? new URLSearchParams(url.slice(url.indexOf('?') + 1)) : new URLSearchParams();
  const body = typeof request.body === 'string' ? new URLSearchParams(request.body) : new URLSearchParams();
  const secret = body.get('client_secret') ?? query.get('client_secret');
  return secret === null || secret === '' ? null : secret;
}

/**
 * Stripe's return parameters on the merchant's return_url (`payment_intent` or `setup_intent`, its
 * client secret, redirect_status); null when the intent was confirmed without one.
 */
function returnTo(flow: FlowWords, intent: ActionIntent, redirect_status: 'succeeded' | 'failed'): string | null {
  if (intent.next_action?.type !== 'redirect_to_url') return null;
  let url: URL;
  try {
    url = new URL(intent.next_action.redirect_to_url.return_url);
  } catch {
    return null;
  }
  url.searchParams.set(flow.return_param, intent.id);
  url.searchParams.set(`${flow.return_param}_client_secret`, intent.client_secret);
  url.searchParams.set('redirect_status', redirect_status);
  return url.toString();
}

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).headers(page_headers).send(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Tender</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1a1f36}
main{max-width:26rem;margin:3rem auto;background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:1.5rem}
h1{font-size:1.25rem;margin-top:0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}
dt{color:#57606a}
dd{margin:0;font-weight:600}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.5rem}
button{font:inherit;padding:.6rem 1rem;border-radius:6px;border:1px solid #1a1f36;cursor:pointer}
.complete button{background:#1a7f37;border-color:#1a7f37;color:#fff}
.fail button{background:#fff;color:#cf222e;border-color:#cf222e}
button:focus-visible{outline:3px solid #0969da;outline-offset:2px}
.note{color:#57606a;font-size:.875rem}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function challengePage(flow: FlowWords, intent: ActionIntent, merchant: string, details: [string, string][]): string {
  const base = `${three_d_secure_path}/${encodeURIComponent(intent.id)}`;
  const secret = `<input type="hidden" name="client_secret" value="${escapeHtml(intent.client_secret)}">`;
  const rows: [string, string][] = [['Merchant', merchant], ...details];
  if (intent.description !== null) rows.push(['Description', intent.description]);
  return layout(
    flow.title,
    `<h1>${escapeHtml(flow.title)}</h1>
<p class="note">This is a test authentication page. No real bank is contacted.</p>
<dl>
${rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}
</dl>
<div class="actions">
<form class="complete" method="post" action="${base}/complete">${secret}<button type="submit">Complete authentication</button></form>
<form class="fail" method="post" action="${base}/fail">${secret}<button type="submit">Fail authentication</button></form>
</div>`,
  );
}

function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

function notFoundPage(flow: FlowWords): string {
  const noun = flow.noun.charAt(0).toUpperCase() + flow.noun.slice(1);
  return messagePage(`${noun} not found`, `There is no ${flow.noun} waiting for authentication at this address.`);
}
