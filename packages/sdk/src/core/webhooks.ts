// Webhook signature checks. A `Stripe-Signature` header is `t=<unix>,v1=<hex>[,v1=…]`; each v1 is an
// HMAC-SHA256 of `${t}.${raw body}` under the endpoint secret. An event is accepted only if some v1
// matches (compared in constant time) and `t` is within the tolerance of now. Errors name the usual
// mistakes: a parsed body instead of the raw one, a missing header, a secret with stray whitespace.

import type { Event } from '../types/event.js';
import { constantTimeEqual, type CryptoProvider } from './crypto.js';
import { SignatureVerificationError } from './errors.js';

/** Default age limit of a signed payload. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
/** The scheme Stripe signs with today. */
const SIGNATURE_SCHEME = 'v1';

export type WebhookPayload = string | Uint8Array;

export interface ConstructEventOptions {
  /** Seconds a signature stays valid; 0 or less disables the age check. Default 300. */
  toleranceSeconds?: number;
  /** Unix seconds the payload arrived; defaults to now. */
  receivedAt?: number;
}

export interface TestHeaderOptions {
  payload: string;
  secret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** A signature to use instead of computing one (for negative tests). */
  signature?: string;
}

interface ParsedHeader {
  timestamp: number;
  signatures: string[];
}

function parseHeader(header: string): ParsedHeader | undefined {
  let timestamp = Number.NaN;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const [key, value] = item.trim().split('=', 2) as [string, string | undefined];
    if (key === 't' && value !== undefined) timestamp = Number(value);
    if (key === SIGNATURE_SCHEME && value !== undefined) signatures.push(value);
  }
  return Number.isInteger(timestamp) ? { timestamp, signatures } : undefined;
}

/** Stripe's SDKs take the tolerance in seconds as the fourth argument; an options object works too. */
export type ToleranceOrOptions = number | ConstructEventOptions;

const optionsOf = (value: ToleranceOrOptions | undefined): ConstructEventOptions =>
  typeof value === 'number' ? { toleranceSeconds: value } : (value ?? {});

interface Checked {
  text: string;
  timestamp: number;
  signatures: string[];
  fail: (message: string) => SignatureVerificationError;
}

export class Webhooks {
  constructor(
    private readonly crypto: CryptoProvider,
    private readonly nowSeconds: () => number,
  ) {}

  /**
   * Verifies a webhook's signature and returns its event, synchronously (HMAC through `node:crypto`;
   * on runtimes without it use constructEventAsync).
   *
   * @example
   * // Express: app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => { ... })
   * const event = client.webhooks.constructEvent(req.body, req.headers['stripe-signature'], endpointSecret);
   */
  constructEvent(payload: WebhookPayload, header: string | string[] | undefined, secret: string, tolerance?: ToleranceOrOptions): Event {
    return JSON.parse(this.verified(payload, header, secret, tolerance)) as Event;
  }

  /**
   * constructEvent on WebCrypto: works wherever `crypto.subtle` does (Node, Deno, edge workers).
   *
   * @example
   * const event = await client.webhooks.constructEventAsync(req.body, req.headers['stripe-signature'], endpointSecret);
   */
  async constructEventAsync(
    payload: WebhookPayload,
    header: string | string[] | undefined,
    secret: string,
    tolerance?: ToleranceOrOptions,
  ): Promise<Event> {
    return JSON.parse(await this.verifiedAsync(payload, header, secret, tolerance)) as Event;
  }

  /** Throws SignatureVerificationError unless the header signs the payload. */
  verifySignature(payload: WebhookPayload, header: string | string[] | undefined, secret: string, tolerance?: ToleranceOrOptions): void {
    this.verified(payload, header, secret, tolerance);
  }

  /** verifySignature on WebCrypto. */
  async verifySignatureAsync(
    payload: WebhookPayload,
    header: string | string[] | undefined,
    secret: string,
    tolerance?: ToleranceOrOptions,
  ): Promise<void> {
    await this.verifiedAsync(payload, header, secret, tolerance);
  }

  /**
   * Builds a valid `Stripe-Signature` header, for tests of your webhook handler.
   *
   * @example
   * const header = client.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_test' });
   */
  generateTestHeaderString(options: TestHeaderOptions): string {
    const timestamp = options.timestamp ?? this.nowSeconds();
    const signature = options.signature ?? this.syncHmac()(options.secret, `${timestamp}.${options.payload}`);
    return `t=${timestamp},${SIGNATURE_SCHEME}=${signature}`;
  }

