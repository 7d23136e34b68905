// The list endpoint most resources share: Stripe's pagination params plus equality filters on indexed
// columns named like their params (`GET /v1/charges?customer=cus_x&payment_intent=pi_y`).
import { sql } from 'kysely';
import { fail, succeed, type ResourceName } from '../../domain/shared/failures.js';
import { readPage, type ObjectTable } from '../../store/object-pages.js';
import type { ReadRoute } from '../api-route.js';
import { pageRequest, textParam } from '../list-params.js';

export interface FilteredListSpec {
  table: ObjectTable;
  /** The path under /v1, also the list's `url` once prefixed. */
  path: string;
  object_type: string;
  resource: ResourceName;
  /** Params that filter by equality on the column of the same name. */
  filter_columns: readonly string[];
}

export function filteredListRoute(spec: FilteredListSpec): ReadRoute {
  const url = `/v1${spec.path}`;
  return {
    kind: 'read',
    method: 'GET',
    path: spec.path,
    operation: `GET ${url}`,
    object_type: spec.object_type,
    expand_target: { kind: 'list' },
    run: async (call, executor, { store }) => {
      const page = pageRequest(call.params);
      if (!page.ok)
        return fail({ code: 'parameter_invalid', param: page.error.fields.param ?? 'limit', message: page.error.fields.message });
      const filters = spec.filter_columns.flatMap((column) => {
        const value = textParam(call.params[column]);
        return value === null ? [] : [[column, value] as const];
      });
      const result = await readPage(executor, store, spec.table, call.scope, page.page, (query) =>
        // The page query is typed against customers (see object-pages.ts); these columns are the table's own.
        filters.reduce((filtered, [column, value]) => filtered.where(sql.ref<string>(column), '=', value), query),
      );
      if (!result.ok)
        return fail({ code: 'resource_missing', resource: spec.resource, id: result.id, param: result.missing_cursor, in_path: false });
      return succeed({ kind: 'list' as const, url, rows: result.rows, has_more: result.has_more });
    },
  };
}
