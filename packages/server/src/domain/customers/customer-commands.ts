// Customer commands: load what is needed inside the request's transaction, decide in a pure
// function, then write the row and its event. Each returns the object to answer with, or a failure.
import { fail, succeed, type Failure, type Outcome, type ResourceName } from '../shared/failures.js';
import { previousAttributes } from '../shared/previous-attributes.js';
import { snapshot, snapshotFromJson, type Snapshot } from '../shared/snapshot.js';
import type { CommandContext } from '../shared/command-context.js';
import { decideCreateCustomer, decideUpdateCustomer, type CustomerParams } from './customer-decisions.js';
import { customer_id_prefix, invoice_prefix_chars, type Customer, type DeletedCustomer } from './customer-model.js';
import { findCustomerRow, insertCustomer, markCustomerDeleted, updateCustomer } from './customer-records.js';
import { prepareAttach, writeAttach, type PreparedAttach } from '../payment-methods/payment-method-commands.js';
import { findPaymentMethodRow } from '../payment-methods/payment-method-records.js';
import type { PaymentMethod } from '../payment-methods/payment-method-model.js';

const default_payment_method_param = 'invoice_settings[default_payment_method]';

function defaultPaymentMethodParam(params: CustomerParams): string | null {
  const settings = params.invoice_settings;
  if (settings === null || typeof settings !== 'object') return null;
  const value = (settings as Record<string, unknown>).default_payment_method;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** `invoice_settings[default_payment_method]` must name a PaymentMethod attached to this customer. */
async function checkDefaultPaymentMethod(context: CommandContext, customer: string, id: string): Promise<Failure | null> {
  const row = await findPaymentMethodRow(context.tx, context.store, context.scope, id);
  const attachedTo = row === null ? null : snapshotFromJson<PaymentMethod>(row.json).object.customer;
  return attachedTo === customer ? null : { code: 'payment_method_not_attached_to_customer', id, param: default_payment_method_param };
}

/**
 * Params that name another object Tender does not have yet, so any id given cannot be found and
 * answers Stripe's resource_missing for that param. `payment_method` and
 * `invoice_settings[default_payment_method]` are real lookups (see resolvePaymentMethods).
 */
const references: readonly { path: readonly string[]; resource: ResourceName }[] = [
  { path: ['source'], resource: 'token' },
  { path: ['default_source'], resource: 'source' },
  { path: ['default_card'], resource: 'source' },
  { path: ['default_bank_account'], resource: 'source' },
  { path: ['default_alipay_account'], resource: 'source' },
  { path: ['card'], resource: 'token' },
  { path: ['bank_account'], resource: 'token' },
  { path: ['coupon'], resource: 'coupon' },
  { path: ['promotion_code'], resource: 'promotion_code' },
  { path: ['test_clock'], resource: 'test_clock' },
];

/** Params Stripe accepts that Tender cannot honour yet; refused clearly rather than ignored. */
const unsupported = ['cash_balance', 'tax', 'tax_id_data'] as const;

function checkParams(params: CustomerParams): Failure | null {
  for (const name of unsupported) {
    if (params[name] !== undefined && params[name] !== '') {
      return { code: 'parameter_invalid', param: name, message: `Tender does not support the \`${name}\` parameter on customers yet.` };
    }
  }
  for (const reference of references) {
    const value = valueAt(params, reference.path);
    if (typeof value === 'string' && value !== '') {
      return { code: 'resource_missing', resource: reference.resource, id: value, param: paramName(reference.path), in_path: false };
    }
    if (value !== undefined && typeof value === 'object') {
      return {
        code: 'parameter_invalid',
        param: paramName(reference.path),
        message: `Tender does not support creating a ${paramName(reference.path)} inline yet.`,
      };
    }
  }
  return null;
}

function valueAt(params: CustomerParams, path: readonly string[]): unknown {
  let value: unknown = params;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function paramName(path: readonly string[]): string {
  return (
    path[0] +
    path
      .slice(1)
      .map((part) => `[${part}]`)
      .join('')
  );
}

export async function createCustomer(context: CommandContext, params: CustomerParams): Promise<Outcome<Snapshot<Customer>>> {
  const problem = checkParams(params);
  if (problem !== null) return fail(problem);
  const decided = decideCreateCustomer(params, {
    id: context.runtime.ids.next(customer_id_prefix),
    created: context.now,
    livemode: context.scope.livemode,
    generated_invoice_prefix: context.runtime.ids.randomChars(invoice_prefix_chars).toUpperCase(),
  });
  if (!decided.ok) return decided;
  let object = decided.value;
  // `payment_method` attaches that PaymentMethod to the new customer (a magic id saves a new one).
  let attach: PreparedAttach | null = null;
  const paymentMethodId = typeof params.payment_method === 'string' && params.payment_method !== '' ? params.payment_method : null;
  if (paymentMethodId !== null) {
    const prepared = await prepareAttach(context, paymentMethodId, object.id, false);
    if (!prepared.ok) return prepared;
    attach = prepared.value;
  }
  const defaultId = defaultPaymentMethodParam(params);
  if (defaultId !== null) {
    // Naming the same id as `payment_method` means the one just attached, even for a magic id.
    if (attach !== null && defaultId === paymentMethodId) {
      object = { ...object, invoice_settings: { ...object.invoice_settings, default_payment_method: attach.payment_method.object.id } };
    } else {
      return fail({ code: 'payment_method_not_attached_to_customer', id: defaultId, param: default_payment_method_param });
    }
  }
  const customer = snapshot(object);
  await insertCustomer(context.tx, context.store, context.scope, customer);
  await context.events.emit('customer.created', customer);
  if (attach !== null) await writeAttach(context, attach);
  return succeed(customer);
}

export async function updateCustomerCommand(
  context: CommandContext,
  id: string,
  params: CustomerParams,
): Promise<Outcome<Snapshot<Customer>>> {
  const row = await findCustomerRow(context.tx, context.store, context.scope, id, true);
  if (row === null || row.deleted) return fail({ code: 'resource_missing', resource: 'customer', id, param: 'id', in_path: true });
  const problem = checkParams(params);
  if (problem !== null) return fail(problem);
  const defaultId = defaultPaymentMethodParam(params);
  if (defaultId !== null) {
    const notAttached = await checkDefaultPaymentMethod(context, id, defaultId);
    if (notAttached !== null) return fail(notAttached);
  }
  const current = snapshotFromJson<Customer>(row.json);
  const decided = decideUpdateCustomer(current.object, params);
  if (!decided.ok) return decided;
  const previous = previousAttributes(
    current.object as unknown as Record<string, unknown>,
    decided.value as unknown as Record<string, unknown>,
  );
  // An update that changes nothing writes nothing and emits no event, as on Stripe.
  if (Object.keys(previous).length === 0) return succeed(current);
  const customer = snapshot(decided.value);
  await updateCustomer(context.tx, context.store, context.scope, customer);
  await context.events.emit('customer.updated', customer, previous);
  return succeed(customer);
}

export async function deleteCustomerCommand(context: CommandContext, id: string): Promise<Outcome<Snapshot<DeletedCustomer>>> {
  const row = await findCustomerRow(context.tx, context.store, context.scope, id, true);
  if (row === null || row.deleted) return fail({ code: 'resource_missing', resource: 'customer', id, param: 'id', in_path: true });
  const stub = snapshot<DeletedCustomer>({ id, object: 'customer', deleted: true });
  await markCustomerDeleted(context.tx, context.store, context.scope, stub);
  // Stripe's customer.deleted carries the customer as it was, not the stub.
  await context.events.emit('customer.deleted', { object: {}, json: row.json });
  return succeed(stub);
}
