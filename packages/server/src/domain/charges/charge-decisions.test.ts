// The pure decisions of the direct Charges API, one table row per case: create (checks, every
// decline family of the catalogue, capture now or later), capture (full, partial, every refusal in
// order), the expiry of an uncaptured authorization, and updates (merge rules, previous_attributes).
import { describe, expect, it } from 'vitest';
import { resolveCard } from '../cards/resolve-card.js';
import { buildPaymentMethod } from '../payment-methods/payment-method-decisions.js';
import {
  captureMoney,
  checkCreateCharge,
  decideCaptureCharge,
  decideCreateCharge,
  decideExpireCharge,
  decideUpdateCharge,
  type ChargePayer,
  type ChargeRequest,
  type CreateChargeParams,
} from './charge-decisions.js';
import { authorizationExpiresAt } from '../payment-intents/payment-intent-decisions.js';
import type { Charge } from './charge-model.js';

// 2026-03-10 10:00:00 UTC.
const now = Date.UTC(2026, 2, 10, 10) / 1000;
const day = 86_400;
const midnight_in_two_days = Date.UTC(2026, 2, 12) / 1000;
const facts = { id: 'ch_test1', now, livemode: false };

function payer(magic_id: string): ChargePayer {
  const resolved = resolveCard({ kind: 'magic_id', id: magic_id }, { now, fingerprint_key: 'key' });
  if (!resolved.ok) throw new Error(`no test card ${magic_id}`);
  const card = resolved.card;
  const payment_method = buildPaymentMethod(
    card,
    {},
    { id: 'card_test1', created: now, livemode: false, customer: null, cvc_supplied: false },
  );
  return { customer: null, payment_method, source: null, behaviour: card.behaviour };
}

function request(changes: Partial<ChargeRequest> = {}): ChargeRequest {
  const checked = checkCreateCharge({ amount: 2000, currency: 'usd', source: 'tok_visa' });
  if (!checked.ok) throw new Error('the base request is valid');
  return { ...checked.value, ...changes };
}

const created = (magic_id = 'tok_visa', changes: Partial<ChargeRequest> = {}): Charge =>
  decideCreateCharge(request(changes), payer(magic_id), facts).charge;

describe('checkCreateCharge', () => {
  const refusals: [string, CreateChargeParams & Record<string, unknown>, object][] = [
    [
      'no amount',
      { currency: 'usd', source: 'tok_visa' },
      { code: 'parameter_missing', param: 'amount', message: 'Missing required param: amount.' },
    ],
    ['no currency', { amount: 2000, source: 'tok_visa' }, { code: 'parameter_missing', param: 'currency' }],
    [
      'under the USD minimum',
      { amount: 49, currency: 'usd', source: 'tok_visa' },
      { code: 'amount_too_small', message: 'Amount must be at least $0.50 usd' },
    ],
    [
      'under the JPY minimum (zero-decimal)',
      { amount: 49, currency: 'jpy', source: 'tok_visa' },
      { code: 'amount_too_small', param: 'amount' },
    ],
    ['over 8 digits', { amount: 100_000_000, currency: 'usd', source: 'tok_visa' }, { code: 'amount_too_large', param: 'amount' }],
    [
      'a Connect parameter',
      { amount: 2000, currency: 'usd', source: 'tok_visa', destination: 'acct_1' },
      { code: 'parameter_invalid', param: 'destination' },
    ],
    [
      'neither source nor customer',
      { amount: 2000, currency: 'usd' },
      { code: 'source_or_customer_missing', message: 'Must provide source or customer.' },
    ],
  ];
  it.each(refusals)('refuses %s', (_name, params, failure) => {
    const checked = checkCreateCharge(params);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.failure).toMatchObject(failure);
  });

  it('accepts 50 JPY, lower-cases the currency and captures by default', () => {
    const checked = checkCreateCharge({ amount: 50, currency: 'JPY', customer: 'cus_1' });
    expect(checked).toEqual({
      ok: true,
      value: expect.objectContaining({ amount: 50, currency: 'jpy', capture: true, metadata: {}, shipping: null }) as object,
    });
  });

  it('shows shipping with every address field, null where not given', () => {
    const checked = checkCreateCharge({
      amount: 2000,
      currency: 'usd',
      source: 'tok_visa',
      shipping: { name: 'Jo', address: { line1: '1 Main' } },
    });
    expect(checked.ok && checked.value.shipping).toEqual({
      address: { city: null, country: null, line1: '1 Main', line2: null, postal_code: null, state: null },
      carrier: null,
      name: 'Jo',
      phone: null,
      tracking_number: null,
    });
  });
});

