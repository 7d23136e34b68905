// Turns a parsed search query into SQL conditions on an object table. Each resource says which column
// (or JSON path in `data`) holds each field. Conditions on nulls are folded to false before negation,
// so `-email:"x"` also finds objects with no email, as the in-memory reference evaluator does.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { SearchClause, SearchQuery } from '../domain/search/search-query.js';
import type { Database } from './database-schema.js';
import type { ObjectFilter } from './object-pages.js';
import type { Store } from './store.js';

export type SearchColumns = Readonly<Record<string, string>>;

export function searchFilter(store: Store, query: SearchQuery, columns: SearchColumns): ObjectFilter {
  return (page) =>
    page.where((eb) => {
      const conditions = query.clauses.map((clause) => clauseCondition(store, eb, clause, columns));
      return query.combinator === 'and' ? eb.and(conditions) : eb.or(conditions);
    });
}

function clauseCondition(
  store: Store,
  eb: ExpressionBuilder<Database, 'customers'>,
  clause: SearchClause,
  columns: SearchColumns,
): Expression<SqlBool> {
  const target =
    clause.kind === 'metadata'
      ? store.jsonText('data', ['metadata', clause.metadata_key ?? ''])
      : sql.ref(columns[clause.field] ?? clause.field);
  let condition: Expression<SqlBool>;
  if (clause.value === null) {
    condition = sql<SqlBool>`(${target} IS NULL OR ${target} = '')`;
  } else if (clause.kind === 'number') {
    const operator = { equals: '=', gt: '>', gte: '>=', lt: '<', lte: '<=', contains: '=' }[clause.operator];
    condition = sql<SqlBool>`(${target} ${sql.raw(operator)} ${clause.value})`;
  } else if (clause.operator === 'contains') {
    const pattern = `%${escapeLike(String(clause.value).toLowerCase())}%`;
    condition = sql<SqlBool>`(lower(${target}) LIKE ${pattern} ESCAPE '\\')`;
  } else if (clause.kind === 'string') {
    // A string field matches when the query's words stand together, in order, among the value's words.
    const words = String(clause.value).toLowerCase().trim().split(/\s+/).join(' ');
    const pattern = `% ${escapeLike(words)} %`;
    condition = sql<SqlBool>`((' ' || lower(${target}) || ' ') LIKE ${pattern} ESCAPE '\\')`;
  } else {
    condition = sql<SqlBool>`(lower(${target}) = ${String(clause.value).toLowerCase()})`;
  }
  const definite = sql<SqlBool>`COALESCE(${condition}, ${sql.lit(false)})`;
  return clause.negated ? eb.not(definite) : definite;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}
