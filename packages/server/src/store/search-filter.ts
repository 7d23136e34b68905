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
//
// Each value a query reads (a column, a path into the JSON, a metadata key) is extracted once per
// row, in an inner select whose LIMIT keeps both engines from merging it into the outer one, and the
// bounds read the extracted columns however often they use them (PostgreSQL also parses the JSON
// only once per row). So a scan costs about one JSON parse per row, not one per use of a value.
// Every scan is bounded (domain/search/search-limits.ts): a page stops after search_scan_rows_max rows
// read, matched or not, and says where to go on; a count stops at its own row bound and at 10,000.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SearchClause, SearchQuery } from '../domain/search/search-query.js';
import { search_count_rows_max, search_scan_rows_max, search_total_count_max } from '../domain/search/search-limits.js';
import type { SearchPagePosition } from '../domain/search/search-page-token.js';
import type { ObjectTable, Scope } from './object-pages.js';
import { preparedQuery } from './prepared-query.js';
import type { SqlExecutor, Store } from './store.js';

/**
 * Where a search field lives in a table, and its JSON type on the wire (which decides how SQL
 * turns it into the text the evaluator compares: SQLite reads JSON booleans as 1 and 0).
 */
export type SearchTarget =
  | { column: string; type: 'string' | 'integer' }
  | { path: readonly string[]; type: 'string' | 'integer' | 'boolean' }
  /** A value SQL derives, as the text (or null) the resource's search document holds. */
  | { derived: (json: JsonText) => RawBuilder<string | null> };

/** SQL for the text at `path` inside the row's stored JSON, as parsed once for the scan. */
export type JsonText = (path: readonly string[]) => RawBuilder<string | null>;

/** Field name (as in the resource's SearchFieldTable) to target; `metadata` needs none. */
export type SearchTargets = Readonly<Record<string, SearchTarget>>;

/** A value the bounds read, extracted once per row by the inner select under `name`. */
export interface SearchValue {
  name: string;
  expression: RawBuilder<unknown>;
}

export interface SearchBounds {
  /** What the clauses read; `may` and `must` refer to these by name, never to the table. */
  values: readonly SearchValue[];
  may: RawBuilder<SqlBool>;
  must: RawBuilder<SqlBool>;
}

interface ClauseBounds {
  may: RawBuilder<SqlBool>;
  must: RawBuilder<SqlBool>;
}

/**
 * Most rows one round trip reads. A page starts with `limit + 1` rows and reads four times as many
 * each time until this: every statement costs about a millisecond besides its rows, so small batches
 * make a long scan slow, while a large first batch would extract values from rows the page never needs.
 */
export const search_scan_batch_rows = 2000;

/**
 * @example
 * const bounds = searchBounds(store, parsed.query, paymentIntentSearchTargets);
 * // bounds.may holds for every match (perhaps more), over the columns bounds.values name
 */
export function searchBounds(store: Store, query: SearchQuery, targets: SearchTargets): SearchBounds {
  const json: JsonText = (path) => store.jsonText(documentColumn(store), path);
  const values = new Map<string, SearchValue>();
  // Clauses on one field share its column: `status:"a" OR status:"b"` extracts status once.
  const valueOf = (key: string, expression: () => RawBuilder<unknown>) => {
    let value = values.get(key);
    if (value === undefined) {
      value = { name: `search_${values.size}`, expression: expression() };
      values.set(key, value);
    }
    return sql.ref(value.name);
  };
  const clauses = query.clauses.map((clause) => {
    const bounds = clauseBounds(json, clause, targets, valueOf);
    return clause.negated ? { may: not(bounds.must), must: not(bounds.may) } : bounds;
  });
  const joiner = query.combinator === 'and' ? sql` AND ` : sql` OR `;
  const mays = clauses.map((bounds) => bounds.may);
  const musts = clauses.map((bounds) => bounds.must);
  return {
    values: [...values.values()],
    may: sql<SqlBool>`(${sql.join(mays, joiner)})`,
    must: sql<SqlBool>`(${sql.join(musts, joiner)})`,
  };
}

type ValueOf = (key: string, expression: () => RawBuilder<unknown>) => RawBuilder<unknown>;

