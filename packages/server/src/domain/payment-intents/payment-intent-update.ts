// The pure decision for POST /v1/payment_intents/:id. Fields that describe the payment (amount,
// currency, customer, payment method, capture...) change only before the payment is authorized;
// descriptive fields (description, metadata, receipt_email, shipping) change in any status. Naming a
// payment method moves the intent to requires_confirmation through the transition table.
import { shippingFromParam, type ShippingParam } from '../customers/address.js';
import { checkChargeAmount } from '../money/currencies.js';
import { mergeMetadataWithinLimit, type MetadataParam } from '../shared/metadata.js';
import { assertIntent, type PaymentIntent, type PaymentIntentStatus, type SetupFutureUsage } from './payment-intent-model.js';
import { enumMessage, unexpectedState, updateStateMessage, type PaymentIntentOutcome } from './payment-intent-failures.js';
import { transition } from './payment-intent-state-machine.js';
import { mergePaymentMethodOptions, type PaymentMethodOptionsParam } from './card-options.js';

export interface UpdatePaymentIntentParams {
  amount?: number;
  currency?: string;
  customer?: string | '';
  description?: string | '';
  metadata?: MetadataParam;
  payment_method?: string | '';
  receipt_email?: string | '';
  setup_future_usage?: string | '';
  shipping?: ShippingParam | '';
  statement_descriptor?: string | '';
  statement_descriptor_suffix?: string | '';
  capture_method?: string;
  payment_method_types?: string[];
  payment_method_options?: PaymentMethodOptionsParam;
}

/** Fields that shape the payment and so are fixed once it is authorized or finished. */
const payment_fields = [
  'amount',
  'currency',
  'customer',
  'payment_method',
  'setup_future_usage',
  'statement_descriptor',
  'statement_descriptor_suffix',
  'capture_method',
  'payment_method_types',
  'payment_method_options',
] as const;

const editable_statuses: readonly PaymentIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

const emptyToNull = <T>(value: T | '' | undefined, current: T | null): T | null =>
  value === undefined ? current : value === '' ? null : value;

/** The updated intent, or the failure; an update that names a payment method may change the status. */
export function decideUpdatePaymentIntent(intent: PaymentIntent, params: UpdatePaymentIntentParams): PaymentIntentOutcome<PaymentIntent> {
  if (!editable_statuses.includes(intent.status)) {
    const param = payment_fields.find((field) => params[field] !== undefined);
    if (param !== undefined) return { ok: false, failure: unexpectedState(intent, updateStateMessage(intent.status, param), param) };
  }
  const currency = params.currency?.toLowerCase() ?? intent.currency;
  const amount = params.amount ?? intent.amount;
  if (params.amount !== undefined || params.currency !== undefined) {
    const check = checkChargeAmount(amount, currency);
    if (!check.ok) return { ok: false, failure: { code: check.code, param: 'amount', message: check.message } };
  }
  if (params.setup_future_usage !== undefined && !['', 'on_session', 'off_session'].includes(params.setup_future_usage)) {
    const message = enumMessage('setup_future_usage', ['off_session', 'on_session']);
    return { ok: false, failure: { code: 'parameter_invalid', param: 'setup_future_usage', message } };
  }
  if (params.capture_method !== undefined && !['automatic', 'automatic_async', 'manual'].includes(params.capture_method)) {
    const message = enumMessage('capture_method', ['automatic', 'automatic_async', 'manual']);
    return { ok: false, failure: { code: 'parameter_invalid', param: 'capture_method', message } };
  }
  const merged = mergeMetadataWithinLimit(intent.metadata, params.metadata);
  if (!merged.ok) return merged;
  const metadata = merged.value;
  const payment_method = emptyToNull(params.payment_method, intent.payment_method);
  let next: PaymentIntent = {
    ...intent,
    amount,
    currency,
    capture_method: (params.capture_method as PaymentIntent['capture_method'] | undefined) ?? intent.capture_method,
    customer: emptyToNull(params.customer, intent.customer),
    description: emptyToNull(params.description, intent.description),
    metadata,
    payment_method,
    payment_method_options: mergePaymentMethodOptions(intent.payment_method_options, params.payment_method_options),
    payment_method_types: params.payment_method_types ?? intent.payment_method_types,
    receipt_email: emptyToNull(params.receipt_email, intent.receipt_email),
    setup_future_usage: emptyToNull(params.setup_future_usage as SetupFutureUsage | '' | undefined, intent.setup_future_usage),
    shipping: params.shipping === undefined ? intent.shipping : params.shipping === '' ? null : shippingFromParam(params.shipping),
    statement_descriptor: emptyToNull(params.statement_descriptor, intent.statement_descriptor),
    statement_descriptor_suffix: emptyToNull(params.statement_descriptor_suffix, intent.statement_descriptor_suffix),
  };
  if (params.payment_method !== undefined && payment_method !== null && intent.status !== 'requires_confirmation') {
    const row = transition(intent.status, 'update', 'payment_method_set');
    next = { ...next, status: row.to, next_action: null };
  }
  assertIntent(next);
  return { ok: true, value: next };
}
