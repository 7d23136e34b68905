// `expand[]`: which fields of which objects can be expanded or included, and the walk that applies
// dot paths (up to 4 levels, `data.` first on lists). An expandable field holds an id that becomes
// the object; an includable field is left out of the object unless expanded.
import { fail, succeed, type Outcome } from '../domain/shared/failures.js';
import { expand_depth_max } from './request-limits.js';

type JsonObject = Record<string, unknown>;

export interface ExpansionTable {
  /** Dotted field paths holding an id (or null). Loading is per resource; none can be loaded yet. */
  expandable: ReadonlySet<string>;
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

export const expansionTables: Readonly<Record<string, ExpansionTable>> = {
  customer: {
    expandable: new Set(['default_source', 'test_clock', 'invoice_settings.default_payment_method']),
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
  event: { expandable: new Set(), includable: {} },
  payment_method: { expandable: new Set(['customer']), includable: {} },
  token: { expandable: new Set(), includable: {} },
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

/** Returns the part of the path that cannot be expanded, or null if all of it can. */
function checkObjectPath(segments: readonly string[], objectType: string): string | null {
  const table = expansionTables[objectType];
  if (table === undefined || segments.length === 0) return segments.join('.') || objectType;
  for (let length = segments.length; length > 0; length -= 1) {
    const prefix = segments.slice(0, length).join('.');
    if (table.expandable.has(prefix) || (length === 1 && prefix in table.includable)) {
      // Nothing expandable holds an object yet, so a deeper path names a field of a null value,
      // which Stripe accepts; validate its first level against nothing further.
      return null;
    }
  }
  return segments[0]!;
}

/** Applies checked paths to one object. */
export function expandObject(object: JsonObject, paths: readonly string[]): JsonObject {
  const table = expansionTables[String(object.object)];
  if (table === undefined || paths.length === 0) return object;
  let expanded = object;
  for (const path of paths) {
    const first = path.split('.')[0]!;
    const include = table.includable[first];
    if (include !== undefined && !(first in expanded)) expanded = { ...expanded, [first]: include(object) };
    // Expandable id fields hold null until the resources they point at exist in Tender.
  }
  return expanded;
}

/** Paths under `data.` for the objects of a list, with the prefix removed. */
export function listItemPaths(paths: readonly string[]): string[] {
  return paths.filter((path) => path.startsWith('data.')).map((path) => path.slice('data.'.length));
}
