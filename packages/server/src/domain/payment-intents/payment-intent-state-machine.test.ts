// The transition table itself: every listed move is allowed, every unlisted move is refused, and the
// rows say what contract §4 says. Reachability of each row through the decisions is checked in
// payment-intent-decisions.test.ts.
import { describe, expect, it } from 'vitest';
import { PaymentIntentAssertionError, payment_intent_statuses, type PaymentIntentStatus } from './payment-intent-model.js';
import { assertTransition, statusesAccepting, transition, transition_table } from './payment-intent-state-machine.js';

const sources: (PaymentIntentStatus | null)[] = [null, ...payment_intent_statuses];

describe('assertTransition', () => {
  const pairs = sources.flatMap((from) => payment_intent_statuses.map((to) => [from, to] as const));
  const listed = new Set(transition_table.map((row) => `${row.from}->${row.to}`));

  it.each(pairs.filter(([from, to]) => listed.has(`${from}->${to}`)))('allows %s → %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !listed.has(`${from}->${to}`)))('refuses %s → %s', (from, to) => {
    expect(() => assertTransition(from, to)).toThrow(PaymentIntentAssertionError);
  });

  it('lists exactly these moves', () => {
    expect([...listed].sort()).toEqual(
      [
        'null->requires_payment_method',
        'null->requires_confirmation',
        'requires_payment_method->succeeded',
        'requires_payment_method->requires_capture',
        'requires_payment_method->requires_action',
        'requires_payment_method->requires_payment_method',
        'requires_payment_method->canceled',
        'requires_payment_method->requires_confirmation',
        'requires_confirmation->succeeded',
        'requires_confirmation->requires_capture',
        'requires_confirmation->requires_action',
        'requires_confirmation->requires_payment_method',
        'requires_confirmation->canceled',
        'requires_action->succeeded',
        'requires_action->requires_capture',
        'requires_action->requires_payment_method',
        'requires_action->requires_confirmation',
        'requires_action->canceled',
        'requires_capture->succeeded',
        'requires_capture->requires_capture',
        'requires_capture->canceled',
      ].sort(),
    );
  });

  it('never leaves succeeded or canceled, and never enters processing (cards skip it)', () => {
    expect(transition_table.filter((row) => row.from === 'succeeded' || row.from === 'canceled')).toEqual([]);
    expect(transition_table.filter((row) => row.to === 'processing' || row.from === 'processing')).toEqual([]);
  });
});

describe('transition', () => {
  it.each([
    ['requires_payment_method', 'confirm', 'approved_automatic_capture', 'succeeded', ['charge.succeeded', 'payment_intent.succeeded']],
    [
      'requires_confirmation',
      'confirm',
      'approved_manual_capture',
      'requires_capture',
      ['charge.succeeded', 'payment_intent.amount_capturable_updated'],
    ],
    ['requires_payment_method', 'confirm', 'declined', 'requires_payment_method', ['charge.failed', 'payment_intent.payment_failed']],
    ['requires_confirmation', 'confirm', 'requires_action', 'requires_action', ['payment_intent.requires_action']],
    ['requires_action', 'complete_action', 'authentication_failed', 'requires_payment_method', ['payment_intent.payment_failed']],
    ['requires_capture', 'capture', 'partial_capture', 'succeeded', ['charge.captured', 'charge.refunded', 'payment_intent.succeeded']],
    ['requires_capture', 'cancel', 'canceled_authorization', 'canceled', ['charge.refunded', 'payment_intent.canceled']],
    ['requires_action', 'cancel', 'canceled_before_authorization', 'canceled', ['payment_intent.canceled']],
    ['requires_capture', 'expire_authorization', 'expired', 'canceled', ['charge.expired', 'payment_intent.canceled']],
    ['requires_capture', 'increment_authorization', 'declined', 'requires_capture', []],
  ] as const)('%s --%s/%s--> %s emitting %j', (from, command, outcome, to, events) => {
    const row = transition(from, command, outcome);
    expect(row.to).toBe(to);
    expect(row.events).toEqual(events);
  });

  it.each([
    ['succeeded', 'capture', 'full_capture'],
    ['requires_confirmation', 'capture', 'full_capture'],
    ['canceled', 'cancel', 'canceled_before_authorization'],
    ['requires_action', 'confirm', 'approved_automatic_capture'],
    ['processing', 'cancel', 'canceled_before_authorization'],
    [null, 'confirm', 'declined'],
  ] as const)('has no row for %s --%s/%s-->', (from, command, outcome) => {
    expect(() => transition(from, command, outcome)).toThrow(PaymentIntentAssertionError);
  });
});

describe('statusesAccepting', () => {
  it.each([
    ['confirm', ['requires_payment_method', 'requires_confirmation']],
    ['complete_action', ['requires_action']],
    ['capture', ['requires_capture']],
    ['cancel', ['requires_payment_method', 'requires_confirmation', 'requires_action', 'requires_capture']],
    ['increment_authorization', ['requires_capture']],
    ['expire_authorization', ['requires_capture']],
    ['create', []],
  ] as const)('%s from %j', (command, statuses) => {
    expect(statusesAccepting(command)).toEqual(statuses);
  });
});
