// Pure decisions for PaymentMethods: build one from a resolved card, apply an update, attach and
// detach. No I/O: the command resolves the card, the token and the customer before calling in here.
import type { Address } from '../customers/customer-model.js';
import type { ResolveCardFailure, ResolvedCard } from '../cards/resolve-card.js';
import type { CardBehaviour } from '../cards/test-card-catalogue.js';
import { checkExpiry } from '../cards/card-number.js';
import { declineError } from '../cards/card-messages.js';
import { fail, succeed, type Failure, type Outcome } from '../shared/failures.js';
import { createMetadata, mergeMetadataWithinLimit, type MetadataParam } from '../shared/metadata.js';
import { empty_address, type BillingDetails, type PaymentMethod } from './payment-method-model.js';
import type { TokenCard } from '../tokens/token-model.js';

export type PaymentMethodParams = Record<string, unknown>;

export interface NewPaymentMethodFacts {
  id: string;
  created: number;
  livemode: boolean;
  customer: string | null;
  /** A CVC was supplied, so the CVC check will run (`unchecked` until then). */
  cvc_supplied: boolean;
}

/** Stripe's `display_brand` per brand. */
const display_brands: Readonly<Record<string, string>> = {
  amex: 'american_express',
  diners: 'diners_club',
  unionpay: 'union_pay',
  unknown: 'other',
};

export function buildPaymentMethod(
  card: ResolvedCard,
  params: PaymentMethodParams,
  facts: NewPaymentMethodFacts,
  baseBilling: BillingDetails = blankBillingDetails(),
): PaymentMethod {
  const billing_details = applyBillingDetails(baseBilling, params.billing_details as BillingParam | undefined);
  return {
    id: facts.id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details,
    card: {
      brand: card.brand,
      checks: {
        address_line1_check: billing_details.address.line1 === null ? null : 'unchecked',
        address_postal_code_check: billing_details.address.postal_code === null ? null : 'unchecked',
        cvc_check: facts.cvc_supplied ? 'unchecked' : null,
      },
      country: card.country,
      display_brand: display_brands[card.brand] ?? card.brand,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      fingerprint: card.fingerprint,
      funding: card.funding,
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: null,
      three_d_secure_usage: {
        supported: !(card.behaviour.kind === 'three_d_secure' && card.behaviour.three_d_secure.kind === 'not_supported'),
      },
      wallet: null,
    },
    created: facts.created,
    customer: facts.customer,
    livemode: facts.livemode,
    metadata: createMetadata(params.metadata as MetadataParam),
    type: 'card',
  };
}

export function blankBillingDetails(): BillingDetails {
  return { address: { ...empty_address }, email: null, name: null, phone: null, tax_id: null };
}

type BillingParam = { address?: Partial<Address> | ''; email?: string; name?: string; phone?: string };

/** '' unsets a field; `address=''` clears every address field, as on Stripe. */
function applyBillingDetails(current: BillingDetails, param: BillingParam | undefined): BillingDetails {
  if (param === undefined) return current;
  const next: BillingDetails = { ...current, address: { ...current.address } };
  for (const field of ['email', 'name', 'phone'] as const) {
    const value = param[field];
    if (value !== undefined) next[field] = value === '' ? null : value;
  }
  if (param.address === '') next.address = { ...empty_address };
  else if (param.address !== undefined) {
    for (const field of Object.keys(empty_address) as (keyof Address)[]) {
      const value = param.address[field];
      if (value !== undefined) next.address[field] = value === '' ? null : value;
    }
  }
  return next;
}

/** Updates apply to saved PaymentMethods only: billing_details, metadata and the card's expiry. */
export function decideUpdatePaymentMethod(current: PaymentMethod, params: PaymentMethodParams, now: number): Outcome<PaymentMethod> {
  if (current.customer === null) return fail({ code: 'payment_method_not_saved' });
  const merged = mergeMetadataWithinLimit(current.metadata, params.metadata as MetadataParam);
  if (!merged.ok) return fail(merged.failure);
  const metadata = merged.value;
  const card = { ...current.card };
  const cardParam = params.card as { exp_month?: number; exp_year?: number } | undefined;
  if (cardParam !== undefined) {
    const exp_month = cardParam.exp_month ?? card.exp_month;
    const exp_year = cardParam.exp_year ?? card.exp_year;
    const error = checkExpiry(exp_month, exp_year, now);
    if (error !== null) return fail({ code: 'card_error', error });
    card.exp_month = exp_month;
    card.exp_year = exp_year;
  }
  const billing_details = applyBillingDetails(current.billing_details, params.billing_details as BillingParam | undefined);
  return succeed({ ...current, billing_details, card, metadata });
}

/**
 * Attaching runs the card past the network: cards the catalogue declines cannot be saved and answer
 * the decline's card error [inf, contract §5]; one already attached to another customer is refused.
 */
export function decideAttach(current: PaymentMethod, behaviour: CardBehaviour, customer: string, detached = false): Outcome<PaymentMethod> {
  if (detached) return fail({ code: 'payment_method_detached' });
  if (current.customer === customer) return succeed(current);
  if (current.customer !== null) return fail({ code: 'payment_method_already_attached' });
  if (behaviour.kind === 'decline') return fail({ code: 'card_error', error: declineError(behaviour.decline) });
  return succeed({ ...current, customer });
}

export function decideDetach(current: PaymentMethod): Outcome<PaymentMethod> {
  if (current.customer === null) return fail({ code: 'payment_method_not_attached' });
  return succeed({ ...current, customer: null });
}

/** Resolving a card failed: a card error answers 402; an unknown magic id is a missing object. */
export function resolveFailure(failure: ResolveCardFailure, param: string, in_path: boolean): Failure {
  if (failure.kind === 'card_error') return { code: 'card_error', error: failure.error };
  return {
    code: 'resource_missing',
    resource: failure.id.startsWith('tok_') ? 'token' : 'payment_method',
    id: failure.id,
    param,
    in_path,
  };
}

/** A token's name and address as a PaymentMethod's billing details (over `base`, blank by default). */
export function billingFromToken(card: TokenCard, base: BillingDetails = blankBillingDetails()): BillingDetails {
  return {
    ...base,
    name: card.name,
    address: {
      city: card.address_city,
      country: card.address_country,
      line1: card.address_line1,
      line2: card.address_line2,
      postal_code: card.address_zip,
      state: card.address_state,
    },
  };
}
