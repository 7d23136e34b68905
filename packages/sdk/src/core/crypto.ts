// HMAC for webhook signatures. The default uses WebCrypto (crypto.subtle), present in Node 20 and
// edge runtimes, so the SDK needs no node:crypto import; the synchronous twin reaches node:crypto only
// when called, through `process.getBuiltinModule` (Node 20.16+), so edge bundles never load it. Pass
// another provider to use a different one.

/** Computes the signatures webhooks are checked against. */
export interface CryptoProvider {
  /** Lower-case hex HMAC-SHA256 of `payload` under `secret`. */
  hmacSha256Hex(secret: string, payload: string): Promise<string>;
  /** The same, synchronously, where the runtime allows it (constructEvent needs it). */
  hmacSha256HexSync?(secret: string, payload: string): string;
}

type NodeCrypto = {
  createHmac(algorithm: string, key: string): { update(data: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
};

function nodeCrypto(): NodeCrypto | undefined {
  const host = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  return host?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
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

  /** Synchronous HMAC through node:crypto; throws where the runtime has none (use the async one). */
  hmacSha256HexSync(secret: string, payload: string): string {
    const crypto = nodeCrypto();
    if (crypto === undefined) {
      throw new Error('Synchronous HMAC needs node:crypto, which this runtime does not offer: use constructEventAsync instead.');
    }
    return crypto.createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
  }
}

/** Compares two strings in time that depends only on their length, not on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
