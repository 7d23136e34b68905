// Pure decisions for Customers: given validated params (and the current customer for updates),
// produce the new object or a failure. No I/O: references to other objects (payment methods, sources,
// coupons, test clocks) are resolved by the command before it calls in here.
import { fail, succeed, type Outcome } from '../shared/failures.js';
import { createMetadata, mergeMetadataWithinLimit, type MetadataParam } from '../shared/metadata.js';
import { addressFromParam, customerShippingFromParam, type AddressParam, type ShippingParam } from './address.js';
import type { Customer, InvoiceSettings } from './customer-model.js';

export type CustomerParams = Record<string, unknown>;

export interface NewCustomerFacts {
  id: string;
  created: number;
  livemode: boolean;
  /** Random uppercase characters for `invoice_prefix` when the caller gives none. */
  generated_invoice_prefix: string;
}

const invoice_prefix_pattern = /^[A-Z0-9]{3,12}$/;
/**
 * What Stripe accepts as an email: one @, no spaces, and a dot in the domain. Observed refusals:
 * `otameshi@com`, addresses `@localhost`, a stray leading space, a full-width ＠.
 */
const email_pattern = /^[^\s@＠]+@[^\s@＠]+\.[^\s@＠.][^\s@＠]*$/;

export function isStripeEmail(email: string): boolean {
  return email_pattern.test(email);
}

export function decideCreateCustomer(params: CustomerParams, facts: NewCustomerFacts): Outcome<Customer> {
  const blank: Customer = {
    id: facts.id,
    object: 'customer',
    address: null,
    balance: 0,
    created: facts.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: facts.generated_invoice_prefix,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: facts.livemode,
    metadata: createMetadata(params.metadata as MetadataParam),
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
  return applyFields(blank, params);
}

export function decideUpdateCustomer(current: Customer, params: CustomerParams): Outcome<Customer> {
  const merged = mergeMetadataWithinLimit(current.metadata, params.metadata as MetadataParam);
  if (!merged.ok) return fail(merged.failure);
  return applyFields({ ...current, metadata: merged.value }, params);
}

/** The fields create and update share. '' means "unset" wherever Stripe allows it. */
function applyFields(base: Customer, params: CustomerParams): Outcome<Customer> {
  const customer: Customer = { ...base };
  for (const field of ['description', 'email', 'name', 'phone'] as const) {
    if (params[field] !== undefined) customer[field] = nullable(params[field] as string);
  }
  if (customer.email !== null && customer.email !== base.email && !isStripeEmail(customer.email)) {
    return fail({ code: 'email_invalid', param: 'email', email: customer.email });
  }
  if (params.balance !== undefined) customer.balance = params.balance as number;
  if (params.next_invoice_sequence !== undefined) customer.next_invoice_sequence = params.next_invoice_sequence as number;
  if (params.tax_exempt !== undefined) customer.tax_exempt = (nullable(params.tax_exempt as string) ?? 'none') as Customer['tax_exempt'];
  if (params.preferred_locales !== undefined) {
    customer.preferred_locales = params.preferred_locales === '' ? [] : [...(params.preferred_locales as string[])];
  }
  if (params.address !== undefined) customer.address = params.address === '' ? null : addressFromParam(params.address as AddressParam);
  if (params.shipping !== undefined)
    customer.shipping = params.shipping === '' ? null : customerShippingFromParam(params.shipping as ShippingParam);
  if (params.invoice_settings === '')
    customer.invoice_settings = { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null };
  else if (params.invoice_settings !== undefined) {
    customer.invoice_settings = invoiceSettings(base.invoice_settings, params.invoice_settings as Record<string, unknown>);
  }
  if (params.invoice_prefix !== undefined) {
    const prefix = params.invoice_prefix as string;
    if (!invoice_prefix_pattern.test(prefix)) {
      return fail({
        code: 'parameter_invalid',
        param: 'invoice_prefix',
        message: 'Invalid invoice_prefix: must be between 3 and 12 uppercase letters or numbers.',
      });
    }
    customer.invoice_prefix = prefix;
  }
  return succeed(customer);
}

function nullable(value: string): string | null {
  return value === '' ? null : value;
}

function invoiceSettings(current: InvoiceSettings, param: Record<string, unknown>): InvoiceSettings {
  const next: InvoiceSettings = { ...current };
  if (param.custom_fields !== undefined) {
    next.custom_fields =
      param.custom_fields === ''
        ? null
        : (param.custom_fields as { name: string; value: string }[]).map(({ name, value }) => ({ name, value }));
  }
  if (param.default_payment_method !== undefined) next.default_payment_method = nullable(param.default_payment_method as string);
  if (param.footer !== undefined) next.footer = nullable(param.footer as string);
  if (param.rendering_options !== undefined) {
    const options = param.rendering_options as '' | { amount_tax_display?: string; template?: string };
    next.rendering_options =
      options === '' ? null : { amount_tax_display: options.amount_tax_display || null, template: options.template || null };
  }
  return next;
}
