// The fields each searchable resource accepts, and the kind that decides which operators a field takes.
// Transcribed from "Supported query fields for each resource" at https://docs.stripe.com/search, where
// Stripe's types are token, string and numeric; metadata is listed there as a token.

/**
 * - `string`: `:` (all query words, in order, case-insensitive) and `~` (substring, case-insensitive).
 * - `token`: `:` only (whole value, case-insensitive).
 * - `number`: `:` `>` `>=` `<` `<=` (Stripe calls it numeric).
 * - `metadata`: `metadata["key"]:value`, matched like a token.
 */
export type SearchFieldKind = 'string' | 'token' | 'number' | 'metadata';

/** Field name (dotted for nested fields) to kind. Each search endpoint passes its own table to the parser. */
export type SearchFieldTable = Readonly<Record<string, SearchFieldKind>>;

export const customerSearchFields: SearchFieldTable = {
  created: 'number',
  email: 'string',
  metadata: 'metadata',
  name: 'string',
  phone: 'string',
};

export const paymentIntentSearchFields: SearchFieldTable = {
  amount: 'number',
  created: 'number',
  currency: 'token',
  customer: 'token',
  metadata: 'metadata',
  status: 'token',
};

// Stripe documents `payment_method_details.{{SOURCE}}.x` with SOURCE one of card, card_present,
// interac_present; the table spells every combination out so the parser stays a plain lookup.
const chargeCardSources = ['card', 'card_present', 'interac_present'] as const;
const chargeCardFields = ['last4', 'exp_month', 'exp_year', 'brand', 'fingerprint'] as const;

/**
 * Note for the store: Stripe gives `refunded` three meanings ("true" = fully refunded, "false" =
 * partially refunded, null = not refunded), so its column is not the charge's `refunded` boolean.
 */
export const chargeSearchFields: SearchFieldTable = {
  amount: 'number',
  'billing_details.address.postal_code': 'token',
  created: 'number',
  currency: 'token',
  customer: 'token',
  disputed: 'token',
  metadata: 'metadata',
  ...Object.fromEntries(
    chargeCardSources.flatMap((source) => chargeCardFields.map((field) => [`payment_method_details.${source}.${field}`, 'token' as const])),
  ),
  refunded: 'token',
  status: 'token',
};

export const invoiceSearchFields: SearchFieldTable = {
  created: 'number',
  currency: 'token',
  customer: 'token',
  metadata: 'metadata',
  number: 'string',
  receipt_number: 'string',
  status: 'string',
  subscription: 'string',
  total: 'number',
};

export const priceSearchFields: SearchFieldTable = {
  active: 'token',
  currency: 'token',
  lookup_key: 'string',
  metadata: 'metadata',
  product: 'string',
  type: 'token',
};

export const productSearchFields: SearchFieldTable = {
  active: 'token',
  description: 'string',
  metadata: 'metadata',
  name: 'string',
  shippable: 'token',
  url: 'string',
};

export const subscriptionSearchFields: SearchFieldTable = {
  created: 'number',
  metadata: 'metadata',
  status: 'token',
};
