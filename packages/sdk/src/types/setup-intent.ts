// The SetupIntent object, in Stripe's wire shape, and the params of /v1/setup_intents. A SetupIntent
// saves a payment method for later payments (off session by default); no money moves.

import type { EncodableValue } from '../core/encode.js';
import type { Customer } from './customer.js';
import type { Expandable, StripeObjectBase } from './expandable.js';
import type { PaginationParams, RangeQueryParam } from './list.js';
import type { ExpandParams, Metadata, MetadataParam, PaymentMethodOptionsParam } from './metadata.js';
import type { PaymentIntentLastPaymentError } from './payment-intent.js';
import type { PaymentMethod, PaymentMethodBillingDetailsParam } from './payment-method.js';
import type { SetupAttempt } from './setup-attempt.js';

export type SetupIntentStatus =
  'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'canceled' | 'succeeded';

export type SetupIntentCancellationReason = 'abandoned' | 'duplicate' | 'requested_by_customer';

export type SetupIntentUsage = 'off_session' | 'on_session';

/** The error of the last failed setup attempt, as in an error envelope. */
export type SetupIntentLastSetupError = PaymentIntentLastPaymentError;

export interface SetupIntent {
  id: string;
  object: 'setup_intent';
  application: Expandable<StripeObjectBase> | null;
  attach_to_self?: boolean;
  automatic_payment_methods: { allow_redirects?: 'always' | 'never'; enabled: boolean | null } | null;
  cancellation_reason: SetupIntentCancellationReason | null;
  /** Hand this to the client side to confirm there; it can read and confirm this intent only. */
  client_secret: string | null;
  /** Unix seconds. */
  created: number;
  /** The customer the PaymentMethod is attached to once the setup succeeds. */
  customer: Expandable<Customer> | null;
  description: string | null;
  excluded_payment_method_types?: string[] | null;
  flow_directions: ('inbound' | 'outbound')[] | null;
  last_setup_error: SetupIntentLastSetupError | null;
  /** The most recent attempt to confirm; expand with `expand: ['latest_attempt']`. */
  latest_attempt: Expandable<SetupAttempt> | null;
  livemode: boolean;
  mandate: Expandable<StripeObjectBase> | null;
  metadata: Metadata | null;
  /** What the customer must do next, e.g. `{ type: 'use_stripe_sdk', … }` for 3D Secure. */
  next_action: { type: string; [field: string]: unknown } | null;
  on_behalf_of: Expandable<StripeObjectBase> | null;
  payment_method: Expandable<PaymentMethod> | null;
  payment_method_configuration_details?: { id: string; parent: string | null } | null;
  payment_method_options: Record<string, unknown> | null;
  payment_method_types: string[];
  single_use_mandate: Expandable<StripeObjectBase> | null;
  status: SetupIntentStatus;
  usage: SetupIntentUsage;
}

/** Details to create a PaymentMethod with, instead of naming one with `payment_method`. */
export type SetupIntentPaymentMethodDataParam = {
  /** E.g. `card`, `sepa_debit`, `us_bank_account`; the field of that name holds its details. */
  type: string;
  billing_details?: PaymentMethodBillingDetailsParam;
  metadata?: { readonly [key: string]: string };
} & { readonly [field: string]: EncodableValue };

/** Proof the customer accepted a mandate, for payment methods that need one. */
export interface SetupIntentMandateDataParam {
  customer_acceptance: {
    type: 'offline' | 'online';
    accepted_at?: number;
    offline?: Record<string, never>;
    online?: { ip_address: string; user_agent: string };
  };
}

/** Per type, e.g. `{ card: { request_three_d_secure: 'any' } }`. */
export type SetupIntentPaymentMethodOptionsParam = PaymentMethodOptionsParam;

/** Params a SetupIntent takes on create and update. */
interface SetupIntentWritableParams extends ExpandParams {
  attach_to_self?: boolean;
  customer?: string;
  description?: string;
  flow_directions?: ('inbound' | 'outbound')[];
  metadata?: MetadataParam;
  /** A PaymentMethod id, or a magic test id such as `pm_card_visa`. */
  payment_method?: string;
  payment_method_data?: SetupIntentPaymentMethodDataParam;
  payment_method_options?: SetupIntentPaymentMethodOptionsParam;
  payment_method_types?: string[];
}

export interface SetupIntentCreateParams extends SetupIntentWritableParams {
  automatic_payment_methods?: { enabled: boolean; allow_redirects?: 'always' | 'never' };
  /** Confirm at once: the setup is attempted in the same request. */
  confirm?: boolean;
  mandate_data?: SetupIntentMandateDataParam | '';
  on_behalf_of?: string;
  /** Where to send the customer back after 3D Secure or a redirect; only with `confirm: true`. */
  return_url?: string;
  single_use?: { amount: number; currency: string };
  /** `off_session` (the default) to charge the saved method later without the customer present. */
  usage?: SetupIntentUsage;
  use_stripe_sdk?: boolean;
}

export type SetupIntentUpdateParams = SetupIntentWritableParams;

export type SetupIntentRetrieveParams = ExpandParams & { client_secret?: string };

export interface SetupIntentListParams extends PaginationParams, ExpandParams {
  attach_to_self?: boolean;
  created?: RangeQueryParam;
  customer?: string;
  payment_method?: string;
}

export interface SetupIntentConfirmParams extends ExpandParams {
  client_secret?: string;
  mandate_data?: SetupIntentMandateDataParam | '';
  payment_method?: string;
  payment_method_data?: SetupIntentPaymentMethodDataParam;
  payment_method_options?: SetupIntentPaymentMethodOptionsParam;
  return_url?: string;
  use_stripe_sdk?: boolean;
}

export interface SetupIntentCancelParams extends ExpandParams {
  cancellation_reason?: SetupIntentCancellationReason;
}
