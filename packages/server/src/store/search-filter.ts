// A parsed search query as SQL, and the reads that serve search pages. The in-memory evaluator
// (domain/search/search-query-match.ts) defines what matches; SQL cannot always reproduce it, because
// case folding differs (SQLite's lower() folds ASCII only, PostgreSQL's follows the database's locale)
// and whitespace splitting differs. So each clause compiles to two conditions:
//
//   - `may`: true for every row the evaluator would match (it may let through some that do not);
//   - `must`: true only for rows the evaluator would match (it may leave out some that do).
//
// Both are exact whenever the text a clause reads is ASCII (and, for word matching, single-spaced),
// which is what nearly all searched values are: there SQL alone decides. Rows where they differ are
// parsed and handed to the evaluator. So every engine answers exactly what the evaluator answers.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SearchClause, SearchQuery } from '../domain/search/search-query.js';
import type { SearchPagePosition } from '../domain/search/search-page-token.js';
import type { ObjectTable, Scope } from './object-pages.js';
import type { SqlExecutor, Store } from './store.js';

/**
 * Where a search field lives in a table, and its JSON type on the wire (which decides how SQL
 * turns it into the text the evaluator compares: SQLite reads JSON booleans as 1 and 0).
 */
export type SearchTarget =
  | { column: string; type: 'string' | 'integer' }
  | { path: readonly string[]; type: 'string' | 'integer' | 'boolean' }
  /** A value SQL derives, as the text (or null) the resource's search document holds. */
  | { derived: (store: Store) => RawBuilder<string | null> };

/** Field name (as in the resource's SearchFieldTable) to target; `metadata` needs none. */
export type SearchTargets = Readonly<Record<string, SearchTarget>>;

export interface SearchBounds {
  may: RawBuilder<SqlBool>;
  must: RawBuilder<SqlBool>;
}

/** Rows read per round trip once the first page-sized read has not found enough matches. */
export const search_scan_batch_rows = 100;

/**
 * @example
 * const bounds = searchBounds(store, parsed.query, paymentIntentSearchTargets);
 * query.where(bounds.may); // every match, perhaps more
 */
export function searchBounds(store: Store, query: SearchQuery, targets: SearchTargets): SearchBounds {
  const clauses = query.clauses.map((clause) => {
    const bounds = clauseBounds(store, clause, targets);
    return clause.negated ? { may: not(bounds.must), must: not(bounds.may) } : bounds;
  });
  const joiner = query.combinator === 'and' ? sql` AND ` : sql` OR `;
  const mays = clauses.map((bounds) => bounds.may);
  const musts = clauses.map((bounds) => bounds.must);
  return { may: sql<SqlBool>`(${sql.join(mays, joiner)})`, must: sql<SqlBool>`(${sql.join(musts, joiner)})` };
}

/** Bounds of the clause without its `-`; both are definite (never NULL), so negation is safe. */
function clauseBounds(store: Store, clause: SearchClause, targets: SearchTargets): SearchBounds {
  if (clause.kind === 'number') {
    const number = numberOf(store, targetFor(clause, targets));
    if (clause.value === null) return exact(sql<SqlBool>`(${number} IS NULL)`);
    const operator = { equals: '=', gt: '>', gte: '>=', lt: '<', lte: '<=', contains: '=' }[clause.operator];
    return exact(sql<SqlBool>`(${number} ${sql.raw(operator)} CAST(${clause.value} AS NUMERIC))`);
  }
  const text =
    clause.kind === 'metadata'
      ? store.jsonText('data', ['metadata', clause.metadata_key ?? ''])
      : textOf(store, targetFor(clause, targets));
  if (clause.value === null) return exact(sql<SqlBool>`(${text} IS NULL OR ${text} = '')`);
  const wanted = String(clause.value).toLowerCase();
  // Where the text is ASCII, lower() folds it exactly as toLowerCase does, on every engine (save a
  // PostgreSQL database whose locale is Turkish, where 'I' lowers to a dotless i [inf]).
  let plain = sql<SqlBool>`(length(${text}) = octet_length(${text}))`;
  let ifPlain: RawBuilder<SqlBool>;
  if (clause.operator === 'contains') {
    ifPlain = sql<SqlBool>`(lower(${text}) LIKE ${`%${escapeLike(wanted)}%`} ESCAPE '\\')`;
  } else if (clause.kind === 'string') {
    // The query's words stand together, in order, among the value's words. Exact when the value's
    // words are apart by single spaces; tabs, line breaks and runs of spaces go to the evaluator.
    const words = wanted.trim().split(/\s+/u).join(' ');
    ifPlain = sql<SqlBool>`((' ' || lower(${text}) || ' ') LIKE ${`% ${escapeLike(words)} %`} ESCAPE '\\')`;
    const irregular = ['  ', '\t', '\n', '\r', '\v', '\f'].map((gap) => sql<SqlBool>`${text} NOT LIKE ${`%${gap}%`}`);
    plain = sql<SqlBool>`(${plain} AND ${sql.join(irregular, sql` AND `)})`;
  } else {
    ifPlain = sql<SqlBool>`(lower(${text}) = ${wanted})`;
  }
  return {
    may: definite(sql`(NOT ${plain} OR ${ifPlain})`),
    must: definite(sql`(${plain} AND ${ifPlain})`),
  };
}

function exact(condition: RawBuilder<SqlBool>): SearchBounds {
  const definiteCondition = definite(condition);
  return { may: definiteCondition, must: definiteCondition };
}

function definite(condition: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`COALESCE(${condition}, ${sql.lit(false)})`;
}

