// SetupAttempts in the store: the wire object as JSON plus `setup_intent` (the list filter) and
// `status`. Attempts are written only under their SetupIntent's row lock (PostgreSQL), so they need
// no lock of their own. Every statement runs on the request path, so each is compiled once per engine.
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { SetupAttempt } from './setup-attempt-model.js';

type Key = { account_id: string; livemode: number; id: string };

const selectRow = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('setup_attempts')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const insertRow = preparedQuery<Key & { created: number; setup_intent: string; status: string; data: string }>((db, p) =>
  db.insertInto('setup_attempts').values({
    account_id: p.account_id,
    livemode: p.livemode,
    id: p.id,
    created: p.created,
    setup_intent: p.setup_intent,
    status: p.status,
    data: p.data,
  }),
);

const updateRow = preparedQuery<Key & { status: string; data: string }>((db, p) =>
  db
    .updateTable('setup_attempts')
    .set({ status: p.status, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

const key = (scope: Scope, id: string): Key => ({ account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id });

export async function findSetupAttemptJson(executor: SqlExecutor, store: Store, scope: Scope, id: string): Promise<string | null> {
  const row = await executor.first<{ data: string }>(selectRow(store, key(scope, id)));
  return row?.data ?? null;
}

export async function insertSetupAttempt(executor: SqlExecutor, store: Store, scope: Scope, attempt: Snapshot<SetupAttempt>) {
  const { object, json } = attempt;
  await executor.run(
    insertRow(store, {
      ...key(scope, object.id),
      created: object.created,
      setup_intent: object.setup_intent,
      status: object.status,
      data: json,
    }),
  );
}

export async function updateSetupAttempt(executor: SqlExecutor, store: Store, scope: Scope, attempt: Snapshot<SetupAttempt>) {
  const changed = await executor.run(
    updateRow(store, { ...key(scope, attempt.object.id), status: attempt.object.status, data: attempt.json }),
  );
  if (changed !== 1) throw new Error(`invariant: updating setup attempt ${attempt.object.id} changed ${changed} rows`);
}
