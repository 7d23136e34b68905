// Direct Charges API commands (POST /v1/charges, /capture, updates) and the expiry job of their
// uncaptured authorizations: load the payer or the charge (locked on PostgreSQL), decide in
// charge-decisions.ts, then write in the request's one transaction: the charge, the ledger entries
// (re-asserted before commit), the jobs that fall due later and the events. A declined charge is
// written too, then answered 402 with its id.
import { scheduleJob } from '../../scheduler/scheduled-job-records.js';
import type { ResolvedCard } from '../cards/resolve-card.js';
import type { CardBehaviour } from '../cards/test-card-catalogue.js';
import type { Customer } from '../customers/customer-model.js';
import { loadLiveCustomer } from '../customers/live-customer.js';
import { loadPaymentMethod } from '../payment-methods/payment-method-commands.js';
import { billingFromToken, buildPaymentMethod } from '../payment-methods/payment-method-decisions.js';
import type { PaymentMethod } from '../payment-methods/payment-method-model.js';
import { insertPaymentMethod } from '../payment-methods/payment-method-records.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Failure, type Outcome } from '../shared/failures.js';
import { snapshot, snapshotFromJson, type Snapshot } from '../shared/snapshot.js';
import type { AuthorizationNotDue } from '../payment-intents/payment-intent-failures.js';
import { consumeToken } from '../tokens/token-commands.js';
import { buildTokenCard } from '../tokens/token-decisions.js';
import { token_card_id_prefix, type TokenCard } from '../tokens/token-model.js';
import { bookCapture, fundsBypassPending } from './charge-booking.js';
import {
  checkCreateCharge,
  decideCaptureCharge,
  decideCreateCharge,
  decideExpireCharge,
  decideUpdateCharge,
  type CaptureChargeParams,
  type ChargePayer,
  type CreateChargeParams,
  type UpdateChargeParams,
} from './charge-decisions.js';
import {
  customer_without_card_message,
  payment_method_as_source_message,
  sourceNotLinkedMessage,
  type ChargeFailure,
} from './charge-failures.js';
import { charge_id_prefix, type Charge, type ChargeSource } from './charge-model.js';
import { findChargeJson, insertCharge, updateCharge } from './charge-records.js';

export const charge_authorization_expiry_job = 'charge_authorization_expiry';

type Params = Record<string, unknown>;

const chargeFailure = (failure: ChargeFailure): Failure => ({ code: 'charge_failure', failure });

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * A charge, locked on PostgreSQL until commit (captures, updates and refunds of one charge apply one
 * after the other). Missing answers resource_missing on `param`: the path's charge by default.
 */
export async function loadCharge(
  context: CommandContext,
  id: string,
  where: { param: string; in_path: boolean } = { param: 'charge', in_path: true },
): Promise<Outcome<Snapshot<Charge>>> {
  const json = await findChargeJson(context.tx, context.store, context.scope, id, true);
  if (json === null) return fail({ code: 'resource_missing', resource: 'charge', id, ...where });
  return succeed(snapshotFromJson<Charge>(json));
}

/** A payer, plus the card's PaymentMethod to save when a token pays (so the charge's `card_` resolves later). */
interface LoadedPayer {
  payer: ChargePayer;
  card_to_save: { object: PaymentMethod; behaviour: CardBehaviour } | null;
}

/**
 * Who pays: a token (`source`, used up as domain/tokens does), or the customer's default card.
 * Stripe charges a customer's `default_source` and answers 402 'Cannot charge a customer that has no
 * active card' without one [obs stripe-node#282]; its spec scopes invoice_settings.default_payment_method
 * to subscriptions and invoices. Tender customers hold no legacy sources (default_source is always
 * null), so a token named beside a customer is never one of theirs, and a customer-only charge pays
 * with invoice_settings.default_payment_method instead: a deliberate difference [inf: unconfirmed
 * whether Stripe refuses such a customer or charges that PaymentMethod], so the Charges API can still
 * charge a saved customer.
 */
async function loadPayer(context: CommandContext, params: Params): Promise<Outcome<LoadedPayer>> {
  const source = text(params.source);
  const customerId = text(params.customer);
  let customer: Customer | null = null;
  if (customerId !== null) {
    const loaded = await loadLiveCustomer(context, customerId);
    if (!loaded.ok) return loaded;
    customer = loaded.value;
  }
  if (source !== null && source.startsWith('pm_')) {
    return fail(chargeFailure({ code: 'payment_method_as_source', message: payment_method_as_source_message }));
  }
  if (customer !== null) {
    if (source !== null) return fail(chargeFailure({ code: 'source_not_linked', message: sourceNotLinkedMessage(customer.id, source) }));
    const card = customer.invoice_settings.default_payment_method;
    const found = card === null ? null : await loadPaymentMethod(context, card);
    if (found === null || !found.ok) {
      return fail(chargeFailure({ code: 'customer_without_card', message: customer_without_card_message }));
    }
    const { object, behaviour } = found.value;
    return succeed({
      payer: { customer: customer.id, payment_method: object, source: null, behaviour },
      card_to_save: null,
    });
  }
  if (source === null) throw new Error('invariant: checkCreateCharge required a source or a customer');
  const consumed = await consumeToken(context, source, 'source');
  if (!consumed.ok) return consumed;
  return succeed(tokenPayer(context, consumed.value.card, consumed.value.token?.card ?? null));
}