  /**
   * generateTestHeaderString on WebCrypto.
   *
   * @example
   * const header = await client.webhooks.generateTestHeaderStringAsync({ payload: body, secret: 'whsec_test' });
   */
  async generateTestHeaderStringAsync(options: TestHeaderOptions): Promise<string> {
    const timestamp = options.timestamp ?? this.nowSeconds();
    const signature = options.signature ?? (await this.crypto.hmacSha256Hex(options.secret, `${timestamp}.${options.payload}`));
    return `t=${timestamp},${SIGNATURE_SCHEME}=${signature}`;
  }

  /** The payload as text, once its signature is checked (so constructEvent decodes it only once). */
  private verified(payload: WebhookPayload, header: string | string[] | undefined, secret: string, tolerance?: ToleranceOrOptions): string {
    const checked = this.parse(payload, header);
    this.judge(checked, this.syncHmac()(secret, `${checked.timestamp}.${checked.text}`), secret, optionsOf(tolerance));
    return checked.text;
  }

  private async verifiedAsync(
    payload: WebhookPayload,
    header: string | string[] | undefined,
    secret: string,
    tolerance?: ToleranceOrOptions,
  ): Promise<string> {
    const checked = this.parse(payload, header);
    this.judge(checked, await this.crypto.hmacSha256Hex(secret, `${checked.timestamp}.${checked.text}`), secret, optionsOf(tolerance));
    return checked.text;
  }

  private syncHmac(): (secret: string, payload: string) => string {
    const sync = this.crypto.hmacSha256HexSync?.bind(this.crypto);
    if (sync === undefined) {
      throw new Error(
        'This crypto provider has no synchronous HMAC: use constructEventAsync / generateTestHeaderStringAsync, or pass a cryptoProvider with hmacSha256HexSync.',
      );
    }
    return sync;
  }

  private parse(payload: WebhookPayload, header: string | string[] | undefined): Checked {
    const text = this.payloadText(payload);
    const headerText = Array.isArray(header) ? header.join(',') : header;
    const fail = (message: string): SignatureVerificationError =>
      new SignatureVerificationError({ message, header: headerText, payload: text });
    if (headerText === undefined || headerText === '') throw fail('No Stripe-Signature header value was provided.');
    const parsed = parseHeader(headerText);
    if (parsed === undefined) throw fail('Unable to extract timestamp and signatures from the Stripe-Signature header.');
    if (parsed.signatures.length === 0) throw fail(`No signatures found with expected scheme ${SIGNATURE_SCHEME}.`);
    return { text, timestamp: parsed.timestamp, signatures: parsed.signatures, fail };
  }

  private judge(checked: Checked, expected: string, secret: string, options: ConstructEventOptions): void {
    if (!checked.signatures.some((signature) => constantTimeEqual(signature, expected))) {
      const whitespaceHint = secret !== secret.trim() ? ' The webhook secret has leading or trailing whitespace.' : '';
      throw checked.fail(
        'No signatures found matching the expected signature for payload. Are you passing the raw request ' +
          `body you received, unparsed and unmodified?${whitespaceHint}`,
      );
    }
    const toleranceSeconds = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
    const receivedAt = options.receivedAt ?? this.nowSeconds();
    if (toleranceSeconds > 0 && receivedAt - checked.timestamp > toleranceSeconds) {
      throw checked.fail(`Timestamp outside the tolerance zone (${toleranceSeconds} s).`);
    }
  }

  private payloadText(payload: unknown): string {
    if (typeof payload === 'string') {
      if (payload === '') throw new SignatureVerificationError({ message: 'No webhook payload was provided.' });
      return payload;
    }
    if (payload instanceof Uint8Array) return new TextDecoder().decode(payload);
    if (payload !== null && typeof payload === 'object') {
      throw new SignatureVerificationError({
        message:
          'Webhook payload must be the raw request body as a string or Uint8Array, but a parsed object was ' +
          'given. Signature verification needs the exact bytes that were signed: read the body raw.',
      });
    }
    throw new SignatureVerificationError({ message: 'No webhook payload was provided.' });
  }
}
