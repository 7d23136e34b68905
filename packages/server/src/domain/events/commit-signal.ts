// Tells the process's listeners that a transaction committed events or webhook deliveries, so the
// delivery worker and the event streams look at once instead of at their next poll. Listeners run
// after the commit, synchronously and cheaply (they only schedule a wake-up), and never throw.

/** What a committed transaction wrote. */
export interface Written {
  events: number;
  deliveries: number;
}

export type CommitListener = (written: Written) => void;

export interface CommitSignal {
  notify(written: Written): void;
  /** Returns the unsubscribe. */
  subscribe(listener: CommitListener): () => void;
}

export function createCommitSignal(): CommitSignal {
  const listeners = new Set<CommitListener>();
  return {
    notify(written) {
      if (written.events === 0 && written.deliveries === 0) return;
      for (const listener of listeners) listener(written);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