/** Bounds of the clause without its `-`; both are definite (never NULL), so negation is safe. */
function clauseBounds(json: JsonText, clause: SearchClause, targets: SearchTargets, valueOf: ValueOf): ClauseBounds {
  if (clause.kind === 'number') {
    const number = valueOf(JSON.stringify(['number', clause.field]), () => numberOf(json, targetFor(clause, targets)));
    if (clause.value === null) return exact(sql<SqlBool>`(${number} IS NULL)`);
    const operator = { equals: '=', gt: '>', gte: '>=', lt: '<', lte: '<=', contains: '=' }[clause.operator];
    return exact(sql<SqlBool>`(${number} ${sql.raw(operator)} CAST(${clause.value} AS NUMERIC))`);
  }
  const text =
    clause.kind === 'metadata'
      ? valueOf(JSON.stringify(['metadata', clause.metadata_key]), () => json(['metadata', clause.metadata_key ?? '']))
      : valueOf(JSON.stringify(['text', clause.field]), () => textOf(json, targetFor(clause, targets)));
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

function exact(condition: RawBuilder<SqlBool>): ClauseBounds {
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
function textOf(json: JsonText, target: SearchTarget): RawBuilder<string | null> {
  if ('derived' in target) return target.derived(json);
  const value = 'column' in target ? sql.ref(target.column) : json(target.path);
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

function numberOf(json: JsonText, target: SearchTarget): RawBuilder<number | null> {
  // The parser lets number operators reach only `number` fields, and those have integer targets.
  if ('derived' in target || target.type !== 'integer') throw new Error('search: a numeric field needs an integer target');
  if ('column' in target) return sql<number | null>`${sql.ref(target.column)}`;
  return sql<number | null>`CAST(${json(target.path)} AS NUMERIC)`;
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
  /** Where the next page starts: the last row served (or read, when the scan stopped at its bound); null when none. */
  last: SearchPagePosition | null;
}

/** A row as one scan reads it: SQL's verdict, and the stored JSON when the caller asked for it. */
export interface ScannedRow {
  created: number;
  id: string;
  /** `must` held: the row matches, whatever its JSON says. */
  certain: boolean;
  /** The stored JSON when the scan's `want` held for the row, else null. */
  data: string | null;
}

interface ScannedRecord {
  created: number | string;
  id: string;
  certain: number | string;
  data: string | null;
}

/**
 * One page of matches after `after` (exclusive), newest first, ties broken by id. Reads `limit + 1`
 * rows, then growing batches, until `limit + 1` matches (to answer has_more), the end of the table,
 * or `rowsMax` rows read; rows SQL cannot vouch for go to `scan.matches`. At the bound the page holds
 * what was found, has_more is true and `last` is the last row read, so the next page goes on from there.
 */
export async function readSearchPage(
  executor: SqlExecutor,
  store: Store,
  scan: SearchScan,
  limit: number,
  after: SearchPagePosition | null,
  rowsMax: number = search_scan_rows_max,
): Promise<SearchPage> {
  const read = searchScanner(store, scan, scan.bounds.may);
  const found: { position: SearchPagePosition; data: string }[] = [];
  const page = (hasMore: boolean, last: SearchPagePosition | null): SearchPage => ({
    rows: found.slice(0, limit).map((match) => match.data),
    has_more: hasMore,
    last,
  });
  let cursor = after;
  let rowsRead = 0;
  let batchRows = limit + 1;
  for (;;) {
    const rows = Math.min(batchRows, rowsMax - rowsRead);
    const batch = await read(executor, cursor, rows);
    for (const row of batch) {
      if (row.data !== null && (row.certain || scan.matches(row.data))) found.push({ position: positionOf(row), data: row.data });
      if (found.length > limit) return page(true, found[limit - 1]!.position);
    }
    rowsRead += batch.length;
    const last = batch.at(-1);
    if (batch.length < rows || last === undefined) return page(false, found.at(-1)?.position ?? null);
    cursor = positionOf(last);
    if (rowsRead >= rowsMax) return page(true, cursor);
    batchRows = Math.min(batchRows * 4, Math.max(limit + 1, search_scan_batch_rows));
  }
}

export interface SearchCountLimits {
  /** Rows read at most; past them the count covers only the newest rows. */
  rows_max: number;
  /** Matches counted at most: the answer never exceeds it. */
  total_max: number;
}

const search_count_limits: SearchCountLimits = { rows_max: search_count_rows_max, total_max: search_total_count_max };

/**
 * Every match, up to `limits.total_max`: the rows SQL vouches for, plus the evaluator's verdict on
 * the ones it cannot, among the newest `limits.rows_max` rows.
 */
export async function countSearchMatches(
  executor: SqlExecutor,
  store: Store,
  scan: SearchScan,
  limits: SearchCountLimits = search_count_limits,
): Promise<number> {
  const read = searchScanner(store, scan, sql<SqlBool>`(${scan.bounds.may} AND NOT ${scan.bounds.must})`);
  let total = 0;
  let rowsRead = 0;
  let cursor: SearchPagePosition | null = null;
  for (;;) {
    const rows = Math.min(search_scan_batch_rows, limits.rows_max - rowsRead);
    const batch = await read(executor, cursor, rows);
    for (const row of batch) {
      if (row.certain || (row.data !== null && scan.matches(row.data))) total += 1;
      if (total >= limits.total_max) return limits.total_max;
    }
    rowsRead += batch.length;
    const last = batch.at(-1);
    if (batch.length < rows || last === undefined || rowsRead >= limits.rows_max) return total;
    cursor = positionOf(last);
  }
}

/** The next `rows` rows of the scope after `after` (exclusive; null: from the newest), newest first. */
export type SearchScanner = (executor: SqlExecutor, after: SearchPagePosition | null, rows: number) => Promise<ScannedRow[]>;

/**
 * Reads a scan's rows in batches, every row with SQL's verdict (so the caller knows exactly how far
 * it has read) and its stored JSON where `want` holds. The query is built and compiled once per scan,
 * then only refilled per batch: compiling it costs about as much as reading a batch.
 *
 * @example
 * const read = searchScanner(store, scan, scan.bounds.may);
 * const newest = await read(executor, null, 11);
 */
export function searchScanner(store: Store, scan: SearchScan, want: RawBuilder<SqlBool>): SearchScanner {
  const first = preparedQuery<{ rows: number }>((db, placeholders) => scanQuery(store, scan, want, null, placeholders.rows));
  const next = preparedQuery<{ created: number; id: string; rows: number }>((db, placeholders) =>
    scanQuery(store, scan, want, { created: placeholders.created, id: placeholders.id }, placeholders.rows),
  );
  return async (executor, after, rows) => {
    const query = after === null ? first(store, { rows }) : next(store, { created: after.created, id: after.id, rows });
    const records = await executor.all<ScannedRecord>(query);
    return records.map((record) => ({
      created: Number(record.created),
      id: record.id,
      certain: Number(record.certain) === 1,
      data: record.data,
    }));
  };
}

/**
 * An inner select extracts each search value once per row (on PostgreSQL from the JSON parsed once
 * by a select below it); the outer one applies the bounds to those columns. Each inner LIMIT keeps
 * SQLite from flattening its select into the one above (and PostgreSQL from pulling it up), which
 * would copy its expressions into every place they are used.
 */
function scanQuery(store: Store, scan: SearchScan, want: RawBuilder<SqlBool>, after: SearchPagePosition | null, limit: number) {
  let rows = scopedRows(store, scan);
  if (after !== null) {
    const { created, id } = after;
    rows = rows.where((eb) => eb.or([eb('created', '<', created), eb.and([eb('created', '=', created), eb('id', '<', id)])]));
  }
  const values = scan.bounds.values.map((value) => value.expression.as(value.name));
  const parse = parsedDocument(store);
  const extracted =
    parse === null
      ? rows.select(['data', 'created', 'id']).select(values).orderBy('created', 'desc').orderBy('id', 'desc').limit(limit).as('extracted')
      : store.db
          .selectFrom(
            rows.selectAll().select(parse.as(document_column)).orderBy('created', 'desc').orderBy('id', 'desc').limit(limit).as('parsed'),
          )
          .select(['data', 'created', 'id'])
          .select(values)
          .orderBy('created', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .as('extracted');
  return (
    store.db
      .selectFrom(extracted)
      .select(['created', 'id'])
      .select(sql<number>`(CASE WHEN ${scan.bounds.must} THEN 1 ELSE 0 END)`.as('certain'))
      .select(sql<string | null>`(CASE WHEN ${want} THEN ${sql.ref('data')} END)`.as('data'))
      // Ordered as the select it reads, so SQLite adds no sort (and, with both ordered, never flattens).
      .orderBy('created', 'desc')
      .orderBy('id', 'desc')
  );
}

/**
 * PostgreSQL parses the text again on every `::jsonb` (about as long as reading the row), so its
 * scans parse the stored JSON once, into this column, and every JsonText reads that. SQLite keeps
 * its last parses for the statement, so there JsonText reads `data` itself and no select parses.
 */
function documentColumn(store: Store): string {
  return parsedDocument(store) === null ? 'data' : document_column;
}

const document_column = 'search_document';

function parsedDocument(store: Store): RawBuilder<unknown> | null {
  return store.engine === 'postgres' ? sql`(${sql.ref('data')}::jsonb)` : null;
}

function scopedRows(store: Store, scan: SearchScan) {
  // Typed against customers, as in object-pages.ts: every object table has these columns.
  const query = store.db
    .selectFrom(scan.table as 'customers')
    .where('account_id', '=', scan.scope.account_id)
    .where('livemode', '=', scan.scope.livemode ? 1 : 0);
  return scan.rows === undefined ? query : query.where(scan.rows);
}

function positionOf(row: ScannedRow): SearchPagePosition {
  return { created: row.created, id: row.id };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}
