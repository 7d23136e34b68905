// Shapes shared by many objects and params.

import type { EncodableValue } from '../core/encode.js';

/** Key-value pairs stored on an object; values come back as strings. */
export type Metadata = Record<string, string>;

/** Metadata as sent: `''` or null deletes a key, and `metadata: ''` or null clears them all. */
export type MetadataParam = Record<string, string | number | null> | '' | null;

export interface Address {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export interface AddressParam {
  city?: string;
  country?: string;
  line1?: string;
  line2?: string;
  postal_code?: string;
  state?: string;
}

/**
 * `payment_method_options`: per payment method type, its options, e.g. `{ card: { request_three_d_secure:
 * 'any' } }`. `Cleared` is what else a type may be set to: PaymentIntents take `''` to clear one.
 */
export type PaymentMethodOptionsParam<Cleared = never> = {
  readonly [type: string]: { readonly [field: string]: EncodableValue } | Cleared | undefined;
};

/** `expand` paths, e.g. `['default_source']` or, on lists, `['data.default_source']`. */
export interface ExpandParams {
  expand?: string[];
}
