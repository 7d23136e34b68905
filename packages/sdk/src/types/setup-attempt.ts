// The SetupAttempt object (one per confirmation of a SetupIntent), in Stripe's wire shape, and the
// params of GET /v1/setup_attempts, which lists the attempts of one SetupIntent.

import type { Customer } from './customer.js';
import type { Expandable, StripeObjectBase } from './expandable.js';
import type { PaginationParams, RangeQueryParam } from './list.js';
import type { ExpandParams } from './metadata.js';
import type { PaymentIntentLastPaymentError } from './payment-intent.js';
import type { CardCheckResult, PaymentMethod } from './payment-method.js';
import type { SetupIntent } from './setup-intent.js';

export type SetupAttemptStatus = 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'abandoned';

export interface SetupAttemptPaymentMethodDetailsCard {
  brand: string | null;
  checks: { address_line1_check: CardCheckResult; address_postal_code_check: CardCheckResult; cvc_check: CardCheckResult } | null;
  country: string | null;
  exp_month: number | null;
  exp_year: number | null;
  fingerprint?: string | null;
  funding: string | null;
  last4: string | null;
  network: string | null;
  three_d_secure: { [field: string]: unknown } | null;
  wallet: { type: string; [field: string]: unknown } | null;
}

export interface SetupAttemptPaymentMethodDetails {
  type: string;
  card?: SetupAttemptPaymentMethodDetailsCard;
  [field: string]: unknown;
}

export interface SetupAttempt {
  id: string;
  object: 'setup_attempt';
  application: Expandable<StripeObjectBase> | null;
  attach_to_self?: boolean;
  /** Unix seconds. */
  created: number;
  customer: Expandable<Customer> | null;
  customer_account?: string | null;
  flow_directions: ('inbound' | 'outbound')[] | null;
  livemode: boolean;
  on_behalf_of: Expandable<StripeObjectBase> | null;
  payment_method: Expandable<PaymentMethod>;
  payment_method_details: SetupAttemptPaymentMethodDetails;
  /** Why the attempt failed; null unless `status` is `failed`. */
  setup_error: PaymentIntentLastPaymentError | null;
  setup_intent: Expandable<SetupIntent>;
  status: SetupAttemptStatus;
  usage: string;
}

export interface SetupAttemptListParams extends PaginationParams, ExpandParams {
  /** The SetupIntent whose attempts to list (required). */
  setup_intent: string;
  created?: RangeQueryParam;
}
