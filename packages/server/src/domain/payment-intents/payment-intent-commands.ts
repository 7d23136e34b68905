// PaymentIntent commands: load the intent (locked on PostgreSQL), the payment method and its card
// behaviour, ask the simulated network (cardOutcome), decide in the pure decisions, then write in the
// request's one transaction: the intent, the Charge an attempt creates or changes, the ledger entry
// when money moves, and the events in the decision's order. A declined attempt is written too, then
// answered as a 402 that embeds the intent.
import { bookCapture, fundsBypassPending } from '../charges/charge-booking.js';
import { captureMoney } from '../charges/charge-decisions.js';
import { applyChargeUpdate, buildCharge, charge_id_prefix, type Charge } from '../charges/charge-model.js';
import { findChargeJson, insertCharge, updateCharge } from '../charges/charge-records.js';
import { checkCustomerParam } from '../customers/live-customer.js';
import { loadPaymentMethod, savePaymentMethod, type LoadedPaymentMethod } from '../payment-methods/payment-method-commands.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Failure, type Outcome } from '../shared/failures.js';
import { snapshot, type Snapshot } from '../shared/snapshot.js';
import { cardOutcome } from './card-outcome.js';
import { mergePaymentMethodOptions, type PaymentMethodOptionsParam } from './card-options.js';
import { scheduleJob } from '../../scheduler/scheduled-job-records.js';
import {
  authorizationExpiresAt,
  decideCancel,
  decideExpireAuthorization,
  decideCapture,
  decideConfirm,
  decideCreate,
  decideIncrementAuthorization,
  type CreatePaymentIntentParams,
  type PaymentIntentDecision,
} from './payment-intent-decisions.js';
import type { AuthorizationNotDue, PaymentIntentFailure, PaymentIntentOutcome } from './payment-intent-failures.js';
import type { PaymentError, PaymentIntent, SetupFutureUsage } from './payment-intent-model.js';
import { findPaymentIntentJson, insertPaymentIntent, updatePaymentIntent } from './payment-intent-records.js';
import { decideUpdatePaymentIntent, type UpdatePaymentIntentParams } from './payment-intent-update.js';

export const payment_intent_id_prefix = 'pi';
export const authorization_expiry_job = 'authorization_expiry';
/** Random characters after `_secret_` in a client secret. */
const client_secret_chars = 24;

type Params = Record<string, unknown>;

const piFailure = (failure: PaymentIntentFailure): Failure => ({ code: 'payment_intent_failure', failure });

async function loadIntent(context: CommandContext, id: string): Promise<Outcome<PaymentIntent>> {
  const json = await findPaymentIntentJson(context.tx, context.store, context.scope, id, true);
  if (json === null) return fail({ code: 'resource_missing', resource: 'payment_intent', id, param: 'intent', in_path: true });
  return succeed(JSON.parse(json) as PaymentIntent);
}

// ------------------------------------------------------------------------------------------- commands

