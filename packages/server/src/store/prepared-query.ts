// Queries of a fixed shape, built with Kysely once per engine instead of on every request. The
// builder runs with sentinel values; compiling shows where each sentinel landed among the
// parameters, and each later call only fills that array. Sentinels start with a NUL, which no
// request value can hold (decoding refuses it), so a value is never mistaken for a placeholder.
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { EngineName, Store } from './store.js';

const sentinel_prefix = '\u0000tender-param:';

interface Template {
  sql: string;
  /** For each SQL parameter: the name of the call's value, or a constant baked in by the builder. */
  slots: ({ name: string } | { constant: unknown })[];
}

type Placeholders<P> = { readonly [K in keyof P]: P[K] };

export type PreparedQuery<P> = (store: Store, values: P) => CompiledQuery;

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
      template = {
        sql: compiled.sql,
        slots: compiled.parameters.map((parameter) =>
          typeof parameter === 'string' && parameter.startsWith(sentinel_prefix)
            ? { name: parameter.slice(sentinel_prefix.length) }
            : { constant: parameter },
        ),
      };
      templates.set(store.engine, template);
    }
    const parameters = template.slots.map((slot) => {
      if (!('name' in slot)) return slot.constant;
      const value = values[slot.name];
      if (value === undefined) throw new Error(`prepared query: no value for ${slot.name}`);
      return value;
    });
    return CompiledQuery.raw(template.sql, parameters);
  };
}
