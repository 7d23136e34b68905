// The PaymentMethod object (type card) as Stripe sends it. The full number and CVC are never part of
// it: the card is described by brand, last4, expiry, funding, country and a keyed fingerprint. What
// the test-card catalogue says the card does is kept beside the object (see payment-method-records).
import type { Address } from '../customers/customer-model.js';

export interface BillingDetails {
  address: Address;
  email: string | null;
  name: string | null;
  phone: string | null;
  tax_id: string | null;
}

export type CheckResult = 'pass' | 'fail' | 'unavailable' | 'unchecked' | null;

export interface PaymentMethodCard {
  brand: string;
  checks: { address_line1_check: CheckResult; address_postal_code_check: CheckResult; cvc_check: CheckResult };
  country: string;
  display_brand: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
  funding: string;
  generated_from: null;
  last4: string;
  networks: { available: string[]; preferred: string | null };
  regulated_status: null;
  three_d_secure_usage: { supported: boolean };
  wallet: null;
}

export interface PaymentMethod {
  id: string;
  object: 'payment_method';
  allow_redisplay: 'unspecified';
  billing_details: BillingDetails;
  card: PaymentMethodCard;
  created: number;
  customer: string | null;
  livemode: boolean;
  metadata: Record<string, string>;
  type: 'card';
}

export const payment_method_id_prefix = 'pm';

export const empty_address: Address = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };
