// Addresses and shipping details as Stripe shows them: every field present, null where the request
// left it out or sent it empty. Customers (address, shipping) and payments (a PaymentIntent's or a
// charge's shipping, which also carries carrier and tracking_number) build them here alike.
import type { Shipping as PaymentShipping } from '../payment-intents/payment-intent-model.js';
import type { Address, Shipping as CustomerShipping } from './customer-model.js';

export type AddressParam = Partial<Record<keyof Address, string>>;

/** A payment's shipping param; `name` is required by the param schema [obs spec]. */
export type ShippingParam = Partial<Record<'carrier' | 'name' | 'phone' | 'tracking_number', string>> & { address?: AddressParam };

const text = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

/** @example addressFromParam({ line1: '1 Main' }) // { city: null, country: null, line1: '1 Main', line2: null, ... } */
export function addressFromParam(param: AddressParam | undefined): Address {
  return {
    city: text(param?.city),
    country: text(param?.country),
    line1: text(param?.line1),
    line2: text(param?.line2),
    postal_code: text(param?.postal_code),
    state: text(param?.state),
  };
}

/** A customer's shipping: address, name and phone. */
export function customerShippingFromParam(param: ShippingParam): CustomerShipping {
  return { address: addressFromParam(param.address), name: param.name ?? '', phone: text(param.phone) };
}

/** A PaymentIntent's or a charge's shipping: the customer's fields plus carrier and tracking_number. */
export function shippingFromParam(param: ShippingParam): PaymentShipping {
  return {
    address: addressFromParam(param.address),
    carrier: text(param.carrier),
    name: param.name ?? '',
    phone: text(param.phone),
    tracking_number: text(param.tracking_number),
  };
}
