// PaymentMethods in the store: the wire object as JSON plus the columns lists filter on (customer,
// type) and `card_behaviour`, the catalogue's verdict on the card, which is never rendered. Every
// statement runs on the request path, so each is compiled once per engine (preparedQuery).
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { CardBehaviour } from '../cards/test-card-catalogue.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { PaymentMethod } from './payment-method-model.js';

export interface PaymentMethodRow {
  json: string;
  behaviour: CardBehaviour;
  /** Detached from a customer once, so it may not be attached again. */
  detached: boolean;
}

type Key = { account_id: string; livemode: number; id: string };

const selectRow = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('payment_methods')
    .select(['data', 'card_behaviour', 'detached'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

// PostgreSQL: hold the row until commit so a concurrent attach and detach apply one after the other.
const selectRowForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('payment_methods')
    .select(['data', 'card_behaviour', 'detached'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);

const insertRow = preparedQuery<Key & { created: number; customer: string | null; type: string; card_behaviour: string; data: string }>(
  (db, p) =>
    db.insertInto('payment_methods').values({
      account_id: p.account_id,
      livemode: p.livemode,
      id: p.id,
      created: p.created,
      customer: p.customer,
      type: p.type,
      card_behaviour: p.card_behaviour,
      detached: 0,
      data: p.data,
    }),
);

const updateRow = preparedQuery<Key & { customer: string | null; data: string }>((db, p) =>
  db
    .updateTable('payment_methods')
    .set({ customer: p.customer, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const detachRow = preparedQuery<Key & { data: string }>((db, p) =>
  db
    .updateTable('payment_methods')
    .set({ customer: null, detached: 1, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

export async function findPaymentMethodRow(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
  lock = false,
): Promise<PaymentMethodRow | null> {
  const key = { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id };
  const query = lock && store.engine === 'postgres' ? selectRowForUpdate(store, key) : selectRow(store, key);
  const row = await executor.first<{ data: string; card_behaviour: string; detached: number }>(query);
  return row === undefined
    ? null
    : { json: row.data, behaviour: JSON.parse(row.card_behaviour) as CardBehaviour, detached: row.detached === 1 };
}

export async function insertPaymentMethod(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: paymentMethod, json }: Snapshot<PaymentMethod>,
  behaviour: CardBehaviour,
): Promise<void> {
  await executor.run(
    insertRow(store, {
      account_id: scope.account_id,
      livemode: scope.livemode ? 1 : 0,
      id: paymentMethod.id,
      created: paymentMethod.created,
      customer: paymentMethod.customer,
      type: paymentMethod.type,
      card_behaviour: JSON.stringify(behaviour),
      data: json,
    }),
  );
}

export async function updatePaymentMethod(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: paymentMethod, json }: Snapshot<PaymentMethod>,
): Promise<void> {
  const changed = await executor.run(
    updateRow(store, {
      account_id: scope.account_id,
      livemode: scope.livemode ? 1 : 0,
      id: paymentMethod.id,
      customer: paymentMethod.customer,
      data: json,
    }),
  );
  if (changed !== 1) throw new Error(`invariant: updating payment method ${paymentMethod.id} changed ${changed} rows`);
}

/** Detaches for good: the row keeps a mark that refuses any later attach. */
export async function markPaymentMethodDetached(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object, json }: Snapshot<PaymentMethod>,
): Promise<void> {
  const changed = await executor.run(
    detachRow(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id: object.id, data: json }),
  );
  if (changed !== 1) throw new Error(`invariant: detaching payment method ${object.id} changed ${changed} rows`);
}
