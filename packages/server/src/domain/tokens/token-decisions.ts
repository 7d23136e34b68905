// Builds the card Token object from a resolved card and the address fields given with it. Pure.
import type { ResolvedCard } from '../cards/resolve-card.js';
import { createMetadata, type MetadataParam } from '../shared/metadata.js';
import type { Token, TokenCard } from './token-model.js';

export interface TokenCardParam {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc?: string;
  name?: string;
  address_city?: string;
  address_country?: string;
  address_line1?: string;
  address_line2?: string;
  address_state?: string;
  address_zip?: string;
  metadata?: MetadataParam;
}

/** What a token's card shows besides the card itself: the name, address, CVC and metadata given with it. */
export type TokenCardDetails = Omit<TokenCardParam, 'number' | 'exp_month' | 'exp_year'>;

/** Tokens (the older Card object) spell brands for display. */
const token_brands: Readonly<Record<string, string>> = {
  visa: 'Visa',
  mastercard: 'MasterCard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  unknown: 'Unknown',
};

export function buildToken(
  card: ResolvedCard,
  param: TokenCardParam,
  facts: { id: string; card_id: string; created: number; livemode: boolean },
): Token {
  return {
    id: facts.id,
    object: 'token',
    card: buildTokenCard(card, param, facts.card_id),
    client_ip: null,
    created: facts.created,
    livemode: facts.livemode,
    type: 'card',
    used: false,
  };
}

/**
 * The card a token carries (the older Card object, `card_...`), from a resolved card and the name and
 * address given with it; a magic `tok_*` id gives none. Charges show it as their `source`.
 */
export function buildTokenCard(card: ResolvedCard, param: TokenCardDetails, card_id: string): TokenCard {
  const text = (value: string | undefined) => (value === undefined || value === '' ? null : value);
  return {
    id: card_id,
    object: 'card',
    address_city: text(param.address_city),
    address_country: text(param.address_country),
    address_line1: text(param.address_line1),
    address_line1_check: text(param.address_line1) === null ? null : 'unchecked',
    address_line2: text(param.address_line2),
    address_state: text(param.address_state),
    address_zip: text(param.address_zip),
    address_zip_check: text(param.address_zip) === null ? null : 'unchecked',
    brand: token_brands[card.brand] ?? 'Unknown',
    country: card.country,
    cvc_check: param.cvc === undefined ? null : 'unchecked',
    dynamic_last4: null,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    fingerprint: card.fingerprint,
    funding: card.funding,
    last4: card.last4,
    metadata: createMetadata(param.metadata),
    name: text(param.name),
    networks: { preferred: null },
    regulated_status: null,
    tokenization_method: null,
  };
}
