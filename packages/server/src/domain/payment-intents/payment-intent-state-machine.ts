// THE PaymentIntent transition table: every (status, command, outcome) Tender accepts, the status it
// moves to and the events it emits, in order. A move not listed here is a programmer error:
// assertTransition throws, in production too. Cards never pass through `processing` (contract §4), so
// no row enters it; automatic_async follows the automatic rows (only its balance transaction is late).
import { assertPaymentIntent, type PaymentIntentStatus } from './payment-intent-model.js';

export type PaymentIntentEventType =
  | 'payment_intent.created'
  | 'payment_intent.requires_action'
  | 'payment_intent.processing'
  | 'payment_intent.amount_capturable_updated'
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'payment_intent.canceled'
  | 'charge.succeeded'
  | 'charge.failed'
  | 'charge.captured'
  | 'charge.pending'
  | 'charge.refunded'
  | 'charge.expired';

export type PaymentIntentCommand =
  | 'create'
  | 'confirm'
  /** The customer finished (or failed) the 3D Secure step the intent was waiting on. */
  | 'complete_action'
  | 'capture'
  | 'cancel'
  | 'increment_authorization'
  | 'expire_authorization'
  /** POST /v1/payment_intents/:id naming a payment method: the intent waits to be confirmed with it. */
  | 'update';

export type TransitionOutcome =
  | 'without_payment_method'
  | 'with_payment_method'
  | 'approved_automatic_capture'
  | 'approved_manual_capture'
  | 'requires_action'
  | 'declined'
  | 'authenticated_manual_confirmation'
  | 'authentication_failed'
  | 'full_capture'
  | 'partial_capture'
  | 'canceled_before_authorization'
  | 'canceled_authorization'
  | 'approved'
  | 'expired'
  | 'payment_method_set';

export interface TransitionRow {
  /** null: the intent does not exist yet. */
  from: PaymentIntentStatus | null;
  command: PaymentIntentCommand;
  outcome: TransitionOutcome;
  to: PaymentIntentStatus;
  events: readonly PaymentIntentEventType[];
}

const confirmable: readonly PaymentIntentStatus[] = ['requires_payment_method', 'requires_confirmation'];
const cancelable_unauthorized: readonly PaymentIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

function attemptRows(from: PaymentIntentStatus, command: PaymentIntentCommand): TransitionRow[] {
  return [
    {
      from,
      command,
      outcome: 'approved_automatic_capture',
      to: 'succeeded',
      events: ['charge.succeeded', 'payment_intent.succeeded'],
    },
    {
      from,
      command,
      outcome: 'approved_manual_capture',
      to: 'requires_capture',
      events: ['charge.succeeded', 'payment_intent.amount_capturable_updated'],
    },
    // An off-session authentication_required refusal is a decline too: a failed charge, a 402.
    { from, command, outcome: 'declined', to: 'requires_payment_method', events: ['charge.failed', 'payment_intent.payment_failed'] },
  ];
}

export const transition_table: readonly TransitionRow[] = [
  { from: null, command: 'create', outcome: 'without_payment_method', to: 'requires_payment_method', events: ['payment_intent.created'] },
  { from: null, command: 'create', outcome: 'with_payment_method', to: 'requires_confirmation', events: ['payment_intent.created'] },
  ...confirmable.flatMap((from): TransitionRow[] => [
    ...attemptRows(from, 'confirm'),
    { from, command: 'confirm', outcome: 'requires_action', to: 'requires_action', events: ['payment_intent.requires_action'] },
  ]),
  ...attemptRows('requires_action', 'complete_action'),
  // confirmation_method=manual: after the action the server must confirm again (contract §4).
  {
    from: 'requires_action',
    command: 'complete_action',
    outcome: 'authenticated_manual_confirmation',
    to: 'requires_confirmation',
    events: [],
  },
  // No charge is created when authentication fails [inf].
  {
    from: 'requires_action',
    command: 'complete_action',
    outcome: 'authentication_failed',
    to: 'requires_payment_method',
    events: ['payment_intent.payment_failed'],
  },
  {
    from: 'requires_capture',
    command: 'capture',
    outcome: 'full_capture',
    to: 'succeeded',
    events: ['charge.captured', 'payment_intent.succeeded'],
  },
  // The uncaptured remainder shows as refunded on the charge (contract §4: a refund txn) [inf for the event].
  {
    from: 'requires_capture',
    command: 'capture',
    outcome: 'partial_capture',
    to: 'succeeded',
    events: ['charge.captured', 'charge.refunded', 'payment_intent.succeeded'],
  },
  ...cancelable_unauthorized.map((from): TransitionRow => ({
    from,
    command: 'cancel',
    outcome: 'canceled_before_authorization',
    to: 'canceled',
    events: ['payment_intent.canceled'],
  })),
  // Releasing a hold refunds the uncaptured charge [inf for the event].
  {
    from: 'requires_capture',
    command: 'cancel',
    outcome: 'canceled_authorization',
    to: 'canceled',
    events: ['charge.refunded', 'payment_intent.canceled'],
  },
  {
    from: 'requires_capture',
    command: 'increment_authorization',
    outcome: 'approved',
    to: 'requires_capture',
    events: ['payment_intent.amount_capturable_updated'],
  },
  // A declined increment changes nothing (contract §4); the caller gets the card error.
  { from: 'requires_capture', command: 'increment_authorization', outcome: 'declined', to: 'requires_capture', events: [] },
  {
    from: 'requires_capture',
    command: 'expire_authorization',
    outcome: 'expired',
    to: 'canceled',
    events: ['charge.expired', 'payment_intent.canceled'],
  },
  // Updates that leave the status alone (metadata, amount...) are not transitions; only these move it.
  ...(['requires_payment_method', 'requires_action'] as const).map((from): TransitionRow => ({
    from,
    command: 'update',
    outcome: 'payment_method_set',
    to: 'requires_confirmation',
    events: [],
  })),
];

function assertTableWellFormed(): void {
  const keys = new Set<string>();
  for (const row of transition_table) {
    const key = `${row.from}/${row.command}/${row.outcome}`;
    assertPaymentIntent(!keys.has(key), `transition ${key} is listed twice`);
    keys.add(key);
  }
}
assertTableWellFormed();

/** The row for a (status, command, outcome); throws when the table has none. */
export function transition(from: PaymentIntentStatus | null, command: PaymentIntentCommand, outcome: TransitionOutcome): TransitionRow {
  const row = transition_table.find(
    (candidate) => candidate.from === from && candidate.command === command && candidate.outcome === outcome,
  );
  assertPaymentIntent(row !== undefined, `no PaymentIntent transition ${from ?? 'new'} --${command}/${outcome}-->`);
  return row;
}

/** Throws unless some row moves `from` to `to`, e.g. `assertTransition('requires_capture', 'succeeded')`. */
export function assertTransition(from: PaymentIntentStatus | null, to: PaymentIntentStatus): void {
  const allowed = transition_table.some((row) => row.from === from && row.to === to);
  assertPaymentIntent(allowed, `PaymentIntent may not move from ${from ?? 'new'} to ${to}`);
}

/** The statuses from which a command is accepted at all, in table order. */
export function statusesAccepting(command: PaymentIntentCommand): PaymentIntentStatus[] {
  const statuses: PaymentIntentStatus[] = [];
  for (const row of transition_table) {
    if (row.command === command && row.from !== null && !statuses.includes(row.from)) statuses.push(row.from);
  }
  return statuses;
}
