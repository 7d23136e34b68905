// Cursor pagination shared by every object table (account_id, livemode, id, created, data): newest
// first, ties broken by id, `starting_after` / `ending_before` by object id, `created` filters, and
// one extra row fetched to answer `has_more`. Rows come back as stored JSON text, not parsed.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from './database-schema.js';
import type { SqlExecutor, Store } from './store.js';

export type ObjectTable =
  | 'webhook_endpoints'
  | 'customers'
  | 'events'
  | 'payment_methods'
  | 'payment_intents'
  | 'charges'
  | 'balance_transactions'
  | 'refunds'
  | 'setup_intents'
  | 'setup_attempts'
  | 'bank_accounts'
  | 'payouts';

export type CreatedFilter = number | { gt?: number; gte?: number; lt?: number; lte?: number };

export interface Scope {
  account_id: string;
  livemode: boolean;
}

export interface PageRequest {
  limit: number;
  starting_after: string | null;
  ending_before: string | null;
  created: CreatedFilter | null;
}

export type Page =
  { ok: true; rows: string[]; has_more: boolean } | { ok: false; missing_cursor: 'starting_after' | 'ending_before'; id: string };

// Kysely's types follow one table at a time; every object table shares these columns, so queries are
// typed against `customers` and run against whichever table is named.
type AnyObjectQuery = SelectQueryBuilder<Database, 'customers', { data: string }>;
export type ObjectQuery = AnyObjectQuery;
/** Adds a resource's own conditions (email, type, a search query) to a page query. */
export type ObjectFilter = (query: AnyObjectQuery) => AnyObjectQuery;

export async function readPage(
  executor: SqlExecutor,
  store: Store,
  table: ObjectTable,
  scope: Scope,
  request: PageRequest,
  filter?: ObjectFilter,
): Promise<Page> {
  const cursorId = request.starting_after ?? request.ending_before;
  const forward = request.ending_before === null;
  let cursor: { created: number; id: string } | undefined;
  if (cursorId !== null) {
    cursor = await executor.first<{ created: number; id: string }>(
      store.db
        .selectFrom(table as 'customers')
        .select(['created', 'id'])
        .where('account_id', '=', scope.account_id)
        .where('livemode', '=', scope.livemode ? 1 : 0)
        .where('id', '=', cursorId)
        .compile(),
    );
    if (cursor === undefined) return { ok: false, missing_cursor: forward ? 'starting_after' : 'ending_before', id: cursorId };
  }

  let query = store.db
    .selectFrom(table as 'customers')
    .select('data')
    .where('account_id', '=', scope.account_id)
    .where('livemode', '=', scope.livemode ? 1 : 0) as AnyObjectQuery;
  query = applyRange(query, 'created', request.created);
  if (filter !== undefined) query = filter(query);
  if (cursor !== undefined) {
    const { created, id } = cursor;
    query = query.where((eb) =>
      forward
        ? eb.or([eb('created', '<', created), eb.and([eb('created', '=', created), eb('id', '<', id)])])
        : eb.or([eb('created', '>', created), eb.and([eb('created', '=', created), eb('id', '>', id)])]),
    );
  }
  const direction = forward ? 'desc' : 'asc';
  query = query
    .orderBy('created', direction)
    .orderBy('id', direction)
    .limit(request.limit + 1);
  const rows = await executor.all<{ data: string }>(query.compile());
  const has_more = rows.length > request.limit;
  const page = rows.slice(0, request.limit).map((row) => row.data);
  if (!forward) page.reverse();
  return { ok: true, rows: page, has_more };
}

/**
 * Filters a timestamp column the way Stripe's `created` param does: an exact value, or any of
 * gt/gte/lt/lte. `column` is one of the table's own (`created`, a payout's `arrival_date`).
 * @example applyRange(query, 'arrival_date', { gte: 1768521600 })
 */
export function applyRange(query: AnyObjectQuery, column: string, filter: CreatedFilter | null): AnyObjectQuery {
  if (filter === null) return query;
  const ref = sql.ref<number>(column);
  if (typeof filter === 'number') return query.where(ref, '=', filter);
  if (filter.gt !== undefined) query = query.where(ref, '>', filter.gt);
  if (filter.gte !== undefined) query = query.where(ref, '>=', filter.gte);
  if (filter.lt !== undefined) query = query.where(ref, '<', filter.lt);
  if (filter.lte !== undefined) query = query.where(ref, '<=', filter.lte);
  return query;
}
