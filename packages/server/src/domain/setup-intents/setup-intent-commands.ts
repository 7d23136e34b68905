// SetupIntent commands: load the intent (locked on PostgreSQL), the customer and the payment method
// with its card behaviour, ask the simulated network (cardOutcome, on-session: the customer is
// present while setting up), decide in the pure decisions, then write in the request's one
// transaction: the intent, the saved PaymentMethod (attached to the customer, through the
// payment-methods attach code) and the events. A declined attempt is written too, then answered as a
// 402 that embeds the intent.
import { resolveCard } from '../cards/resolve-card.js';
import type { CardBehaviour } from '../cards/test-card-catalogue.js';
import { findCustomerRow } from '../customers/customer-records.js';
import { cardOutcome, type CardOutcome } from '../payment-intents/card-outcome.js';
import type { PaymentError } from '../payment-intents/payment-intent-model.js';
import { magicPaymentMethod, prepareAttach, writeAttach, type PreparedAttach } from '../payment-methods/payment-method-commands.js';
import type { PaymentMethod } from '../payment-methods/payment-method-model.js';
import { findPaymentMethodRow } from '../payment-methods/payment-method-records.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Failure, type Outcome } from '../shared/failures.js';
import { snapshot, type Snapshot } from '../shared/snapshot.js';
import { cardContext } from '../tokens/token-commands.js';
import {
  decideCancelSetupIntent,
  decideConfirmSetupIntent,
  decideCreateSetupIntent,
  decideUpdateSetupIntent,
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

interface LoadedPaymentMethod {
  object: PaymentMethod;
  behaviour: CardBehaviour;
}

const siFailure = (failure: SetupIntentFailure): Failure => ({ code: 'setup_intent_failure', failure });
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

async function loadPaymentMethod(context: CommandContext, id: string): Promise<Outcome<LoadedPaymentMethod>> {
  const row = await findPaymentMethodRow(context.tx, context.store, context.scope, id);
  if (row !== null) return succeed({ object: JSON.parse(row.json) as PaymentMethod, behaviour: row.behaviour });
  const resolved = resolveCard({ kind: 'magic_id', id }, cardContext(context));
  const magic = magicPaymentMethod(id, context.scope, context.now, context.fingerprint_key);
  if (resolved.ok && magic !== null) return succeed({ object: magic.object, behaviour: resolved.card.behaviour });
  return fail({ code: 'resource_missing', resource: 'payment_method', id, param: 'payment_method', in_path: false });
}

async function checkCustomer(context: CommandContext, customer: unknown): Promise<Failure | null> {
  const id = text(customer);
  if (id === null) return null;
  const row = await findCustomerRow(context.tx, context.store, context.scope, id);
  if (row !== null && !row.deleted) return null;
  return { code: 'resource_missing', resource: 'customer', id, param: 'customer', in_path: false };
}

async function loadIntent(context: CommandContext, id: string): Promise<Outcome<SetupIntent>> {
  const json = await findSetupIntentJson(context.tx, context.store, context.scope, id, true);
  if (json === null) return fail({ code: 'resource_missing', resource: 'setup_intent', id, param: 'intent', in_path: true });
  return succeed(JSON.parse(json) as SetupIntent);
}

/**
 * The network's answer for saving the card. Setting up is on-session (the customer is there), so a
 * card that asks for 3D Secure asks now. pm_card_chargeCustomerFail saves fine: only its charges fail.
 */
function setupOutcome(behaviour: CardBehaviour, intent: SetupIntent): CardOutcome {
  if (behaviour.kind === 'attach_succeeds_charge_fails') return { kind: 'approved', risk_level: 'normal', funds: 'pending' };
  return cardOutcome(behaviour, { off_session: false, setup_future_usage: intent.usage });
}

// ------------------------------------------------------------------------------------------- commands

export async function createSetupIntent(context: CommandContext, params: Params): Promise<Outcome<Snapshot<SetupIntent>>> {
  const confirm = params.confirm === true;
  if (!confirm && params.return_url !== undefined) {
    return fail({ code: 'parameter_invalid', param: 'return_url', message: 'You can only pass `return_url` when `confirm` is true.' });
  }
  const customerFailure = await checkCustomer(context, params.customer);
  if (customerFailure !== null) return fail(customerFailure);
  let paymentMethod: LoadedPaymentMethod | null = null;
  const paymentMethodId = text(params.payment_method);
  if (paymentMethodId !== null) {
    const loaded = await loadPaymentMethod(context, paymentMethodId);
    if (!loaded.ok) return loaded;
    paymentMethod = loaded.value;
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
  const paymentMethodId = text(params.payment_method) ?? intent.payment_method;
  let paymentMethod: LoadedPaymentMethod | null = null;
  if (paymentMethodId !== null) {
    const found = await loadPaymentMethod(context, paymentMethodId);
    if (!found.ok) return found;
    paymentMethod = found.value;
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
  return writeDecision(context, { ...decided.value, attach: null, payment_method: null });
}

export async function updateSetupIntentCommand(
  context: CommandContext,
  id: string,
  params: Params,
): Promise<Outcome<Snapshot<SetupIntent>>> {
  const loaded = await loadIntent(context, id);
  if (!loaded.ok) return loaded;
  const customerFailure = await checkCustomer(context, params.customer);
  if (customerFailure !== null) return fail(customerFailure);
  const paymentMethodId = text(params.payment_method);
  if (paymentMethodId !== null) {
    const found = await loadPaymentMethod(context, paymentMethodId);
    if (!found.ok) return found;
  }
  const decided = decideUpdateSetupIntent(loaded.value, params as UpdateSetupIntentParams);
  if (!decided.ok) return fail(siFailure(decided.failure));
  // Stripe has no setup_intent.updated event type: an update writes the row only.
  const intent = snapshot(decided.value);
  await updateSetupIntent(context.tx, context.store, context.scope, intent);
  return succeed(intent);
}

// -------------------------------------------------------------------------------------------- confirm

interface WriteDecision extends SetupIntentDecision {
  /** The attach to write when the setup succeeded for a customer. */
  attach: PreparedAttach | null;
  payment_method: LoadedPaymentMethod | null;
}

async function decideConfirmAttempt(
  context: CommandContext,
  intent: SetupIntent,
  params: Params,
  paymentMethod: LoadedPaymentMethod | null,
): Promise<Outcome<WriteDecision>> {
  const outcome = paymentMethod === null ? null : setupOutcome(paymentMethod.behaviour, intent);
  // An approved card is saved to the intent's customer, as POST /v1/payment_methods/:id/attach
  // would (a magic id becomes a new pm_); a refused attach refuses the confirm, writing nothing.
  let attach: PreparedAttach | null = null;
  if (outcome?.kind === 'approved' && paymentMethod !== null && intent.customer !== null) {
    const prepared = await prepareAttach(context, paymentMethod.object.id, intent.customer, false);
    if (!prepared.ok) return prepared;
    attach = prepared.value;
  }
  const decided = decideConfirmSetupIntent(
    intent,
    { payment_method: text(params.payment_method), outcome, return_url: text(params.return_url) },
    {
      // [inf] The hosted 3D Secure page for SetupIntents is not built yet; this is where it will live.
      action_url: `/_tender/three_d_secure/${intent.id}?client_secret=${encodeURIComponent(intent.client_secret)}`,
      ...(attach === null ? {} : { saved_payment_method: attach.payment_method.object.id }),
    },
  );
  if (!decided.ok) return fail(siFailure(decided.failure));
  return succeed({ ...decided.value, attach, payment_method: paymentMethod });
}

// ---------------------------------------------------------------------------------------------- write

/** Persists a decision: the saved PaymentMethod, the intent, then the events in the decision's order. */
async function writeDecision(context: CommandContext, decision: WriteDecision): Promise<Outcome<Snapshot<SetupIntent>>> {
  if (decision.attach !== null) await writeAttach(context, decision.attach);
  let intentObject = decision.intent;
  if (intentObject.last_setup_error !== null && decision.payment_method !== null) {
    // Stripe's last_setup_error carries the payment method that failed (spec: api_errors).
    const error = { ...intentObject.last_setup_error, payment_method: decision.payment_method.object } as PaymentError;
    intentObject = { ...intentObject, last_setup_error: error };
  }
  const intent = snapshot(intentObject);
  await updateSetupIntent(context.tx, context.store, context.scope, intent);
  for (const type of decision.events) await context.events.emit(type, intent);
  if (decision.card_error !== undefined && intentObject.last_setup_error !== null) {
    return fail({
      code: 'setup_intent_declined',
      error: intentObject.last_setup_error,
      setup_intent: intent.object,
      payment_method: decision.payment_method?.object ?? null,
    });
  }
  return succeed(intent);
}
