// The SetupAttempt (`setatt_`) as it goes on the wire (fixture `resources.setup_attempt`): one
// confirmation of a SetupIntent, with the intent's customer and usage as they were at that moment.
// Invariants (assertAttempt): only a failed attempt carries a setup_error, and an attempt still
// waiting for the 3D Secure step has no 3D Secure result.
import type { PaymentError } from '../payment-intents/payment-intent-model.js';
import type { PaymentMethodCard } from '../payment-methods/payment-method-model.js';
import type { SetupIntentUsage } from '../setup-intents/setup-intent-model.js';

export const setup_attempt_id_prefix = 'setatt';

export type SetupAttemptStatus = 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'abandoned';

/** spec: three_d_secure_details, plus the newer electronic_commerce_indicator and transaction_id. */
export interface ThreeDSecureDetails {
  authentication_flow: 'challenge' | 'frictionless' | null;
  electronic_commerce_indicator: '01' | '02' | '05' | '06' | '07' | null;
  result: 'authenticated' | 'failed' | null;
  result_reason: null;
  transaction_id: string | null;
  version: '2.2.0' | null;
}

/** spec: setup_attempt_payment_method_details_card: the card as it was at this confirmation. */
export interface SetupAttemptCard {
  brand: string;
  checks: PaymentMethodCard['checks'];
  country: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
  funding: string;
  last4: string;
  network: string;
  three_d_secure: ThreeDSecureDetails | null;
  wallet: null;
}

/**
 * `attach_to_self` is left out: the spec marks it optional ("if present"), Stripe's own list example
 * and the latest fixture carry none, and Tender never sets it on a SetupIntent.
 */
export interface SetupAttempt {
  id: string;
  object: 'setup_attempt';
  application: null;
  created: number;
  customer: string | null;
  customer_account: null;
  flow_directions: null;
  livemode: boolean;
  on_behalf_of: null;
  payment_method: string;
  payment_method_details: { card: SetupAttemptCard; type: 'card' };
  /** The same error the SetupIntent's last_setup_error shows, with the payment method embedded [inf]. */
  setup_error: (PaymentError & { payment_method?: object }) | null;
  setup_intent: string;
  status: SetupAttemptStatus;
  usage: SetupIntentUsage;
}

export class SetupAttemptAssertionError extends Error {
  override name = 'SetupAttemptAssertionError';
}

/** A programmer error: stays on in production; the write rolls back and answers api_error. */
export function assertSetupAttempt(condition: boolean, message: string): asserts condition {
  if (!condition) throw new SetupAttemptAssertionError(message);
}

export function assertAttempt(attempt: SetupAttempt): void {
  assertSetupAttempt((attempt.status === 'failed') === (attempt.setup_error !== null), 'only a failed attempt has a setup_error');
  assertSetupAttempt(
    attempt.status !== 'requires_action' || attempt.payment_method_details.card.three_d_secure === null,
    'an attempt waiting for authentication has no 3D Secure result yet',
  );
}
