// THE SetupIntent transition table: every (status, command, outcome) Tender accepts, the status it
// moves to and the events it emits, in order. A move not listed here is a programmer error:
// transition() throws, in production too. Cards never pass through `processing` (contract §4), so no
// row enters it. `complete_action` is the customer's answer on Tender's 3D Secure page.
import { assertSetupIntent, type SetupIntentStatus } from './setup-intent-model.js';

export type SetupIntentEventType =
  | 'setup_intent.created'
  | 'setup_intent.requires_action'
  | 'setup_intent.setup_failed'
  | 'setup_intent.succeeded'
  | 'setup_intent.canceled';

export type SetupIntentCommand = 'create' | 'confirm' | 'cancel' | 'update' | 'complete_action';

export type SetupTransitionOutcome =
  | 'without_payment_method'
  | 'with_payment_method'
  | 'approved'
  | 'requires_action'
  | 'declined'
  | 'authentication_failed'
  | 'canceled'
  | 'payment_method_set';

export interface SetupTransitionRow {
  /** null: the intent does not exist yet. */
  from: SetupIntentStatus | null;
  command: SetupIntentCommand;
  outcome: SetupTransitionOutcome;
  to: SetupIntentStatus;
  events: readonly SetupIntentEventType[];
}

const confirmable: readonly SetupIntentStatus[] = ['requires_payment_method', 'requires_confirmation'];
const cancelable: readonly SetupIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

export const setup_transition_table: readonly SetupTransitionRow[] = [
  { from: null, command: 'create', outcome: 'without_payment_method', to: 'requires_payment_method', events: ['setup_intent.created'] },
  { from: null, command: 'create', outcome: 'with_payment_method', to: 'requires_confirmation', events: ['setup_intent.created'] },
  ...confirmable.flatMap((from): SetupTransitionRow[] => [
    { from, command: 'confirm', outcome: 'approved', to: 'succeeded', events: ['setup_intent.succeeded'] },
    { from, command: 'confirm', outcome: 'requires_action', to: 'requires_action', events: ['setup_intent.requires_action'] },
    { from, command: 'confirm', outcome: 'declined', to: 'requires_payment_method', events: ['setup_intent.setup_failed'] },
  ]),
  // Setting a card up charges nothing, so once authenticated it is saved: no decline follows.
  { from: 'requires_action', command: 'complete_action', outcome: 'approved', to: 'succeeded', events: ['setup_intent.succeeded'] },
  {
    from: 'requires_action',
    command: 'complete_action',
    outcome: 'authentication_failed',
    to: 'requires_payment_method',
    events: ['setup_intent.setup_failed'],
  },
  ...cancelable.map((from): SetupTransitionRow => ({
    from,
    command: 'cancel',
    outcome: 'canceled',
    to: 'canceled',
    events: ['setup_intent.canceled'],
  })),
  // Updates that leave the status alone (metadata, description...) are not transitions; only these move it.
  ...(['requires_payment_method', 'requires_action'] as const).map((from): SetupTransitionRow => ({
    from,
    command: 'update',
    outcome: 'payment_method_set',
    to: 'requires_confirmation',
    events: [],
  })),
];

function assertTableWellFormed(): void {
  const keys = new Set<string>();
  for (const row of setup_transition_table) {
    const key = `${row.from}/${row.command}/${row.outcome}`;
    assertSetupIntent(!keys.has(key), `transition ${key} is listed twice`);
    keys.add(key);
  }
}
assertTableWellFormed();

/** The row for a (status, command, outcome); throws when the table has none. */
export function setupTransition(
  from: SetupIntentStatus | null,
  command: SetupIntentCommand,
  outcome: SetupTransitionOutcome,
): SetupTransitionRow {
  const row = setup_transition_table.find(
    (candidate) => candidate.from === from && candidate.command === command && candidate.outcome === outcome,
  );
  assertSetupIntent(row !== undefined, `no SetupIntent transition ${from ?? 'new'} --${command}/${outcome}-->`);
  return row;
}

/** The statuses from which a command is accepted at all, in table order. */
export function setupStatusesAccepting(command: SetupIntentCommand): SetupIntentStatus[] {
  const statuses: SetupIntentStatus[] = [];
  for (const row of setup_transition_table) {
    if (row.command === command && row.from !== null && !statuses.includes(row.from)) statuses.push(row.from);
  }
  return statuses;
}
