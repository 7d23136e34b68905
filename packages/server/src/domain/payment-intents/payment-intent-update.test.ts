import { describe, expect, it } from 'vitest';
import { decideCreate } from './payment-intent-decisions.js';
import type { PaymentIntent } from './payment-intent-model.js';
import { decideUpdatePaymentIntent, type UpdatePaymentIntentParams } from './payment-intent-update.js';

const created = 1_718_020_800;

function fresh(status: PaymentIntent['status'] = 'requires_payment_method'): PaymentIntent {
  const decided = decideCreate(
    { amount: 2000, currency: 'usd', payment_method_types: ['card'] },
    {
      id: 'pi_1',
      created,
      livemode: false,
      client_secret_suffix: 'x',
    },
  );
  if (!decided.ok) throw new Error('create failed');
  const intent = decided.value.intent;
  if (status === 'succeeded') return { ...intent, status, amount_received: 2000, latest_charge: 'ch_1', payment_method: 'pm_card_visa' };
  return { ...intent, status };
}

describe('decideUpdatePaymentIntent', () => {
  it.each<[string, PaymentIntent['status'], UpdatePaymentIntentParams, Partial<PaymentIntent> | string]>([
    [
      'a payment method moves it to requires_confirmation',
      'requires_payment_method',
      { payment_method: 'pm_card_visa' },
      { status: 'requires_confirmation', payment_method: 'pm_card_visa' },
    ],
    [
      'amount and metadata before confirmation',
      'requires_payment_method',
      { amount: 2500, metadata: { a: '1' } },
      { amount: 2500, metadata: { a: '1' }, status: 'requires_payment_method' },
    ],
    ['an empty string unsets', 'requires_payment_method', { description: '' }, { description: null }],
    ['amount below the minimum', 'requires_payment_method', { amount: 10 }, 'amount_too_small'],
    ['amount after success', 'succeeded', { amount: 2500 }, 'payment_intent_unexpected_state'],
    ['description after success', 'succeeded', { description: 'shipped' }, { description: 'shipped', status: 'succeeded' }],
    ['a bad capture_method', 'requires_payment_method', { capture_method: 'later' }, 'parameter_invalid'],
  ])('%s', (_name, status, params, expected) => {
    const result = decideUpdatePaymentIntent(fresh(status), params);
    if (typeof expected === 'string') {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.failure.code).toBe(expected);
    } else {
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value).toMatchObject(expected);
    }
  });
});
