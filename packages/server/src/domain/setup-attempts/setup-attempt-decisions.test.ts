// The SetupAttempt decisions, one row per case: how a confirm's first answer starts an attempt, how
// the 3D Secure step ends one, and which attempts an intent abandons; plus the table's own shape.
import { describe, expect, it } from 'vitest';
import type { PaymentMethodCard } from '../payment-methods/payment-method-model.js';
import type { SetupIntent } from '../setup-intents/setup-intent-model.js';
import { decideAbandonSetupAttempt, decideAuthenticatedSetupAttempt, decideNewSetupAttempt } from './setup-attempt-decisions.js';
import { SetupAttemptAssertionError, type SetupAttempt, type SetupAttemptStatus } from './setup-attempt-model.js';
import { setup_attempt_transition_table, setupAttemptTransition } from './setup-attempt-state-machine.js';

const card = (brand: string): PaymentMethodCard => ({
  brand,
  checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
  country: 'DE',
  display_brand: brand,
  exp_month: 12,
  exp_year: 2034,
  fingerprint: 'fp_123',
  funding: 'credit',
  generated_from: null,
  last4: '3184',
  networks: { available: [brand], preferred: null },
  regulated_status: null,
  three_d_secure_usage: { supported: true },
  wallet: null,
});

const error = {
  type: 'card_error' as const,
  code: 'card_declined',
  decline_code: 'generic_decline',
  message: 'Your card was declined.',
  doc_url: 'https://stripe.com/docs/error-codes/card-declined',
};

const intent = (changes: Partial<SetupIntent>): SetupIntent => ({
  id: 'seti_1',
  object: 'setup_intent',
  application: null,
  automatic_payment_methods: null,
  cancellation_reason: null,
  client_secret: 'seti_1_secret_x',
  created: 1_700_000_000,
  customer: 'cus_1',
  description: null,
  excluded_payment_method_types: null,
  flow_directions: null,
  last_setup_error: null,
  latest_attempt: 'setatt_1',
  livemode: false,
  mandate: null,
  metadata: {},
  next_action: null,
  on_behalf_of: null,
  payment_method: 'pm_saved',
  payment_method_configuration_details: null,
  payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
  payment_method_types: ['card'],
  single_use_mandate: null,
  status: 'succeeded',
  usage: 'on_session',
  ...changes,
});

const facts = { id: 'setatt_1', created: 1_700_000_100, payment_method: { id: 'pm_saved', card: card('visa') } };

describe('decideNewSetupAttempt', () => {
  const rows: ['approved' | 'requires_action' | 'declined', Partial<SetupIntent>, SetupAttemptStatus, boolean][] = [
    ['approved', { status: 'succeeded' }, 'succeeded', false],
    ['requires_action', { status: 'requires_action' }, 'requires_action', false],
    ['declined', { status: 'requires_payment_method', payment_method: null, last_setup_error: error }, 'failed', true],
  ];
  for (const [event, changes, status, hasError] of rows) {
    it(`${event} → ${status}`, () => {
      const attempt = decideNewSetupAttempt(intent(changes), event, facts);
      expect(attempt).toMatchObject({
        id: 'setatt_1',
        object: 'setup_attempt',
        created: 1_700_000_100,
        customer: 'cus_1',
        setup_intent: 'seti_1',
        usage: 'on_session',
        payment_method: 'pm_saved',
        status,
        setup_error: hasError ? error : null,
      });
      expect(attempt.payment_method_details).toEqual({
        type: 'card',
        card: {
          brand: 'visa',
          checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
          country: 'DE',
          exp_month: 12,
          exp_year: 2034,
          fingerprint: 'fp_123',
          funding: 'credit',
          last4: '3184',
          network: 'visa',
          three_d_secure: null,
          wallet: null,
        },
      });
    });
  }

  it('refuses an intent that does not point at the new attempt', () => {
    expect(() => decideNewSetupAttempt(intent({ latest_attempt: 'setatt_other' }), 'approved', facts)).toThrow(SetupAttemptAssertionError);
  });
});

