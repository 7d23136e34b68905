// One row per rule: a request as a client would send it (form-encoded through the HTTP layer's own decoder, as the HTTP layer
// decodes it, or a JSON body) and either the exact Stripe error or the coerced params.
import { parseFormEncoded } from '../request-params.js';
import { describe, expect, it } from 'vitest';
import { validateParams, hasParamSchema, type ParamError } from './param-validator.js';

/** Decodes like the HTTP layer: bracket nesting, every leaf a string, null-prototype objects. */
function form(text: string): Record<string, unknown> {
  const decoded = parseFormEncoded(text);
  if (!decoded.ok) throw new Error(`test body did not decode: ${text}`);
  return decoded.params;
}

interface Row {
  name: string;
  operation: string;
  input: Record<string, unknown>;
  params?: Record<string, unknown>;
  error?: ParamError;
}

const emptyMessage = (param: string) =>
  `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`;
const empty = (param: string): ParamError => ({ code: 'parameter_invalid_empty', param, message: emptyMessage(param) });
const unknown = (param: string, message = `Received unknown parameter: ${param}`): ParamError => ({
  code: 'parameter_unknown',
  param,
  message,
});
const missing = (param: string): ParamError => ({ code: 'parameter_missing', param, message: `Missing required param: ${param}.` });
const badInteger = (param: string, shown: string): ParamError => ({
  code: 'parameter_invalid_integer',
  param,
  message: `Invalid integer: ${shown}`,
});
const noCode = (param: string, message: string): ParamError => ({ param, message });

const CUSTOMER_CREATE = 'POST /v1/customers';
const CUSTOMER_UPDATE = 'POST /v1/customers/{customer}';
const CUSTOMER_LIST = 'GET /v1/customers';
const EVENT_LIST = 'GET /v1/events';
const INTENT_CREATE = 'POST /v1/payment_intents';
const SESSION_CREATE = 'POST /v1/checkout/sessions';
const LINE = 'line_items[0][price_data]';
/** Checkout Session create requires success_url in this spec version. */
const SESSION = 'success_url=https://x.test/ok';

