// What every write command receives: the open transaction, the store it belongs to, the account
// scope, one "now" for the whole request, the runtime (ids, randomness) and the event writer.
import type { Runtime } from '../../runtime/runtime.js';
import type { Scope } from '../../store/object-pages.js';
import type { Store, Transaction } from '../../store/store.js';
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

/** The one way to open a command's context: an API request, a 3DS page and a scheduled job alike. */
export function createCommandContext(base: Omit<CommandContext, 'events'>, origin: CommandOrigin): CommandContext {
  const source: EventSource = { ...origin, livemode: base.scope.livemode, now: base.now };
  return { ...base, events: createEventWriter(base.tx, base.store, base.scope, source, base.runtime.ids) };
}
