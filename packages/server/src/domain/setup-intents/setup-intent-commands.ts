// SetupIntent commands: load the intent (locked on PostgreSQL), the customer and the payment method
// with its card behaviour, ask the simulated network (setupCardOutcome), decide in the pure
// decisions, then write in the request's one transaction: the intent, its SetupAttempt (every
// confirm creates one; cancel or a new payment method abandons one still waiting for 3D Secure), the
// saved PaymentMethod (attached to the customer, through the payment-methods attach code) and the
// events. A declined attempt is written too, then answered as a 402 that embeds the intent.
import { checkCustomerParam } from '../customers/live-customer.js';
import type { CardOutcome } from '../payment-intents/card-outcome.js';
import type { PaymentError } from '../payment-intents/payment-intent-model.js';
import {
  loadPaymentMethod,
  prepareAttachLoaded,
  savePaymentMethod,
  writeAttach,
  type LoadedPaymentMethod,
  type PreparedAttach,
} from '../payment-methods/payment-method-commands.js';
import type { PaymentMethod } from '../payment-methods/payment-method-model.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Failure, type Outcome } from '../shared/failures.js';
import { snapshot, type Snapshot } from '../shared/snapshot.js';
import { decideAbandonSetupAttempt, decideNewSetupAttempt } from '../setup-attempts/setup-attempt-decisions.js';
import { setup_attempt_id_prefix, type SetupAttempt } from '../setup-attempts/setup-attempt-model.js';
import { findSetupAttemptJson, insertSetupAttempt, updateSetupAttempt } from '../setup-attempts/setup-attempt-records.js';
import type { SetupAttemptEvent } from '../setup-attempts/setup-attempt-state-machine.js';
import {
  decideCancelSetupIntent,
  decideConfirmSetupIntent,
  decideCreateSetupIntent,
  decideUpdateSetupIntent,
  setupCardOutcome,
  type CreateSetupIntentParams,
  type SetupIntentDecision,
  type UpdateSetupIntentParams,
} from './setup-intent-decisions.js';
import type { SetupIntentFailure } from './setup-intent-failures.js';
import { setup_intent_id_prefix, type SetupIntent } from './setup-intent-model.js';
import { findSetupIntentJson, insertSetupIntent, updateSetupIntent } from './setup-intent-records.js';

/** Random characters after `_secret_` in a client secret. */
const client_secret_chars = 24;

type Params = Record<string, unknown>;

export const siFailure = (failure: SetupIntentFailure): Failure => ({ code: 'setup_intent_failure', failure });
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

async function loadIntent(context: CommandContext, id: string): Promise<Outcome<SetupIntent>> {
  const json = await findSetupIntentJson(context.tx, context.store, context.scope, id, true);
  if (json === null) return fail({ code: 'resource_missing', resource: 'setup_intent', id, param: 'intent', in_path: true });
  return succeed(JSON.parse(json) as SetupIntent);
}

/** The latest attempt, abandoned when the intent leaves requires_action without an answer to 3D Secure. */
async function abandonLatestAttempt(context: CommandContext, before: SetupIntent, after: SetupIntent): Promise<WriteAttempt | null> {
  if (before.status !== 'requires_action' || after.status === 'requires_action' || before.latest_attempt === null) return null;
  const json = await findSetupAttemptJson(context.tx, context.store, context.scope, before.latest_attempt);
  // Intents that reached requires_action before SetupAttempts existed have no attempt to abandon.
  if (json === null) return null;
  const abandoned = decideAbandonSetupAttempt(JSON.parse(json) as SetupAttempt);
  return abandoned === null ? null : { object: abandoned, is_new: false };
}

/** Stripe's last_setup_error carries the payment method that failed (spec: api_errors). */
export function withFailedPaymentMethod(intent: SetupIntent, paymentMethod: PaymentMethod | null): SetupIntent {
  if (intent.last_setup_error === null || paymentMethod === null) return intent;
  return { ...intent, last_setup_error: { ...intent.last_setup_error, payment_method: paymentMethod } as PaymentError };
}

// ------------------------------------------------------------------------------------------- commands