const rows: Row[] = [
  // ---- Unknown parameters
  {
    name: 'unknown nested param in bracket form',
    operation: CUSTOMER_CREATE,
    input: form('address[foo]=x'),
    error: unknown('address[foo]'),
  },
  {
    name: 'a typo gets a suggestion',
    operation: CUSTOMER_CREATE,
    input: form('emial=a@example.com'),
    error: unknown('emial', 'Received unknown parameter: emial. Did you mean email?'),
  },
  {
    name: 'a typo of a required param is reported as unknown, not missing',
    operation: INTENT_CREATE,
    input: form('ammount=2000&currency=usd'),
    error: unknown('ammount', 'Received unknown parameter: ammount. Did you mean amount?'),
  },
  { name: 'nothing close: no suggestion', operation: CUSTOMER_CREATE, input: form('zzzzzz=1'), error: unknown('zzzzzz') },
  {
    name: 'several unknown params at one level',
    operation: CUSTOMER_CREATE,
    input: form('quantity=1&trial_end=2'),
    error: unknown('quantity', 'Received unknown parameters: quantity, trial_end'),
  },
  {
    name: 'unknown param inside an array element',
    operation: SESSION_CREATE,
    input: form('mode=payment&success_url=https://x.test&line_items[0][price]=price_1&line_items[0][foo]=1'),
    error: unknown('line_items[0][foo]'),
  },
  {
    name: 'unknown param deep in payment_method_data',
    operation: INTENT_CREATE,
    input: form('amount=1&currency=usd&payment_method_data[type]=sepa_debit&payment_method_data[billing_details][address][cty]=x'),
    error: unknown(
      'payment_method_data[billing_details][address][cty]',
      'Received unknown parameter: payment_method_data[billing_details][address][cty]. Did you mean payment_method_data[billing_details][address][city]?',
    ),
  },
  {
    name: 'unknown sub-key of a range filter',
    operation: CUSTOMER_LIST,
    input: form('created[gt]=1&created[foo]=2'),
    error: unknown('created[foo]'),
  },
  {
    name: '__proto__ is just an unknown name',
    operation: CUSTOMER_CREATE,
    input: JSON.parse('{"__proto__":{"x":1}}'),
    error: unknown('__proto__'),
  },

  // ---- Missing required params
  { name: 'missing required top-level param', operation: INTENT_CREATE, input: form('currency=usd'), error: missing('amount') },
  {
    name: 'missing required param in an array element',
    operation: CUSTOMER_CREATE,
    input: form('invoice_settings[custom_fields][0][name]=PO'),
    error: missing('invoice_settings[custom_fields][0][value]'),
  },
  {
    name: 'missing required param in nested price_data',
    operation: SESSION_CREATE,
    input: form(`${SESSION}&mode=payment&${LINE}[unit_amount]=100&${LINE}[product]=prod_1&line_items[0][quantity]=1`),
    error: missing(`${LINE}[currency]`),
  },
  { name: 'missing required query param', operation: 'GET /v1/customers/search', input: form('limit=2'), error: missing('query') },

  // ---- Integers
  { name: 'digit string → integer', operation: CUSTOMER_CREATE, input: form('balance=2000'), params: { balance: 2000 } },
  { name: 'negative integer', operation: CUSTOMER_CREATE, input: form('balance=-15'), params: { balance: -15 } },
  { name: 'JSON integer', operation: CUSTOMER_CREATE, input: { balance: 7 }, params: { balance: 7 } },
  { name: 'letters', operation: CUSTOMER_CREATE, input: form('balance=abc'), error: badInteger('balance', 'abc') },
  { name: 'a decimal string', operation: INTENT_CREATE, input: form('amount=9175.2&currency=usd'), error: badInteger('amount', '9175.2') },
  { name: 'a JSON fraction', operation: INTENT_CREATE, input: { amount: 1000.4, currency: 'usd' }, error: badInteger('amount', '1000.4') },
  { name: 'a plus sign', operation: CUSTOMER_CREATE, input: form('balance=%2B5'), error: badInteger('balance', '+5') },
  {
    name: 'beyond the safe integer range',
    operation: CUSTOMER_CREATE,
    input: form('balance=99999999999999999999'),
    error: badInteger('balance', '99999999999999999999'),
  },
  {
    name: 'a hash where an integer goes',
    operation: INTENT_CREATE,
    input: form('amount[x]=1&currency=usd'),
    error: badInteger('amount', '{"x":"1"}'),
  },
  {
    name: 'nested integer',
    operation: SESSION_CREATE,
    input: form(`${SESSION}&mode=payment&line_items[0][quantity]=two`),
    error: badInteger('line_items[0][quantity]', 'two'),
  },

  // ---- Booleans
  { name: 'true/false strings', operation: EVENT_LIST, input: form('delivery_success=false'), params: { delivery_success: false } },
  { name: 'JSON boolean', operation: EVENT_LIST, input: { delivery_success: true }, params: { delivery_success: true } },
  {
    name: 'yes is no boolean',
    operation: EVENT_LIST,
    input: form('delivery_success=yes'),
    error: noCode('delivery_success', 'Invalid boolean: yes'),
  },
  {
    name: 'True is no boolean',
    operation: EVENT_LIST,
    input: form('delivery_success=True'),
    error: noCode('delivery_success', 'Invalid boolean: True'),
  },
  {
    name: '1 is no boolean',
    operation: EVENT_LIST,
    input: { delivery_success: 1 },
    error: noCode('delivery_success', 'Invalid boolean: 1'),
  },
  {
    name: 'nested boolean',
    operation: INTENT_CREATE,
    input: form('amount=1&currency=usd&automatic_payment_methods[enabled]=yes'),
    error: noCode('automatic_payment_methods[enabled]', 'Invalid boolean: yes'),
  },

  // ---- Numbers and decimal strings
  {
    name: 'number from a string',
    operation: 'POST /v1/subscriptions',
    input: form('customer=cus_1&application_fee_percent=12.5'),
    params: { customer: 'cus_1', application_fee_percent: 12.5 },
  },
  {
    name: 'number that is not one',
    operation: 'POST /v1/subscriptions',
    input: form('customer=cus_1&application_fee_percent=lots'),
    error: noCode('application_fee_percent', 'Invalid decimal: lots'),
  },
  {
    name: 'decimal string stays a string',
    operation: SESSION_CREATE,
    input: form(`${SESSION}&mode=payment&${LINE}[currency]=usd&${LINE}[product]=prod_1&${LINE}[unit_amount_decimal]=12.5`),
    params: {
      success_url: 'https://x.test/ok',
      mode: 'payment',
      line_items: [{ price_data: { currency: 'usd', product: 'prod_1', unit_amount_decimal: '12.5' } }],
    },
  },
  {
    name: 'decimal string that is not one',
    operation: SESSION_CREATE,
    input: form(`${SESSION}&mode=payment&${LINE}[currency]=usd&${LINE}[unit_amount_decimal]=12,5`),
    error: noCode(`${LINE}[unit_amount_decimal]`, 'Invalid decimal: 12,5'),
  },
  {
    name: 'unix-time is an integer',
    operation: 'POST /v1/test_helpers/test_clocks',
    input: form('frozen_time=1700000000'),
    params: { frozen_time: 1700000000 },
  },
  {
    name: 'unix-time rejects words',
    operation: 'POST /v1/test_helpers/test_clocks',
    input: form('frozen_time=tomorrow'),
    error: badInteger('frozen_time', 'tomorrow'),
  },

  // ---- Empty strings and JSON null
  { name: "'' where the param cannot be unset", operation: CUSTOMER_CREATE, input: form('email='), error: empty('email') },
  { name: 'JSON null reads as empty', operation: CUSTOMER_CREATE, input: { email: null }, error: empty('email') },
  { name: "'' for a required param", operation: INTENT_CREATE, input: form('amount=&currency=usd'), error: empty('amount') },
  { name: "'' for a boolean", operation: INTENT_CREATE, input: form('amount=1&currency=usd&confirm='), error: empty('confirm') },
  {
    name: "'' for an array element",
    operation: 'POST /v1/subscriptions',
    input: form('customer=c&default_tax_rates[0]='),
    error: empty('default_tax_rates[0]'),
  },
  {
    name: "'' unsets where the spec allows it",
    operation: CUSTOMER_UPDATE,
    input: form('address=&shipping=&description=x'),
    params: { address: '', shipping: '', description: 'x' },
  },
  { name: 'JSON null unsets too', operation: CUSTOMER_UPDATE, input: { address: null }, params: { address: '' } },
  { name: "'' in an enum that lists it", operation: CUSTOMER_UPDATE, input: form('tax_exempt='), params: { tax_exempt: '' } },
  {
    name: "'' for an unsettable integer",
    operation: 'POST /v1/payment_intents/{intent}',
    input: form('amount=5&application_fee_amount='),
    params: { amount: 5, application_fee_amount: '' },
  },

  // ---- Strings
  {
    name: 'over maxLength: first and last ten characters',
    operation: CUSTOMER_CREATE,
    input: { name: `Lottery Re${'x'.repeat(240)}iting line` },
    error: noCode('name', 'Invalid string: Lottery Re...iting line; must be at most 256 characters'),
  },
  {
    name: 'over maxLength by one',
    operation: CUSTOMER_CREATE,
    input: form(`phone=${'1'.repeat(21)}`),
    error: noCode('phone', `Invalid string: ${'1'.repeat(10)}...${'1'.repeat(10)}; must be at most 20 characters`),
  },
  {
    name: 'over maxLength, short value shown whole',
    operation: 'POST /v1/products',
    input: form('name=Hat&unit_label=kilograms-net'),
    error: noCode('unit_label', 'Invalid string: kilograms-net; must be at most 12 characters'),
  },
  {
    name: 'exactly maxLength passes',
    operation: CUSTOMER_CREATE,
    input: form(`phone=${'1'.repeat(20)}`),
    params: { phone: '1'.repeat(20) },
  },
  {
    name: 'characters, not UTF-16 units',
    operation: CUSTOMER_CREATE,
    input: { phone: '😀'.repeat(20) },
    params: { phone: '😀'.repeat(20) },
  },
  {
    name: 'a hash where a string goes',
    operation: CUSTOMER_CREATE,
    input: form('name[0]=wrong&name[1]=type'),
    error: noCode('name', 'Invalid string: {"0":"wrong","1":"type"}'),
  },
  {
    name: 'a hash where a string goes',
    operation: CUSTOMER_CREATE,
    input: form('name[a]=wrong'),
    error: noCode('name', 'Invalid string: {"a":"wrong"}'),
  },
  {
    name: 'JSON number where a string goes is its text',
    operation: CUSTOMER_CREATE,
    input: { description: 42 },
    params: { description: '42' },
  },

  // ---- Enums
  {
    name: 'enum value not listed',
    operation: CUSTOMER_CREATE,
    input: form('tax_exempt=maybe'),
    error: noCode('tax_exempt', 'Invalid tax_exempt: must be one of exempt, none, or reverse'),
  },
  {
    name: 'enum of two',
    operation: 'POST /v1/checkout/sessions',
    input: form(`${SESSION}&customer_creation=never`),
    error: noCode('customer_creation', 'Invalid customer_creation: must be one of always or if_required'),
  },
  {
    name: 'nested enum names the full param',
    operation: SESSION_CREATE,
    input: form(`${SESSION}&mode=subscription&${LINE}[currency]=usd&${LINE}[product]=p&${LINE}[recurring][interval]=fortnight`),
    error: noCode(`${LINE}[recurring][interval]`, `Invalid ${LINE}[recurring][interval]: must be one of day, month, week, or year`),
  },
  {
    name: 'capture_method',
    operation: INTENT_CREATE,
    input: form('amount=1&currency=usd&capture_method=later'),
    error: noCode('capture_method', 'Invalid capture_method: must be one of automatic, automatic_async, or manual'),
  },

  // ---- Shapes: hashes and arrays
  {
    name: 'a string where a hash goes',
    operation: INTENT_CREATE,
    input: form('amount=1&currency=usd&automatic_payment_methods=true'),
    error: noCode('automatic_payment_methods', 'Invalid hash'),
  },
  {
    name: 'a string where an unsettable hash goes',
    operation: CUSTOMER_CREATE,
    input: form('address=Main St'),
    error: noCode('address', 'Invalid hash'),
  },
  {
    name: 'an array where a hash goes',
    operation: CUSTOMER_CREATE,
    input: form('address[]=Main St'),
    error: noCode('address', 'Invalid hash'),
  },
  {
    name: 'a string where an array goes',
    operation: EVENT_LIST,
    input: form('types=charge.succeeded'),
    error: noCode('types', 'Invalid array'),
  },
  {
    name: 'types[] → array',
    operation: EVENT_LIST,
    input: form('types[]=charge.succeeded&types[]=customer.created'),
    params: { types: ['charge.succeeded', 'customer.created'] },
  },
  { name: 'types[0] → array', operation: EVENT_LIST, input: form('types[0]=a&types[1]=b'), params: { types: ['a', 'b'] } },
  { name: 'numeric-keyed hash is an array', operation: EVENT_LIST, input: { types: { 0: 'a', 1: 'b' } }, params: { types: ['a', 'b'] } },
  {
    name: 'numeric keys with a gap are not',
    operation: EVENT_LIST,
    input: { types: { 0: 'a', 2: 'b' } },
    error: noCode('types', 'Invalid array'),
  },
  { name: 'other keys are not', operation: EVENT_LIST, input: form('types[x]=a'), error: noCode('types', 'Invalid array') },
  {
    name: 'a hash in a string array',
    operation: EVENT_LIST,
    input: form('types[0][a]=b'),
    error: noCode('types[0]', 'Invalid string: {"a":"b"}'),
  },
  {
    name: 'expand must be an array',
    operation: 'GET /v1/customers/{customer}',
    input: form('expand=default_source'),
    error: noCode('expand', 'Invalid array'),
  },

  // ---- anyOf
  {
    name: 'range filter as a hash',
    operation: CUSTOMER_LIST,
    input: form('created[gte]=1700000000&limit=3'),
    params: { created: { gte: 1700000000 }, limit: 3 },
  },
  { name: 'range filter as an integer', operation: CUSTOMER_LIST, input: form('created=1700000000'), params: { created: 1700000000 } },
  {
    name: 'range filter: bad integer',
    operation: CUSTOMER_LIST,
    input: form('created=yesterday'),
    error: badInteger('created', 'yesterday'),
  },
  {
    name: 'range filter: bad bound',
    operation: CUSTOMER_LIST,
    input: form('created[gte]=soon'),
    error: badInteger('created[gte]', 'soon'),
  },
  {
    name: 'special word or timestamp: word',
    operation: 'POST /v1/subscriptions',
    input: form('customer=c&trial_end=now'),
    params: { customer: 'c', trial_end: 'now' },
  },
  {
    name: 'special word or timestamp: timestamp',
    operation: 'POST /v1/subscriptions',
    input: form('customer=c&trial_end=1700000000'),
    params: { customer: 'c', trial_end: 1700000000 },
  },
  {
    name: 'special word or timestamp: neither',
    operation: 'POST /v1/subscriptions',
    input: form('customer=c&trial_end=later'),
    error: badInteger('trial_end', 'later'),
  },
  {
    name: 'boolean or enum: boolean',
    operation: INTENT_CREATE,
    input: form('amount=1&currency=usd&off_session=true'),
    params: { amount: 1, currency: 'usd', off_session: true },
  },
  {
    name: 'boolean or enum: enum',
    operation: INTENT_CREATE,
    input: form('amount=1&currency=usd&off_session=one_off'),
    params: { amount: 1, currency: 'usd', off_session: 'one_off' },
  },
  {
    name: 'boolean or enum: neither',
    operation: INTENT_CREATE,
    input: form('amount=1&currency=usd&off_session=maybe'),
    error: noCode('off_session', 'Invalid boolean: maybe'),
  },
  {
    name: 'tier bound: inf',
    operation: 'POST /v1/prices',
    input: form('currency=usd&tiers[0][up_to]=inf&tiers[0][unit_amount]=5'),
    params: { currency: 'usd', tiers: [{ up_to: 'inf', unit_amount: 5 }] },
  },
  {
    name: 'tier bound: integer',
    operation: 'POST /v1/prices',
    input: form('currency=usd&tiers[0][up_to]=10'),
    params: { currency: 'usd', tiers: [{ up_to: 10 }] },
  },
  {
    name: 'hash or token: token',
    operation: 'POST /v1/payment_methods',
    input: form('type=card&card[token]=tok_visa'),
    params: { type: 'card', card: { token: 'tok_visa' } },
  },
  {
    name: 'hash or token: card details',
    operation: 'POST /v1/payment_methods',
    input: form('type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034'),
    params: { type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034 } },
  },
  {
    name: 'hash or token: error from the branch the keys point at',
    operation: 'POST /v1/payment_methods',
    input: form('type=card&card[number]=4242424242424242&card[exp_month]=12'),
    error: missing('card[exp_year]'),
  },
  {
    name: 'hash or string: string',
    operation: 'POST /v1/tokens',
    input: form('card=card_1&customer=cus_1'),
    params: { card: 'card_1', customer: 'cus_1' },
  },

  // ---- Metadata
  {
    name: 'metadata values stay strings',
    operation: CUSTOMER_CREATE,
    input: form('metadata[order]=6735&metadata[vip]=true'),
    params: { metadata: { order: '6735', vip: 'true' } },
  },
  {
    name: 'JSON numbers become strings',
    operation: CUSTOMER_CREATE,
    input: { metadata: { order: 6735, vip: true } },
    params: { metadata: { order: '6735', vip: 'true' } },
  },
  { name: "metadata='' clears all", operation: CUSTOMER_UPDATE, input: form('metadata='), params: { metadata: '' } },
  {
    name: "metadata[k]='' deletes one",
    operation: CUSTOMER_UPDATE,
    input: form('metadata[old]=&metadata[new]=1'),
    params: { metadata: { old: '', new: '1' } },
  },
  { name: 'JSON null deletes one', operation: CUSTOMER_UPDATE, input: { metadata: { old: null } }, params: { metadata: { old: '' } } },
  {
    name: 'more than 50 keys',
    operation: CUSTOMER_CREATE,
    input: { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, 'v'])) },
    error: noCode(
      'metadata',
      "Metadata can have up to 50 keys, but you've set 51. Email us at support+metadata@stripe.com for more information.",
    ),
  },
  {
    name: '50 keys plus deletions is fine',
    operation: CUSTOMER_UPDATE,
    input: { metadata: Object.fromEntries(Array.from({ length: 52 }, (_, index) => [`k${index}`, index < 50 ? 'v' : ''])) },
    params: { metadata: Object.fromEntries(Array.from({ length: 52 }, (_, index) => [`k${index}`, index < 50 ? 'v' : ''])) },
  },
  {
    name: 'key over 40 characters',
    operation: CUSTOMER_CREATE,
    input: form('metadata[payreality_business_operation_identity_id]=1'),
    error: noCode(
      'metadata',
      'Metadata keys can have up to 40 characters, but you passed in a key that is 41 characters. Invalid key: payreality_business_operation_identity_id',
    ),
  },
  {
    name: 'value over 500 characters',
    operation: CUSTOMER_CREATE,
    input: { metadata: { cart: 'x'.repeat(501) } },
    error: noCode(
      'metadata',
      `Metadata values can have up to 500 characters, but you passed in a value that is 501 characters. Invalid value: ${'x'.repeat(501)}`,
    ),
  },
  {
    name: 'key with a bracket (JSON body)',
    operation: CUSTOMER_CREATE,
    input: { metadata: { 'a[b]': '1' } },
    error: noCode('metadata', "Metadata keys may not contain '[' or ']'. Invalid key: a[b]"),
  },
  {
    name: 'array value',
    operation: CUSTOMER_CREATE,
    input: form('metadata[Order No][]=37018189'),
    error: noCode('metadata', 'Invalid value type: ["37018189"] must be a string'),
  },
  {
    name: 'metadata as a plain string',
    operation: CUSTOMER_CREATE,
    input: form('metadata=hello'),
    error: noCode('metadata', 'Invalid hash'),
  },
  {
    name: 'nested metadata names its own param',
    operation: SESSION_CREATE,
    input: { success_url: 'https://x.test/ok', mode: 'payment', payment_intent_data: { metadata: { k: ['x'] } } },
    error: noCode('payment_intent_data[metadata]', 'Invalid value type: ["x"] must be a string'),
  },

  // ---- Whole requests, coerced
  {
    name: 'typical PaymentIntent create',
    operation: INTENT_CREATE,
    input: form(
      'amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&automatic_payment_methods[enabled]=true&automatic_payment_methods[allow_redirects]=never',
    ),
    params: {
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    },
  },
  {
    name: 'PaymentIntent with payment_method_data',
    operation: INTENT_CREATE,
    input: form(
      'amount=500&currency=eur&payment_method_data[type]=sepa_debit&payment_method_data[sepa_debit][iban]=DE89370400440532013000&payment_method_data[billing_details][email]=a@b.test',
    ),
    params: {
      amount: 500,
      currency: 'eur',
      payment_method_data: { type: 'sepa_debit', sepa_debit: { iban: 'DE89370400440532013000' }, billing_details: { email: 'a@b.test' } },
    },
  },
  {
    name: 'Checkout Session with price_data',
    operation: SESSION_CREATE,
    input: form(
      `mode=subscription&success_url=https://x.test/ok&${LINE}[currency]=usd&${LINE}[unit_amount]=1500&${LINE}[product_data][name]=Pro&${LINE}[recurring][interval]=month&line_items[0][quantity]=2&expand[]=line_items`,
    ),
    params: {
      mode: 'subscription',
      success_url: 'https://x.test/ok',
      line_items: [
        {
          price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'Pro' }, recurring: { interval: 'month' } },
          quantity: 2,
        },
      ],
      expand: ['line_items'],
    },
  },
  {
    name: 'customer list with every filter',
    operation: CUSTOMER_LIST,
    input: form('email=a@b.test&limit=10&starting_after=cus_1&created[gt]=1&created[lte]=2&expand[]=data.default_source'),
    params: { email: 'a@b.test', limit: 10, starting_after: 'cus_1', created: { gt: 1, lte: 2 }, expand: ['data.default_source'] },
  },
  {
    name: 'DELETE takes its params from the query',
    operation: 'DELETE /v1/subscriptions/{subscription_exposed_id}',
    input: form('invoice_now=true&prorate=false'),
    params: { invoice_now: true, prorate: false },
  },
  { name: 'an empty request', operation: 'GET /v1/balance', input: {}, params: {} },
];

