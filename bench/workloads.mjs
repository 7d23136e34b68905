// What the bench measures: the workloads, what they need seeded, and the targets they are judged by.
// To add a workload, append one entry to `tender_workloads` (and to `seed` if it needs data); to add
// a target, append one entry to `targets`. Nothing else in the bench needs to change.

export const secret_key = 'sk_test_bench0123456789abcdefghij';
export const seeded_customers_count = 50;

const auth = { authorization: `Bearer ${secret_key}` };
const form = { ...auth, 'content-type': 'application/x-www-form-urlencoded' };

/**
 * @typedef {object} Workload
 * @property {string} name            short key used in targets and BENCH_ONLY
 * @property {'GET'|'POST'} method
 * @property {(seeded: Seeded) => string} path
 * @property {Record<string, string>} headers
 * @property {string} [body]
 * @property {string} expect_object   the `object` field a 2xx body must carry (checked once before the run)
 */

/** @type {Workload} */
export const ceiling_workload = {
  name: 'ceiling',
  method: 'GET',
  path: () => '/',
  headers: {},
  expect_object: 'customer',
};

/** @type {readonly Workload[]} */
export const tender_workloads = [
  {
    name: 'create',
    method: 'POST',
    path: () => '/v1/customers',
    headers: form,
    body: 'email=bench%40example.com&name=Bench&metadata[k]=v',
    expect_object: 'customer',
  },
  {
    name: 'retrieve',
    method: 'GET',
    path: (seeded) => `/v1/customers/${seeded.customer_id}`,
    headers: auth,
    expect_object: 'customer',
  },
  {
    name: 'list',
    method: 'GET',
    path: () => '/v1/customers?limit=10',
    headers: auth,
    expect_object: 'list',
  },
  // Next (payments issue):
  // { name: 'payment', method: 'POST', path: () => '/v1/payment_intents', headers: form,
  //   body: 'amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true', expect_object: 'payment_intent' },
];

/**
 * @typedef {object} Target
 * @property {string} workload
 * @property {'ratio_to_ceiling'|'latency_p99_ms'} metric
 * @property {'min'|'max'} bound   min: measured >= threshold; max: measured < threshold
 * @property {number} threshold
 */

/** @type {readonly Target[]} */
export const targets = [
  { workload: 'create', metric: 'ratio_to_ceiling', bound: 'min', threshold: 0.35 },
  { workload: 'retrieve', metric: 'ratio_to_ceiling', bound: 'min', threshold: 0.5 },
  ...tender_workloads.map((workload) => ({ workload: workload.name, metric: 'latency_p99_ms', bound: 'max', threshold: 15 })),
];

/** @typedef {{customer_id: string}} Seeded */

/** Creates what the read workloads need, through the API itself. */
export async function seed(baseUrl) {
  const ids = [];
  for (let index = 0; index < seeded_customers_count; index += 1) {
    const body = new URLSearchParams({ email: `seed${index}@example.com`, name: `Seed ${index}`, 'metadata[seed]': String(index) });
    const customer = await requestJson(baseUrl, 'POST', '/v1/customers', form, body.toString());
    ids.push(customer.id);
  }
  return { customer_id: ids[0] };
}

/** One request, failing loudly on anything but 2xx. */
export async function requestJson(baseUrl, method, path, headers, body) {
  const response = await fetch(baseUrl + path, { method, headers, body });
  const text = await response.text();
  if (response.status < 200 || response.status > 299) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 2000)}`);
  }
  return JSON.parse(text);
}
