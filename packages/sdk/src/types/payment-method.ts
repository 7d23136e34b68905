// The PaymentMethod object (type card) and the params of its endpoints, in Stripe's wire shape.

import type { Customer } from './customer.js';
import type { Expandable } from './expandable.js';
import type { PaginationParams } from './list.js';
import type { Address, AddressParam, ExpandParams, Metadata, MetadataParam } from './metadata.js';

export interface PaymentMethodBillingDetails {
  address: Address | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  tax_id?: string | null;
}

/** Result of a check the issuer ran: `null` when it was not run. */
export type CardCheckResult = 'pass' | 'fail' | 'unavailable' | 'unchecked' | null;

export interface PaymentMethodCardChecks {
  address_line1_check: CardCheckResult;
  address_postal_code_check: CardCheckResult;
  cvc_check: CardCheckResult;
}

export interface PaymentMethodCard {
  /** `visa`, `mastercard`, `amex`, `discover`, `diners`, `jcb`, `unionpay` or `unknown`. */
  brand: string;
  checks: PaymentMethodCardChecks | null;
  /** Two-letter ISO code of the issuing country. */
  country: string | null;
  display_brand?: string | null;
  exp_month: number;
  exp_year: number;
  /** The same card number gives the same fingerprint within an account. */
  fingerprint?: string | null;
  /** `credit`, `debit`, `prepaid` or `unknown`. */
  funding: string;
  generated_from: Record<string, unknown> | null;
  last4: string;
  networks: { available: string[]; preferred: string | null } | null;
  regulated_status?: 'regulated' | 'unregulated' | null;
  three_d_secure_usage: { supported: boolean } | null;
  wallet: Record<string, unknown> | null;
}

export interface PaymentMethod {
  id: string;
  object: 'payment_method';
  allow_redisplay?: 'always' | 'limited' | 'unspecified';
  billing_details: PaymentMethodBillingDetails;
  /** Present when `type` is `card`. */
  card?: PaymentMethodCard;
  /** Unix seconds. */
  created: number;
  /** The customer it is attached to; expand with `expand: ['customer']`. */
  customer: Expandable<Customer> | null;
  livemode: boolean;
  metadata: Metadata | null;
  /** Tender supports `card`; Stripe has many more. */
  type: string;
}

export interface PaymentMethodBillingDetailsParam {
  address?: AddressParam | '';
  email?: string | '';
  name?: string | '';
  phone?: string | '';
}

/** Raw card details (test cards only on Tender), or a token from `/v1/tokens`. */
export type PaymentMethodCardParam = { number: string; exp_month: number; exp_year: number; cvc?: string } | { token: string };

export interface PaymentMethodCreateParams extends ExpandParams {
  type?: 'card';
  card?: PaymentMethodCardParam;
  billing_details?: PaymentMethodBillingDetailsParam;
  metadata?: MetadataParam;
  allow_redisplay?: 'always' | 'limited' | 'unspecified';
  /** With Connect: the customer whose PaymentMethod to clone. */
  customer?: string;
  /** With Connect: the PaymentMethod to clone. */
  payment_method?: string;
}

export type PaymentMethodRetrieveParams = ExpandParams;

export interface PaymentMethodUpdateParams extends ExpandParams {
  billing_details?: PaymentMethodBillingDetailsParam;
  card?: { exp_month?: number; exp_year?: number };
  metadata?: MetadataParam;
  allow_redisplay?: 'always' | 'limited' | 'unspecified';
}

export interface PaymentMethodListParams extends PaginationParams, ExpandParams {
  customer?: string;
  type?: string;
}

export interface PaymentMethodAttachParams extends ExpandParams {
  customer: string;
}

export type PaymentMethodDetachParams = ExpandParams;
