// `expand[]`: which fields of which objects can be expanded or included, and the walk that applies
// dot paths (up to 4 levels, `data.` first on lists). An expandable field holds an id that becomes
// the object; an includable field is left out of the object unless expanded.
import { fail, succeed, type Outcome } from '../domain/shared/failures.js';
import type { ExpansionLoader } from './expansion-loaders.js';
import { expand_depth_max } from './request-limits.js';

type JsonObject = Record<string, unknown>;

export interface ExpansionTable {
  /** Dotted field paths holding an id (or null), each with the object type the id names ('*': by prefix). */
  expandable: Readonly<Record<string, string>>;
  /** Fields added only when expanded, computed from the object. */
  includable: Readonly<Record<string, (object: JsonObject) => unknown>>;
}

const emptyList = (object: JsonObject, suffix: string) => ({
  object: 'list',
  data: [],
  has_more: false,
  total_count: 0,
  url: `/v1/customers/${String(object.id)}/${suffix}`,
});

const none: ExpansionTable['includable'] = {};

// From the spec's x-expansionResources for each object Tender serves.
export const expansionTables: Readonly<Record<string, ExpansionTable>> = {
  customer: {
    expandable: {
      default_source: 'source',
      test_clock: 'test_helpers.test_clock',
      'invoice_settings.default_payment_method': 'payment_method',
    },
    includable: {
      sources: (customer) => emptyList(customer, 'sources'),
      subscriptions: (customer) => emptyList(customer, 'subscriptions'),
      tax_ids: (customer) => emptyList(customer, 'tax_ids'),
      cash_balance: (customer) => ({
        object: 'cash_balance',
        available: null,
        customer: customer.id,
        livemode: customer.livemode,
        settings: { reconciliation_mode: 'automatic', using_merchant_default: true },
      }),
      invoice_credit_balance: () => ({}),
      tax: () => ({ automatic_tax: 'unrecognized_location', ip_address: null, location: null, provider: 'stripe' }),
    },
  },
  event: { expandable: {}, includable: none },
  payment_method: { expandable: { customer: 'customer' }, includable: none },
  token: { expandable: {}, includable: none },
  payment_intent: {
    expandable: {
      application: 'application',
      customer: 'customer',
      invoice: 'invoice',
      latest_charge: 'charge',
      on_behalf_of: 'account',
      payment_method: 'payment_method',
      review: 'review',
    },
    includable: none,
  },
  charge: {
    expandable: {
      application: 'application',
      application_fee: 'application_fee',
      balance_transaction: 'balance_transaction',
      customer: 'customer',
      failure_balance_transaction: 'balance_transaction',
      invoice: 'invoice',
      on_behalf_of: 'account',
      payment_intent: 'payment_intent',
      review: 'review',
      source_transfer: 'transfer',
      transfer: 'transfer',
    },
    includable: none,
  },
  balance_transaction: { expandable: { source: '*' }, includable: none },
  refund: {
    expandable: {
      balance_transaction: 'balance_transaction',
      charge: 'charge',
      failure_balance_transaction: 'balance_transaction',
      payment_intent: 'payment_intent',
      source_transfer_reversal: 'transfer_reversal',
      transfer_reversal: 'transfer_reversal',
    },
    includable: none,
  },
  setup_intent: {
    expandable: {
      application: 'application',
      customer: 'customer',
      latest_attempt: 'setup_attempt',
      mandate: 'mandate',
      on_behalf_of: 'account',
      payment_method: 'payment_method',
      single_use_mandate: 'mandate',
    },
    includable: none,
  },
  setup_attempt: {
    expandable: {
      application: 'application',
      customer: 'customer',
      on_behalf_of: 'account',
      payment_method: 'payment_method',
      setup_intent: 'setup_intent',
    },
    includable: none,
  },
  payout: {
    expandable: {
      balance_transaction: 'balance_transaction',
      destination: 'bank_account',
      failure_balance_transaction: 'balance_transaction',
      original_payout: 'payout',
      reversed_by: 'payout',
    },
    includable: none,
  },
  bank_account: { expandable: { account: 'account', customer: 'customer' }, includable: none },
};

