// A guard against the validator sliding back into per-request schema walking: it sits on every
// request's path. Reports ns/op; fails only far above the expected cost (a few hundred ns), so a
// busy shared machine does not make it flaky.
import { parseFormEncoded } from '../request-params.js';
import { describe, expect, it } from 'vitest';
import { validateParams } from './param-validator.js';

const validations = 200_000;
const validation_ns_max = 20_000;

const decode = (text: string) => {
  const decoded = parseFormEncoded(text);
  if (!decoded.ok) throw new Error(`test body did not decode: ${text}`);
  return decoded.params;
};

const cases = [
  { operation: 'POST /v1/payment_intents', input: decode('amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true') },
  {
    operation: 'POST /v1/customers',
    input: decode(
      'email=jenny@example.com&name=Jenny%20Rosen&description=VIP&metadata[order_id]=6735&metadata[plan]=gold&metadata[source]=web',
    ),
  },
  {
    operation: 'POST /v1/checkout/sessions',
    input: decode(
      'mode=payment&success_url=https://x.test/ok&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=1500&line_items[0][price_data][product_data][name]=Pro&line_items[0][quantity]=2',
    ),
  },
  { operation: 'GET /v1/customers', input: decode('limit=10&created[gte]=1700000000&expand[]=data.default_source') },
];

function nanosecondsPerValidation(operation: string, input: Record<string, unknown>): number {
  for (let index = 0; index < 10_000; index += 1) validateParams(operation, input);
  const started = process.hrtime.bigint();
  let accepted = 0;
  for (let index = 0; index < validations; index += 1) if (validateParams(operation, input).ok) accepted += 1;
  const elapsed = Number(process.hrtime.bigint() - started);
  expect(accepted).toBe(validations);
  return elapsed / validations;
}

describe('validateParams speed', () => {
  it.each(cases)('$operation', ({ operation, input }) => {
    const cost = nanosecondsPerValidation(operation, input);
    console.log(`${operation}: ${cost.toFixed(0)} ns/op over ${validations} validations`);
    expect(cost).toBeLessThan(validation_ns_max);
  });
});
