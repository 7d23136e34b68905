// Applies the migrations a database has not seen yet, inside the caller's transaction, so a failed
// migration leaves nothing half-applied (both engines have transactional DDL).
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import type { Transaction } from '../store.js';
import { migrations } from './migrations.js';

export async function runMigrations(db: Kysely<Database>, tx: Transaction, nowSeconds: number): Promise<string[]> {
  await tx.run(
    db.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('applied', 'bigint', (column) => column.notNull())
      .compile(),
  );
  const rows = await tx.all<{ id: string }>(db.selectFrom('schema_migrations').select('id').compile());
  const applied = new Set(rows.map((row) => row.id));
  const ran: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    for (const statement of migration.statements(db)) await tx.run(statement);
    await tx.run(db.insertInto('schema_migrations').values({ id: migration.id, applied: nowSeconds }).compile());
    ran.push(migration.id);
  }
  return ran;
}
