// What a publishable key (pk_) may do, as on Stripe (contract §2): create tokens and PaymentMethods,
// and, holding an intent's client_secret, retrieve and confirm that PaymentIntent or SetupIntent,
// seeing only the fields Stripe marks "retrievable with publishable key" (customer and amounts
// received stay hidden, and metadata on every object it sees, expanded or embedded). Routes opt in with `publishable: true`; every other route answers
// 401 secret_key_required (api-route.ts).
import type { CommandContext } from '../domain/shared/command-context.js';
import { fail, succeed, type Outcome } from '../domain/shared/failures.js';
import { snapshot, type Snapshot } from '../domain/shared/snapshot.js';
import type { Scope } from '../store/object-pages.js';
import type { SqlExecutor, Store } from '../store/store.js';
import type { ApiCall, ReadRoute, WriteRoute } from './api-route.js';
import type { ExpansionLoader } from './expansion-loaders.js';

/** Stripe's "retrievable with publishable key" fields of a PaymentIntent (API reference). */
export const payment_intent_publishable_fields = [
  'id',
  'object',
  'amount',
  'automatic_payment_methods',
  'canceled_at',
  'cancellation_reason',
  'capture_method',
  'client_secret',
  'confirmation_method',
  'created',
  'currency',
  'description',
  'last_payment_error',
  'livemode',
  'next_action',
  'payment_method',
  'payment_method_configuration_details',
  'payment_method_types',
  'processing',
  'receipt_email',
  'setup_future_usage',
  'shipping',
  'status',
] as const;

/** Stripe's "retrievable with publishable key" fields of a SetupIntent (API reference). */
export const setup_intent_publishable_fields = [
  'id',
  'object',
  'automatic_payment_methods',
  'cancellation_reason',
  'client_secret',
  'created',
  'description',
  'last_setup_error',
  'livemode',
  'next_action',
  'payment_method',
  'payment_method_configuration_details',
  'payment_method_types',
  'status',
  'usage',
] as const;

export type IntentKind = 'PaymentIntent' | 'SetupIntent';

export const isPublishable = (call: ApiCall): boolean => call.key_type === 'publishable';

/**
 * With a publishable key the request must carry the intent's client_secret, and it must match.
 * A secret key may leave it out; if given, it must match too.
 */
export function checkClientSecret(call: ApiCall, intent: { client_secret: string | null }, kind: IntentKind): Outcome<never> | null {
  const given = call.params.client_secret;
  if (given === undefined || given === '') return isPublishable(call) ? fail({ code: 'secret_key_required' }) : null;
  return given === intent.client_secret ? null : fail({ code: 'client_secret_mismatch', object: kind });
}

/** The intent as a publishable key sees it. */
export function publishableView(intent: object, fields: readonly string[]): Record<string, unknown> {
  const source = intent as Record<string, unknown>;
  const view: Record<string, unknown> = {};
  for (const field of fields) if (field in source) view[field] = withoutMetadata(source[field]);
  return view;
}

/**
 * What a publishable key's expand[] loads: the object without its metadata, and anything nested in
 * it likewise. Stripe "redact[s] metadata from objects in response to publishable key requests"
 * (docs.stripe.com/metadata#requests), so an expanded PaymentMethod must not carry it either.
 */
export function publishableExpansions(load: ExpansionLoader): ExpansionLoader {
  return async (objectType, id) => {
    const loaded = await load(objectType, id);
    return loaded === null ? null : (withoutMetadata(loaded) as Record<string, unknown>);
  };
}

/** A copy of `value` in which no Stripe object (a hash with an `object` field) has `metadata`. */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  const isObject = typeof (value as { object?: unknown }).object === 'string';
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (!(isObject && key === 'metadata')) copy[key] = withoutMetadata(field);
  return copy;
}

type Finder = (executor: SqlExecutor, store: Store, scope: Scope, id: string, lock?: boolean) => Promise<string | null>;

export interface IntentAccess {
  kind: IntentKind;
  resource: 'payment_intent' | 'setup_intent';
  fields: readonly string[];
  find: Finder;
}

type Intent = { client_secret: string | null; confirmation_method?: string };

/**
 * The retrieve of an intent: the stored object for a secret key; for a publishable key (with the
 * matching client_secret) the fields it may see.
 */
export function retrieveIntent(access: IntentAccess): ReadRoute['run'] {
  return async (call, executor, { store }) => {
    const id = call.path.intent!;
    const json = await access.find(executor, store, call.scope, id);
    if (json === null) return fail({ code: 'resource_missing', resource: access.resource, id, param: 'intent', in_path: true });
    const intent = JSON.parse(json) as Intent;
    const refused = checkClientSecret(call, intent, access.kind);
    if (refused !== null) return refused;
    if (!isPublishable(call)) return succeed({ kind: 'json' as const, text: json });
    return succeed({ kind: 'object' as const, object: publishableView(intent, access.fields) });
  };
}

/**
 * The confirm of an intent. A publishable key needs the client_secret, and may confirm only an intent
 * whose confirmation_method is automatic (manual confirmation is the server's, with a secret key).
 * Its answer, and a decline's embedded intent, show only the fields it may see.
 */
export function confirmIntent(
  access: IntentAccess,
  confirm: (context: CommandContext, id: string, params: Record<string, unknown>) => Promise<Outcome<Snapshot>>,
): WriteRoute['run'] {
  return async (call, context) => {
    const id = call.path.intent!;
    const { client_secret: given, ...params } = call.params;
    const publishable = isPublishable(call);
    // The server's own confirm (a secret key, no client_secret) has nothing to check here: the
    // command loads the intent once, as it would without this wrapper.
    if (!publishable && (given === undefined || given === '')) return confirm(context, id, params);
    const json = await access.find(context.tx, context.store, context.scope, id, true);
    if (json === null) return fail({ code: 'resource_missing', resource: access.resource, id, param: 'intent', in_path: true });
    const intent = JSON.parse(json) as Intent;
    const refused = checkClientSecret(call, intent, access.kind);
    if (refused !== null) return refused;
    // [inf] Stripe refuses a publishable-key confirm of a manual-confirmation intent; its wording is unknown.
    if (publishable && intent.confirmation_method === 'manual') return fail({ code: 'secret_key_required' });
    const outcome = await confirm(context, id, params);
    if (!publishable) return outcome;
    if (outcome.ok) return succeed(snapshot(publishableView(outcome.value.object, access.fields)));
    const failure = outcome.failure;
    if (failure.code === 'payment_intent_declined') {
      return fail({
        ...failure,
        payment_intent: publishableView(failure.payment_intent, access.fields) as unknown as typeof failure.payment_intent,
        payment_method: withoutMetadata(failure.payment_method) as object | null,
      });
    }
    if (failure.code === 'setup_intent_declined') {
      return fail({
        ...failure,
        setup_intent: publishableView(failure.setup_intent, access.fields) as unknown as typeof failure.setup_intent,
        payment_method: withoutMetadata(failure.payment_method) as object | null,
      });
    }
    return outcome;
  };
}
