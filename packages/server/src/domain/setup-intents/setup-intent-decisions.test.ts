// The SetupIntent decisions, one row per case: the intent's status and the network's answer, then the
// status it moves to (or the refusal's code) and the events it emits.
import { describe, expect, it } from 'vitest';
import type { CardOutcome } from '../payment-intents/card-outcome.js';
import { decideCancelSetupIntent, decideConfirmSetupIntent, decideCreateSetupIntent } from './setup-intent-decisions.js';
import type { SetupIntent, SetupIntentStatus } from './setup-intent-model.js';

const facts = { id: 'seti_1', created: 1_700_000_000, livemode: false, client_secret_suffix: 'abc' };
const intent = (status: SetupIntentStatus): SetupIntent => {
  const created = decideCreateSetupIntent({ payment_method: 'pm_card_visa', payment_method_types: ['card'] }, facts);
  if (!created.ok) throw new Error(created.failure.code);
  return { ...created.value.intent, status };
};
const approved: CardOutcome = { kind: 'approved', risk_level: 'normal', funds: 'pending' };
const declined: CardOutcome = {
  kind: 'declined',
  error: { code: 'card_declined', decline_code: 'generic_decline', param: null, message: 'Your card was declined.' },
  blocked: false,
};

describe('decideConfirmSetupIntent', () => {
  const rows: [SetupIntentStatus, CardOutcome, string, string[]][] = [
    ['requires_confirmation', approved, 'succeeded', ['setup_intent.succeeded']],
    ['requires_payment_method', { kind: 'requires_action' }, 'requires_action', ['setup_intent.requires_action']],
    ['requires_confirmation', declined, 'requires_payment_method', ['setup_intent.setup_failed']],
    ['succeeded', approved, 'setup_intent_unexpected_state', []],
    ['canceled', approved, 'setup_intent_unexpected_state', []],
  ];
  for (const [from, outcome, expected, events] of rows) {
    it(`${from} + ${outcome.kind}`, () => {
      const decided = decideConfirmSetupIntent(intent(from), { payment_method: null, outcome, return_url: null }, { action_url: '/3ds' });
      expect(decided.ok ? decided.value.intent.status : decided.failure.code).toBe(expected);
      if (decided.ok) expect(decided.value.events).toEqual(events);
    });
  }
});

describe('decideCancelSetupIntent', () => {
  for (const [from, expected] of [
    ['requires_payment_method', 'canceled'],
    ['requires_confirmation', 'canceled'],
    ['succeeded', 'setup_intent_unexpected_state'],
    ['canceled', 'setup_intent_unexpected_state'],
  ] as const) {
    it(`from ${from}`, () => {
      const decided = decideCancelSetupIntent(intent(from), { cancellation_reason: 'duplicate' });
      expect(decided.ok ? decided.value.intent.status : decided.failure.code).toBe(expected);
    });
  }
});
