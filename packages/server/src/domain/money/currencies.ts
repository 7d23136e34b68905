// Currency facts for amounts on the wire: how many minor-unit digits each currency has, the smallest
// card charge Stripe accepts, the most digits an amount may have, and Stripe's wording when an amount
// is refused. Amounts are integers in minor units throughout. Currencies absent from the table are
// two-decimal, with no known minimum, at most 8 digits.

export type MinorUnitExponent = 0 | 2 | 3;

export interface CurrencyFacts {
  exponent: MinorUnitExponent;
  /** Smallest charge in minor units (contract.md section 6), or null when not published. */
  minimum_charge_amount: number | null;
  amount_digits_max: number;
  /** Symbol Stripe puts before the amount in its messages, where known; otherwise none. */
  symbol: string | null;
}

export const default_amount_digits_max = 8;

const zero_decimal = ['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'];
const three_decimal = ['bhd', 'jod', 'kwd', 'omr', 'tnd'];

/** Minimum charge in minor units, by currency. */
const minimum_charge_amounts: Readonly<Record<string, number>> = {
  usd: 50,
  aud: 50,
  brl: 50,
  cad: 50,
  chf: 50,
  eur: 50,
  inr: 50,
  nzd: 50,
  sgd: 50,
  gbp: 30,
  aed: 200,
  pln: 200,
  ron: 200,
  bgn: 100,
  czk: 1500,
  dkk: 250,
  hkd: 400,
  huf: 17500,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  sek: 300,
  thb: 1000,
};

const amount_digits_max_overrides: Readonly<Record<string, number>> = { idr: 12, inr: 9 };

/** Only the symbols seen in Stripe's own messages; other currencies are written as `2.00 aed`. */
const symbols: Readonly<Record<string, string>> = { usd: '$', eur: '€', gbp: '£', jpy: '¥' };

function buildTable(): ReadonlyMap<string, CurrencyFacts> {
  const codes = new Set([
    ...zero_decimal,
    ...three_decimal,
    ...Object.keys(minimum_charge_amounts),
    ...Object.keys(amount_digits_max_overrides),
  ]);
  const table = new Map<string, CurrencyFacts>();
  for (const code of codes) {
    table.set(code, {
      exponent: zero_decimal.includes(code) ? 0 : three_decimal.includes(code) ? 3 : 2,
      minimum_charge_amount: minimum_charge_amounts[code] ?? null,
      amount_digits_max: amount_digits_max_overrides[code] ?? default_amount_digits_max,
      symbol: symbols[code] ?? null,
    });
  }
  return table;
}

/** Every currency with a fact that differs from the defaults, keyed by lowercase ISO code. */
export const currency_table: ReadonlyMap<string, CurrencyFacts> = buildTable();

const default_facts: CurrencyFacts = {
  exponent: 2,
  minimum_charge_amount: null,
  amount_digits_max: default_amount_digits_max,
  symbol: null,
};

export function currencyFacts(currency: string): CurrencyFacts {
  return currency_table.get(currency.toLowerCase()) ?? default_facts;
}

/** Digits after the decimal point: `minorUnitExponent('jpy') === 0`, `'usd'` → 2, `'kwd'` → 3. */
export function minorUnitExponent(currency: string): MinorUnitExponent {
  return currencyFacts(currency).exponent;
}

/**
 * Smallest card charge in minor units, or null when the currency has no published minimum (Stripe
 * then requires the converted equivalent of USD 0.50, which needs exchange rates this module lacks).
 */
export function minimumChargeAmount(currency: string): number | null {
  return currencyFacts(currency).minimum_charge_amount;
}

export type AmountCheck = { ok: true } | { ok: false; code: 'amount_too_small' | 'amount_too_large'; param: 'amount'; message: string };

/**
 * Is `amount` (minor units, an integer) chargeable in `currency`? E.g. `checkChargeAmount(49, 'usd')`
 * → amount_too_small, "Amount must be at least $0.50 usd". Currencies without a known minimum get
 * the maximum check only.
 */
export function checkChargeAmount(amount: number, currency: string): AmountCheck {
  if (!Number.isSafeInteger(amount)) throw new Error(`checkChargeAmount: amount must be an integer, got ${amount}`);
  const facts = currencyFacts(currency);
  const code = currency.toLowerCase();
  if (facts.minimum_charge_amount !== null && amount < facts.minimum_charge_amount) {
    return {
      ok: false,
      code: 'amount_too_small',
      param: 'amount',
      message: `Amount must be at least ${formatWithCode(facts.minimum_charge_amount, code, facts)}`,
    };
  }
  const amount_max = 10 ** facts.amount_digits_max - 1;
  if (amount > amount_max) {
    return {
      ok: false,
      code: 'amount_too_large',
      param: 'amount',
      message: `Amount must be no more than ${formatAmount(amount_max, code)}`,
    };
  }
  return { ok: true };
}

/**
 * Human form of a minor-unit amount: `formatAmount(123456, 'usd') === '$1,234.56'`, `(50, 'jpy')` →
 * `¥50`, `(200, 'aed')` → `2.00 aed` (no symbol known), negatives as `-$0.50`.
 */
export function formatAmount(amount: number, currency: string): string {
  const facts = currencyFacts(currency);
  const code = currency.toLowerCase();
  const sign = amount < 0 ? '-' : '';
  const digits = majorUnits(Math.abs(amount), facts.exponent);
  return facts.symbol === null ? `${sign}${digits} ${code}` : `${sign}${facts.symbol}${digits}`;
}

/** `$0.50 usd` when a symbol is known, `2.00 aed` otherwise: the form of Stripe's minimum message. */
function formatWithCode(amount: number, code: string, facts: CurrencyFacts): string {
  return facts.symbol === null ? formatAmount(amount, code) : `${formatAmount(amount, code)} ${code}`;
}

function majorUnits(amount: number, exponent: MinorUnitExponent): string {
  const divisor = 10 ** exponent;
  const whole = String(Math.floor(amount / divisor)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (exponent === 0) return whole;
  return `${whole}.${String(amount % divisor).padStart(exponent, '0')}`;
}
