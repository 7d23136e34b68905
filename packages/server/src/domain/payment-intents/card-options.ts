// A PaymentIntent's `payment_method_options.card`: what the merchant asked of the card network for
// this payment. Tender acts on request_incremental_authorization (increment_authorization needs it,
// as on Stripe) and keeps the other requests as given. Unset (`''`) options are dropped.

export type CardRequest = 'if_available' | 'never';

export interface CardPaymentMethodOptions {
  installments: null;
  mandate_options: null;
  network: null;
  request_three_d_secure: 'any' | 'automatic' | 'challenge';
  request_extended_authorization?: CardRequest;
  request_incremental_authorization?: CardRequest;
  request_multicapture?: CardRequest;
  request_overcapture?: CardRequest;
}

export interface PaymentMethodOptions {
  card?: CardPaymentMethodOptions;
}

/** The options as given in a request: `payment_method_options[card][...]`, or '' to unset. */
export type PaymentMethodOptionsParam = { card?: Partial<Record<string, string>> | '' } | '';

const kept_card_requests = [
  'request_three_d_secure',
  'request_extended_authorization',
  'request_incremental_authorization',
  'request_multicapture',
  'request_overcapture',
] as const;

/**
 * The options after a request: the card's requests merge over the current ones; `''` for the card
 * (or for the whole) clears them.
 * @example mergePaymentMethodOptions({}, { card: { request_incremental_authorization: 'if_available' } })
 */
export function mergePaymentMethodOptions(
  current: PaymentMethodOptions,
  param: PaymentMethodOptionsParam | undefined,
): PaymentMethodOptions {
  if (param === undefined) return current;
  if (param === '' || param.card === '') return {};
  if (param.card === undefined) return current;
  const card: CardPaymentMethodOptions = current.card ?? {
    installments: null,
    mandate_options: null,
    network: null,
    request_three_d_secure: 'automatic',
  };
  const next: Record<string, unknown> = { ...card };
  for (const name of kept_card_requests) {
    const value = param.card[name];
    if (value === undefined) continue;
    if (value === '') delete next[name];
    else next[name] = value;
  }
  next.request_three_d_secure ??= 'automatic';
  return { card: next as unknown as CardPaymentMethodOptions };
}

/** Networks that allow raising an online authorization (Stripe's incremental authorization docs). */
export const incremental_authorization_brands: readonly string[] = ['visa', 'mastercard', 'amex', 'discover', 'unionpay'];

/** Whether an uncaptured authorization of `brand` under these options may be incremented later. */
export function incrementalAuthorizationAvailable(options: PaymentMethodOptions, brand: string): boolean {
  return options.card?.request_incremental_authorization === 'if_available' && incremental_authorization_brands.includes(brand);
}
