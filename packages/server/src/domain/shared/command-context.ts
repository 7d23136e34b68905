// What every write command receives: the open transaction, the store it belongs to, the account
// scope, one "now" for the whole request, the runtime (ids, randomness) and the event writer.
import type { Runtime } from '../../runtime/runtime.js';
import type { Scope } from '../../store/object-pages.js';
import type { Store, Transaction } from '../../store/store.js';
import type { EventWriter } from '../events/event-records.js';

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
