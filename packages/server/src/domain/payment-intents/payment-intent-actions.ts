// Completing a PaymentIntent's next action: the customer passed (or failed) the 3D Secure step on
// Tender's hosted page. Given the intent the page read (its row locked on PostgreSQL), asks the
// simulated network what the card does once authenticated, decides with decideCompleteAction and
// writes the intent, the charge the attempt creates, its ledger entry and the events, in the
// caller's transaction, with the same writer confirm uses (writeDecision).
import { charge_id_prefix } from '../charges/charge-model.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, type Outcome } from '../shared/failures.js';
import type { Snapshot } from '../shared/snapshot.js';
import { cardOutcome, type CardOutcome } from './card-outcome.js';
import { decideCompleteAction } from './payment-intent-decisions.js';
import { completeActionStateMessage, unexpectedState } from './payment-intent-failures.js';
import type { PaymentIntent } from './payment-intent-model.js';
import { loadPaymentMethod } from '../payment-methods/payment-method-commands.js';
import { writeDecision } from './payment-intent-commands.js';

export type ActionOutcome = 'authenticate' | 'fail';

/**
 * Completes `intent`, which the caller read with its row locked in this transaction.
 * `authenticate`: the card's answer after a passed challenge (approved → succeeded or
 * requires_capture; `required_then_declined` cards decline, answered as payment_intent_declined like
 * confirm). `fail`: requires_payment_method with last_payment_error payment_intent_authentication_failure.
 */
export async function completePaymentIntentAction(
  context: CommandContext,
  intent: PaymentIntent,
  outcome: ActionOutcome,
): Promise<Outcome<Snapshot<PaymentIntent>>> {
  if (intent.status !== 'requires_action' || intent.payment_method === null) {
    return fail({ code: 'payment_intent_failure', failure: unexpectedState(intent, completeActionStateMessage(intent.status)) });
  }
  const loaded = await loadPaymentMethod(context, intent.payment_method);
  if (!loaded.ok) throw new Error(`invariant: ${intent.id} in requires_action has a loadable payment method`);
  const paymentMethod = loaded.value;
  const network: CardOutcome =
    outcome === 'fail'
      ? { kind: 'authentication_failed' }
      : cardOutcome(paymentMethod.behaviour, { off_session: false, setup_future_usage: intent.setup_future_usage, authenticated: true });
  const decided = decideCompleteAction(intent, network, {
    now: context.now,
    charge_id: context.runtime.ids.next(charge_id_prefix),
    action_url: '',
  });
  if (!decided.ok) return fail({ code: 'payment_intent_failure', failure: decided.failure });
  return writeDecision(context, decided.value, paymentMethod);
}
