// Pure SetupAttempt decisions: the attempt a confirm creates, how the 3D Secure step ends it, and
// abandoning one the SetupIntent left behind. Each takes the SetupIntent as its own decision left it,
// so the attempt always shows the intent's customer, usage and error of that moment; no I/O.
import type { PaymentMethodCard } from '../payment-methods/payment-method-model.js';
import type { SetupIntent } from '../setup-intents/setup-intent-model.js';
import {
  assertAttempt,
  assertSetupAttempt,
  type SetupAttempt,
  type SetupAttemptCard,
  type ThreeDSecureDetails,
} from './setup-attempt-model.js';
import { setupAttemptTransition, type SetupAttemptEvent } from './setup-attempt-state-machine.js';

export interface NewSetupAttemptFacts {
  id: string;
  created: number;
  /** The payment method this confirmation used, as saved (a new pm_ when a magic id was attached). */
  payment_method: { id: string; card: PaymentMethodCard };
}

/**
 * The attempt a confirm creates. `intent` is the SetupIntent after the confirm, already pointing at
 * this attempt through latest_attempt.
 *
 * @example decideNewSetupAttempt(confirmedIntent, 'approved', { id: 'setatt_1', created, payment_method })
 */
export function decideNewSetupAttempt(
  intent: SetupIntent,
  event: Extract<SetupAttemptEvent, 'approved' | 'requires_action' | 'declined'>,
  facts: NewSetupAttemptFacts,
): SetupAttempt {
  assertSetupAttempt(intent.latest_attempt === facts.id, 'the confirmed intent points at its new attempt');
  const row = setupAttemptTransition(null, event);
  const attempt: SetupAttempt = {
    id: facts.id,
    object: 'setup_attempt',
    application: null,
    created: facts.created,
    customer: intent.customer,
    customer_account: null,
    flow_directions: null,
    livemode: intent.livemode,
    on_behalf_of: null,
    payment_method: facts.payment_method.id,
    payment_method_details: { card: attemptCard(facts.payment_method.card), type: 'card' },
    setup_error: row.to === 'failed' ? intent.last_setup_error : null,
    setup_intent: intent.id,
    status: row.to,
    usage: intent.usage,
  };
  assertAttempt(attempt);
  return attempt;
}

export interface AuthenticationFacts {
  /** The 3D Secure server's id for this authentication (a UUID on Stripe). */
  transaction_id: string;
  /** The payment method id the card ends up under (a new pm_ when a magic id was attached). */
  payment_method: string;
}

/** The customer answered the 3D Secure challenge; `intent` is the SetupIntent as that answer left it. */
export function decideAuthenticatedSetupAttempt(
  attempt: SetupAttempt,
  event: Extract<SetupAttemptEvent, 'authenticated' | 'authentication_failed'>,
  intent: SetupIntent,
  facts: AuthenticationFacts,
): SetupAttempt {
  assertSetupAttempt(intent.latest_attempt === attempt.id, 'the intent completes its latest attempt');
  const row = setupAttemptTransition(attempt.status, event);
  const card = attempt.payment_method_details.card;
  const result = event === 'authenticated' ? 'authenticated' : 'failed';
  const next: SetupAttempt = {
    ...attempt,
    payment_method: facts.payment_method,
    payment_method_details: {
      ...attempt.payment_method_details,
      card: { ...card, three_d_secure: threeDSecure(result, card.brand, facts.transaction_id) },
    },
    setup_error: row.to === 'failed' ? intent.last_setup_error : null,
    status: row.to,
  };
  assertAttempt(next);
  return next;
}

/** An attempt still waiting for 3D Secure when its intent is canceled or given a new payment method; null: nothing changes. */
export function decideAbandonSetupAttempt(attempt: SetupAttempt): SetupAttempt | null {
  if (attempt.status !== 'requires_action') return null;
  const next: SetupAttempt = { ...attempt, status: setupAttemptTransition(attempt.status, 'abandoned').to };
  assertAttempt(next);
  return next;
}

function attemptCard(card: PaymentMethodCard): SetupAttemptCard {
  return {
    brand: card.brand,
    checks: card.checks,
    country: card.country,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    fingerprint: card.fingerprint,
    funding: card.funding,
    last4: card.last4,
    // As on Tender's charges: every test card runs on its own brand's network.
    network: card.brand,
    three_d_secure: null,
    wallet: null,
  };
}

/**
 * Tender's hosted page is a challenge flow. [inf] The electronic commerce indicator is the one a
 * fully authenticated transaction gets on each network (Mastercard 02, the others 05), none when
 * authentication failed; the version is 3DS 2.2.0.
 */
function threeDSecure(result: 'authenticated' | 'failed', brand: string, transaction_id: string): ThreeDSecureDetails {
  return {
    authentication_flow: 'challenge',
    electronic_commerce_indicator: result === 'failed' ? null : brand === 'mastercard' ? '02' : '05',
    result,
    result_reason: null,
    transaction_id,
    version: '2.2.0',
  };
}
