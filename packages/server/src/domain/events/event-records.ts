// Events in the store: written inside the transaction of the change they record, read back by id and
// in pages. Each row keeps the rendered event JSON, so reads never re-serialise.
import type { SqlExecutor, Store, Transaction } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import type { Snapshot } from '../shared/snapshot.js';
import { renderEvent, type EventSource } from './event-model.js';

export interface EventWriter {
  /** Records one event about `subject`, whose JSON is spliced in as `data.object` without re-serialising. */
  emit(type: string, subject: Snapshot, previousAttributes?: Record<string, unknown>): Promise<string>;
}

export function createEventWriter(
  tx: Transaction,
  store: Store,
  scope: Scope,
  source: EventSource,
  nextId: () => string,
): EventWriter {
  return {
    async emit(type, subject, previousAttributes) {
      const id = nextId();
      const json = renderEvent(id, type, subject.json, source, previousAttributes);
      await tx.run(
        store.db
          .insertInto('events')
          .values({
            account_id: scope.account_id,
            livemode: scope.livemode ? 1 : 0,
            id,
            created: source.now,
            type,
            data: json,
          })
          .compile(),
      );
      return id;
    },
  };
}

export async function findEventJson(executor: SqlExecutor, store: Store, scope: Scope, id: string, notBefore: number): Promise<string | null> {
  const row = await executor.first<{ data: string }>(
    store.db
      .selectFrom('events')
      .select('data')
      .where('account_id', '=', scope.account_id)
      .where('livemode', '=', scope.livemode ? 1 : 0)
      .where('id', '=', id)
      .where('created', '>=', notBefore)
      .compile(),
  );
  return row?.data ?? null;
}