export type ExpandTarget = { kind: 'object' } | { kind: 'list' } | { kind: 'search' };

/** Checks every path before any work, so a bad path fails the request without side effects. */
export function checkExpandPaths(paths: readonly string[], target: ExpandTarget, objectType: string): Outcome<void> {
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > expand_depth_max)
      return fail({ code: 'expand_invalid', message: 'You cannot expand more than 4 levels of a property.' });
    if (target.kind !== 'object') {
      if (target.kind === 'search' && path === 'total_count') continue;
      if (segments[0] !== 'data') {
        const inner = checkObjectPath(segments, objectType);
        const hint = inner === null ? ` You may want to try expanding 'data.${path}' instead.` : '';
        return fail({ code: 'expand_invalid', message: `This property cannot be expanded (${segments[0]}).${hint}` });
      }
      const problem = checkObjectPath(segments.slice(1), objectType);
      if (problem !== null) return fail({ code: 'expand_invalid', message: `This property cannot be expanded (data.${problem}).` });
      continue;
    }
    const problem = checkObjectPath(segments, objectType);
    if (problem !== null) return fail({ code: 'expand_invalid', message: `This property cannot be expanded (${problem}).` });
  }
  return succeed(undefined);
}

/** Returns the dotted path up to the part that cannot be expanded, or null if all of it can. */
function checkObjectPath(segments: readonly string[], objectType: string): string | null {
  const table = expansionTables[objectType];
  if (table === undefined) return segments.join('.');
  for (let length = segments.length; length > 0; length -= 1) {
    const prefix = segments.slice(0, length).join('.');
    const rest = segments.slice(length);
    if (length === 1 && prefix in table.includable) return rest.length === 0 ? null : segments.join('.');
    const targetType = table.expandable[prefix];
    if (targetType === undefined) continue;
    // A polymorphic field or a type Tender does not store cannot be checked further; Stripe would
    // expand what it finds, and Tender leaves such ids as they are.
    if (rest.length === 0 || targetType === '*' || expansionTables[targetType] === undefined) return null;
    const inner = checkObjectPath(rest, targetType);
    return inner === null ? null : `${prefix}.${inner}`;
  }
  return segments[0]!;
}

/** Applies checked paths to one object, loading the objects that expanded ids name. */
export async function expandObject(object: JsonObject, paths: readonly string[], load: ExpansionLoader): Promise<JsonObject> {
  let expanded = object;
  for (const path of paths) expanded = await applyPath(expanded, path.split('.'), load);
  return expanded;
}

async function applyPath(object: JsonObject, segments: readonly string[], load: ExpansionLoader): Promise<JsonObject> {
  const table = expansionTables[String(object.object)];
  if (table === undefined) return object;
  const first = segments[0]!;
  const include = table.includable[first];
  if (segments.length === 1 && include !== undefined) return first in object ? object : { ...object, [first]: include(object) };
  for (let length = segments.length; length > 0; length -= 1) {
    const field = segments.slice(0, length);
    const targetType = table.expandable[field.join('.')];
    if (targetType === undefined) continue;
    let value = valueAt(object, field);
    if (typeof value === 'string') value = (await load(targetType, value)) ?? value;
    const rest = segments.slice(length);
    if (rest.length > 0 && isObject(value)) value = await applyPath(value, rest, load);
    return withValueAt(object, field, value);
  }
  return object;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(object: JsonObject, path: readonly string[]): unknown {
  let value: unknown = object;
  for (const key of path) value = isObject(value) ? value[key] : undefined;
  return value;
}

/** A copy of `object` with the value at `path` replaced; the input is never mutated. */
function withValueAt(object: JsonObject, path: readonly string[], value: unknown): JsonObject {
  const [key, ...rest] = path;
  if (key === undefined) return object;
  if (rest.length === 0) return { ...object, [key]: value };
  const child = object[key];
  return isObject(child) ? { ...object, [key]: withValueAt(child, rest, value) } : object;
}

/** Paths under `data.` for the objects of a list, with the prefix removed. */
export function listItemPaths(paths: readonly string[]): string[] {
  return paths.filter((path) => path.startsWith('data.')).map((path) => path.slice('data.'.length));
}