function not(condition: RawBuilder<SqlBool>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(NOT ${condition})`;
}

function targetFor(clause: SearchClause, targets: SearchTargets): SearchTarget {
  const target = Object.hasOwn(targets, clause.field) ? targets[clause.field] : undefined;
  // The parser only lets a resource's own fields through, and each has a target: a miss is a bug.
  if (target === undefined) throw new Error(`search: no target for field ${clause.field}`);
  return target;
}

/** The field as the text the evaluator compares (numbers and booleans by their JSON spelling). */
function textOf(store: Store, target: SearchTarget): RawBuilder<string | null> {
  if ('derived' in target) return target.derived(store);
  const value = 'column' in target ? sql.ref(target.column) : store.jsonText('data', target.path);
  switch (target.type) {
    case 'string':
      return sql<string | null>`${value}`;
    case 'integer':
      return sql<string | null>`CAST(${value} AS TEXT)`;
    case 'boolean':
      // PostgreSQL reads a JSON boolean as 'true'/'false', SQLite as 1/0.
      return sql<string | null>`(CASE CAST(${value} AS TEXT) ${booleanSpellings} END)`;
  }
}

const booleanSpellings = sql.raw(`WHEN 'true' THEN 'true' WHEN '1' THEN 'true' WHEN 'false' THEN 'false' WHEN '0' THEN 'false'`);

function numberOf(store: Store, target: SearchTarget): RawBuilder<number | null> {
  // The parser lets number operators reach only `number` fields, and those have integer targets.
  if ('derived' in target || target.type !== 'integer') throw new Error('search: a numeric field needs an integer target');
  if ('column' in target) return sql<number | null>`${sql.ref(target.column)}`;
  return sql<number | null>`CAST(${store.jsonText('data', target.path)} AS NUMERIC)`;
}

export interface SearchScan {
  table: ObjectTable;
  scope: Scope;
  bounds: SearchBounds;
  /** A condition every row must meet besides the query (customers: not deleted). */
  rows?: RawBuilder<SqlBool>;
  /** Decides a row SQL could not: the row's stored JSON, handed to the evaluator. */
  matches(json: string): boolean;
}

export interface SearchPage {
  /** Stored JSON of the matches, newest first. */
  rows: string[];
  has_more: boolean;
  /** Where the next page starts: the last row served, or null when none was. */
  last: SearchPagePosition | null;
}

interface ScannedRow {
  data: string;
  created: number | string;
  id: string;
  certain: number | string;
}

/**
 * One page of matches after `after` (exclusive), newest first, ties broken by id. Reads `limit + 1`
 * rows that may match; rows SQL cannot vouch for go to `scan.matches`, and reading continues in
 * batches until `limit + 1` matches (to answer has_more) or the end of the table.
 */
export async function readSearchPage(
  executor: SqlExecutor,
  store: Store,
  scan: SearchScan,
  limit: number,
  after: SearchPagePosition | null,
): Promise<SearchPage> {
  const found: ScannedRow[] = [];
  let cursor = after;
  let batchRows = limit + 1;
  for (;;) {
    const batch = await executor.all<ScannedRow>(scanQuery(store, scan, scan.bounds.may, cursor, batchRows));
    for (const row of batch) {
      if (Number(row.certain) === 1 || scan.matches(row.data)) found.push(row);
      if (found.length > limit) break;
    }
    const last = batch.at(-1);
    if (found.length > limit || batch.length < batchRows || last === undefined) break;
    cursor = positionOf(last);
    batchRows = Math.max(limit + 1, search_scan_batch_rows);
  }
  const served = found.slice(0, limit);
  const last = served.at(-1);
  return { rows: served.map((row) => row.data), has_more: found.length > limit, last: last === undefined ? null : positionOf(last) };
}

/** Every match: a COUNT of the rows SQL vouches for, plus the evaluator's verdict on the rest. */
export async function countSearchMatches(executor: SqlExecutor, store: Store, scan: SearchScan): Promise<number> {
  const counted = await executor.first<{ count: number | string }>(
    scopedRows(store, scan)
      .select(sql<number>`COUNT(*)`.as('count'))
      .where(scan.bounds.must)
      .compile(),
  );
  let total = Number(counted?.count ?? 0);
  const uncertain = sql<SqlBool>`(${scan.bounds.may} AND NOT ${scan.bounds.must})`;
  let cursor: SearchPagePosition | null = null;
  for (;;) {
    const batch = await executor.all<ScannedRow>(scanQuery(store, scan, uncertain, cursor, search_scan_batch_rows));
    total += batch.filter((row) => scan.matches(row.data)).length;
    const last = batch.at(-1);
    if (batch.length < search_scan_batch_rows || last === undefined) return total;
    cursor = positionOf(last);
  }
}

function scopedRows(store: Store, scan: SearchScan) {
  // Typed against customers, as in object-pages.ts: every object table has these columns.
  const query = store.db
    .selectFrom(scan.table as 'customers')
    .where('account_id', '=', scan.scope.account_id)
    .where('livemode', '=', scan.scope.livemode ? 1 : 0);
  return scan.rows === undefined ? query : query.where(scan.rows);
}

function scanQuery(store: Store, scan: SearchScan, condition: RawBuilder<SqlBool>, after: SearchPagePosition | null, rows: number) {
  let query = scopedRows(store, scan)
    .select(['data', 'created', 'id'])
    .select(sql<number>`(CASE WHEN ${scan.bounds.must} THEN 1 ELSE 0 END)`.as('certain'))
    .where(condition);
  if (after !== null) {
    const { created, id } = after;
    query = query.where((eb) => eb.or([eb('created', '<', created), eb.and([eb('created', '=', created), eb('id', '<', id)])]));
  }
  return query.orderBy('created', 'desc').orderBy('id', 'desc').limit(rows).compile();
}

function positionOf(row: ScannedRow): SearchPagePosition {
  return { created: Number(row.created), id: row.id };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}
