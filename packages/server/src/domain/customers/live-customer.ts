// The customer a payment, a setup, a charge or an attach names, loaded in the request's transaction:
// one that was never created or has been deleted is missing (resource_missing on `customer`), as on
// Stripe, where a deleted customer's stub can be read but not paid with or attached to.
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Outcome } from '../shared/failures.js';
import type { Customer } from './customer-model.js';
import { findCustomerRow } from './customer-records.js';

export async function loadLiveCustomer(context: CommandContext, id: string): Promise<Outcome<Customer>> {
  const row = await findCustomerRow(context.tx, context.store, context.scope, id);
  if (row === null || row.deleted) return fail({ code: 'resource_missing', resource: 'customer', id, param: 'customer', in_path: false });
  return succeed(JSON.parse(row.json) as Customer);
}
