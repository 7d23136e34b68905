// Stripe's webhook signature: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`,
// keyed by the endpoint's whsec_ secret (the whole string, prefix included, as Stripe's SDKs use it).
// A new `t` and signature are made for every attempt.
import { createHmac } from 'node:crypto';

/**
 * @example signatureHeader('{"id":"evt_1"}', 'whsec_abc', 1700000000) // 't=1700000000,v1=5f2b…'
 */
export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
