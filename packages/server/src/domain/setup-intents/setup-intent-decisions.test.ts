// The SetupIntent decisions, one row per case: the intent's status and the network's answer, then the
// status it moves to (or the refusal's code) and the events it emits; and what saving each kind of
// card answers, before and after the 3D Secure step.
import { describe, expect, it } from 'vitest';
import type { CardBehaviour } from '../cards/test-card-catalogue.js';
import type { CardOutcome } from '../payment-intents/card-outcome.js';
import {
  decideCancelSetupIntent,
  decideCompleteSetupAction,
  decideConfirmSetupIntent,
  decideCreateSetupIntent,
  setupCardOutcome,
} from './setup-intent-decisions.js';
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
      const decided = decideConfirmSetupIntent(
        intent(from),
        { payment_method: null, outcome, return_url: null },
        { action_url: '/3ds', attempt_id: 'setatt_1' },
      );
      expect(decided.ok ? decided.value.intent.status : decided.failure.code).toBe(expected);
      // Every accepted confirm, whatever the network said, points at the attempt it creates.
      if (decided.ok) expect(decided.value.intent.latest_attempt).toBe('setatt_1');
      if (decided.ok) expect(decided.value.events).toEqual(events);
    });
  }
});

describe('decideCompleteSetupAction', () => {
  const waiting = (): SetupIntent => {
    const decided = decideConfirmSetupIntent(
      intent('requires_confirmation'),
      { payment_method: null, outcome: { kind: 'requires_action' }, return_url: 'https://shop.example/back' },
      { action_url: '/3ds', attempt_id: 'setatt_1' },
    );
    if (!decided.ok) throw new Error(decided.failure.code);
    return decided.value.intent;
  };

  it('authenticated: succeeded, saved under the attached id', () => {
    const decided = decideCompleteSetupAction(waiting(), approved, { saved_payment_method: 'pm_saved' });
    if (!decided.ok) throw new Error(decided.failure.code);
    expect(decided.value.intent).toMatchObject({
      status: 'succeeded',
      payment_method: 'pm_saved',
      next_action: null,
      latest_attempt: 'setatt_1',
    });
    expect(decided.value.events).toEqual(['setup_intent.succeeded']);
  });

  it('authentication failed: requires_payment_method with setup_intent_authentication_failure', () => {
    const decided = decideCompleteSetupAction(waiting(), { kind: 'authentication_failed' }, {});
    if (!decided.ok) throw new Error(decided.failure.code);
    expect(decided.value.intent).toMatchObject({
      status: 'requires_payment_method',
      payment_method: null,
      next_action: null,
      last_setup_error: {
        type: 'invalid_request_error',
        code: 'setup_intent_authentication_failure',
        message: 'The latest attempt to set up the payment method has failed because authentication failed.',
        doc_url: 'https://stripe.com/docs/error-codes/setup-intent-authentication-failure',
      },
    });
    expect(decided.value.events).toEqual(['setup_intent.setup_failed']);
  });

  for (const status of ['succeeded', 'requires_payment_method', 'canceled'] as const) {
    it(`refuses an intent in ${status}`, () => {
      const decided = decideCompleteSetupAction(intent(status), approved, {});
      expect(decided.ok ? decided.value.intent.status : decided.failure.code).toBe('setup_intent_unexpected_state');
    });
  }
});

describe('setupCardOutcome', () => {
  const three_d_secure = (kind: 'required_always' | 'required_then_declined'): CardBehaviour =>
    kind === 'required_always'
      ? { kind: 'three_d_secure', three_d_secure: { kind } }
      : { kind: 'three_d_secure', three_d_secure: { kind, decline: { code: 'card_declined', decline_code: 'insufficient_funds' } } };
  const rows: [string, CardBehaviour, boolean | undefined, CardOutcome['kind']][] = [
    ['an ordinary card', { kind: 'approve' }, undefined, 'approved'],
    [
      'a card whose charges fail',
      { kind: 'attach_succeeds_charge_fails', decline: { code: 'card_declined', decline_code: 'generic_decline' } },
      undefined,
      'approved',
    ],
    ['a declining card', { kind: 'decline', decline: { code: 'card_declined', decline_code: 'generic_decline' } }, undefined, 'declined'],
    ['a 3D Secure card', three_d_secure('required_always'), undefined, 'requires_action'],
    ['a 3D Secure card, authenticated', three_d_secure('required_always'), true, 'approved'],
    ['a 3D Secure card, failed', three_d_secure('required_always'), false, 'authentication_failed'],
    ['a card that declines payments after 3D Secure', three_d_secure('required_then_declined'), undefined, 'requires_action'],
    ['a card that declines payments after 3D Secure, authenticated', three_d_secure('required_then_declined'), true, 'approved'],
  ];
  for (const [name, behaviour, authenticated, expected] of rows) {
    it(`${name}: ${expected}`, () => {
      expect(setupCardOutcome(behaviour, 'off_session', authenticated).kind).toBe(expected);
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
