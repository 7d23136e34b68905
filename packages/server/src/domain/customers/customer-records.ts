// Customers in the store. The row keeps the wire object as JSON plus the columns lists and search
// filter on; a deleted customer keeps its row with the deleted stub as its JSON.
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { Customer, DeletedCustomer } from './customer-model.js';

export type CustomerRow = { json: string; deleted: boolean };

export async function findCustomerRow(executor: SqlExecutor, store: Store, scope: Scope, id: string, lock = false): Promise<CustomerRow | null> {
  let query = store.db
    .selectFrom('customers')
    .select(['data', 'deleted'])
    .where('account_id', '=', scope.account_id)
    .where('livemode', '=', scope.livemode ? 1 : 0)
    .where('id', '=', id);
  // PostgreSQL: hold the row until commit so concurrent updates apply one after the other.
  if (lock && store.engine === 'postgres') query = query.forUpdate();
  const row = await executor.first<{ data: string; deleted: number }>(query.compile());
  return row === undefined ? null : { json: row.data, deleted: row.deleted === 1 };
}

export async function insertCustomer(executor: SqlExecutor, store: Store, scope: Scope, { object: customer, json }: Snapshot<Customer>): Promise<void> {
  await executor.run(
    store.db
      .insertInto('customers')
      .values({
        account_id: scope.account_id,
        livemode: scope.livemode ? 1 : 0,
        id: customer.id,
        created: customer.created,
        email: customer.email,
        name: customer.name,
        phone: customer.phone,
        deleted: 0,
        data: json,
      })
      .compile(),
  );
}

export async function updateCustomer(executor: SqlExecutor, store: Store, scope: Scope, { object: customer, json }: Snapshot<Customer>): Promise<void> {
  const changed = await executor.run(
    store.db
      .updateTable('customers')
      .set({ email: customer.email, name: customer.name, phone: customer.phone, data: json })
      .where('account_id', '=', scope.account_id)
      .where('id', '=', customer.id)
      .where('deleted', '=', 0)
      .compile(),
  );
  if (changed !== 1) throw new Error(`invariant: updating customer ${customer.id} changed ${changed} rows`);
}

export async function markCustomerDeleted(executor: SqlExecutor, store: Store, scope: Scope, { object: stub, json }: Snapshot<DeletedCustomer>): Promise<void> {
  const changed = await executor.run(
    store.db
      .updateTable('customers')
      .set({ deleted: 1, data: json })
      .where('account_id', '=', scope.account_id)
      .where('id', '=', stub.id)
      .where('deleted', '=', 0)
      .compile(),
  );
  if (changed !== 1) throw new Error(`invariant: deleting customer ${stub.id} changed ${changed} rows`);
}