describe('validateParams', () => {
  it.each(rows)('$operation: $name', (row) => {
    const result = validateParams(row.operation, row.input);
    if (row.error !== undefined) {
      expect(result).toEqual({ ok: false, error: row.error });
      if (!result.ok && row.error.code === undefined) expect(result.error).not.toHaveProperty('code');
    } else {
      expect(result).toEqual({ ok: true, params: row.params });
    }
  });

  it('keeps a payment_method_data[type] outside the enum out, naming the param', () => {
    const result = validateParams(INTENT_CREATE, form('amount=1&currency=usd&payment_method_data[type]=cheque'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.param).toBe('payment_method_data[type]');
      expect(result.error.message).toMatch(/^Invalid payment_method_data\[type\]: must be one of acss_debit, affirm, .*, or zip$/);
    }
  });

  it('adds no key the input lacked and keeps prototype keys as plain data', () => {
    const input = JSON.parse('{"metadata":{"__proto__":"x","a":"1"}}') as Record<string, unknown>;
    const result = validateParams(CUSTOMER_CREATE, input);
    expect(result.ok).toBe(true);
    if (result.ok) {
      const metadata = result.params.metadata as Record<string, unknown>;
      expect(Object.keys(result.params)).toEqual(['metadata']);
      expect(Object.keys(metadata)).toEqual(['__proto__', 'a']);
      expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    }
  });

  it('never mutates its input', () => {
    const input = form('amount=2000&currency=usd&metadata[a]=1&payment_method_types[]=card&confirm=true');
    const before = structuredClone(input);
    validateParams(INTENT_CREATE, input);
    validateParams(INTENT_CREATE, { ...input, amount: 'x' });
    expect(input).toEqual(before);
  });

  it('answers garbage with a value, never an exception', () => {
    const values: unknown[] = [
      '',
      null,
      'x',
      0,
      -1.5,
      true,
      [],
      {},
      [''],
      { 0: 'a', 5: 'b' },
      { a: { b: { c: 'd' } } },
      [[['deep']]],
      'true',
      '12',
    ];
    const operations = [
      CUSTOMER_CREATE,
      CUSTOMER_UPDATE,
      CUSTOMER_LIST,
      EVENT_LIST,
      INTENT_CREATE,
      SESSION_CREATE,
      'POST /v1/payment_methods',
      'POST /v1/prices',
    ];
    for (const operation of operations) {
      for (const name of ['amount', 'metadata', 'line_items', 'address', 'created', 'card', 'expand', 'mode', 'tiers', 'nope']) {
        for (const value of values) {
          const result = validateParams(operation, { [name]: value });
          expect(typeof result.ok).toBe('boolean');
        }
      }
    }
  });

  it('knows which operations it has schemas for', () => {
    expect(hasParamSchema('POST /v1/customers')).toBe(true);
    expect(hasParamSchema('GET /v1/customers/search')).toBe(true);
    expect(hasParamSchema('GET /v1/nothing')).toBe(false);
    expect(hasParamSchema('toString')).toBe(false);
    expect(() => validateParams('GET /v1/nothing', {})).toThrow(/No parameter schema/);
  });
});
