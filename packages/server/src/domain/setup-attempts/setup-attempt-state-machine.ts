// THE SetupAttempt transition table: how a confirmation starts (from the network's first answer) and
// how one waiting for 3D Secure ends. A move not listed is a programmer error: transition() throws,
// in production too. Cards never pass through `processing`, and Tender never creates an attempt that
// still needs confirming, so no row enters those statuses.
import { assertSetupAttempt, type SetupAttemptStatus } from './setup-attempt-model.js';

export type SetupAttemptEvent =
  /** The first answer of the network at confirm. */
  | 'approved'
  | 'requires_action'
  | 'declined'
  /** The customer's answer on the 3D Secure page. */
  | 'authenticated'
  | 'authentication_failed'
  /** The SetupIntent moved on (canceled, or a new payment method set) while this attempt waited. */
  | 'abandoned';

export interface SetupAttemptTransitionRow {
  /** null: the attempt does not exist yet. */
  from: SetupAttemptStatus | null;
  event: SetupAttemptEvent;
  to: SetupAttemptStatus;
}

export const setup_attempt_transition_table: readonly SetupAttemptTransitionRow[] = [
  { from: null, event: 'approved', to: 'succeeded' },
  { from: null, event: 'requires_action', to: 'requires_action' },
  { from: null, event: 'declined', to: 'failed' },
  { from: 'requires_action', event: 'authenticated', to: 'succeeded' },
  { from: 'requires_action', event: 'authentication_failed', to: 'failed' },
  { from: 'requires_action', event: 'abandoned', to: 'abandoned' },
];

function assertTableWellFormed(): void {
  const keys = new Set<string>();
  for (const row of setup_attempt_transition_table) {
    const key = `${row.from}/${row.event}`;
    assertSetupAttempt(!keys.has(key), `setup attempt transition ${key} is listed twice`);
    keys.add(key);
  }
}
assertTableWellFormed();

/** The row for (status, event); throws when the table has none. */
export function setupAttemptTransition(from: SetupAttemptStatus | null, event: SetupAttemptEvent): SetupAttemptTransitionRow {
  const row = setup_attempt_transition_table.find((candidate) => candidate.from === from && candidate.event === event);
  assertSetupAttempt(row !== undefined, `no SetupAttempt transition ${from ?? 'new'} --${event}-->`);
  return row;
}
