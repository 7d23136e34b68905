// Events in the store: written inside the transaction of the change they record, read back by id and
// in pages. Each row keeps the rendered event JSON, so reads never re-serialise.
import type { SqlExecutor, Store, Transaction } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { buildEvent, type EventSource, type StripeEvent } from './event-model.js';

export interface EventWriter {
  emit(type: string, object: Record<string, unknown>, previousAttributes?: Record<string, unknown>): Promise<StripeEvent>;
}

export function createEventWriter(
  tx: Transaction,
  store: Store,
  scope: Scope,
  source: EventSource,
  nextId: () => string,
): EventWriter {
  return {
    async emit(type, object, previousAttributes) {
      const event = buildEvent(nextId(), type, object, source, previousAttributes);
      await tx.run(
        store.db
          .insertInto('events')
          .values({
            account_id: scope.account_id,
            livemode: scope.livemode ? 1 : 0,
            id: event.id,
            created: event.created,
            type: event.type,
            data: JSON.stringify(event),
          })
          .compile(),
      );
      return event;
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
