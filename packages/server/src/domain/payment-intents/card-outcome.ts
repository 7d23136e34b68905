// What the simulated card network answers for one payment attempt, from the card's catalogue
// behaviour and the attempt's context (contract §5). Pure: the caller says whether the customer has
// just authenticated and whether the card was set up for off-session use earlier.
import { declineError, type Decline } from '../cards/card-messages.js';
import type { CardBehaviour, ThreeDSecureBehaviour } from '../cards/test-card-catalogue.js';
import type { SetupFutureUsage } from './payment-intent-model.js';

export interface CardAttemptContext {
  off_session: boolean;
  setup_future_usage: SetupFutureUsage | null;
  /** Result of the 3D Secure step the customer just went through; undefined when none happened. */
  authenticated?: boolean;
  /** The card was set up for off-session use by an earlier SetupIntent or payment. */
  set_up_for_off_session?: boolean;
}

export interface AttemptError {
  code: string;
  decline_code: string | null;
  param: string | null;
  message: string;
}

export type CardOutcome =
  | { kind: 'approved'; risk_level: 'normal' | 'highest'; funds: 'pending' | 'available' }
  | { kind: 'declined'; error: AttemptError; blocked: boolean }
  | { kind: 'requires_action' }
  | { kind: 'authentication_failed' };

/** Off-session, a card that needs authentication is refused (contract §5). Message as Stripe answers it [inf from memory]. */
export const authentication_required_error: AttemptError = {
  code: 'authentication_required',
  decline_code: 'authentication_required',
  param: null,
  message: 'Your card was declined. This transaction requires authentication.',
};

const approved: Extract<CardOutcome, { kind: 'approved' }> = { kind: 'approved', risk_level: 'normal', funds: 'pending' };

function declined(decline: Decline, blocked = false): CardOutcome {
  return { kind: 'declined', error: declineError(decline), blocked };
}

/**
 * E.g. `cardOutcome({kind:'three_d_secure', three_d_secure:{kind:'required_always'}}, {off_session:true,
 * setup_future_usage:null})` → declined with authentication_required.
 */
export function cardOutcome(behaviour: CardBehaviour, context: CardAttemptContext): CardOutcome {
  switch (behaviour.kind) {
    case 'decline':
    case 'attach_succeeds_charge_fails':
      return declined(behaviour.decline);
    case 'radar_block':
      return declined({ code: 'card_declined', decline_code: 'fraudulent' }, true);
    case 'highest_risk':
      // Radar rules decide; with none configured the payment goes through [inf].
      return { ...approved, risk_level: 'highest' };
    case 'bypass_pending':
      return { ...approved, funds: 'available' };
    case 'three_d_secure':
      return threeDSecureOutcome(behaviour.three_d_secure, context);
    // Checks that fail, disputes, fraud warnings and refund behaviours all approve the charge itself;
    // what follows (a failed check flag, a dispute, a refund that fails) happens elsewhere.
    case 'approve':
    case 'check_fails':
    case 'dispute':
    case 'early_fraud_warning':
    case 'refund_pending':
    case 'refund_fails':
      return approved;
  }
}

function threeDSecureOutcome(behaviour: ThreeDSecureBehaviour, context: CardAttemptContext): CardOutcome {
  switch (behaviour.kind) {
    case 'not_supported':
    case 'optional':
      return approved;
    case 'already_set_up_for_off_session':
      return context.off_session ? approved : challenge(context, approved);
    case 'required_unless_set_up_for_off_session':
      return context.off_session && context.set_up_for_off_session === true ? approved : challenge(context, approved);
    case 'required_always':
      return challenge(context, approved);
    case 'required_then_declined':
      return challenge(context, declined(behaviour.decline));
  }
}

/** The card asks for authentication: off-session it cannot, so it is refused; on-session it asks once. */
function challenge(context: CardAttemptContext, afterAuthentication: CardOutcome): CardOutcome {
  if (context.authenticated === true) return afterAuthentication;
  if (context.authenticated === false) return { kind: 'authentication_failed' };
  if (context.off_session) return { kind: 'declined', error: authentication_required_error, blocked: false };
  return { kind: 'requires_action' };
}
