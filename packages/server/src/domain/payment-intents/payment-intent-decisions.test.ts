// Table-driven walks through the PaymentIntent decisions: each walk creates an intent and then runs
// one step per row, each ending in the expected result (a status with its events, or a failure code
// with its message). Every intent a step returns is checked against Stripe's 2023-08-16 spec, and the
// walks together must reach every row of the transition table.
import { describe, expect, it } from 'vitest';
import type { Decline } from '../cards/card-messages.js';
import { findTestCardByMagicId } from '../cards/test-card-catalogue.js';
import { cardOutcome } from './card-outcome.js';
import {
  authorization_validity_seconds,
  decideCancel,
  decideCapture,
  decideCompleteAction,
  decideConfirm,
  decideCreate,
  decideExpireAuthorization,
  decideHoldCapture,
  decideIncrementAuthorization,
  type CreatePaymentIntentParams,
  type PaymentIntentDecision,
} from './payment-intent-decisions.js';
import type { PaymentIntentOutcome } from './payment-intent-failures.js';
import type { PaymentIntent, PaymentIntentStatus } from './payment-intent-model.js';
import { transition_table, type PaymentIntentEventType } from './payment-intent-state-machine.js';

const validator_url = new URL('../../../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validateSchema } = (await import(validator_url)) as {
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

const created = 1_718_020_800;
const day = 86_400;
const action_url = 'https://tender.test/3ds/pi_1';
const return_url = 'https://shop.test/done';

type Step =
  | { confirm: { card?: string; return_url?: string; off_session?: boolean; authenticated?: boolean }; now?: number }
  | { complete_action: { authenticated: boolean }; now?: number }
  | { capture: { amount_to_capture?: number }; now?: number }
  | { cancel: { cancellation_reason?: string }; now?: number }
  /** `available`: whether the charge allows incremental authorization (default true). */
  | { increment: { amount: number; decline?: Decline; available?: boolean }; now?: number }
  | { expire: true; now: number };

interface Expected {
  status?: PaymentIntentStatus;
  events?: PaymentIntentEventType[];
  failure?: string;
  message?: string;
  /** Further checks on the decision or the failure. */
  check?: (result: PaymentIntentOutcome<PaymentIntentDecision>, intent: PaymentIntent) => void;
}

interface Walk {
  name: string;
  create: CreatePaymentIntentParams;
  steps: [Step, Expected][];
}

/** Rows the walks reached, as `from/command/outcome`. */
const reached = new Set<string>();

function decision(result: PaymentIntentOutcome<PaymentIntentDecision>): PaymentIntentDecision {
  if (!result.ok) throw new Error(`expected a decision, got ${JSON.stringify(result.failure).slice(0, 300)}`);
  return result.value;
}

function failure(result: PaymentIntentOutcome<PaymentIntentDecision>) {
  if (result.ok) throw new Error(`expected a failure, got status ${result.value.intent.status}`);
  return result.failure;
}

function runWalk(walk: Walk): void {
  const create = decideCreate(walk.create, { id: 'pi_1', created, livemode: false, client_secret_suffix: 'abc' });
  let intent = decision(create).intent;
  reached.add(`null/create/${decision(create).transition.outcome}`);
  let card = walk.create.payment_method ?? null;
  let charges = 0;
  for (const [index, [step, expected]] of walk.steps.entries()) {
    const now = step.now ?? created + 60;
    const facts = { now, charge_id: `ch_${charges + 1}`, action_url };
    let result: PaymentIntentOutcome<PaymentIntentDecision>;
    if ('confirm' in step) {
      card = step.confirm.card ?? card;
      const off_session = step.confirm.off_session ?? false;
      const behaviour = card === null ? null : findTestCardByMagicId(card)?.behaviour;
      if (behaviour === undefined) throw new Error(`no test card ${card}`);
      const outcome =
        behaviour === null
          ? null
          : cardOutcome(behaviour, {
              off_session,
              setup_future_usage: intent.setup_future_usage,
              authenticated: step.confirm.authenticated,
            });
      result = decideConfirm(
        intent,
        { payment_method: step.confirm.card ?? null, outcome, return_url: step.confirm.return_url ?? null, off_session },
        facts,
      );
    } else if ('complete_action' in step) {
      const behaviour = findTestCardByMagicId(card ?? '')?.behaviour;
      if (behaviour === undefined) throw new Error('complete_action needs a card');
      const context = {
        off_session: false,
        setup_future_usage: intent.setup_future_usage,
        authenticated: step.complete_action.authenticated,
      };
      result = decideCompleteAction(intent, cardOutcome(behaviour, context), facts);
    } else if ('capture' in step) {
      result = decideCapture(intent, step.capture, { now });
    } else if ('cancel' in step) {
      result = decideCancel(intent, step.cancel, { now });
    } else if ('increment' in step) {
      result = decideIncrementAuthorization(
        intent,
        { amount: step.increment.amount },
        { now, decline: step.increment.decline ?? null, incremental_authorization_available: step.increment.available ?? true },
      );
    } else {
      result = decideExpireAuthorization(intent, { now });
    }
    const where = `${walk.name}, step ${index + 1}`;
    if (expected.failure !== undefined) {
      const failed = failure(result);
      expect(failed.code, where).toBe(expected.failure);
      if (expected.message !== undefined) expect('message' in failed ? failed.message : undefined, where).toBe(expected.message);
    } else {
      const value = decision(result);
      reached.add(`${value.transition.from}/${value.transition.command}/${value.transition.outcome}`);
      if (value.charge_attempt !== undefined) charges += 1;
      expect(value.intent.status, where).toBe(expected.status);
      expect(
        value.events.map((event) => event.type),
        where,
      ).toEqual(expected.events);
      const validation = validateSchema('payment_intent', value.intent);
      expect(validation.ok ? null : validation.errors, `${where}: spec`).toBeNull();
    }
    expected.check?.(result, intent);
    if (result.ok) intent = result.value.intent;
  }
}

const unexpected = 'payment_intent_unexpected_state';
const capture_message = (status: string) =>
  `This PaymentIntent could not be captured because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`;
const cancel_message = (status: string) =>
  `You cannot cancel this PaymentIntent because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`;

const base: CreatePaymentIntentParams = {
  amount: 1000,
  currency: 'usd',
  automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
};
const manual: CreatePaymentIntentParams = { ...base, capture_method: 'manual' };

const walks: Walk[] = [
  {
    name: 'automatic capture with a visa',
    create: base,
    steps: [
      [
        { confirm: { card: 'pm_card_visa' } },
        {
          status: 'succeeded',
          events: ['charge.succeeded', 'payment_intent.succeeded'],
          check: (result) => {
            const value = decision(result);
            expect(value.intent).toMatchObject({
              amount_received: 1000,
              amount_capturable: 0,
              latest_charge: 'ch_1',
              payment_method: 'pm_card_visa',
            });
            expect(value.charge_attempt).toMatchObject({
              status: 'succeeded',
              captured: true,
              amount_captured: 1000,
              balance_transaction: 'now',
            });
            expect(value.money).toEqual({
              kind: 'charge',
              charge: 'ch_1',
              amount: 1000,
              currency: 'usd',
              balance_transaction: 'now',
              funds: 'pending',
            });
          },
        },
      ],
      [
        { confirm: {} },
        {
          failure: unexpected,
          message: 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
        },
      ],
      [{ capture: {} }, { failure: unexpected, message: capture_message('succeeded') }],
      [{ cancel: {} }, { failure: unexpected, message: cancel_message('succeeded') }],
      [{ increment: { amount: 2000 } }, { failure: unexpected }],
    ],
  },
  {
    name: 'automatic_async: like automatic, balance transaction later',
    create: { ...base, capture_method: 'automatic_async' },
    steps: [
      [
        { confirm: { card: 'pm_card_bypassPending' } },
        {
          status: 'succeeded',
          events: ['charge.succeeded', 'payment_intent.succeeded'],
          check: (result) => {
            expect(decision(result).charge_attempt?.balance_transaction).toBe('later');
            expect(decision(result).money).toMatchObject({ kind: 'charge', balance_transaction: 'later', funds: 'available' });
          },
        },
      ],
    ],
  },
  {
    name: 'manual capture, in full',
    create: { ...manual, payment_method: 'pm_card_visa' },
    steps: [
      [
        { confirm: {} },
        {
          status: 'requires_capture',
          events: ['charge.succeeded', 'payment_intent.amount_capturable_updated'],
          check: (result) => {
            expect(decision(result).intent).toMatchObject({ amount_capturable: 1000, amount_received: 0 });
            expect(decision(result).charge_attempt).toMatchObject({ captured: false, amount_captured: 0, balance_transaction: 'none' });
            expect(decision(result).money).toEqual({ kind: 'authorize', charge: 'ch_1', amount: 1000, currency: 'usd', funds: 'pending' });
          },
        },
      ],
      [
        { capture: {} },
        {
          status: 'succeeded',
          events: ['charge.captured', 'payment_intent.succeeded'],
          check: (result) => {
            expect(decision(result).intent).toMatchObject({ amount_capturable: 0, amount_received: 1000 });
            expect(decision(result).money).toEqual({
              kind: 'capture',
              charge: 'ch_1',
              amount_captured: 1000,
              amount_released: 0,
              currency: 'usd',
            });
          },
        },
      ],
      [{ capture: {} }, { failure: unexpected, message: capture_message('succeeded') }],
    ],
  },
  {
    name: 'manual capture, partial',
    create: { ...manual, payment_method: 'pm_card_visa' },
    steps: [
      [{ capture: {} }, { failure: unexpected, message: capture_message('requires_confirmation') }],
      [{ confirm: {} }, { status: 'requires_capture', events: ['charge.succeeded', 'payment_intent.amount_capturable_updated'] }],
      [
        { capture: { amount_to_capture: 1001 } },
        { failure: 'amount_too_large', message: 'The amount to capture must be less than or equal to the amount capturable ($10.00).' },
      ],
      [{ capture: { amount_to_capture: 0 } }, { failure: 'parameter_invalid' }],
      [
        { capture: { amount_to_capture: 600 } },
        {
          status: 'succeeded',
          events: ['charge.captured', 'charge.refunded', 'payment_intent.succeeded'],
          check: (result) => {
            expect(decision(result).intent).toMatchObject({ amount: 1000, amount_capturable: 0, amount_received: 600 });
            expect(decision(result).charge_update).toEqual({
              id: 'ch_1',
              changes: { captured: true, amount_captured: 600, amount_refunded: 400 },
            });
            expect(decision(result).money).toEqual({
              kind: 'capture',
              charge: 'ch_1',
              amount_captured: 600,
              amount_released: 400,
              currency: 'usd',
            });
          },
        },
      ],
    ],
  },
  {
    name: 'a decline, then a retry with another card',
    create: { ...base, amount: 2000 },
    steps: [
      [
        { confirm: { card: 'pm_card_visa_chargeDeclinedInsufficientFunds' } },
        {
          status: 'requires_payment_method',
          events: ['charge.failed', 'payment_intent.payment_failed'],
          check: (result) => {
            const value = decision(result);
            const error = {
              type: 'card_error',
              code: 'card_declined',
              decline_code: 'insufficient_funds',
              message: 'Your card has insufficient funds.',
              doc_url: 'https://stripe.com/docs/error-codes/card-declined',
              charge: 'ch_1',
            };
            expect(value.intent.last_payment_error).toEqual(error);
            expect(value.card_error).toEqual(error);
            expect(value.intent).toMatchObject({ latest_charge: 'ch_1', payment_method: null, amount_received: 0 });
            expect(value.charge_attempt).toMatchObject({
              status: 'failed',
              paid: false,
              failure_code: 'card_declined',
              balance_transaction: 'none',
            });
            expect(value.money).toBeUndefined();
          },
        },
      ],
      [
        { confirm: { card: 'pm_card_mastercard' } },
        {
          status: 'succeeded',
          events: ['charge.succeeded', 'payment_intent.succeeded'],
          check: (result) =>
            expect(decision(result).intent).toMatchObject({ latest_charge: 'ch_2', last_payment_error: null, amount_received: 2000 }),
        },
      ],
    ],
  },
  {
    name: 'Radar blocks the card',
    create: base,
    steps: [
      [
        { confirm: { card: 'pm_card_radarBlock' } },
        {
          status: 'requires_payment_method',
          events: ['charge.failed', 'payment_intent.payment_failed'],
          check: (result) =>
            expect(decision(result).charge_attempt?.outcome).toMatchObject({
              type: 'blocked',
              network_status: 'not_sent_to_network',
              reason: 'fraudulent',
            }),
        },
      ],
    ],
  },
  {
    name: '3D Secure on-session with a return_url (redirect), then authenticated',
    create: { amount: 1000, currency: 'usd' },
    steps: [
      [
        { confirm: { card: 'pm_card_authenticationRequired' } },
        { failure: 'parameter_missing', check: (result) => expect(failure(result)).toMatchObject({ param: 'return_url' }) },
      ],
      [
        { confirm: { card: 'pm_card_authenticationRequired', return_url } },
        {
          status: 'requires_action',
          events: ['payment_intent.requires_action'],
          check: (result) => {
            expect(decision(result).intent.next_action).toEqual({
              type: 'redirect_to_url',
              redirect_to_url: { url: action_url, return_url },
            });
            expect(decision(result).charge_attempt).toBeUndefined();
            expect(decision(result).intent.latest_charge).toBeNull();
          },
        },
      ],
      [
        { confirm: {} },
        {
          failure: unexpected,
          message:
            'You cannot confirm this PaymentIntent because it has a status of requires_action. Only a PaymentIntent with one of the following statuses may be confirmed: requires_payment_method, requires_confirmation.',
        },
      ],
      [{ capture: {} }, { failure: unexpected, message: capture_message('requires_action') }],
      [
        { complete_action: { authenticated: true } },
        {
          status: 'succeeded',
          events: ['charge.succeeded', 'payment_intent.succeeded'],
          check: (result) =>
            expect(decision(result).intent).toMatchObject({ next_action: null, latest_charge: 'ch_1', amount_received: 1000 }),
        },
      ],
      [{ complete_action: { authenticated: true } }, { failure: unexpected }],
    ],
  },
  {
    name: '3D Secure without a return_url (use_stripe_sdk), manual capture',
    create: manual,
    steps: [
      [
        { confirm: { card: 'pm_card_threeDSecure2Required' } },
        {
          status: 'requires_action',
          events: ['payment_intent.requires_action'],
          check: (result) =>
            expect(decision(result).intent.next_action).toEqual({
              type: 'use_stripe_sdk',
              use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: action_url },
            }),
        },
      ],
      [
        { complete_action: { authenticated: true } },
        { status: 'requires_capture', events: ['charge.succeeded', 'payment_intent.amount_capturable_updated'] },
      ],
    ],
  },
  {
    name: '3D Secure succeeds, then the issuer declines',
    create: base,
    steps: [
      [
        { confirm: { card: 'pm_card_threeDSecureRequiredChargeDeclined' } },
        { status: 'requires_action', events: ['payment_intent.requires_action'] },
      ],
      [
        { complete_action: { authenticated: true } },
        {
          status: 'requires_payment_method',
          events: ['charge.failed', 'payment_intent.payment_failed'],
          check: (result) =>
            expect(decision(result).intent.last_payment_error).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' }),
        },
      ],
    ],
  },
  {
    name: '3D Secure fails, then the customer gives up',
    create: base,
    steps: [
      [{ confirm: { card: 'pm_card_authenticationRequired' } }, { status: 'requires_action', events: ['payment_intent.requires_action'] }],
      [
        { complete_action: { authenticated: false } },
        {
          status: 'requires_payment_method',
          events: ['payment_intent.payment_failed'],
          check: (result) => {
            expect(decision(result).intent.last_payment_error).toMatchObject({
              type: 'invalid_request_error',
              code: 'payment_intent_authentication_failure',
            });
            expect(decision(result).intent.last_payment_error).not.toHaveProperty('charge');
            expect(decision(result).intent).toMatchObject({ payment_method: null, next_action: null, latest_charge: null });
            expect(decision(result).charge_attempt).toBeUndefined();
            expect(decision(result).card_error).toBeUndefined();
          },
        },
      ],
      [
        { confirm: {} },
        {
          failure: unexpected,
          message:
            "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
        },
      ],
      [
        { cancel: { cancellation_reason: 'later' } },
        {
          failure: 'parameter_invalid',
          message: 'Invalid cancellation_reason: must be one of duplicate, fraudulent, requested_by_customer, or abandoned',
        },
      ],
      [
        { cancel: { cancellation_reason: 'requested_by_customer' }, now: created + 120 },
        {
          status: 'canceled',
          events: ['payment_intent.canceled'],
          check: (result) => {
            expect(decision(result).intent).toMatchObject({ canceled_at: created + 120, cancellation_reason: 'requested_by_customer' });
            expect(decision(result).money).toBeUndefined();
          },
        },
      ],
    ],
  },
  {
    name: 'confirmation_method manual: authenticate, then the server confirms again',
    create: { ...base, confirmation_method: 'manual', payment_method: 'pm_card_authenticationRequired' },
    steps: [
      [{ confirm: {} }, { status: 'requires_action', events: ['payment_intent.requires_action'] }],
      [{ complete_action: { authenticated: true } }, { status: 'requires_confirmation', events: [] }],
      [{ confirm: { authenticated: true } }, { status: 'succeeded', events: ['charge.succeeded', 'payment_intent.succeeded'] }],
    ],
  },
  {
    name: 'off-session with a card that needs authentication',
    create: { ...base, payment_method: 'pm_card_authenticationRequired' },
    steps: [
      [
        { confirm: { off_session: true } },
        {
          status: 'requires_payment_method',
          events: ['charge.failed', 'payment_intent.payment_failed'],
          check: (result) =>
            expect(decision(result).card_error).toMatchObject({
              type: 'card_error',
              code: 'authentication_required',
              decline_code: 'authentication_required',
              message: 'Your card was declined. This transaction requires authentication.',
            }),
        },
      ],
      [
        { cancel: {} },
        {
          status: 'canceled',
          events: ['payment_intent.canceled'],
          check: (result) => expect(decision(result).intent.cancellation_reason).toBeNull(),
        },
      ],
    ],
  },
  {
    name: 'cancel before confirming',
    create: { ...base, payment_method: 'pm_card_visa' },
    steps: [
      [{ cancel: { cancellation_reason: 'duplicate' } }, { status: 'canceled', events: ['payment_intent.canceled'] }],
      [{ cancel: {} }, { failure: unexpected, message: cancel_message('canceled') }],
      [
        { confirm: {} },
        {
          failure: unexpected,
          message:
            'You cannot confirm this PaymentIntent because it has a status of canceled. Only a PaymentIntent with one of the following statuses may be confirmed: requires_payment_method, requires_confirmation.',
        },
      ],
    ],
  },
  {
    name: 'cancel while waiting on 3D Secure',
    create: base,
    steps: [
      [{ confirm: { card: 'pm_card_threeDSecure2Required' } }, { status: 'requires_action', events: ['payment_intent.requires_action'] }],
      [
        { cancel: { cancellation_reason: 'abandoned' } },
        {
          status: 'canceled',
          events: ['payment_intent.canceled'],
          check: (result) => expect(decision(result).intent.next_action).toBeNull(),
        },
      ],
      [{ complete_action: { authenticated: true } }, { failure: unexpected }],
    ],
  },
  {
    name: 'cancel an authorization releases the hold',
    create: manual,
    steps: [
      [
        { confirm: { card: 'pm_card_visa' } },
        { status: 'requires_capture', events: ['charge.succeeded', 'payment_intent.amount_capturable_updated'] },
      ],
      [
        { cancel: { cancellation_reason: 'fraudulent' } },
        {
          status: 'canceled',
          events: ['charge.refunded', 'payment_intent.canceled'],
          check: (result) => {
            expect(decision(result).intent).toMatchObject({ amount_capturable: 0, amount_received: 0, cancellation_reason: 'fraudulent' });
            expect(decision(result).charge_update).toEqual({ id: 'ch_1', changes: { amount_refunded: 1000, refunded: true } });
            expect(decision(result).money).toEqual({ kind: 'release', charge: 'ch_1', amount: 1000, currency: 'usd', reason: 'canceled' });
          },
        },
      ],
      [{ capture: {} }, { failure: unexpected, message: capture_message('canceled') }],
    ],
  },
  {
    name: 'increment an authorization, then capture it',
    create: manual,
    steps: [
      [{ increment: { amount: 1500 } }, { failure: unexpected }],
      [
        { confirm: { card: 'pm_card_visa' } },
        { status: 'requires_capture', events: ['charge.succeeded', 'payment_intent.amount_capturable_updated'] },
      ],
      [
        { increment: { amount: 1000 } },
        { failure: 'parameter_invalid', message: "The amount must be greater than the PaymentIntent's current amount ($10.00)." },
      ],
      [{ increment: { amount: 100_000_000 } }, { failure: 'amount_too_large' }],
      [{ increment: { amount: 1500, available: false } }, { failure: 'incremental_authorization_unavailable' }],
      [
        { increment: { amount: 1500, decline: { code: 'card_declined', decline_code: 'insufficient_funds' } } },
        {
          failure: 'card_error',
          check: (result, before) =>
            expect(failure(result)).toEqual({
              code: 'card_error',
              error: {
                code: 'card_declined',
                decline_code: 'insufficient_funds',
                param: null,
                message: 'Your card has insufficient funds.',
              },
              payment_intent: before,
            }),
        },
      ],
      [
        { increment: { amount: 1500 } },
        {
          status: 'requires_capture',
          events: ['payment_intent.amount_capturable_updated'],
          check: (result) => {
            expect(decision(result).intent).toMatchObject({ amount: 1500, amount_capturable: 1500 });
            expect(decision(result).money).toEqual({ kind: 'increase_authorization', charge: 'ch_1', amount_added: 500, currency: 'usd' });
          },
        },
      ],
      [
        { capture: {} },
        {
          status: 'succeeded',
          events: ['charge.captured', 'payment_intent.succeeded'],
          check: (result) => expect(decision(result).intent.amount_received).toBe(1500),
        },
      ],
    ],
  },
  {
    name: 'an uncaptured authorization expires 7 days after creation',
    create: manual,
    steps: [
      [{ expire: true, now: created + 60 }, { failure: unexpected }],
      [
        { confirm: { card: 'pm_card_visa' } },
        { status: 'requires_capture', events: ['charge.succeeded', 'payment_intent.amount_capturable_updated'] },
      ],
      [
        { expire: true, now: created + 3 * day },
        { failure: 'authorization_not_due', check: (result) => expect(failure(result)).toMatchObject({ expires_at: created + 7 * day }) },
      ],
      [{ expire: true, now: created + 7 * day - 1 }, { failure: 'authorization_not_due' }],
      [{ capture: {}, now: created + 7 * day }, { failure: 'charge_expired_for_capture' }],
      [
        { expire: true, now: created + 7 * day },
        {
          status: 'canceled',
          events: ['charge.expired', 'payment_intent.canceled'],
          check: (result) => {
            expect(decision(result).intent).toMatchObject({
              cancellation_reason: 'automatic',
              canceled_at: created + 7 * day,
              amount_capturable: 0,
            });
            expect(decision(result).money).toEqual({ kind: 'release', charge: 'ch_1', amount: 1000, currency: 'usd', reason: 'expired' });
          },
        },
      ],
      [{ expire: true, now: created + 8 * day }, { failure: unexpected }],
    ],
  },
  {
    name: 'capture just before the authorization expires',
    create: manual,
    steps: [
      [
        { confirm: { card: 'pm_card_visa' } },
        { status: 'requires_capture', events: ['charge.succeeded', 'payment_intent.amount_capturable_updated'] },
      ],
      [
        { capture: {}, now: created + authorization_validity_seconds - 1 },
        { status: 'succeeded', events: ['charge.captured', 'payment_intent.succeeded'] },
      ],
      [{ expire: true, now: created + 7 * day }, { failure: unexpected }],
    ],
  },
];

