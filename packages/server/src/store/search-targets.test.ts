// Every search field a resource accepts has exactly one place in its table, and number fields live
// in integer columns or paths (the only ones a numeric comparison can use).
import { describe, expect, it } from 'vitest';
import { chargeSearch, customerSearch, paymentIntentSearch } from '../domain/search/search-resources.js';
import { chargeSearchTargets, customerSearchTargets, paymentIntentSearchTargets } from './search-targets.js';

describe('search targets', () => {
  it.each([
    { resource: customerSearch, targets: customerSearchTargets },
    { resource: paymentIntentSearch, targets: paymentIntentSearchTargets },
    { resource: chargeSearch, targets: chargeSearchTargets },
  ])('$resource.name: one target per field but metadata', ({ resource, targets }) => {
    const fields = Object.keys(resource.fields).filter((field) => resource.fields[field] !== 'metadata');
    expect(Object.keys(targets).sort()).toEqual(fields.sort());
    for (const field of fields) {
      const target = targets[field]!;
      if (resource.fields[field] === 'number') expect(target, field).toMatchObject({ type: 'integer' });
    }
  });

  it('reads card fields of every card source from the stored JSON, with their wire types', () => {
    expect(chargeSearchTargets['payment_method_details.card_present.exp_month']).toEqual({
      path: ['payment_method_details', 'card_present', 'exp_month'],
      type: 'integer',
    });
    expect(chargeSearchTargets['payment_method_details.interac_present.fingerprint']).toEqual({
      path: ['payment_method_details', 'interac_present', 'fingerprint'],
      type: 'string',
    });
    expect(chargeSearchTargets.disputed).toEqual({ path: ['disputed'], type: 'boolean' });
  });
});
