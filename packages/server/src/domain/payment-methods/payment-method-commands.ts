// PaymentMethod commands: load what is needed inside the request's transaction (the card, a token,
// the customer, the stored PaymentMethod), decide in a pure function, then write the row and its
// event. Magic `pm_card_*` ids are not rows: retrieving one answers a fixed object, attaching one
// saves a NEW PaymentMethod for the customer, as Stripe does.
import { resolveCard, type CardContext, type ResolvedCard } from '../cards/resolve-card.js';
import type { CardBehaviour } from '../cards/test-card-catalogue.js';
import { loadLiveCustomer } from '../customers/live-customer.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Outcome } from '../shared/failures.js';
import { previousAttributes } from '../shared/previous-attributes.js';
import { snapshot, snapshotFromJson, type Snapshot } from '../shared/snapshot.js';
import { cardContext, consumeToken } from '../tokens/token-commands.js';
import type { Scope } from '../../store/object-pages.js';
import {
  billingFromToken,
  blankBillingDetails,
  buildPaymentMethod,
  decideAttach,
  decideDetach,
  decideUpdatePaymentMethod,
  resolveFailure,
  type PaymentMethodParams,
} from './payment-method-decisions.js';
import { payment_method_id_prefix, type PaymentMethod } from './payment-method-model.js';
import { findPaymentMethodRow, insertPaymentMethod, markPaymentMethodDetached, updatePaymentMethod } from './payment-method-records.js';

/** Params Stripe accepts on create that Tender cannot honour yet (Connect cloning, radar sessions). */
const unsupported_create = ['customer', 'payment_method', 'radar_options'] as const;

type RawCardParam = { number: string; exp_month: number; exp_year: number; cvc?: string };

export async function createPaymentMethod(context: CommandContext, params: PaymentMethodParams): Promise<Outcome<Snapshot<PaymentMethod>>> {
  for (const name of unsupported_create) {
    if (params[name] !== undefined) {
      return fail({
        code: 'parameter_invalid',
        param: name,
        message: `Tender does not support the \`${name}\` parameter on payment methods yet.`,
      });
    }
  }
  if (params.type === undefined) return fail({ code: 'parameter_missing', param: 'type' });
  if (params.type !== 'card') {
    return fail({ code: 'parameter_invalid', param: 'type', message: 'Tender supports only `type=card` payment methods yet.' });
  }
  const cardParam = params.card as RawCardParam | { token: string } | undefined;
  if (cardParam === undefined) return fail({ code: 'parameter_missing', param: 'card' });

  let card: ResolvedCard;
  let billing = blankBillingDetails();
  let cvc_supplied = false;
  if ('token' in cardParam) {
    const consumed = await consumeToken(context, cardParam.token, 'card[token]');
    if (!consumed.ok) return consumed;
    card = consumed.value.card;
    if (consumed.value.token !== null) billing = billingFromToken(consumed.value.token.card, billing);
  } else {
    const resolved = resolveCard(
      {
        kind: 'raw',
        number: cardParam.number,
        exp_month: cardParam.exp_month,
        exp_year: cardParam.exp_year,
        ...(cardParam.cvc === undefined ? {} : { cvc: cardParam.cvc }),
      },
      cardContext(context),
    );
    if (!resolved.ok) return fail(resolveFailure(resolved.failure, 'card', false));
    card = resolved.card;
    cvc_supplied = cardParam.cvc !== undefined;
  }
  const paymentMethod = snapshot(
    buildPaymentMethod(
      card,
      params,
      {
        id: context.runtime.ids.next(payment_method_id_prefix),
        created: context.now,
        livemode: context.scope.livemode,
        customer: null,
        cvc_supplied,
      },
      billing,
    ),
  );
  await insertPaymentMethod(context.tx, context.store, context.scope, paymentMethod, card.behaviour);
  return succeed(paymentMethod);
}

/** The card a magic PaymentMethod id such as `pm_card_visa` stands for, or null if it names no test card. */
function magicCard(id: string, context: CardContext): ResolvedCard | null {
  if (!id.startsWith('pm_')) return null;
  const resolved = resolveCard({ kind: 'magic_id', id }, context);
  return resolved.ok ? resolved.card : null;
}

