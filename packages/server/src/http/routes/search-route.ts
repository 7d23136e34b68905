// The search endpoint every searchable resource shares (`GET /v1/charges/search?query=...`): Stripe's
// query language parsed against the resource's fields, `limit`, the `page` / `next_page` cursor, and
// `total_count` when `expand[]=total_count` asks for it. Answers a `search_result`; `data.x` expands
// items as on lists. Matches are exactly what the in-memory evaluator says (store/search-filter.ts),
// within the scan bounds of domain/search/search-limits.ts: a page that reaches its row bound answers
// has_more with a next_page that goes on from there, and total_count stops at Stripe's 10,000.
import type { SqlBool, RawBuilder } from 'kysely';
import { decodeSearchPage, encodeSearchPage } from '../../domain/search/search-page-token.js';
import { parseSearchQuery } from '../../domain/search/search-query.js';
import { matchesSearchResource, type SearchResource } from '../../domain/search/search-resources.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import type { ObjectTable } from '../../store/object-pages.js';
import { countSearchMatches, readSearchPage, searchBounds, type SearchScan, type SearchTargets } from '../../store/search-filter.js';
import type { ReadRoute } from '../api-route.js';
import { pageRequest, textParam } from '../list-params.js';

export interface SearchRouteSpec {
  object_type: string;
  /** Names the route (`/v1/${search.name}/search`) and the table searched, as Stripe and Tender spell both alike. */
  search: SearchResource;
  targets: SearchTargets;
  /** A condition every row must meet besides the query (customers: not deleted). */
  rows?: RawBuilder<SqlBool>;
}

/**
 * @example
 * searchRoute({ object_type: 'charge', search: chargeSearch, targets: chargeSearchTargets });
 */
export function searchRoute(spec: SearchRouteSpec): ReadRoute {
  // Every searchable resource is stored in the table of its name; this fails to compile if one is not.
  const table: ObjectTable = spec.search.name;
  const url = `/v1/${spec.search.name}/search`;
  return {
    kind: 'read',
    method: 'GET',
    path: `/${spec.search.name}/search`,
    operation: `GET ${url}`,
    object_type: spec.object_type,
    expand_target: { kind: 'search' },
    run: async (call, executor, { store }) => {
      const parsed = parseSearchQuery(String(call.params.query ?? ''), spec.search.fields, spec.search.name);
      if (!parsed.ok) return fail({ code: 'search_query_invalid', message: parsed.message });
      const page = pageRequest({ limit: call.params.limit });
      if (!page.ok) return fail(page.failure);
      const token = textParam(call.params.page);
      const after = token === null ? null : decodeSearchPage(token);
      if (token !== null && after === null) return fail({ code: 'parameter_invalid', param: 'page', message: `Invalid page: ${token}` });

      const query = parsed.query;
      const scan: SearchScan = {
        table,
        scope: call.scope,
        bounds: searchBounds(store, query, spec.targets),
        ...(spec.rows === undefined ? {} : { rows: spec.rows }),
        matches: (json) => matchesSearchResource(spec.search, query, JSON.parse(json) as Record<string, unknown>),
      };
      const result = await readSearchPage(executor, store, scan, page.page.limit, after);
      const total_count = call.expand.includes('total_count') ? await countSearchMatches(executor, store, scan) : undefined;
      return succeed({
        kind: 'search' as const,
        url,
        rows: result.rows,
        has_more: result.has_more,
        next_page: result.has_more && result.last !== null ? encodeSearchPage(result.last) : null,
        ...(total_count === undefined ? {} : { total_count }),
      });
    },
  };
}
