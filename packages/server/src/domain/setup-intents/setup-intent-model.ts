// The SetupIntent (`seti_`) as it goes on the wire (fixture `resources.setup_intent`): snake_case,
// every nullable field present as null. A SetupIntent saves a card for later payments; no money
// moves. Invariants (assertSetupIntent): next_action is set exactly in requires_action, and a
// canceled intent has a cancellation_reason or none, never while another status.
import type { NextAction, PaymentError } from '../payment-intents/payment-intent-model.js';

export const setup_intent_id_prefix = 'seti';

export type SetupIntentStatus =
  'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'canceled' | 'succeeded';

export type SetupIntentUsage = 'off_session' | 'on_session';

export type SetupIntentCancellationReason = 'abandoned' | 'requested_by_customer' | 'duplicate';

export interface SetupIntent {
  id: string;
  object: 'setup_intent';
  application: null;
  automatic_payment_methods: { enabled: boolean; allow_redirects?: 'always' | 'never' } | null;
  cancellation_reason: SetupIntentCancellationReason | null;
  client_secret: string;
  created: number;
  customer: string | null;
  description: string | null;
  excluded_payment_method_types: null;
  flow_directions: null;
  last_setup_error: PaymentError | null;
  /** The SetupAttempt (`setatt_`) of the latest confirm; null until the first one. */
  latest_attempt: string | null;
  livemode: boolean;
  mandate: null;
  metadata: Record<string, string>;
  next_action: NextAction | null;
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_configuration_details: null;
  payment_method_options: { card: { mandate_options: null; network: null; request_three_d_secure: 'automatic' } };
  payment_method_types: string[];
  single_use_mandate: null;
  status: SetupIntentStatus;
  usage: SetupIntentUsage;
}

export class SetupIntentAssertionError extends Error {
  override name = 'SetupIntentAssertionError';
}

/** A programmer error: stays on in production; the write rolls back and answers api_error. */
export function assertSetupIntent(condition: boolean, message: string): asserts condition {
  if (!condition) throw new SetupIntentAssertionError(message);
}

/** The invariants every intent a decision returns must keep. */
export function assertIntent(intent: SetupIntent): void {
  assertSetupIntent(
    (intent.status === 'requires_action') === (intent.next_action !== null),
    'next_action is set exactly in requires_action',
  );
  assertSetupIntent(intent.status === 'canceled' || intent.cancellation_reason === null, 'only a canceled intent has a reason');
  if (intent.status === 'succeeded' || intent.status === 'requires_action' || intent.status === 'requires_confirmation') {
    assertSetupIntent(intent.payment_method !== null, `a ${intent.status} intent has a payment_method`);
  }
}
