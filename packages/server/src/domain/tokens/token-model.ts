// The card Token object as Stripe sends it. Like a PaymentMethod it never holds the number or CVC;
// `used` turns true once a PaymentMethod (or later a charge) consumes it.

export interface TokenCard {
  id: string;
  object: 'card';
  address_city: string | null;
  address_country: string | null;
  address_line1: string | null;
  address_line1_check: 'unchecked' | null;
  address_line2: string | null;
  address_state: string | null;
  address_zip: string | null;
  address_zip_check: 'unchecked' | null;
  brand: string;
  country: string;
  cvc_check: 'unchecked' | null;
  dynamic_last4: null;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
  funding: string;
  last4: string;
  metadata: Record<string, string>;
  name: string | null;
  networks: { preferred: null };
  regulated_status: null;
  tokenization_method: null;
}

export interface Token {
  id: string;
  object: 'token';
  card: TokenCard;
  client_ip: string | null;
  created: number;
  livemode: boolean;
  type: 'card';
  used: boolean;
}

export const token_id_prefix = 'tok';
export const token_card_id_prefix = 'card';
