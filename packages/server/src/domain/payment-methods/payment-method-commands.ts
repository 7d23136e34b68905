// PaymentMethod commands: load what is needed inside the request's transaction (the card, a token,
// the customer, the stored PaymentMethod), decide in a pure function, then write the row and its
// event. Magic `pm_card_*` ids are not rows: retrieving one answers a fixed object, attaching one
// saves a NEW PaymentMethod for the customer, as Stripe does.
import { resolveCard, type ResolvedCard } from '../cards/resolve-card.js';
import type { CardBehaviour } from '../cards/test-card-catalogue.js';
import { findCustomerRow } from '../customers/customer-records.js';
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

/** The object a magic id such as `pm_card_visa` stands for, or null if the id names no test card. */
export function magicPaymentMethod(id: string, scope: Scope, now: number, fingerprintKey: string): Snapshot<PaymentMethod> | null {
  const resolved = resolveCard({ kind: 'magic_id', id }, { now, fingerprint_key: fingerprintKey });
  if (!resolved.ok || !id.startsWith('pm_')) return null;
  return snapshot(
    buildPaymentMethod(resolved.card, {}, { id, created: now, livemode: scope.livemode, customer: null, cvc_supplied: true }),
  );
}

/**
 * Saves the PaymentMethod a magic id stands for under a new `pm_` id, as Stripe does when a payment
 * names `pm_card_visa`: the payment, its charge and any later refund then refer to a real object.
 * Null if the id names no test card.
 */
export async function saveMagicPaymentMethod(
  context: CommandContext,
  id: string,
): Promise<{ payment_method: Snapshot<PaymentMethod>; behaviour: CardBehaviour } | null> {
  const magic = resolveCard({ kind: 'magic_id', id }, cardContext(context));
  if (!magic.ok || !id.startsWith('pm_')) return null;
  const paymentMethod = snapshot(
    buildPaymentMethod(
      magic.card,
      {},
      {
        id: context.runtime.ids.next(payment_method_id_prefix),
        created: context.now,
        livemode: context.scope.livemode,
        customer: null,
        cvc_supplied: true,
      },
    ),
  );
  await insertPaymentMethod(context.tx, context.store, context.scope, paymentMethod, magic.card.behaviour);
  return { payment_method: paymentMethod, behaviour: magic.card.behaviour };
}

/** A PaymentMethod a payment or setup uses: the wire object and what the card does on the network. */
export interface LoadedPaymentMethod {
  object: PaymentMethod;
  behaviour: CardBehaviour;
}

/**
 * The PaymentMethod a payment or a setup names. With `save_magic`, a magic id (`pm_card_visa`) is saved as a
 * new PaymentMethod first, as Stripe clones it: the intent then names the new `pm_` id. Without it
 * (reading what an older intent stored) the magic id is resolved as it is.
 */
export async function loadPaymentMethod(
  context: CommandContext,
  id: string,
  options: { save_magic?: boolean } = {},
): Promise<Outcome<LoadedPaymentMethod>> {
  const row = await findPaymentMethodRow(context.tx, context.store, context.scope, id);
  if (row !== null) return succeed({ object: JSON.parse(row.json) as PaymentMethod, behaviour: row.behaviour });
  if (options.save_magic === true) {
    const saved = await saveMagicPaymentMethod(context, id);
    if (saved !== null) return succeed({ object: saved.payment_method.object, behaviour: saved.behaviour });
    return fail({ code: 'resource_missing', resource: 'payment_method', id, param: 'payment_method', in_path: false });
  }
  const resolved = resolveCard({ kind: 'magic_id', id }, cardContext(context));
  const magic = magicPaymentMethod(id, context.scope, context.now, context.fingerprint_key);
  if (resolved.ok && magic !== null) return succeed({ object: magic.object, behaviour: resolved.card.behaviour });
  return fail({ code: 'resource_missing', resource: 'payment_method', id, param: 'payment_method', in_path: false });
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
    const magic = resolveCard({ kind: 'magic_id', id }, cardContext(context));
    if (!magic.ok || !id.startsWith('pm_')) {
      return fail({ code: 'resource_missing', resource: 'payment_method', id, param: 'payment_method', in_path });
    }
    const fresh = buildPaymentMethod(
      magic.card,
      {},
      {
        id: context.runtime.ids.next(payment_method_id_prefix),
        created: context.now,
        livemode: context.scope.livemode,
        customer: null,
        cvc_supplied: true,
      },
    );
    const decided = decideAttach(fresh, magic.card.behaviour, customer);
    if (!decided.ok) return decided;
    return succeed({ payment_method: snapshot(decided.value), new_behaviour: magic.card.behaviour, changed: true });
  }
  const current = snapshotFromJson<PaymentMethod>(row.json);
  const decided = decideAttach(current.object, row.behaviour, customer, row.detached);
  if (!decided.ok) return decided;
  if (decided.value === current.object) return succeed({ payment_method: current, new_behaviour: null, changed: false });
  return succeed({ payment_method: snapshot(decided.value), new_behaviour: null, changed: true });
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
  const customerRow = await findCustomerRow(context.tx, context.store, context.scope, customer);
  if (customerRow === null || customerRow.deleted) {
    return fail({ code: 'resource_missing', resource: 'customer', id: customer, param: 'customer', in_path: false });
  }
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
