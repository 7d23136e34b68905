// PaymentIntents in the store: the wire object as JSON plus the columns lists filter on (customer)
// and `status`. Every statement runs on the request path, so each is compiled once per engine.
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { PaymentIntent } from './payment-intent-model.js';

type Key = { account_id: string; livemode: number; id: string };

const selectRow = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('payment_intents')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

// PostgreSQL: hold the row until commit so two confirms (or a capture and a cancel) run one at a time.
const selectRowForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('payment_intents')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);

const insertRow = preparedQuery<Key & { created: number; customer: string | null; status: string; data: string }>((db, p) =>
  db.insertInto('payment_intents').values({
    account_id: p.account_id,
    livemode: p.livemode,
    id: p.id,
    created: p.created,
    customer: p.customer,
    status: p.status,
    data: p.data,
  }),
);

const updateRow = preparedQuery<Key & { customer: string | null; status: string; data: string }>((db, p) =>
  db
    .updateTable('payment_intents')
    .set({ customer: p.customer, status: p.status, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const key = (scope: Scope, id: string): Key => ({ account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id });

export async function findPaymentIntentJson(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
  lock = false,
): Promise<string | null> {
  const query = lock && store.engine === 'postgres' ? selectRowForUpdate(store, key(scope, id)) : selectRow(store, key(scope, id));
  const row = await executor.first<{ data: string }>(query);
  return row?.data ?? null;
}

export async function insertPaymentIntent(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: intent, json }: Snapshot<PaymentIntent>,
): Promise<void> {
  await executor.run(
    insertRow(store, { ...key(scope, intent.id), created: intent.created, customer: intent.customer, status: intent.status, data: json }),
  );
}

export async function updatePaymentIntent(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: intent, json }: Snapshot<PaymentIntent>,
): Promise<void> {
  const changed = await executor.run(
    updateRow(store, { ...key(scope, intent.id), customer: intent.customer, status: intent.status, data: json }),
  );
  if (changed !== 1) throw new Error(`invariant: updating payment intent ${intent.id} changed ${changed} rows`);
}
