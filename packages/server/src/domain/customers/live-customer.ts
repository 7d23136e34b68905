// The customer a payment, a setup, a charge or an attach names, loaded in the request's transaction:
// one that was never created or has been deleted is missing (resource_missing on `customer`), as on
// Stripe, where a deleted customer's stub can be read but not paid with or attached to.
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Outcome } from '../shared/failures.js';
import type { Customer } from './customer-model.js';
import { findCustomerRow } from './customer-records.js';

export async function loadLiveCustomer(context: CommandContext, id: string): Promise<Outcome<Customer>> {
  const row = await findCustomerRow(context.tx, context.store, context.scope, id);
  if (row === null || row.deleted) return missing(id);
  return succeed(JSON.parse(row.json) as Customer);
}

/** A request's `customer` param, when it names one, must be a live customer; nothing is parsed. */
export async function checkCustomerParam(context: CommandContext, value: unknown): Promise<Outcome<null>> {
  if (typeof value !== 'string' || value === '') return succeed(null);
  const row = await findCustomerRow(context.tx, context.store, context.scope, value);
  return row === null || row.deleted ? missing(value) : succeed(null);
}

const missing = (id: string) => fail({ code: 'resource_missing', resource: 'customer', id, param: 'customer', in_path: false });