export async function createSetupIntent(context: CommandContext, params: Params): Promise<Outcome<Snapshot<SetupIntent>>> {
  const confirm = params.confirm === true;
  if (!confirm && params.return_url !== undefined) {
    return fail({ code: 'parameter_invalid', param: 'return_url', message: 'You can only pass `return_url` when `confirm` is true.' });
  }
  const customer = await checkCustomerParam(context, params.customer);
  if (!customer.ok) return customer;
  let paymentMethod: LoadedPaymentMethod | null = null;
  const paymentMethodId = text(params.payment_method);
  if (paymentMethodId !== null) {
    const loaded = await loadPaymentMethod(context, paymentMethodId, { copy_magic: true });
    if (!loaded.ok) return loaded;
    paymentMethod = loaded.value;
    params = { ...params, payment_method: paymentMethod.object.id };
  }
  const created = decideCreateSetupIntent(params as CreateSetupIntentParams, {
    id: context.runtime.ids.next(setup_intent_id_prefix),
    created: context.now,
    livemode: context.scope.livemode,
    client_secret_suffix: context.runtime.ids.randomChars(client_secret_chars),
  });
  if (!created.ok) return fail(siFailure(created.failure));
  const createdSnapshot = snapshot(created.value.intent);
  if (!confirm) {
    await savePaymentMethod(context, paymentMethod);
    await insertSetupIntent(context.tx, context.store, context.scope, createdSnapshot);
    for (const type of created.value.events) await context.events.emit(type, createdSnapshot);
    return succeed(createdSnapshot);
  }
  // confirm=true: decided before anything is written, so a refused confirm creates nothing.
  const confirmed = await decideConfirmAttempt(context, created.value.intent, { ...params, payment_method: undefined }, paymentMethod);
  if (!confirmed.ok) return confirmed;
  await insertSetupIntent(context.tx, context.store, context.scope, createdSnapshot);
  for (const type of created.value.events) await context.events.emit(type, createdSnapshot);
  return writeDecision(context, confirmed.value);
}

export async function confirmSetupIntent(context: CommandContext, id: string, params: Params): Promise<Outcome<Snapshot<SetupIntent>>> {
  const loaded = await loadIntent(context, id);
  if (!loaded.ok) return loaded;
  const intent = loaded.value;
  const named = text(params.payment_method) !== null;
  const paymentMethodId = text(params.payment_method) ?? intent.payment_method;
  let paymentMethod: LoadedPaymentMethod | null = null;
  if (paymentMethodId !== null) {
    const found = await loadPaymentMethod(context, paymentMethodId, { copy_magic: named });
    if (!found.ok) return found;
    paymentMethod = found.value;
    if (named) params = { ...params, payment_method: paymentMethod.object.id };
  }
  const decided = await decideConfirmAttempt(context, intent, params, paymentMethod);
  if (!decided.ok) return decided;
  return writeDecision(context, decided.value);
}

export async function cancelSetupIntent(context: CommandContext, id: string, params: Params): Promise<Outcome<Snapshot<SetupIntent>>> {
  const loaded = await loadIntent(context, id);
  if (!loaded.ok) return loaded;
  const reason = params.cancellation_reason as string | undefined;
  const decided = decideCancelSetupIntent(loaded.value, reason === undefined ? {} : { cancellation_reason: reason });
  if (!decided.ok) return fail(siFailure(decided.failure));
  const attempt = await abandonLatestAttempt(context, loaded.value, decided.value.intent);
  return writeDecision(context, { ...decided.value, attach: null, payment_method: null, attempt });
}

export async function updateSetupIntentCommand(
  context: CommandContext,
  id: string,
  params: Params,
): Promise<Outcome<Snapshot<SetupIntent>>> {
  const loaded = await loadIntent(context, id);
  if (!loaded.ok) return loaded;
  const customer = await checkCustomerParam(context, params.customer);
  if (!customer.ok) return customer;
  const paymentMethodId = text(params.payment_method);
  let paymentMethod: LoadedPaymentMethod | null = null;
  if (paymentMethodId !== null) {
    const found = await loadPaymentMethod(context, paymentMethodId, { copy_magic: true });
    if (!found.ok) return found;
    paymentMethod = found.value;
    params = { ...params, payment_method: paymentMethod.object.id };
  }
  const decided = decideUpdateSetupIntent(loaded.value, params as UpdateSetupIntentParams);
  if (!decided.ok) return fail(siFailure(decided.failure));
  await savePaymentMethod(context, paymentMethod);
  // Stripe has no setup_intent.updated event type: an update writes the rows only.
  const attempt = await abandonLatestAttempt(context, loaded.value, decided.value);
  if (attempt !== null) await writeAttempt(context, attempt);
  const intent = snapshot(decided.value);
  await updateSetupIntent(context.tx, context.store, context.scope, intent);
  return succeed(intent);
}

