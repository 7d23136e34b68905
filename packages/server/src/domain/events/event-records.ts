// Events in the store: written inside the transaction of the change they record, read back by id and
// in pages. Each row keeps the rendered event JSON, so reads never re-serialise.
import type { SqlExecutor, Store, Transaction } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { Snapshot } from '../shared/snapshot.js';
import { renderEvent, type EventSource } from './event-model.js';

const insertEvent = preparedQuery<{ account_id: string; livemode: number; id: string; created: number; type: string; data: string }>(
  (db, p) =>
    db
      .insertInto('events')
      .values({ account_id: p.account_id, livemode: p.livemode, id: p.id, created: p.created, type: p.type, data: p.data }),
);
const selectEvent = preparedQuery<{ account_id: string; livemode: number; id: string; not_before: number }>((db, p) =>
  db
    .selectFrom('events')
    .select('data')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .where('created', '>=', p.not_before),
);

export interface EventWriter {
  /** Records one event about `subject`, whose JSON is spliced in as `data.object` without re-serialising. */
  emit(type: string, subject: Snapshot, previousAttributes?: Record<string, unknown>): Promise<string>;
}

export function createEventWriter(tx: Transaction, store: Store, scope: Scope, source: EventSource, nextId: () => string): EventWriter {
  return {
    async emit(type, subject, previousAttributes) {
      const id = nextId();
      const json = renderEvent(id, type, subject.json, source, previousAttributes);
      await tx.run(
        insertEvent(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id, created: source.now, type, data: json }),
      );
      return id;
    },
  };
}

export async function findEventJson(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
  notBefore: number,
): Promise<string | null> {
  const row = await executor.first<{ data: string }>(
    selectEvent(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id, not_before: notBefore }),
  );
  return row?.data ?? null;
}