describe('decideAuthenticatedSetupAttempt', () => {
  const waiting = (brand = 'visa'): SetupAttempt =>
    decideNewSetupAttempt(intent({ status: 'requires_action' }), 'requires_action', {
      ...facts,
      payment_method: { id: 'pm_card_authenticationRequired', card: card(brand) },
    });
  const authentication = { transaction_id: '2b0c3b1e-0d5c-4b8e-9a55-7b1d3c6f9e21', payment_method: 'pm_saved' };

  it('authenticated: succeeded, saved under the new id, with the challenge result', () => {
    const done = decideAuthenticatedSetupAttempt(waiting(), 'authenticated', intent({ status: 'succeeded' }), authentication);
    expect(done).toMatchObject({ status: 'succeeded', setup_error: null, payment_method: 'pm_saved' });
    expect(done.payment_method_details.card.three_d_secure).toEqual({
      authentication_flow: 'challenge',
      electronic_commerce_indicator: '05',
      result: 'authenticated',
      result_reason: null,
      transaction_id: authentication.transaction_id,
      version: '2.2.0',
    });
  });

  it("uses Mastercard's indicator for a Mastercard", () => {
    const done = decideAuthenticatedSetupAttempt(waiting('mastercard'), 'authenticated', intent({ status: 'succeeded' }), authentication);
    expect(done.payment_method_details.card.three_d_secure?.electronic_commerce_indicator).toBe('02');
  });

  it("authentication_failed: failed with the intent's error and a failed result", () => {
    const failure = { ...error, type: 'invalid_request_error' as const, code: 'setup_intent_authentication_failure' };
    const after = intent({ status: 'requires_payment_method', payment_method: null, last_setup_error: failure });
    const done = decideAuthenticatedSetupAttempt(waiting(), 'authentication_failed', after, {
      ...authentication,
      payment_method: 'pm_card_authenticationRequired',
    });
    expect(done).toMatchObject({ status: 'failed', setup_error: failure, payment_method: 'pm_card_authenticationRequired' });
    expect(done.payment_method_details.card.three_d_secure).toMatchObject({ result: 'failed', electronic_commerce_indicator: null });
  });

  it('refuses an attempt that is not waiting for authentication', () => {
    const succeeded = decideNewSetupAttempt(intent({}), 'approved', facts);
    expect(() => decideAuthenticatedSetupAttempt(succeeded, 'authenticated', intent({}), authentication)).toThrow(
      SetupAttemptAssertionError,
    );
  });
});

describe('decideAbandonSetupAttempt', () => {
  it('abandons an attempt waiting for authentication', () => {
    const waiting = decideNewSetupAttempt(intent({ status: 'requires_action' }), 'requires_action', facts);
    expect(decideAbandonSetupAttempt(waiting)?.status).toBe('abandoned');
  });
  it('leaves a finished attempt alone', () => {
    expect(decideAbandonSetupAttempt(decideNewSetupAttempt(intent({}), 'approved', facts))).toBeNull();
  });
});

describe('setup_attempt_transition_table', () => {
  it('ends every path in a final status or in requires_action, which has a way out for each answer', () => {
    const from_requires_action = setup_attempt_transition_table.filter((row) => row.from === 'requires_action').map((row) => row.event);
    expect(from_requires_action.sort()).toEqual(['abandoned', 'authenticated', 'authentication_failed']);
    for (const final of ['succeeded', 'failed', 'abandoned'] as const) {
      expect(setup_attempt_transition_table.some((row) => row.from === final)).toBe(false);
    }
  });
  it('throws on a move it does not list', () => {
    expect(() => setupAttemptTransition('failed', 'authenticated')).toThrow(SetupAttemptAssertionError);
  });
});