export async function createPaymentIntent(context: CommandContext, params: Params): Promise<Outcome<Snapshot<PaymentIntent>>> {
  const confirm = params.confirm === true;
  for (const name of ['return_url', 'off_session'] as const) {
    if (!confirm && params[name] !== undefined) {
      return fail({ code: 'parameter_invalid', param: name, message: `You can only pass \`${name}\` when \`confirm\` is true.` });
    }
  }
  const customer = await checkCustomerParam(context, params.customer);
  if (!customer.ok) return customer;
  let paymentMethod: LoadedPaymentMethod | null = null;
  if (typeof params.payment_method === 'string') {
    const loaded = await loadPaymentMethod(context, params.payment_method, { copy_magic: true });
    if (!loaded.ok) return loaded;
    paymentMethod = loaded.value;
  }
  const named = paymentMethod === null ? params : { ...params, payment_method: paymentMethod.object.id };
  const created = decideCreate(named as CreatePaymentIntentParams, {
    id: context.runtime.ids.next(payment_intent_id_prefix),
    created: context.now,
    livemode: context.scope.livemode,
    client_secret_suffix: context.runtime.ids.randomChars(client_secret_chars),
  });
  if (!created.ok) return fail(piFailure(created.failure));
  const createdSnapshot = snapshot(created.value.intent);
  if (!confirm) {
    await savePaymentMethod(context, paymentMethod);
    await insertPaymentIntent(context.tx, context.store, context.scope, createdSnapshot);
    for (const event of created.value.events) await context.events.emit(event.type, createdSnapshot);
    return succeed(createdSnapshot);
  }
  // confirm=true: the confirm is decided on the new intent before anything is written, so a refused
  // confirm (a missing return_url, say) creates nothing, as on Stripe.
  const confirmed = decideConfirmAttempt(context, created.value.intent, { ...params, payment_method: undefined }, paymentMethod);
  if (!confirmed.ok) return fail(piFailure(confirmed.failure));
  // The row is written once, in its confirmed state; payment_intent.created still shows it as created.
  for (const event of created.value.events) await context.events.emit(event.type, createdSnapshot);
  return writeDecision(context, confirmed.value, paymentMethod, { new_intent: true });
}

export async function confirmPaymentIntent(context: CommandContext, id: string, params: Params): Promise<Outcome<Snapshot<PaymentIntent>>> {
  const loaded = await loadIntent(context, id);
  if (!loaded.ok) return loaded;
  const intent = loaded.value;
  const named = typeof params.payment_method === 'string';
  const paymentMethodId = named ? (params.payment_method as string) : intent.payment_method;
  let paymentMethod: LoadedPaymentMethod | null = null;
  if (paymentMethodId !== null) {
    const found = await loadPaymentMethod(context, paymentMethodId, { copy_magic: named });
    if (!found.ok) return found;
    paymentMethod = found.value;
    if (named) params = { ...params, payment_method: paymentMethod.object.id };
  }
  // Options given with the confirm are part of this attempt (the network sees them).
  const options = mergePaymentMethodOptions(
    intent.payment_method_options,
    params.payment_method_options as PaymentMethodOptionsParam | undefined,
  );
  const decided = decideConfirmAttempt(context, { ...intent, payment_method_options: options }, params, paymentMethod);
  if (!decided.ok) return fail(piFailure(decided.failure));
  return writeDecision(context, decided.value, paymentMethod);
}

export async function capturePaymentIntent(context: CommandContext, id: string, params: Params): Promise<Outcome<Snapshot<PaymentIntent>>> {
  const loaded = await loadIntent(context, id);
  if (!loaded.ok) return loaded;
  const amount_to_capture = params.amount_to_capture as number | undefined;
  const decided = decideCapture(loaded.value, amount_to_capture === undefined ? {} : { amount_to_capture }, { now: context.now });
  if (!decided.ok) return fail(piFailure(decided.failure));
  return writeDecision(context, decided.value, null);
}

export async function cancelPaymentIntent(context: CommandContext, id: string, params: Params): Promise<Outcome<Snapshot<PaymentIntent>>> {
  const loaded = await loadIntent(context, id);
  if (!loaded.ok) return loaded;
  const reason = params.cancellation_reason as string | undefined;
  const decided = decideCancel(loaded.value, reason === undefined ? {} : { cancellation_reason: reason }, { now: context.now });
  if (!decided.ok) return fail(piFailure(decided.failure));
  return writeDecision(context, decided.value, null);
}

/** The simulated network approves every increment: no test card declines one [inf]. */
export async function incrementAuthorization(
  context: CommandContext,
  id: string,
  params: Params,
): Promise<Outcome<Snapshot<PaymentIntent>>> {
  const loaded = await loadIntent(context, id);
  if (!loaded.ok) return loaded;
  const intent = loaded.value;
  const charge =
    intent.status === 'requires_capture' && intent.latest_charge !== null ? await readCharge(context, intent.latest_charge) : null;
  const decided = decideIncrementAuthorization(
    intent,
    { amount: params.amount as number },
    {
      now: context.now,
      decline: null,
      incremental_authorization_available: charge?.payment_method_details.card.incremental_authorization.status === 'available',
    },
  );
  if (!decided.ok) return fail(piFailure(decided.failure));
  return writeDecision(context, decided.value, null, charge === null ? {} : { latest_charge: charge });
}

