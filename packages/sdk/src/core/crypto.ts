// HMAC for webhook signatures. The default uses WebCrypto (crypto.subtle), present in Node 20 and
// edge runtimes, so the SDK needs no node:crypto import; pass another provider to use a different one.

/** Computes the signatures webhooks are checked against. */
export interface CryptoProvider {
  /** Lower-case hex HMAC-SHA256 of `payload` under `secret`. */
  hmacSha256Hex(secret: string, payload: string): Promise<string>;
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The WebCrypto provider.
 *
 * @example
 * const signature = await new SubtleCryptoProvider().hmacSha256Hex('whsec_…', `${timestamp}.${body}`);
 */
export class SubtleCryptoProvider implements CryptoProvider {
  constructor(private readonly subtle: SubtleCrypto = globalThis.crypto.subtle) {}

  async hmacSha256Hex(secret: string, payload: string): Promise<string> {
    const encoder = new TextEncoder();
    const key = await this.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return toHex(await this.subtle.sign('HMAC', key, encoder.encode(payload)));
  }
}

/** Compares two strings in time that depends only on their length, not on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