describe('PaymentIntent walks', () => {
  it.each(walks.map((walk) => [walk.name, walk] as const))('%s', (_name, walk) => {
    runWalk(walk);
  });

  it('reach every row of the transition table', () => {
    for (const walk of walks) runWalk(walk);
    // A declined increment writes nothing, so it is a failure value, not a decision (walk above).
    // Update rows are reached by decideUpdatePaymentIntent (payment-intent-update.test.ts).
    const decided = transition_table.filter(
      (row) => !(row.command === 'increment_authorization' && row.outcome === 'declined') && row.command !== 'update',
    );
    const missing = decided.map((row) => `${row.from}/${row.command}/${row.outcome}`).filter((key) => !reached.has(key));
    expect(missing).toEqual([]);
  });
});

describe('decideCreate', () => {
  const facts = { id: 'pi_123', created, livemode: false, client_secret_suffix: 'sEcReT' };

  it('builds a full wire object with nulls and defaults', () => {
    const intent = decision(decideCreate({ amount: 1099, currency: 'USD', metadata: { order: '7' } }, facts)).intent;
    expect(intent).toMatchObject({
      id: 'pi_123',
      object: 'payment_intent',
      amount: 1099,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods: { enabled: true },
      capture_method: 'automatic',
      confirmation_method: 'automatic',
      client_secret: 'pi_123_secret_sEcReT',
      currency: 'usd',
      status: 'requires_payment_method',
      payment_method_types: ['card'],
      metadata: { order: '7' },
      canceled_at: null,
      cancellation_reason: null,
      customer: null,
      last_payment_error: null,
      latest_charge: null,
      next_action: null,
      payment_method: null,
      setup_future_usage: null,
      shipping: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
    });
    expect(validateSchema('payment_intent', intent).ok).toBe(true);
  });

  it('with a payment method it waits for confirmation; explicit payment_method_types turn automatic methods off', () => {
    const value = decision(
      decideCreate({ amount: 1099, currency: 'eur', payment_method: 'pm_card_visa', payment_method_types: ['card'] }, facts),
    );
    expect(value.intent.status).toBe('requires_confirmation');
    expect(value.intent.automatic_payment_methods).toBeNull();
    expect(value.events).toEqual([{ type: 'payment_intent.created', object: 'payment_intent' }]);
  });

  it.each([
    [{ currency: 'usd' }, 'parameter_missing', 'amount', 'Missing required param: amount.'],
    [{ amount: 1000 }, 'parameter_missing', 'currency', 'Missing required param: currency.'],
    [{ amount: 49, currency: 'usd' }, 'amount_too_small', 'amount', 'Amount must be at least $0.50 usd'],
    [{ amount: 29, currency: 'gbp' }, 'amount_too_small', 'amount', 'Amount must be at least £0.30 gbp'],
    [{ amount: 100_000_000, currency: 'usd' }, 'amount_too_large', 'amount', 'Amount must be no more than $999,999.99'],
    [
      { amount: 1000, currency: 'usd', capture_method: 'later' },
      'parameter_invalid',
      'capture_method',
      'Invalid capture_method: must be one of automatic, automatic_async, or manual',
    ],
    [
      { amount: 1000, currency: 'usd', confirmation_method: 'x' },
      'parameter_invalid',
      'confirmation_method',
      'Invalid confirmation_method: must be one of automatic, or manual',
    ],
    [
      { amount: 1000, currency: 'usd', setup_future_usage: 'always' },
      'parameter_invalid',
      'setup_future_usage',
      'Invalid setup_future_usage: must be one of off_session, or on_session',
    ],
  ] as const)('%j → %s', (params, code, param, message) => {
    expect(failure(decideCreate(params, facts))).toEqual({ code, param, message });
  });
});

