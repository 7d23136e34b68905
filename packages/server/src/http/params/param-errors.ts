// Stripe's own words for every way a parameter can be wrong, in one place. Each message notes where
// its wording comes from: [obs] = seen in a real Stripe response quoted in a GitHub issue or in code
// that logged one; [inf] = our best inference, not confirmed. Stripe sends a `code` only for the
// four codes below; the other errors have none (its published error-code list has no code for them,
// and every quoted response we found for them lacks one), so ours carry none either.
import { tooManyMetadataKeysMessage } from '../../domain/shared/metadata.js';

/** Always HTTP 400, type `invalid_request_error`. */
export interface ParamError {
  code?: ParamErrorCode;
  param: string | null;
  message: string;
}

export type ParamErrorCode = 'parameter_unknown' | 'parameter_missing' | 'parameter_invalid_integer' | 'parameter_invalid_empty';

export const metadata_key_chars_max = 40;
export const metadata_value_chars_max = 500;
/** Stripe shows an over-long string as its first and last ten characters around `...` [obs]. */
const abbreviated_end_chars = 10;

/** [obs] `Received unknown parameter: trial_period_days`; with a typo, `Received unknown parameter:
 *  "recurring. Did you mean recurring?` (stripe issues; microsoft/azure-api-management-monetization#57). */
export function unknownParameter(param: string, suggestion: string | null): ParamError {
  const hint = suggestion === null ? '' : `. Did you mean ${suggestion}?`;
  return { code: 'parameter_unknown', param, message: `Received unknown parameter: ${param}${hint}` };
}

/** [obs] `Received unknown parameters: quantity, trial_end` (mage2pro/stripe#68). Which one Stripe
 *  names in `param` is not known [inf]: the first. */
export function unknownParameters(params: readonly string[]): ParamError {
  return { code: 'parameter_unknown', param: params[0] ?? null, message: `Received unknown parameters: ${params.join(', ')}` };
}

/** [obs] `Missing required param: ip.` */
export function missingParameter(param: string): ParamError {
  return { code: 'parameter_missing', param, message: `Missing required param: ${param}.` };
}

