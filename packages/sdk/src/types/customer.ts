// The Customer object and the params of its endpoints, in Stripe's wire shape.

import type { Expandable, StripeObjectBase } from './expandable.js';
import type { PaginationParams, RangeQueryParam, SearchParams } from './list.js';
import type { Address, AddressParam, ExpandParams, Metadata, MetadataParam } from './metadata.js';

export interface CustomerShipping {
  address: Address;
  name: string;
  phone: string | null;
}

export interface CustomerInvoiceSettings {
  custom_fields: { name: string; value: string }[] | null;
  default_payment_method: Expandable<StripeObjectBase> | null;
  footer: string | null;
  rendering_options: { amount_tax_display: string | null; template?: string | null } | null;
}

export interface Customer {
  id: string;
  object: 'customer';
  address: Address | null;
  /** Minor units; negative is credit the customer can spend. */
  balance: number;
  /** Unix seconds. */
  created: number;
  currency: string | null;
  default_source: Expandable<StripeObjectBase> | null;
  delinquent: boolean | null;
  description: string | null;
  discount: StripeObjectBase | null;
  email: string | null;
  invoice_prefix: string | null;
  invoice_settings: CustomerInvoiceSettings;
  livemode: boolean;
  metadata: Metadata;
  name: string | null;
  next_invoice_sequence?: number;
  phone: string | null;
  preferred_locales: string[] | null;
  shipping: CustomerShipping | null;
  tax_exempt: 'none' | 'exempt' | 'reverse' | null;
  test_clock: Expandable<StripeObjectBase> | null;
  deleted?: undefined;
}

/** What deleting (or retrieving a deleted) customer returns. */
export interface DeletedCustomer {
  id: string;
  object: 'customer';
  deleted: true;
}

export interface CustomerShippingParam {
  address: AddressParam;
  name: string;
  phone?: string;
}

export interface CustomerInvoiceSettingsParam {
  custom_fields?: { name: string; value: string }[] | '';
  default_payment_method?: string;
  footer?: string;
  rendering_options?: { amount_tax_display?: '' | 'exclude_tax' | 'include_inclusive_tax'; template?: string } | '';
}

interface CustomerWritableParams extends ExpandParams {
  address?: AddressParam | '';
  balance?: number;
  description?: string;
  email?: string;
  invoice_prefix?: string;
  invoice_settings?: CustomerInvoiceSettingsParam;
  metadata?: MetadataParam;
  name?: string;
  next_invoice_sequence?: number;
  phone?: string;
  preferred_locales?: string[];
  shipping?: CustomerShippingParam | '';
  tax_exempt?: '' | 'none' | 'exempt' | 'reverse';
}

export interface CustomerCreateParams extends CustomerWritableParams {
  payment_method?: string;
  source?: string;
  test_clock?: string;
}

export interface CustomerUpdateParams extends CustomerWritableParams {
  default_source?: string;
  source?: string;
}

export type CustomerRetrieveParams = ExpandParams;

export interface CustomerListParams extends PaginationParams, ExpandParams {
  created?: RangeQueryParam;
  email?: string;
  test_clock?: string;
}

/** `query` fields: created, email, metadata, name, phone; e.g. `email:"jenny@example.com"`. */
export type CustomerSearchParams = SearchParams & ExpandParams;

export type CustomerDeleteParams = Record<string, never>;