export async function updatePaymentIntentCommand(
  context: CommandContext,
  id: string,
  params: Params,
): Promise<Outcome<Snapshot<PaymentIntent>>> {
  const loaded = await loadIntent(context, id);
  if (!loaded.ok) return loaded;
  const customer = await checkCustomerParam(context, params.customer);
  if (!customer.ok) return customer;
  let paymentMethod: LoadedPaymentMethod | null = null;
  if (typeof params.payment_method === 'string' && params.payment_method !== '') {
    const found = await loadPaymentMethod(context, params.payment_method, { copy_magic: true });
    if (!found.ok) return found;
    paymentMethod = found.value;
    params = { ...params, payment_method: paymentMethod.object.id };
  }
  const decided = decideUpdatePaymentIntent(loaded.value, params as UpdatePaymentIntentParams);
  if (!decided.ok) return fail(piFailure(decided.failure));
  await savePaymentMethod(context, paymentMethod);
  // Stripe has no payment_intent.updated event type: an update writes the row only.
  const intent = snapshot(decided.value);
  await updatePaymentIntent(context.tx, context.store, context.scope, intent);
  return succeed(intent);
}

// -------------------------------------------------------------------------------------------- confirm

function decideConfirmAttempt(
  context: CommandContext,
  intent: PaymentIntent,
  params: Params,
  paymentMethod: LoadedPaymentMethod | null,
): PaymentIntentOutcome<PaymentIntentDecision> {
  const off_session = params.off_session !== undefined && params.off_session !== false;
  const setup_future_usage =
    params.setup_future_usage === undefined
      ? undefined
      : params.setup_future_usage === ''
        ? null
        : (params.setup_future_usage as SetupFutureUsage);
  const outcome =
    paymentMethod === null
      ? null
      : cardOutcome(paymentMethod.behaviour, {
          off_session,
          setup_future_usage: setup_future_usage === undefined ? intent.setup_future_usage : setup_future_usage,
        });
  return decideConfirm(
    intent,
    {
      payment_method: typeof params.payment_method === 'string' ? params.payment_method : null,
      outcome,
      return_url: typeof params.return_url === 'string' ? params.return_url : null,
      off_session,
      ...(setup_future_usage === undefined ? {} : { setup_future_usage }),
    },
    {
      now: context.now,
      charge_id: context.runtime.ids.next(charge_id_prefix),
      // Tender's hosted 3D Secure page (http/routes/three-d-secure-pages.ts).
      action_url: `/_tender/three_d_secure/${intent.id}?client_secret=${encodeURIComponent(intent.client_secret)}`,
    },
  );
}

/**
 * The authorization_expiry job (scheduler/job-handlers.ts): an authorization still uncaptured when it
 * lapses is released, the charge marked expired and refunded, the intent canceled (`automatic`). One
 * captured or canceled meanwhile needs nothing; one not due yet answers when it will be.
 */
export async function expireAuthorization(context: CommandContext, id: string): Promise<AuthorizationNotDue | null> {
  const loaded = await loadIntent(context, id);
  if (!loaded.ok) throw new Error(`invariant: payment intent ${id} of an expiry job exists`);
  const decided = decideExpireAuthorization(loaded.value, { now: context.now });
  if (!decided.ok) return decided.failure.code === 'authorization_not_due' ? decided.failure : null;
  await writeDecision(context, decided.value, null);
  return null;
}

// ---------------------------------------------------------------------------------------------- write

/**
 * Persists a decision: the payment method's new copy (a magic id named with this request), charge,
 * ledger entries, intent, then the events in the decision's order.
 */
