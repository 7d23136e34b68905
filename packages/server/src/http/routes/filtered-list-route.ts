// The list endpoint most resources share: Stripe's pagination params plus filters on indexed columns
// named like their params, by equality (`GET /v1/charges?customer=cus_x`) or as a range like `created`
// (`GET /v1/payouts?arrival_date[gte]=...`), and equalities every page has (no deleted rows).
import { sql } from 'kysely';
import { fail, succeed, type ResourceName } from '../../domain/shared/failures.js';
import { applyRange, readPage, type ObjectTable } from '../../store/object-pages.js';
import type { ApiCall, ReadRoute } from '../api-route.js';
import { createdFilter, pageRequest, textParam } from '../list-params.js';

export interface FilteredListSpec {
  table: ObjectTable;
  /** The path under /v1, with `:name` segments; the list's `url` is it prefixed, filled from the call's path. */
  path: string;
  object_type: string;
  resource: ResourceName;
  /** Params that filter by equality on the column of the same name. */
  filter_columns: readonly string[];
  /** Params that filter like `created` (a timestamp, or gt/gte/lt/lte) on the column of the same name. */
  range_columns?: readonly string[];
  /** Column equalities every page has, whatever the params (deleted bank accounts keep their rows). */
  fixed_filters?: Readonly<Record<string, string | number>>;
}

const path_param = /:(\w+)/g;

export function filteredListRoute(spec: FilteredListSpec): ReadRoute {
  const url = (call: ApiCall) => `/v1${spec.path.replace(path_param, (_match, name: string) => call.path[name] ?? '')}`;
  const equalities = Object.entries(spec.fixed_filters ?? {});
  return {
    kind: 'read',
    method: 'GET',
    path: spec.path,
    operation: `GET /v1${spec.path.replace(path_param, '{$1}')}`,
    object_type: spec.object_type,
    expand_target: { kind: 'list' },
    run: async (call, executor, { store }) => {
      const page = pageRequest(call.params);
      if (!page.ok) return fail(page.failure);
      const filters = spec.filter_columns.flatMap((column) => {
        const value = textParam(call.params[column]);
        return value === null ? [] : [[column, value] as const];
      });
      const ranges = (spec.range_columns ?? []).map((column) => [column, createdFilter(call.params[column])] as const);
      const result = await readPage(executor, store, spec.table, call.scope, page.page, (query) => {
        // The page query is typed against customers (see object-pages.ts); these columns are the table's own.
        for (const [column, value] of [...filters, ...equalities]) query = query.where(sql.ref<string | number>(column), '=', value);
        for (const [column, range] of ranges) query = applyRange(query, column, range);
        return query;
      });
      if (!result.ok)
        return fail({ code: 'resource_missing', resource: spec.resource, id: result.id, param: result.missing_cursor, in_path: false });
      return succeed({ kind: 'list' as const, url: url(call), rows: result.rows, has_more: result.has_more });
    },
  };
}
