// Charges in the store: the wire object as JSON plus the columns lists filter on (payment_intent,
// customer). Every statement runs on the request path, so each is compiled once per engine.
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { Charge } from './charge-model.js';

type Key = { account_id: string; livemode: number; id: string };

const selectRow = preparedQuery<Key>((db, p) =>
  db.selectFrom('charges').select('data').where('account_id', '=', p.account_id).where('livemode', '=', p.livemode).where('id', '=', p.id),
);

// PostgreSQL: a refund holds the charge row until commit, so two refunds cannot both pass the check.
const selectRowForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('charges')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);

const insertRow = preparedQuery<Key & { created: number; payment_intent: string | null; customer: string | null; data: string }>((db, p) =>
  db.insertInto('charges').values({
    account_id: p.account_id,
    livemode: p.livemode,
    id: p.id,
    created: p.created,
    payment_intent: p.payment_intent,
    customer: p.customer,
    data: p.data,
  }),
);

// The customer column too: an update may set a charge's customer, and lists filter on the column.
const updateRow = preparedQuery<Key & { customer: string | null; data: string }>((db, p) =>
  db
    .updateTable('charges')
    .set({ customer: p.customer, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const key = (scope: Scope, id: string): Key => ({ account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id });

/**
 * The charge's stored JSON. PaymentIntent writers are serialised by the intent's row lock; refunds
 * pass `lock` to hold the charge row itself (PostgreSQL).
 */
export async function findChargeJson(executor: SqlExecutor, store: Store, scope: Scope, id: string, lock = false): Promise<string | null> {
  const query = lock && store.engine === 'postgres' ? selectRowForUpdate(store, key(scope, id)) : selectRow(store, key(scope, id));
  const row = await executor.first<{ data: string }>(query);
  return row?.data ?? null;
}

export async function insertCharge(executor: SqlExecutor, store: Store, scope: Scope, { object: charge, json }: Snapshot<Charge>) {
  await executor.run(
    insertRow(store, {
      ...key(scope, charge.id),
      created: charge.created,
      payment_intent: charge.payment_intent,
      customer: charge.customer,
      data: json,
    }),
  );
}

export async function updateCharge(executor: SqlExecutor, store: Store, scope: Scope, { object: charge, json }: Snapshot<Charge>) {
  const changed = await executor.run(updateRow(store, { ...key(scope, charge.id), customer: charge.customer, data: json }));
  if (changed !== 1) throw new Error(`invariant: updating charge ${charge.id} changed ${changed} rows`);
}
