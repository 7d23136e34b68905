// The parameter validator's cost per request, in ns/op, for a few representative bodies. It sits on
// every request's path; `npm run bench` prints these beside the HTTP figures. (It used to be a timed
// test; speed belongs in the bench, where a busy machine cannot fail a build.)
import { validateParams } from '../packages/server/dist/http/params/param-validator.js';
import { parseFormEncoded } from '../packages/server/dist/http/request-params.js';

const validations = 200_000;

const decode = (text) => {
  const decoded = parseFormEncoded(text);
  if (!decoded.ok) throw new Error(`bench body did not decode: ${text}`);
  return decoded.params;
};

export const validator_cases = [
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

/** ns per validation of each case, after a warm-up. */
export function measureValidator() {
  return validator_cases.map(({ operation, input }) => {
    for (let index = 0; index < 10_000; index += 1) validateParams(operation, input);
    const started = process.hrtime.bigint();
    for (let index = 0; index < validations; index += 1) {
      if (!validateParams(operation, input).ok) throw new Error(`${operation}: the bench input no longer validates`);
    }
    return { operation, ns_per_validation: Math.round(Number(process.hrtime.bigint() - started) / validations) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of measureValidator()) process.stdout.write(`${row.operation}: ${row.ns_per_validation} ns/op\n`);
}
