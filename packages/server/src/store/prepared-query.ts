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