/** [obs] `You passed an empty string for 'default_tax_rates[0]'. We assume empty values ...` */
export function emptyParameter(param: string): ParamError {
  return {
    code: 'parameter_invalid_empty',
    param,
    message: `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
  };
}

/** [obs] `Invalid integer: 9175.2`, param `amount`, code parameter_invalid_integer. */
export function invalidInteger(param: string, value: unknown): ParamError {
  return { code: 'parameter_invalid_integer', param, message: `Invalid integer: ${renderValue(value)}` };
}

/** [obs] `Invalid boolean: True`, param `closed`, no code (stripe/stripe-python#487). */
export function invalidBoolean(param: string, value: unknown): ParamError {
  return { param, message: `Invalid boolean: ${renderValue(value)}` };
}

/** [obs] `Invalid decimal: 0,6; must contain at maximum two decimal places.` for a number param; the
 *  bare form for a value that is no number at all is [inf]. */
export function invalidDecimal(param: string, value: unknown): ParamError {
  return { param, message: `Invalid decimal: ${renderValue(value)}` };
}

/** [obs] `Invalid string: {"0":"wrong","1":"type","2":"array"}` for a hash sent as `name`. */
export function invalidString(param: string, value: unknown): ParamError {
  return { param, message: `Invalid string: ${renderValue(value)}` };
}

/** [obs] `Invalid string: Lottery Re...iting line; must be at most 40 characters` (polarsource/polar#5429),
 *  `Invalid string: nnnnnnnnnn...nnnnnnnnnn; must be at most 30 characters`. No code [obs: none in any
 *  quoted response, none in Stripe's code list]. Strings of 20 characters or fewer shown whole [inf]. */
export function stringTooLong(param: string, value: string, length_max: number): ParamError {
  return { param, message: `Invalid string: ${abbreviate(value)}; must be at most ${length_max} characters` };
}

/** [obs] `Invalid capture_method: must be one of automatic or manual`; nested params use the bracket
 *  name, `Invalid payment_method_data[type]: must be one of acss_debit, affirm, ...`; no code
 *  (`Invalid usage: must be one of reusable or single_use`, stripe/stripe-dotnet#1092). Values are
 *  listed in the spec's order; the "unset" value '' is left out of the list [inf]. */
export function invalidEnum(param: string, values: readonly string[]): ParamError {
  return { param, message: `Invalid ${param}: must be one of ${listValues(values.filter((value) => value !== ''))}` };
}

/** [obs] `{"message":"Invalid array","param":"payment_method_types"}` (stripe/stripe-js#202). */
export function invalidArray(param: string): ParamError {
  return { param, message: 'Invalid array' };
}

/** [obs] the message `Invalid hash` (stripe/stripe-ruby#761); its param there is not shown [inf]. */
export function invalidHash(param: string): ParamError {
  return { param, message: 'Invalid hash' };
}

/** [obs] `Metadata can have up to 50 keys, but you've set 51. Email us at support+metadata@stripe.com
 *  for more information.` (FlowFuse/flowfuse#1948). Param `metadata` as in Stripe's older metadata
 *  errors [obs]. */
export function tooManyMetadataKeys(param: string, count: number): ParamError {
  return {
    param,
    message: tooManyMetadataKeysMessage(count),
  };
}

/** [obs] `Metadata keys can have up to 40 characters, but you passed in a key that is 41 characters.
 *  Invalid key: payreality_business_operation_identity_id`. */
export function metadataKeyTooLong(param: string, key: string, length: number): ParamError {
  return {
    param,
    message: `Metadata keys can have up to ${metadata_key_chars_max} characters, but you passed in a key that is ${length} characters. Invalid key: ${key}`,
  };
}

/** [inf] No quoted response found: in a form body Stripe's own decoder turns `a[b]` into nesting
 *  before any key could hold a bracket, so only JSON bodies reach this. */
export function metadataKeyHasBracket(param: string, key: string): ParamError {
  return { param, message: `Metadata keys may not contain '[' or ']'. Invalid key: ${key}` };
}

/** [obs] `Metadata values can have up to 500 characters, but you passed in a value that is 801
 *  characters. Invalid value: [{"id":...` (the value in full [inf]: the quote was cut by its author). */
export function metadataValueTooLong(param: string, value: string, length: number): ParamError {
  return {
    param,
    message: `Metadata values can have up to ${metadata_value_chars_max} characters, but you passed in a value that is ${length} characters. Invalid value: ${value}`,
  };
}

/** [obs] `Invalid value type: ["37018189"] must be a string`, param `metadata` (stripe/stripe-cli#1064). */
export function metadataValueNotString(param: string, value: unknown): ParamError {
  return { param, message: `Invalid value type: ${renderValue(value)} must be a string` };
}

/** How a rejected value appears inside a message: strings as they are, hashes and arrays as JSON [obs]. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** "a", "a or b", "a, b, or c" [obs: the two-value form; the serial comma in longer lists is inf]. */
function listValues(values: readonly string[]): string {
  if (values.length <= 2) return values.join(' or ');
  return `${values.slice(0, -1).join(', ')}, or ${values[values.length - 1]}`;
}

function abbreviate(value: string): string {
  const characters = Array.from(value);
  if (characters.length <= 2 * abbreviated_end_chars) return value;
  return `${characters.slice(0, abbreviated_end_chars).join('')}...${characters.slice(-abbreviated_end_chars).join('')}`;
}

/** Stripe counts characters, not UTF-16 units: an emoji is one. */
export function characterCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    // A low surrogate that follows a high surrogate completes a character already counted.
    if (unit >= 0xdc00 && unit <= 0xdfff && index > 0) {
      const previous = text.charCodeAt(index - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    count += 1;
  }
  return count;
}