describe('decideCreateCharge', () => {
  it('captures an approved card at once: charge entry with the fee, funds pending until T+2', () => {
    const decision = decideCreateCharge(request({ description: 'Order 7', metadata: { order: '7' } }), payer('tok_visa'), facts);
    expect(decision.charge).toMatchObject({
      id: 'ch_test1',
      object: 'charge',
      amount: 2000,
      amount_captured: 2000,
      amount_refunded: 0,
      // Named by the writer once it books `money` (bookCapture); charges-api.test.ts follows the link.
      balance_transaction: null,
      captured: true,
      paid: true,
      status: 'succeeded',
      payment_intent: null,
      payment_method: 'card_test1',
      description: 'Order 7',
      metadata: { order: '7' },
      outcome: { type: 'authorized', network_status: 'approved_by_network', reason: null },
      payment_method_details: { card: { brand: 'visa', last4: '4242', incremental_authorization: { status: 'unavailable' } } },
    });
    expect(decision.money).toEqual({ amount: 2000, fee: 88, available_on: midnight_in_two_days, released: 0 });
    expect(decision.events).toEqual(['charge.succeeded']);
    expect(decision.expires_at).toBeNull();
    expect(decision.declined).toBeNull();
  });

  it('makes bypassPending funds available at once', () => {
    expect(decideCreateCharge(request(), payer('tok_bypassPending'), facts).money?.available_on).toBe(now);
  });

  it('books what a PaymentIntent capture books for the same hold (captureMoney)', () => {
    const decision = decideCreateCharge(request({ amount: 3340 }), payer('tok_visa'), facts);
    expect(decision.money).toEqual(
      captureMoney({ amount: 3340, amount_captured: 3340, currency: 'usd', card_country: 'US' }, { now, bypass_pending: false }),
    );
  });

  it('holds an authorization with capture=false: nothing booked, due to expire in 7 days', () => {
    const decision = decideCreateCharge(request({ capture: false }), payer('tok_visa'), facts);
    expect(decision.charge).toMatchObject({
      captured: false,
      amount_captured: 0,
      paid: true,
      status: 'succeeded',
      balance_transaction: null,
    });
    expect(decision.charge.payment_method_details.card.amount_authorized).toBe(2000);
    expect(decision.money).toBeNull();
    expect(decision.events).toEqual(['charge.succeeded']);
    expect(decision.expires_at).toBe(now + 7 * day);
  });

  const declines: [string, string, { code: string; decline_code: string | null; message: string }, string][] = [
    [
      'tok_chargeDeclined',
      'generic',
      { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
      'issuer_declined',
    ],
    [
      'tok_visa_chargeDeclinedInsufficientFunds',
      'insufficient funds',
      { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
      'issuer_declined',
    ],
    [
      'tok_visa_chargeDeclinedLostCard',
      'lost card',
      { code: 'card_declined', decline_code: 'lost_card', message: 'Your card was declined.' },
      'issuer_declined',
    ],
    [
      'tok_visa_chargeDeclinedStolenCard',
      'stolen card',
      { code: 'card_declined', decline_code: 'stolen_card', message: 'Your card was declined.' },
      'issuer_declined',
    ],
    [
      'tok_visa_chargeDeclinedVelocityLimitExceeded',
      'velocity',
      { code: 'card_declined', decline_code: 'card_velocity_exceeded', message: expect.stringContaining('too frequently') as string },
      'issuer_declined',
    ],
    [
      'tok_chargeDeclinedExpiredCard',
      'expired card',
      { code: 'expired_card', decline_code: 'expired_card', message: 'Your card has expired.' },
      'issuer_declined',
    ],
    [
      'tok_chargeDeclinedIncorrectCvc',
      'incorrect CVC',
      { code: 'incorrect_cvc', decline_code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
      'issuer_declined',
    ],
    [
      'tok_chargeDeclinedProcessingError',
      'processing error',
      { code: 'processing_error', decline_code: 'processing_error', message: expect.stringContaining('error occurred') as string },
      'issuer_declined',
    ],
    [
      'tok_chargeCustomerFail',
      'attach-succeeds-charge-fails',
      { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
      'issuer_declined',
    ],
    ['tok_radarBlock', 'Radar block', { code: 'card_declined', decline_code: 'fraudulent', message: 'Your card was declined.' }, 'blocked'],
    [
      'pm_card_authenticationRequired',
      '3D Secure always',
      {
        code: 'authentication_required',
        decline_code: 'authentication_required',
        message: 'Your card was declined. This transaction requires authentication.',
      },
      'issuer_declined',
    ],
    [
      'pm_card_authenticationRequiredOnSetup',
      '3D Secure unless set up',
      { code: 'authentication_required', decline_code: 'authentication_required', message: expect.any(String) as string },
      'issuer_declined',
    ],
    [
      'pm_card_threeDSecureRequiredChargeDeclined',
      '3D Secure then declined',
      { code: 'authentication_required', decline_code: 'authentication_required', message: expect.any(String) as string },
      'issuer_declined',
    ],
  ];
  it.each(declines)('declines %s (%s): a failed charge, charge.failed, nothing booked', (id, _name, error, type) => {
    const decision = decideCreateCharge(request(), payer(id), facts);
    expect(decision.declined).toMatchObject(error);
    expect(decision.charge).toMatchObject({
      status: 'failed',
      paid: false,
      captured: false,
      amount_captured: 0,
      balance_transaction: null,
      failure_code: error.code,
      failure_message: error.message,
      outcome: { type, reason: error.decline_code },
    });
    expect(decision.events).toEqual(['charge.failed']);
    expect(decision.money).toBeNull();
    expect(decision.expires_at).toBeNull();
  });

  it.each(['pm_card_threeDSecureOptional', 'pm_card_authenticationRequiredSetupForOffSession', 'tok_amex', 'tok_riskLevelHighest'])(
    'lets %s through without 3D Secure',
    (id) => {
      expect(decideCreateCharge(request(), payer(id), facts).charge.status).toBe('succeeded');
    },
  );
});

describe('captureMoney', () => {
  it('credits the whole hold, takes the fee on what was captured and releases the rest', () => {
    expect(
      captureMoney({ amount: 5000, amount_captured: 3000, currency: 'usd', card_country: 'US' }, { now, bypass_pending: false }),
    ).toEqual({
      amount: 5000,
      fee: 117,
      available_on: midnight_in_two_days,
      released: 2000,
    });
  });

  it('makes bypassPending funds available at the capture, and takes the fallback fixed fee outside USD', () => {
    expect(
      captureMoney({ amount: 1000, amount_captured: 1000, currency: 'jpy', card_country: 'US' }, { now, bypass_pending: true }),
    ).toEqual({
      amount: 1000,
      fee: 59,
      available_on: now,
      released: 0,
    });
  });
});

describe('decideCaptureCharge', () => {
  const capture_facts = { now: now + day, bypass_pending: false };
  const held = created('tok_visa', { capture: false, amount: 5000 });

  it('captures in full: the whole hold is booked with the fee, settling T+2 from the capture', () => {
    const decided = decideCaptureCharge(held, { receipt_email: 'a@example.com' }, capture_facts);
    expect(decided.ok && decided.value.charge).toMatchObject({
      captured: true,
      amount_captured: 5000,
      amount_refunded: 0,
      refunded: false,
      // Named by the writer once it books `money` (bookCapture); charges-api.test.ts follows the link.
      balance_transaction: null,
      receipt_email: 'a@example.com',
    });
    expect(decided.ok && decided.value.money).toEqual({ amount: 5000, fee: 175, available_on: midnight_in_two_days + day, released: 0 });
    expect(decided.ok && decided.value.events).toEqual(['charge.captured']);
  });

  it('captures part: the rest is released, shown refunded, booked as a refund entry; the fee is on what was kept', () => {
    const decided = decideCaptureCharge(held, { amount: 3000, statement_descriptor: 'SHOP 42' }, capture_facts);
    expect(decided.ok && decided.value.charge).toMatchObject({
      amount_captured: 3000,
      amount_refunded: 2000,
      refunded: false,
      statement_descriptor: 'SHOP 42',
      calculated_statement_descriptor: 'SHOP 42',
    });
    expect(decided.ok && decided.value.money).toEqual({ amount: 5000, fee: 117, available_on: midnight_in_two_days + day, released: 2000 });
    expect(decided.ok && decided.value.events).toEqual(['charge.captured', 'charge.refunded']);
  });

  const captured = { ...held, captured: true, amount_captured: 5000 };
  const refusals: [string, Charge, Record<string, unknown>, number, object][] = [
    [
      'a PaymentIntent’s hold',
      { ...held, payment_intent: 'pi_1' },
      {},
      now,
      { code: 'charge_of_payment_intent', message: expect.stringContaining('(pi_1). You must capture the PaymentIntent instead.') },
    ],
    ['a captured charge', captured, {}, now, { code: 'charge_already_captured', message: 'Charge ch_test1 has already been captured.' }],
    ['a failed charge', created('tok_chargeDeclined'), {}, now, { code: 'charge_not_capturable' }],
    [
      'an expired hold',
      held,
      {},
      authorizationExpiresAt(held),
      { code: 'charge_expired_for_capture', message: expect.stringContaining('has expired (a charge must be captured within 7 days)') },
    ],
    ['a hold released by a refund', { ...held, refunded: true, amount_refunded: 5000 }, {}, now, { code: 'charge_already_refunded' }],
    ['more than the hold', held, { amount: 5001 }, now, { code: 'amount_too_large', param: 'amount' }],
    ['a zero amount', held, { amount: 0 }, now, { code: 'parameter_invalid', param: 'amount' }],
    ['an application fee', held, { application_fee_amount: 10 }, now, { code: 'parameter_invalid', param: 'application_fee_amount' }],
  ];
  it.each(refusals)('refuses %s', (_name, charge, params, at, failure) => {
    const decided = decideCaptureCharge(charge, params, { ...capture_facts, now: at });
    expect(decided.ok).toBe(false);
    if (!decided.ok) expect(decided.failure).toMatchObject(failure);
  });
});

describe('decideExpireCharge', () => {
  const held = created('tok_visa', { capture: false });

  it('waits until the authorization lapses, then releases it in full with charge.expired', () => {
    expect(decideExpireCharge(held, { now: authorizationExpiresAt(held) - 1 })).toEqual({
      ok: false,
      failure: { code: 'authorization_not_due', expires_at: now + 7 * day },
    });
    const decided = decideExpireCharge(held, { now: authorizationExpiresAt(held) });
    expect(decided.ok && decided.value?.charge).toMatchObject({ captured: false, refunded: true, amount_refunded: 2000 });
    expect(decided.ok && decided.value?.events).toEqual(['charge.expired']);
  });

  it.each([
    ['captured', { captured: true, amount_captured: 2000 }],
    ['released', { refunded: true, amount_refunded: 2000 }],
    ['a PaymentIntent’s', { payment_intent: 'pi_1' }],
  ])('leaves a %s charge alone', (_name, changes) => {
    expect(decideExpireCharge({ ...held, ...changes }, { now: authorizationExpiresAt(held) })).toEqual({ ok: true, value: null });
  });
});

describe('decideUpdateCharge', () => {
  const charge = { ...created(), metadata: { a: '1', b: '2' }, description: 'first' };

  it('merges metadata, clears with empty strings and reports only what changed', () => {
    const decided = decideUpdateCharge(charge, {
      metadata: { b: '', c: '3' },
      description: '',
      receipt_email: 'r@example.com',
      fraud_details: { user_report: 'safe' },
    });
    expect(decided.ok && decided.value.charge).toMatchObject({
      metadata: { a: '1', c: '3' },
      description: null,
      receipt_email: 'r@example.com',
      fraud_details: { user_report: 'safe' },
    });
    expect(decided.ok && decided.value.previous_attributes).toEqual({
      metadata: { b: '2', c: null },
      description: 'first',
      receipt_email: null,
      fraud_details: { user_report: null },
    });
  });

  it('clears every key with metadata=, and removes a user report with an empty one', () => {
    const reported = { ...charge, fraud_details: { user_report: 'fraudulent' as const } };
    const decided = decideUpdateCharge(reported, { metadata: '', fraud_details: { user_report: '' } });
    expect(decided.ok && decided.value.charge).toMatchObject({ metadata: {}, fraud_details: {} });
  });

  it('changes nothing for the same values', () => {
    const decided = decideUpdateCharge(charge, { description: 'first', metadata: { a: '1' } });
    expect(decided.ok && decided.value.previous_attributes).toEqual({});
  });

  it('sets the customer once; another customer is refused', () => {
    const set = decideUpdateCharge(charge, { customer: 'cus_1' });
    expect(set.ok && set.value.charge.customer).toBe('cus_1');
    const again = decideUpdateCharge({ ...charge, customer: 'cus_1' }, { customer: 'cus_2' });
    expect(again).toMatchObject({ ok: false, failure: { code: 'parameter_invalid', param: 'customer' } });
  });

  it('refuses more than 50 metadata keys after the merge', () => {
    const metadata = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, 'v']));
    expect(decideUpdateCharge(charge, { metadata })).toMatchObject({
      ok: false,
      failure: { code: 'parameter_invalid', param: 'metadata' },
    });
  });
});
