// Completing a SetupIntent's next action: the customer passed (or failed) the 3D Secure step on
// Tender's hosted page. Given the intent the page read (its row locked on PostgreSQL), loads its
// payment method and its latest SetupAttempt, asks the simulated network what saving the card does
// once authenticated, decides with decideCompleteSetupAction, and writes the intent, the attempt,
// the saved PaymentMethod and the events in the caller's transaction with the writer confirm uses
// (writeDecision).
import type { ActionOutcome } from '../payment-intents/payment-intent-actions.js';
import type { CardOutcome } from '../payment-intents/card-outcome.js';
import { loadPaymentMethod, prepareAttachLoaded, type PreparedAttach } from '../payment-methods/payment-method-commands.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, type Outcome } from '../shared/failures.js';
import type { Snapshot } from '../shared/snapshot.js';
import { decideAuthenticatedSetupAttempt } from '../setup-attempts/setup-attempt-decisions.js';
import type { SetupAttempt } from '../setup-attempts/setup-attempt-model.js';
import { findSetupAttemptJson } from '../setup-attempts/setup-attempt-records.js';
import { siFailure, withFailedPaymentMethod, writeDecision, type WriteAttempt } from './setup-intent-commands.js';
import { decideCompleteSetupAction, setupCardOutcome } from './setup-intent-decisions.js';
import { completeActionStateMessage, unexpectedState } from './setup-intent-failures.js';
import type { SetupIntent } from './setup-intent-model.js';

/**
 * Completes `intent`, which the caller read with its row locked in this transaction.
 * `authenticate`: the card is saved (attached to the intent's customer, if any) and the intent
 * succeeds. `fail`: requires_payment_method with last_setup_error setup_intent_authentication_failure.
 * Either way the latest SetupAttempt records the 3D Secure result.
 */
export async function completeSetupIntentAction(
  context: CommandContext,
  intent: SetupIntent,
  outcome: ActionOutcome,
): Promise<Outcome<Snapshot<SetupIntent>>> {
  if (intent.status !== 'requires_action' || intent.payment_method === null) {
    return fail(siFailure(unexpectedState(intent, completeActionStateMessage(intent.status))));
  }
  const found = await loadPaymentMethod(context, intent.payment_method);
  if (!found.ok) throw new Error(`invariant: ${intent.id} in requires_action has a loadable payment method`);
  const paymentMethod = found.value;
  const network: CardOutcome =
    outcome === 'fail' ? { kind: 'authentication_failed' } : setupCardOutcome(paymentMethod.behaviour, intent.usage, true);

  let attach: PreparedAttach | null = null;
  if (network.kind === 'approved' && intent.customer !== null) {
    const prepared = await prepareAttachLoaded(context, paymentMethod, intent.customer);
    if (!prepared.ok) return prepared;
    attach = prepared.value;
  }
  const decided = decideCompleteSetupAction(
    intent,
    network,
    attach === null ? {} : { saved_payment_method: attach.payment_method.object.id },
  );
  if (!decided.ok) return fail(siFailure(decided.failure));
  const completed = withFailedPaymentMethod(decided.value.intent, paymentMethod.object);

  let attempt: WriteAttempt | null = null;
  // Intents that reached requires_action before SetupAttempts existed have none to complete.
  const attemptJson =
    intent.latest_attempt === null ? null : await findSetupAttemptJson(context.tx, context.store, context.scope, intent.latest_attempt);
  if (attemptJson !== null) {
    const latest = JSON.parse(attemptJson) as SetupAttempt;
    const next = decideAuthenticatedSetupAttempt(
      latest,
      network.kind === 'approved' ? 'authenticated' : 'authentication_failed',
      completed,
      {
        transaction_id: context.runtime.ids.uuidV4(),
        payment_method: completed.payment_method ?? latest.payment_method,
      },
    );
    attempt = { object: next, is_new: false };
  }
  return writeDecision(context, { ...decided.value, intent: completed, attach, payment_method: paymentMethod, attempt });
}