/** A magic id's card as a PaymentMethod named `id` (the magic id itself, or the new id of its copy). */
function magicObject(card: ResolvedCard, id: string, created: number, livemode: boolean): PaymentMethod {
  return buildPaymentMethod(card, {}, { id, created, livemode, customer: null, cvc_supplied: true });
}

/** The object a magic id such as `pm_card_visa` stands for, or null if the id names no test card. */
export function magicPaymentMethod(id: string, scope: Scope, now: number, fingerprintKey: string): Snapshot<PaymentMethod> | null {
  const card = magicCard(id, { now, fingerprint_key: fingerprintKey });
  return card === null ? null : snapshot(magicObject(card, id, now, scope.livemode));
}

/**
 * A magic id's card under a new `pm_` id, as Stripe clones `pm_card_visa` when a payment, a setup or
 * an attach uses it. Nothing is written: the caller saves the copy once its decision succeeds.
 */
function copyOfMagic(context: CommandContext, id: string): LoadedPaymentMethod | null {
  const card = magicCard(id, cardContext(context));
  if (card === null) return null;
  const copyId = context.runtime.ids.next(payment_method_id_prefix);
  return { object: magicObject(card, copyId, context.now, context.scope.livemode), behaviour: card.behaviour, to_save: true };
}

/** A PaymentMethod a payment or setup uses: the wire object and what the card does on the network. */
export interface LoadedPaymentMethod {
  object: PaymentMethod;
  behaviour: CardBehaviour;
  /**
   * True for the copy of a magic id that no row holds yet: its writer saves it (savePaymentMethod)
   * only after its decision succeeded, so a refused request leaves no PaymentMethod behind.
   */
  to_save: boolean;
}

/**
 * The PaymentMethod a payment or a setup names. With `copy_magic`, a magic id (`pm_card_visa`) stands
 * for a new PaymentMethod, as Stripe clones it: the intent then names the copy's new `pm_` id, which
 * is written with the decision (savePaymentMethod). Without it (reading what an older intent stored)
 * the magic id is resolved as it is.
 */
export async function loadPaymentMethod(
  context: CommandContext,
  id: string,
  options: { copy_magic?: boolean } = {},
): Promise<Outcome<LoadedPaymentMethod>> {
  const row = await findPaymentMethodRow(context.tx, context.store, context.scope, id);
  if (row !== null) return succeed({ object: JSON.parse(row.json) as PaymentMethod, behaviour: row.behaviour, to_save: false });
  if (options.copy_magic === true) {
    const copy = copyOfMagic(context, id);
    if (copy !== null) return succeed(copy);
  } else {
    const card = magicCard(id, cardContext(context));
    if (card !== null) {
      return succeed({ object: magicObject(card, id, context.now, context.scope.livemode), behaviour: card.behaviour, to_save: false });
    }
  }
  return fail({ code: 'resource_missing', resource: 'payment_method', id, param: 'payment_method', in_path: false });
}

/** Writes the copy of a magic id that loadPaymentMethod prepared; nothing for a PaymentMethod already stored. */
export async function savePaymentMethod(context: CommandContext, loaded: LoadedPaymentMethod | null): Promise<void> {
  if (loaded === null || !loaded.to_save) return;
  await insertPaymentMethod(context.tx, context.store, context.scope, snapshot(loaded.object), loaded.behaviour);
}

export async function updatePaymentMethodCommand(
  context: CommandContext,
  id: string,
  params: PaymentMethodParams,
): Promise<Outcome<Snapshot<PaymentMethod>>> {
  const row = await findPaymentMethodRow(context.tx, context.store, context.scope, id, true);
  if (row === null) {
    // A magic id is a real (unsaved) PaymentMethod to Stripe, so it gets the unsaved answer.
    if (magicPaymentMethod(id, context.scope, context.now, context.fingerprint_key) !== null)
      return fail({ code: 'payment_method_not_saved' });
    return fail({ code: 'resource_missing', resource: 'payment_method', id, param: 'payment_method', in_path: true });
  }
  const current = snapshotFromJson<PaymentMethod>(row.json);
  const decided = decideUpdatePaymentMethod(current.object, params, context.now);
  if (!decided.ok) return decided;
  const previous = previousAttributes(
    current.object as unknown as Record<string, unknown>,
    decided.value as unknown as Record<string, unknown>,
  );
  if (Object.keys(previous).length === 0) return succeed(current);
  const paymentMethod = snapshot(decided.value);
  await updatePaymentMethod(context.tx, context.store, context.scope, paymentMethod);
  await context.events.emit('payment_method.updated', paymentMethod, previous);
  return succeed(paymentMethod);
}

