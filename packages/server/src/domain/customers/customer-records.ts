// Customers in the store. The row keeps the wire object as JSON plus the columns lists and search
// filter on; a deleted customer keeps its row with the deleted stub as its JSON. Every statement here
// runs on each request, so each is compiled once per engine (preparedQuery).
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { Customer, DeletedCustomer } from './customer-model.js';

export type CustomerRow = { json: string; deleted: boolean };

type Key = { account_id: string; livemode: number; id: string };

const selectCustomer = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('customers')
    .select(['data', 'deleted'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);
// PostgreSQL: hold the row until commit so concurrent updates apply one after the other.
const selectCustomerForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('customers')
    .select(['data', 'deleted'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);
const insertRow = preparedQuery<Key & { created: number; email: string | null; name: string | null; phone: string | null; data: string }>(
  (db, p) =>
    db.insertInto('customers').values({
      account_id: p.account_id,
      livemode: p.livemode,
      id: p.id,
      created: p.created,
      email: p.email,
      name: p.name,
      phone: p.phone,
      deleted: 0,
      data: p.data,
    }),
);
const updateRow = preparedQuery<{
  account_id: string;
  id: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  data: string;
}>((db, p) =>
  db
    .updateTable('customers')
    .set({ email: p.email, name: p.name, phone: p.phone, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('id', '=', p.id)
    .where('deleted', '=', 0),
);
const deleteRow = preparedQuery<{ account_id: string; id: string; data: string }>((db, p) =>
  db
    .updateTable('customers')
    .set({ deleted: 1, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('id', '=', p.id)
    .where('deleted', '=', 0),
);

export async function findCustomerRow(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
  lock = false,
): Promise<CustomerRow | null> {
  const key = { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id };
  const query = lock && store.engine === 'postgres' ? selectCustomerForUpdate(store, key) : selectCustomer(store, key);
  const row = await executor.first<{ data: string; deleted: number }>(query);
  return row === undefined ? null : { json: row.data, deleted: row.deleted === 1 };
}

export async function insertCustomer(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: customer, json }: Snapshot<Customer>,
): Promise<void> {
  await executor.run(
    insertRow(store, {
      account_id: scope.account_id,
      livemode: scope.livemode ? 1 : 0,
      id: customer.id,
      created: customer.created,
      email: customer.email,
      name: customer.name,
      phone: customer.phone,
      data: json,
    }),
  );
}

export async function updateCustomer(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: customer, json }: Snapshot<Customer>,
): Promise<void> {
  const changed = await executor.run(
    updateRow(store, {
      account_id: scope.account_id,
      id: customer.id,
      email: customer.email,
      name: customer.name,
      phone: customer.phone,
      data: json,
    }),
  );
  if (changed !== 1) throw new Error(`invariant: updating customer ${customer.id} changed ${changed} rows`);
}

export async function markCustomerDeleted(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: stub, json }: Snapshot<DeletedCustomer>,
): Promise<void> {
  const changed = await executor.run(deleteRow(store, { account_id: scope.account_id, id: stub.id, data: json }));
  if (changed !== 1) throw new Error(`invariant: deleting customer ${stub.id} changed ${changed} rows`);
}
