// A customer as Tender answers one (about 500 bytes of JSON), for the bench's own servers: the ceiling
// answers a fixed one, the stack-bounds server one per create. It is Tender's own new customer (the
// bench builds first), so the bench's servers answer the same fields as Tender when those change;
// created with no parameters, it runs no request checks, and the fields the bench sets are put in after.
import { decideCreateCustomer } from '../packages/server/dist/domain/customers/customer-decisions.js';

/** @param {{id: string, created: number, email: string|null, name: string|null, metadata: Record<string, string>}} fields */
export function benchCustomer({ id, created, email, name, metadata }) {
  const blank = decideCreateCustomer({}, { id, created, livemode: false, generated_invoice_prefix: 'ABCDEF12' });
  if (!blank.ok) throw new Error('invariant: a customer with no parameters is always valid');
  return { ...blank.value, email, name, metadata };
}