// -------------------------------------------------------------------------------------------- confirm

export interface WriteAttempt {
  object: SetupAttempt;
  /** A confirm's new attempt, or a change to the latest one. */
  is_new: boolean;
}

export interface WriteDecision extends SetupIntentDecision {
  /** The attach to write when the setup succeeded for a customer. */
  attach: PreparedAttach | null;
  payment_method: LoadedPaymentMethod | null;
  attempt: WriteAttempt | null;
}

/** The attempt a confirm starts with, named by the network's first answer. */
function firstAttemptEvent(outcome: CardOutcome): Extract<SetupAttemptEvent, 'approved' | 'requires_action' | 'declined'> {
  if (outcome.kind === 'authentication_failed') throw new Error('invariant: a confirm does not complete an authentication');
  return outcome.kind;
}

async function decideConfirmAttempt(
  context: CommandContext,
  intent: SetupIntent,
  params: Params,
  paymentMethod: LoadedPaymentMethod | null,
): Promise<Outcome<WriteDecision>> {
  const outcome = paymentMethod === null ? null : setupCardOutcome(paymentMethod.behaviour, intent.usage);
  // An approved card is saved to the intent's customer, as POST /v1/payment_methods/:id/attach
  // would (a magic id becomes a new pm_); a refused attach refuses the confirm, writing nothing.
  let attach: PreparedAttach | null = null;
  if (outcome?.kind === 'approved' && paymentMethod !== null && intent.customer !== null) {
    const prepared = await prepareAttachLoaded(context, paymentMethod, intent.customer);
    if (!prepared.ok) return prepared;
    attach = prepared.value;
  }
  const attempt_id = context.runtime.ids.next(setup_attempt_id_prefix);
  const decided = decideConfirmSetupIntent(
    intent,
    { payment_method: text(params.payment_method), outcome, return_url: text(params.return_url) },
    {
      // Tender's hosted 3D Secure page (http/routes/three-d-secure-pages.ts), as for PaymentIntents.
      action_url: `/_tender/three_d_secure/${intent.id}?client_secret=${encodeURIComponent(intent.client_secret)}`,
      attempt_id,
      ...(attach === null ? {} : { saved_payment_method: attach.payment_method.object.id }),
    },
  );
  if (!decided.ok) return fail(siFailure(decided.failure));
  // A confirm the decision accepted had a payment method and the network's answer for it.
  if (paymentMethod === null || outcome === null) throw new Error('invariant: an accepted confirm has a payment method');
  const confirmed = withFailedPaymentMethod(decided.value.intent, paymentMethod.object);
  const saved = attach?.payment_method.object ?? paymentMethod.object;
  const attempt = decideNewSetupAttempt(confirmed, firstAttemptEvent(outcome), {
    id: attempt_id,
    created: context.now,
    payment_method: { id: confirmed.payment_method ?? paymentMethod.object.id, card: saved.card },
  });
  return succeed({
    ...decided.value,
    intent: confirmed,
    attach,
    payment_method: paymentMethod,
    attempt: { object: attempt, is_new: true },
  });
}

// ---------------------------------------------------------------------------------------------- write

async function writeAttempt(context: CommandContext, attempt: WriteAttempt): Promise<void> {
  const written = snapshot(attempt.object);
  if (attempt.is_new) await insertSetupAttempt(context.tx, context.store, context.scope, written);
  else await updateSetupAttempt(context.tx, context.store, context.scope, written);
}

/**
 * Persists a decision: the saved PaymentMethod (attached, or the new copy of a magic id named with
 * this request), the attempt, the intent, then the events in the decision's order.
 */
export async function writeDecision(context: CommandContext, decision: WriteDecision): Promise<Outcome<Snapshot<SetupIntent>>> {
  // An attach of a magic id's copy writes the copy itself, attached.
  if (decision.attach !== null) await writeAttach(context, decision.attach);
  else await savePaymentMethod(context, decision.payment_method);
  if (decision.attempt !== null) await writeAttempt(context, decision.attempt);
  const intent = snapshot(decision.intent);
  await updateSetupIntent(context.tx, context.store, context.scope, intent);
  for (const type of decision.events) await context.events.emit(type, intent);
  const error = decision.intent.last_setup_error;
  if (decision.card_error !== undefined && error !== null) {
    return fail({
      code: 'setup_intent_declined',
      error,
      setup_intent: intent.object,
      payment_method: decision.payment_method?.object ?? null,
    });
  }
  return succeed(intent);
}
