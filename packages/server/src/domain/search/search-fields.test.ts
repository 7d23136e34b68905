// The field tables against "Supported query fields for each resource" at https://docs.stripe.com/search.
import { describe, expect, it } from 'vitest';
import {
  chargeSearchFields,
  customerSearchFields,
  invoiceSearchFields,
  paymentIntentSearchFields,
  priceSearchFields,
  productSearchFields,
  subscriptionSearchFields,
} from './search-fields.js';

describe('search field tables', () => {
  it('customers', () => {
    expect(customerSearchFields).toEqual({ created: 'number', email: 'string', metadata: 'metadata', name: 'string', phone: 'string' });
  });

  it('payment_intents', () => {
    expect(paymentIntentSearchFields).toEqual({
      amount: 'number',
      created: 'number',
      currency: 'token',
      customer: 'token',
      metadata: 'metadata',
      status: 'token',
    });
  });

  it('charges spell out every card source', () => {
    const cardFields = Object.keys(chargeSearchFields).filter((field) => field.startsWith('payment_method_details.'));
    expect(cardFields).toHaveLength(15);
    expect(chargeSearchFields['payment_method_details.interac_present.exp_year']).toBe('token');
    expect(chargeSearchFields.amount).toBe('number');
  });

  it('the others', () => {
    expect(Object.keys(invoiceSearchFields).sort()).toEqual(
      ['created', 'currency', 'customer', 'metadata', 'number', 'receipt_number', 'status', 'subscription', 'total'].sort(),
    );
    expect(Object.keys(priceSearchFields).sort()).toEqual(['active', 'currency', 'lookup_key', 'metadata', 'product', 'type']);
    expect(Object.keys(productSearchFields).sort()).toEqual(['active', 'description', 'metadata', 'name', 'shippable', 'url']);
    expect(subscriptionSearchFields).toEqual({ created: 'number', metadata: 'metadata', status: 'token' });
  });
});
