// Queries of a fixed shape, built with Kysely once per engine instead of on every request. The
// builder runs with sentinel values; compiling shows where each sentinel landed among the
// parameters, and each later call only fills that array. Sentinels start with a NUL, which no
// request value can hold (decoding refuses it), so a value is never mistaken for a placeholder.
import type { Compilable, Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { EngineName, SqlQuery, Store } from './store.js';

const sentinel_prefix = '\u0000tender-param:';

/** Where each SQL parameter's value comes from: a constant the builder baked in, or a named value of
 * the shared values (row -1) or of one row. */
type Slot = { constant: unknown } | { row: number; name: string };

interface Template {
  sql: string;
  slots: Slot[];
}

type Placeholders<P> = { readonly [K in keyof P]: P[K] };

/** A prepared query's call answers plain SQL and parameters: Kysely's CompiledQuery would also build
 * and freeze a query tree and an id per call, which no engine here reads. */
export type PreparedQuery<P> = (store: Store, values: P) => SqlQuery;

const shared_row = -1;
const no_rows: readonly Record<string, unknown>[] = [];
/** Placeholders whose sentinel names their row (`s` for the shared values) and their key. */
const placeholdersFor = (row: number) =>
  new Proxy({}, { get: (_target, name) => `${sentinel_prefix}${row === shared_row ? 's' : row}:${String(name)}` });

function compileTemplate(compiled: SqlQuery): Template {
  const slots = compiled.parameters.map((parameter): Slot => {
    if (typeof parameter !== 'string' || !parameter.startsWith(sentinel_prefix)) return { constant: parameter };
    const [where, name] = parameter.slice(sentinel_prefix.length).split(/:(.*)/s) as [string, string];
    return { row: where === 's' ? shared_row : Number(where), name };
  });
  return { sql: compiled.sql, slots };
}

function fill(template: Template, shared: Record<string, unknown>, rows: readonly Record<string, unknown>[]): SqlQuery {
  const { slots } = template;
  const parameters = new Array<unknown>(slots.length);
  for (let index = 0; index < slots.length; index += 1) {
    const slot = slots[index]!;
    if ('constant' in slot) {
      parameters[index] = slot.constant;
      continue;
    }
    const value = slot.row === shared_row ? shared[slot.name] : rows[slot.row]![slot.name];
    if (value === undefined)
      throw new Error(`prepared query: no value for ${slot.name}${slot.row === shared_row ? '' : ` of row ${slot.row}`}`);
    parameters[index] = value;
  }
  return { sql: template.sql, parameters };
}

/**
 * @example
 * const byId = preparedQuery<{ id: string }>((db, p) => db.selectFrom('customers').select('data').where('id', '=', p.id));
 * await executor.first(byId(store, { id: 'cus_1' }));
 */
export function preparedQuery<P extends Record<string, unknown>>(
  build: (db: Kysely<Database>, placeholders: Placeholders<P>) => Compilable,
): PreparedQuery<P> {
  const templates = new Map<EngineName, Template>();
  const placeholders = placeholdersFor(shared_row) as Placeholders<P>;
  return (store, values) => {
    let template = templates.get(store.engine);
    if (template === undefined) templates.set(store.engine, (template = compileTemplate(build(store.db, placeholders).compile())));
    return fill(template, values, no_rows);
  };
}

/**
 * A query over `rows.length` rows of the same shape (a multi-row insert, an IN list), prepared once
 * per engine and row count like `preparedQuery`: the builder gets the shared placeholders and one
 * set per row, and each call fills the parameters from `shared` and `rows` by position, without
 * building an object of numbered names (which V8 keeps as a slow dictionary).
 * @example
 * const insertMany = preparedRowsQuery<{}, { id: string }>((db, _shared, rows) => db.insertInto('t').values(rows.map((row) => ({ id: row.id }))));
 * await executor.run(insertMany(store, {}, [{ id: 'a' }, { id: 'b' }]));
 */
export function preparedRowsQuery<S extends Record<string, unknown>, R extends Record<string, unknown>>(
  build: (db: Kysely<Database>, shared: Placeholders<S>, rows: Placeholders<R>[]) => Compilable,
): (store: Store, shared: S, rows: readonly R[]) => SqlQuery {
  const templates = new Map<string, Template>();
  const shared = placeholdersFor(shared_row) as Placeholders<S>;
  return (store, values, rows) => {
    const key = `${store.engine}:${rows.length}`;
    let template = templates.get(key);
    if (template === undefined) {
      const perRow = rows.map((_, row) => placeholdersFor(row) as Placeholders<R>);
      templates.set(key, (template = compileTemplate(build(store.db, shared, perRow).compile())));
    }
    return fill(template, values, rows);
  };
}
