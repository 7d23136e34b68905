import { describe, expect, it } from 'vitest';
import { decideCreateCustomer, decideUpdateCustomer, isStripeEmail } from './customer-decisions.js';

const facts = { id: 'cus_1', created: 1_700_000_000, livemode: false, generated_invoice_prefix: 'ABCDEFGH' };

describe('customer decisions', () => {
  it.each([
    ['jenny@example.com', true],
    ['first.last+tag@sub.example.co.uk', true],
    ['otameshi@com', false],
    ['dev@localhost', false],
    [' jenny@example.com', false],
    ['jenny＠example.com', false],
    ['a@b@c.com', false],
    ['no-at-sign.com', false],
    ['trailing@dot.', false],
  ])('treats %j as a valid email: %s', (email, valid) => {
    expect(isStripeEmail(email)).toBe(valid);
  });

  it('refuses an invalid email on create and update with email_invalid', () => {
    expect(decideCreateCustomer({ email: 'otameshi@com' }, facts)).toEqual({
      ok: false,
      failure: { code: 'email_invalid', param: 'email', email: 'otameshi@com' },
    });
    const created = decideCreateCustomer({ email: 'ok@example.com', metadata: { a: '1' } }, facts);
    if (!created.ok) throw new Error('expected a customer');
    expect(decideUpdateCustomer(created.value, { email: 'bad' }).ok).toBe(false);
  });

  it('builds the blank customer and applies fields without touching the input', () => {
    const params = Object.freeze({ name: 'Ada', balance: -5, preferred_locales: Object.freeze(['en']) });
    const outcome = decideCreateCustomer(params, facts);
    expect(outcome.ok && outcome.value).toMatchObject({
      id: 'cus_1',
      name: 'Ada',
      balance: -5,
      preferred_locales: ['en'],
      invoice_prefix: 'ABCDEFGH',
      metadata: {},
    });
  });

  it('caps merged metadata at 50 keys', () => {
    const created = decideCreateCustomer(
      { metadata: Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`k${index}`, 'v'])) },
      facts,
    );
    if (!created.ok) throw new Error('expected a customer');
    expect(decideUpdateCustomer(created.value, { metadata: { extra: 'v' } })).toMatchObject({
      ok: false,
      failure: { code: 'parameter_invalid', param: 'metadata' },
    });
    expect(decideUpdateCustomer(created.value, { metadata: { k0: '', extra: 'v' } }).ok).toBe(true);
  });
});