describe('decideHoldCapture (PaymentIntents and direct charges)', () => {
  const hold = { created, amount_capturable: 5000, released: false };
  it.each([
    ['the whole hold by default', hold, undefined, created, { ok: true, amount_captured: 5000, amount_released: 0 }],
    ['part, releasing the rest', hold, 3000, created + day, { ok: true, amount_captured: 3000, amount_released: 2000 }],
    [
      'up to the last second',
      hold,
      5000,
      created + authorization_validity_seconds - 1,
      { ok: true, amount_captured: 5000, amount_released: 0 },
    ],
    ['nothing once lapsed, before any amount check', hold, 0, created + authorization_validity_seconds, { ok: false, refusal: 'expired' }],
    ['nothing once released', { ...hold, released: true }, 0, created, { ok: false, refusal: 'released' }],
    ['no zero amount', hold, 0, created, { ok: false, refusal: 'amount_not_positive' }],
    ['no fraction', hold, 10.5, created, { ok: false, refusal: 'amount_not_positive' }],
    ['no more than the hold', hold, 5001, created, { ok: false, refusal: 'amount_too_large' }],
  ] as const)('captures %s', (_name, given, amount, now, expected) => {
    expect(decideHoldCapture(given, amount, now)).toEqual(expected);
  });
});