export async function writeDecision(
  context: CommandContext,
  decision: PaymentIntentDecision,
  paymentMethod: LoadedPaymentMethod | null,
  options: {
    new_intent?: boolean;
    /** The intent's latest charge as the command already read it in this transaction, so it is not read again. */
    latest_charge?: Charge;
  } = {},
): Promise<Outcome<Snapshot<PaymentIntent>>> {
  const { tx, store, scope } = context;
  await savePaymentMethod(context, paymentMethod);
  let charge: Snapshot<Charge> | null = null;
  if (decision.charge_attempt !== undefined) {
    if (paymentMethod === null) throw new Error('invariant: a payment attempt has a payment method');
    let attempted = buildCharge(decision.charge_attempt, decision.intent, {
      created: context.now,
      payment_method: paymentMethod.object,
      balance_transaction: null,
    });
    const money = decision.money;
    // automatic_async ('later') is booked at once too: without the settlement worker nothing would
    // book it later [inf: Stripe fills it within the hour].
    if (money?.kind === 'charge') {
      const booking = captureMoney(
        { amount: money.amount, amount_captured: money.amount, currency: money.currency, card_country: paymentMethod.object.card.country },
        { now: context.now, bypass_pending: money.funds === 'available' },
      );
      attempted = await bookCapture(context, attempted, booking);
    }
    charge = snapshot(attempted);
    await insertCharge(tx, store, scope, charge);
  }
  if (decision.charge_update !== undefined) {
    const current =
      options.latest_charge?.id === decision.charge_update.id
        ? options.latest_charge
        : await readCharge(context, decision.charge_update.id);
    let updated = applyChargeUpdate(current, decision.charge_update);
    const money = decision.money;
    if (money?.kind === 'capture') {
      // Contract §4: a capture posts the hold as a direct charge's capture does, the released rest
      // as a refund entry; bypassPending cards' funds skip the pending balance here too.
      const booking = captureMoney(
        {
          amount: money.amount_captured + money.amount_released,
          amount_captured: money.amount_captured,
          currency: money.currency,
          card_country: current.payment_method_details.card.country,
        },
        { now: context.now, bypass_pending: await fundsBypassPending(context, current) },
      );
      updated = await bookCapture(context, updated, booking);
    }
    charge = snapshot(updated);
    await updateCharge(tx, store, scope, charge);
  }
  if (decision.transition.to === 'requires_capture' && decision.transition.from !== 'requires_capture') {
    await scheduleJob(tx, store, scope, {
      id: context.runtime.ids.next('job'),
      kind: authorization_expiry_job,
      subject: decision.intent.id,
      due_at: authorizationExpiresAt(decision.intent),
      created: context.now,
    });
  }

  let intentObject = decision.intent;
  if (decision.card_error !== undefined && paymentMethod !== null) {
    // Stripe's last_payment_error carries the payment method that failed (spec: api_errors).
    const error = { ...decision.card_error, payment_method: paymentMethod.object } as PaymentError;
    intentObject = { ...intentObject, last_payment_error: error };
  }
  const intent = snapshot(intentObject);
  // A create that confirms at once writes its row here, in the state the confirm left it.
  if (options.new_intent === true) await insertPaymentIntent(tx, store, scope, intent);
  else await updatePaymentIntent(tx, store, scope, intent);
  for (const event of decision.events) {
    const subject = event.object === 'charge' ? charge : intent;
    if (subject === null) throw new Error(`invariant: ${event.type} has a charge to describe`);
    await context.events.emit(event.type, subject);
  }
  if (decision.card_error !== undefined) {
    return fail({
      code: 'payment_intent_declined',
      error: decision.card_error,
      payment_intent: intent.object,
      payment_method: paymentMethod?.object ?? null,
    });
  }
  return succeed(intent);
}

async function readCharge(context: CommandContext, id: string): Promise<Charge> {
  const json = await findChargeJson(context.tx, context.store, context.scope, id);
  if (json === null) throw new Error(`invariant: charge ${id} exists`);
  return JSON.parse(json) as Charge;
}