/** An attach decided but not yet written, so a customer create can decide its own object in between. */
export interface PreparedAttach {
  payment_method: Snapshot<PaymentMethod>;
  /** Set when the attach saves a new PaymentMethod (from a magic id) rather than updating a row. */
  new_behaviour: CardBehaviour | null;
  /** False when it was already attached to this customer: nothing to write. */
  changed: boolean;
}

/** Loads and decides an attach to `customer`, which the caller has checked exists. */
export async function prepareAttach(
  context: CommandContext,
  id: string,
  customer: string,
  in_path: boolean,
): Promise<Outcome<PreparedAttach>> {
  const row = await findPaymentMethodRow(context.tx, context.store, context.scope, id, true);
  if (row === null) {
    const copy = copyOfMagic(context, id);
    if (copy === null) return fail({ code: 'resource_missing', resource: 'payment_method', id, param: 'payment_method', in_path });
    return attachCopy(copy, customer);
  }
  const current = snapshotFromJson<PaymentMethod>(row.json);
  const decided = decideAttach(current.object, row.behaviour, customer, row.detached);
  if (!decided.ok) return decided;
  if (decided.value === current.object) return succeed({ payment_method: current, new_behaviour: null, changed: false });
  return succeed({ payment_method: snapshot(decided.value), new_behaviour: null, changed: true });
}

/**
 * The attach of a PaymentMethod a payment or setup loaded: a magic id's unsaved copy is attached as
 * it is written; a stored one is loaded again, locked, as an attach by id does.
 */
export async function prepareAttachLoaded(
  context: CommandContext,
  loaded: LoadedPaymentMethod,
  customer: string,
): Promise<Outcome<PreparedAttach>> {
  if (loaded.to_save) return attachCopy(loaded, customer);
  return prepareAttach(context, loaded.object.id, customer, false);
}

function attachCopy(copy: LoadedPaymentMethod, customer: string): Outcome<PreparedAttach> {
  const decided = decideAttach(copy.object, copy.behaviour, customer);
  if (!decided.ok) return decided;
  return succeed({ payment_method: snapshot(decided.value), new_behaviour: copy.behaviour, changed: true });
}

export async function writeAttach(context: CommandContext, prepared: PreparedAttach): Promise<void> {
  if (!prepared.changed) return;
  if (prepared.new_behaviour !== null) {
    await insertPaymentMethod(context.tx, context.store, context.scope, prepared.payment_method, prepared.new_behaviour);
  } else {
    await updatePaymentMethod(context.tx, context.store, context.scope, prepared.payment_method);
  }
  await context.events.emit('payment_method.attached', prepared.payment_method);
}

export async function attachPaymentMethod(
  context: CommandContext,
  id: string,
  customer: string,
): Promise<Outcome<Snapshot<PaymentMethod>>> {
  const found = await loadLiveCustomer(context, customer);
  if (!found.ok) return found;
  const prepared = await prepareAttach(context, id, customer, true);
  if (!prepared.ok) return prepared;
  await writeAttach(context, prepared.value);
  return succeed(prepared.value.payment_method);
}

export async function detachPaymentMethod(context: CommandContext, id: string): Promise<Outcome<Snapshot<PaymentMethod>>> {
  const row = await findPaymentMethodRow(context.tx, context.store, context.scope, id, true);
  if (row === null) {
    if (magicPaymentMethod(id, context.scope, context.now, context.fingerprint_key) !== null)
      return fail({ code: 'payment_method_not_attached' });
    return fail({ code: 'resource_missing', resource: 'payment_method', id, param: 'payment_method', in_path: true });
  }
  const current = snapshotFromJson<PaymentMethod>(row.json);
  const decided = decideDetach(current.object);
  if (!decided.ok) return decided;
  const paymentMethod = snapshot(decided.value);
  await markPaymentMethodDetached(context.tx, context.store, context.scope, paymentMethod);
  await context.events.emit('payment_method.detached', paymentMethod, { customer: current.object.customer });
  return succeed(paymentMethod);
}
