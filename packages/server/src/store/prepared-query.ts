// Queries of a fixed shape, built with Kysely once per engine instead of on every request. The
// builder runs with sentinel values; compiling shows where each sentinel landed among the
// parameters, and each later call only fills that array. Sentinels start with a NUL, which no
// request value can hold (decoding refuses it), so a value is never mistaken for a placeholder.
import type { Compilable, Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { EngineName, SqlQuery, Store } from './store.js';

const sentinel_prefix = '\u0000tender-param:';

interface Template {
  sql: string;
  /** For each SQL parameter: the name of the call's value, or null where the builder baked in a constant. */
  names: (string | null)[];
  /** The builder's constants, at their parameters' positions (the others are filled per call). */
  constants: unknown[];
}

type Placeholders<P> = { readonly [K in keyof P]: P[K] };

/** A prepared query's call answers plain SQL and parameters: Kysely's CompiledQuery would also build
 * and freeze a query tree and an id per call, which no engine here reads. */
export type PreparedQuery<P> = (store: Store, values: P) => SqlQuery;

/**
 * @example
 * const byId = preparedQuery<{ id: string }>((db, p) => db.selectFrom('customers').select('data').where('id', '=', p.id));
 * await executor.first(byId(store, { id: 'cus_1' }));
 */
export function preparedQuery<P extends Record<string, unknown>>(
  build: (db: Kysely<Database>, placeholders: Placeholders<P>) => Compilable,
): PreparedQuery<P> {
  const templates = new Map<EngineName, Template>();
  const placeholders = new Proxy({} as Placeholders<P>, { get: (_target, name) => sentinel_prefix + String(name) });
  return (store, values) => {
    let template = templates.get(store.engine);
    if (template === undefined) {
      const compiled = build(store.db, placeholders).compile();
      const names = compiled.parameters.map((parameter) =>
        typeof parameter === 'string' && parameter.startsWith(sentinel_prefix) ? parameter.slice(sentinel_prefix.length) : null,
      );
      template = {
        sql: compiled.sql,
        names,
        constants: compiled.parameters.map((parameter, index) => (names[index] === null ? parameter : undefined)),
      };
      templates.set(store.engine, template);
    }
    const { names, constants } = template;
    const parameters = new Array<unknown>(names.length);
    for (let index = 0; index < names.length; index += 1) {
      const name = names[index];
      if (name === null || name === undefined) {
        parameters[index] = constants[index];
        continue;
      }
      const value = values[name];
      if (value === undefined) throw new Error(`prepared query: no value for ${name}`);
      parameters[index] = value;
    }
    return { sql: template.sql, parameters };
  };
}

/** A row's placeholders in a `preparedRowsQuery` builder. */
export type RowPlaceholders<R> = Placeholders<R>;

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
  build: (db: Kysely<Database>, shared: Placeholders<S>, rows: RowPlaceholders<R>[]) => Compilable,
): (store: Store, shared: S, rows: readonly R[]) => SqlQuery {
  const templates = new Map<string, { sql: string; slots: ({ row: number; name: string } | { constant: unknown })[] }>();
  const placeholders = (prefix: string) => new Proxy({}, { get: (_target, name) => sentinel_prefix + prefix + String(name) });
  return (store, shared, rows) => {
    const key = `${store.engine}:${rows.length}`;
    let template = templates.get(key);
    if (template === undefined) {
      const rowPlaceholders = rows.map((_, index) => placeholders(`${index}:`) as RowPlaceholders<R>);
      const compiled = build(store.db, placeholders('s:') as Placeholders<S>, rowPlaceholders).compile();
      const slots = compiled.parameters.map((parameter) => {
        if (typeof parameter !== 'string' || !parameter.startsWith(sentinel_prefix)) return { constant: parameter };
        const [where, name] = parameter.slice(sentinel_prefix.length).split(/:(.*)/s) as [string, string];
        return { row: where === 's' ? -1 : Number(where), name };
      });
      template = { sql: compiled.sql, slots };
      templates.set(key, template);
    }
    const { slots } = template;
    const parameters = new Array<unknown>(slots.length);
    for (let index = 0; index < slots.length; index += 1) {
      const slot = slots[index]!;
      if ('constant' in slot) {
        parameters[index] = slot.constant;
        continue;
      }
      const value = slot.row === -1 ? shared[slot.name] : rows[slot.row]![slot.name];
      if (value === undefined) throw new Error(`prepared query: no value for ${slot.name}${slot.row === -1 ? '' : ` of row ${slot.row}`}`);
      parameters[index] = value;
    }
    return { sql: template.sql, parameters };
  };
}
