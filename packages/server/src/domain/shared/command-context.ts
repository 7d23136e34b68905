// What every write command receives: the open transaction, the store it belongs to, the account
// scope, one "now" for the whole request, the runtime (ids, randomness) and the event writer.
import type { Runtime } from '../../runtime/runtime.js';
import type { Scope } from '../../store/object-pages.js';
import type { Store, Transaction } from '../../store/store.js';
import type { CommitSignal } from '../events/commit-signal.js';
import type { DeliveryHandoff } from '../../webhooks/delivery-records.js';
import { createEventWriter, type EventWriter } from '../events/event-records.js';
import type { EventSource } from '../events/event-model.js';

export interface CommandContext {
  tx: Transaction;
  store: Store;
  scope: Scope;
  now: number;
  /** The account's secret for card fingerprints. */
  fingerprint_key: string;
  runtime: Runtime;
  events: EventWriter;
}

/** Who caused the change, as its events record it; livemode and time come from the context. */
export type CommandOrigin = Omit<EventSource, 'livemode' | 'now'>;

/** Opens a command's context; API requests, 3DS pages and scheduled jobs get theirs from commandTransaction. */
function createCommandContext(
  base: Omit<CommandContext, 'events'>,
  origin: CommandOrigin,
  handoff: DeliveryHandoff | null,
): CommandContext {
  const source: EventSource = { ...origin, livemode: base.scope.livemode, now: base.now };
  return { ...base, events: createEventWriter(base.tx, base.store, base.scope, source, base.runtime.ids, handoff) };
}

/** Opens a command's context inside the transaction of commandTransaction. */
export type OpenCommand = (base: Omit<CommandContext, 'events'>, origin: CommandOrigin) => CommandContext;

/**
 * Runs `work` in one transaction and, once that committed, hands the deliveries the commands wrote
 * leased to the worker and tells `committed` what they wrote (so the webhook worker and the event
 * streams hear of it). Nothing is told when the transaction fails: its events were never written, and
 * the places its deliveries took in the worker are given back.
 */
export async function commandTransaction<T>(
  store: Store,
  committed: CommitSignal | undefined,
  work: (tx: Transaction, open: OpenCommand) => Promise<T>,
): Promise<T> {
  const opened: CommandContext[] = [];
  let result: T;
  try {
    result = await store.transaction((tx) =>
      work(tx, (base, origin) => {
        const context = createCommandContext(base, origin, committed?.handoff ?? null);
        opened.push(context);
        return context;
      }),
    );
  } catch (error) {
    for (const context of opened) context.events.rolledBack();
    throw error;
  }
  for (const context of opened) {
    context.events.committed();
    committed?.notify(context.events.written);
  }
  return result;
}
