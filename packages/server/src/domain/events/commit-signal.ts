// Tells the process's listeners that a transaction committed events or webhook deliveries, so the
// delivery worker and the event streams look at once instead of at their next poll. Listeners run
// after the commit, synchronously and cheaply (they only schedule a wake-up), and never throw. It also
// carries the process's delivery hand-off, since every transaction that writes events receives it.
import type { DeliveryHandoff } from '../../webhooks/delivery-records.js';

/** What a committed transaction wrote. */
export interface Written {
  events: number;
  deliveries: number;
  /** Of `deliveries`, those handed off to this process's worker: no claim needs to look for them. */
  handed: number;
  /** Endpoints the transaction disabled or deleted: the worker stops sending what it holds for them. */
  stopped_endpoints?: string[];
}

export type CommitListener = (written: Written) => void;

export interface CommitSignal {
  notify(written: Written): void;
  /** This process's delivery worker, for the transactions' event writers; null: every delivery is claimed. */
  readonly handoff: DeliveryHandoff | null;
  /** Returns the unsubscribe. */
  subscribe(listener: CommitListener): () => void;
}

export function createCommitSignal(handoff: DeliveryHandoff | null = null): CommitSignal {
  const listeners = new Set<CommitListener>();
  return {
    handoff,
    notify(written) {
      if (written.events === 0 && written.deliveries === 0 && (written.stopped_endpoints?.length ?? 0) === 0) return;
      for (const listener of listeners) listener(written);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
