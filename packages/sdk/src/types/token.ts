// The Token object (type card) and the params of its endpoints.

import type { ExpandParams, Metadata } from './metadata.js';

/** The card a token stands for, in the older Card object's shape. */
export interface TokenCard {
  id: string;
  object: 'card';
  address_city: string | null;
  address_country: string | null;
  address_line1: string | null;
  address_line1_check: string | null;
  address_line2: string | null;
  address_state: string | null;
  address_zip: string | null;
  address_zip_check: string | null;
  /** `Visa`, `MasterCard`, `American Express`, … (capitalised, unlike PaymentMethod). */
  brand: string;
  country: string | null;
  cvc_check: string | null;
  dynamic_last4: string | null;
  exp_month: number;
  exp_year: number;
  fingerprint?: string | null;
  funding: string;
  last4: string;
  metadata: Metadata | null;
  name: string | null;
  networks?: { preferred: string | null } | null;
  regulated_status?: 'regulated' | 'unregulated' | null;
  tokenization_method: string | null;
}

export interface Token {
  id: string;
  object: 'token';
  card?: TokenCard;
  client_ip: string | null;
  /** Unix seconds. */
  created: number;
  livemode: boolean;
  type: string;
  /** A token can be used once; a second use is `token_already_used`. */
  used: boolean;
}

export interface TokenCardParam {
  number: string;
  exp_month: number | string;
  exp_year: number | string;
  cvc?: string;
  name?: string;
  address_line1?: string;
  address_line2?: string;
  address_city?: string;
  address_state?: string;
  address_zip?: string;
  address_country?: string;
  currency?: string;
}

export interface TokenCreateParams extends ExpandParams {
  card?: TokenCardParam | string;
  customer?: string;
}

export type TokenRetrieveParams = ExpandParams;
