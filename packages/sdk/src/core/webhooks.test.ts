import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StripeClient } from '../client.js';
import { constantTimeEqual, SubtleCryptoProvider } from './crypto.js';
import { SignatureVerificationError } from './errors.js';
import { Webhooks } from './webhooks.js';

const secret = 'whsec_test_secret';
const now = 1_700_000_000;
const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1' } } });
const sign = (timestamp: number, body: string, key = secret) => createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex');
const webhooks = new Webhooks(new SubtleCryptoProvider(), () => now);

describe('webhooks', () => {
  it('accepts a valid signature (checked against node:crypto) and returns the event', async () => {
    const header = `t=${now},v1=${sign(now, payload)}`;
    const event = await webhooks.constructEventAsync(payload, header, secret);
    expect(event).toMatchObject({ id: 'evt_1', type: 'customer.created' });
    const fromBytes = await webhooks.constructEventAsync(new TextEncoder().encode(payload), header, secret);
    expect(fromBytes.id).toBe('evt_1');
  });

  it('accepts any matching v1 among several (secret rolling)', async () => {
    const header = `t=${now},v1=${sign(now, payload, 'whsec_old')},v1=${sign(now, payload)},v0=abc`;
    await expect(webhooks.verifySignatureAsync(payload, header, secret)).resolves.toBeUndefined();
    expect(() => webhooks.verifySignature(payload, header, secret)).not.toThrow();
    expect(() => webhooks.verifySignature(payload, `t=${now},v1=${sign(now, payload, 'whsec_old')}`, secret)).toThrow(
      /No signatures found matching/,
    );
  });

  it('rejects a tampered payload or a wrong secret', async () => {
    const header = `t=${now},v1=${sign(now, payload)}`;
    await expect(webhooks.constructEventAsync(payload.replace('cus_1', 'cus_2'), header, secret)).rejects.toThrow(
      /No signatures found matching/,
    );
    await expect(webhooks.constructEventAsync(payload, header, `${secret} `)).rejects.toThrow(/whitespace/);
  });

  it('rejects an old timestamp beyond the tolerance, honouring tolerance and receivedAt', async () => {
    const old = now - 301;
    const header = `t=${old},v1=${sign(old, payload)}`;
    const error = await webhooks.constructEventAsync(payload, header, secret).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignatureVerificationError);
    expect((error as SignatureVerificationError).header).toBe(header);
    expect((error as Error).message).toMatch(/tolerance/);
    await expect(webhooks.constructEventAsync(payload, header, secret, { toleranceSeconds: 600 })).resolves.toBeDefined();
    await expect(webhooks.constructEventAsync(payload, header, secret, { receivedAt: old + 10 })).resolves.toBeDefined();
  });

  it('explains the common mistakes', async () => {
    const header = `t=${now},v1=${sign(now, payload)}`;
    await expect(webhooks.constructEventAsync(JSON.parse(payload) as never, header, secret)).rejects.toThrow(/parsed object/);
    await expect(webhooks.constructEventAsync('', header, secret)).rejects.toThrow(/No webhook payload/);
    await expect(webhooks.constructEventAsync(payload, undefined, secret)).rejects.toThrow(/No Stripe-Signature header/);
    await expect(webhooks.constructEventAsync(payload, 'garbage', secret)).rejects.toThrow(/Unable to extract timestamp/);
    await expect(webhooks.constructEventAsync(payload, `t=${now},v0=abc`, secret)).rejects.toThrow(/expected scheme v1/);
  });

  it('generates test headers that verify, on the client too', async () => {
    const client = new StripeClient('sk_test_1', { platform: { nowMs: () => now * 1000 } });
    const header = await client.webhooks.generateTestHeaderStringAsync({ payload, secret });
    expect(header).toBe(`t=${now},v1=${sign(now, payload)}`);
    await expect(client.webhooks.constructEventAsync(payload, header, secret)).resolves.toMatchObject({ id: 'evt_1' });
  });

  it('compares signatures by content', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('webhooks, synchronously (as Stripe SDKs offer them)', () => {
  it('constructEvent verifies on node:crypto and returns the event; tolerance is the 4th argument', () => {
    const header = `t=${now},v1=${sign(now, payload)}`;
    expect(webhooks.constructEvent(payload, header, secret)).toMatchObject({ id: 'evt_1', type: 'customer.created' });
    expect(webhooks.constructEvent(new TextEncoder().encode(payload), header, secret).id).toBe('evt_1');
    const old = now - 400;
    const stale = `t=${old},v1=${sign(old, payload)}`;
    expect(() => webhooks.constructEvent(payload, stale, secret)).toThrow(/tolerance/);
    expect(webhooks.constructEvent(payload, stale, secret, 600).id).toBe('evt_1');
    expect(webhooks.constructEvent(payload, stale, secret, 0).id).toBe('evt_1');
  });

  it('explains the same mistakes as the async twin', () => {
    const header = `t=${now},v1=${sign(now, payload)}`;
    expect(() => webhooks.constructEvent(payload, header, 'whsec_wrong')).toThrow(SignatureVerificationError);
    expect(() => webhooks.constructEvent(JSON.parse(payload) as never, header, secret)).toThrow(/parsed object/);
    expect(() => webhooks.constructEvent(payload, undefined, secret)).toThrow(/No Stripe-Signature header/);
    expect(() => webhooks.constructEvent(payload, header, `${secret}\n`)).toThrow(/whitespace/);
  });

  it('generateTestHeaderString matches what the async twin and node:crypto make', async () => {
    const header = webhooks.generateTestHeaderString({ payload, secret });
    expect(header).toBe(`t=${now},v1=${sign(now, payload)}`);
    expect(header).toBe(await webhooks.generateTestHeaderStringAsync({ payload, secret }));
    expect(webhooks.constructEvent(payload, header, secret).id).toBe('evt_1');
  });

  it('says what to do when the provider has no synchronous HMAC', async () => {
    const asyncOnly = new Webhooks({ hmacSha256Hex: (key, data) => new SubtleCryptoProvider().hmacSha256Hex(key, data) }, () => now);
    const header = `t=${now},v1=${sign(now, payload)}`;
    expect(() => asyncOnly.constructEvent(payload, header, secret)).toThrow(/use constructEventAsync/);
    await expect(asyncOnly.constructEventAsync(payload, header, secret)).resolves.toMatchObject({ id: 'evt_1' });
  });
});
