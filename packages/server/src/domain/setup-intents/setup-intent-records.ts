// SetupIntents in the store: the wire object as JSON plus the columns lists filter on (customer,
// payment_method) and `status`. Every statement runs on the request path, so each is compiled once
// per engine.
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { SetupIntent } from './setup-intent-model.js';

type Key = { account_id: string; livemode: number; id: string };
type Columns = { customer: string | null; payment_method: string | null; status: string; data: string };

const selectRow = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('setup_intents')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

// PostgreSQL: a confirm or cancel holds the intent row until commit, so it is decided once.
const selectRowForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('setup_intents')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);

const insertRow = preparedQuery<Key & Columns & { created: number }>((db, p) =>
  db.insertInto('setup_intents').values({
    account_id: p.account_id,
    livemode: p.livemode,
    id: p.id,
    created: p.created,
    customer: p.customer,
    payment_method: p.payment_method,
    status: p.status,
    data: p.data,
  }),
);

const updateRow = preparedQuery<Key & Columns>((db, p) =>
  db
    .updateTable('setup_intents')
    .set({ customer: p.customer, payment_method: p.payment_method, status: p.status, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const key = (scope: Scope, id: string): Key => ({ account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id });

const columns = ({ object: intent, json }: Snapshot<SetupIntent>): Columns => ({
  customer: intent.customer,
  payment_method: intent.payment_method,
  status: intent.status,
  data: json,
});

export async function findSetupIntentJson(
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

export async function insertSetupIntent(executor: SqlExecutor, store: Store, scope: Scope, intent: Snapshot<SetupIntent>) {
  await executor.run(insertRow(store, { ...key(scope, intent.object.id), created: intent.object.created, ...columns(intent) }));
}

export async function updateSetupIntent(executor: SqlExecutor, store: Store, scope: Scope, intent: Snapshot<SetupIntent>) {
  const changed = await executor.run(updateRow(store, { ...key(scope, intent.object.id), ...columns(intent) }));
  if (changed !== 1) throw new Error(`invariant: updating setup intent ${intent.object.id} changed ${changed} rows`);
}