/**
 * A token's card as the charge shows it: the `card_` object as `source` (the token's own, or a new
 * one for a magic `tok_*`), and the same card as a PaymentMethod under that id, which is what
 * Stripe's `payment_method` names for a token charge.
 */
function tokenPayer(context: CommandContext, card: ResolvedCard, tokenCard: TokenCard | null): LoadedPayer {
  const id = tokenCard?.id ?? context.runtime.ids.next(token_card_id_prefix);
  // A magic token's card has no name, address or CVC.
  const shown = tokenCard ?? buildTokenCard(card, {}, id);
  const source: ChargeSource = { ...shown, customer: null };
  const paymentMethod = buildPaymentMethod(
    card,
    {},
    { id, created: context.now, livemode: context.scope.livemode, customer: null, cvc_supplied: shown.cvc_check !== null },
    billingFromToken(shown),
  );
  return {
    payer: { customer: null, payment_method: paymentMethod, source, behaviour: card.behaviour },
    card_to_save: { object: paymentMethod, behaviour: card.behaviour },
  };
}

// ------------------------------------------------------------------------------------------- commands

export async function createCharge(context: CommandContext, params: Params): Promise<Outcome<Snapshot<Charge>>> {
  const checked = checkCreateCharge(params as CreateChargeParams & Params);
  if (!checked.ok) return fail(chargeFailure(checked.failure));
  const loaded = await loadPayer(context, params);
  if (!loaded.ok) return loaded;
  const decision = decideCreateCharge(checked.value, loaded.value.payer, {
    id: context.runtime.ids.next(charge_id_prefix),
    now: context.now,
    livemode: context.scope.livemode,
  });
  const saved = loaded.value.card_to_save;
  if (saved !== null) await insertPaymentMethod(context.tx, context.store, context.scope, snapshot(saved.object), saved.behaviour);
  const charge = snapshot(decision.money === null ? decision.charge : await bookCapture(context, decision.charge, decision.money));
  await insertCharge(context.tx, context.store, context.scope, charge);
  if (decision.expires_at !== null) {
    await scheduleJob(context.tx, context.store, context.scope, {
      id: context.runtime.ids.next('job'),
      kind: charge_authorization_expiry_job,
      subject: charge.object.id,
      due_at: decision.expires_at,
      created: context.now,
    });
  }
  for (const type of decision.events) await context.events.emit(type, charge);
  if (decision.declined !== null) {
    return fail(chargeFailure({ code: 'charge_declined', error: decision.declined, charge: charge.object.id }));
  }
  return succeed(charge);
}

export async function captureCharge(context: CommandContext, id: string, params: Params): Promise<Outcome<Snapshot<Charge>>> {
  const loaded = await loadCharge(context, id);
  if (!loaded.ok) return loaded;
  const current = loaded.value.object;
  const decided = decideCaptureCharge(current, params as CaptureChargeParams & Params, {
    now: context.now,
    bypass_pending: await fundsBypassPending(context, current),
  });
  if (!decided.ok) return fail(chargeFailure(decided.failure));
  const { money } = decided.value;
  if (money === null) throw new Error(`invariant: capturing charge ${id} books money`);
  const charge = snapshot(await bookCapture(context, decided.value.charge, money));
  await updateCharge(context.tx, context.store, context.scope, charge);
  for (const type of decided.value.events) await context.events.emit(type, charge);
  return succeed(charge);
}

export async function updateChargeCommand(context: CommandContext, id: string, params: Params): Promise<Outcome<Snapshot<Charge>>> {
  const loaded = await loadCharge(context, id);
  if (!loaded.ok) return loaded;
  const customer = text(params.customer);
  if (customer !== null) {
    const found = await loadLiveCustomer(context, customer);
    if (!found.ok) return found;
  }
  const decided = decideUpdateCharge(loaded.value.object, params as UpdateChargeParams);
  if (!decided.ok) return fail(chargeFailure(decided.failure));
  const previous = decided.value.previous_attributes;
  if (Object.keys(previous).length === 0) return loaded;
  const charge = snapshot(decided.value.charge);
  await updateCharge(context.tx, context.store, context.scope, charge);
  await context.events.emit('charge.updated', charge, previous);
  return succeed(charge);
}

/**
 * The charge_authorization_expiry job (scheduler/job-handlers.ts): a direct charge still uncaptured
 * when its authorization lapses is released (charge.expired). One captured or refunded meanwhile
 * needs nothing; one not due yet answers when it will be.
 */
export async function expireCharge(context: CommandContext, id: string): Promise<AuthorizationNotDue | null> {
  const loaded = await loadCharge(context, id);
  if (!loaded.ok) throw new Error(`invariant: charge ${id} of an expiry job exists`);
  const decided = decideExpireCharge(loaded.value.object, { now: context.now });
  if (!decided.ok) {
    if (decided.failure.code === 'authorization_not_due') return decided.failure;
    throw new Error(`invariant: the expiry decision refuses only what is not due, got ${decided.failure.code}`);
  }
  if (decided.value === null) return null;
  const charge = snapshot(decided.value.charge);
  await updateCharge(context.tx, context.store, context.scope, charge);
  for (const type of decided.value.events) await context.events.emit(type, charge);
  return null;
}
