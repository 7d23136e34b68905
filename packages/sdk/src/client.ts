// The entry point. A client holds settings and one shared transport; services are built on first
// use (so unused ones cost nothing), and withOptions derives a client that shares the transport,
// platform and telemetry queue but differs in key, version or account.

import { SubtleCryptoProvider, type CryptoProvider } from './core/crypto.js';
import { AuthenticationError } from './core/errors.js';
import { FetchHttpClient } from './core/http/fetch-client.js';
import type { HttpMethod } from './core/http/types.js';
import type { EncodableValue } from './core/encode.js';
import { silentLogger } from './core/logger.js';
import {
  DEFAULT_TIMEOUT_MS,
  validateClientOptions,
  validateInteger,
  validatePersistentOptions,
  type PersistentOptions,
  type RawRequestOptions,
  type StripeClientOptions,
} from './core/options.js';
import { resolvePlatform } from './core/platform.js';
import { APIRequestor } from './core/requestor.js';
import type { StripeResponse, StripeStreamResponse } from './core/response.js';
import { DEFAULT_NETWORK_RETRIES_COUNT, NETWORK_RETRIES_MAX_COUNT } from './core/retry.js';
import { TelemetryBuffer } from './core/telemetry.js';
import { Webhooks } from './core/webhooks.js';
import { AccountsService } from './resources/accounts.js';
import { BalanceService, BalanceTransactionsService } from './resources/balance.js';
import { ChargesService } from './resources/charges.js';
import { CustomersService } from './resources/customers.js';
import { EventsService } from './resources/events.js';
import { OAuthService } from './resources/oauth.js';
import { PaymentIntentsService } from './resources/payment-intents.js';
import { PaymentMethodsService } from './resources/payment-methods.js';
import { PayoutsService } from './resources/payouts.js';
import { RefundsService } from './resources/refunds.js';
import { WebhookEndpointsService } from './resources/webhook-endpoints.js';
import { SetupAttemptsService } from './resources/setup-attempts.js';
import { SetupIntentsService } from './resources/setup-intents.js';
import { TokensService } from './resources/tokens.js';
import { DEFAULT_API_VERSION } from './version.js';

type RawParams = { readonly [key: string]: EncodableValue };

/** How withOptions hands its requestor to the derived client; a symbol keeps it out of the public options. */
const SHARED_REQUESTOR = Symbol('sharedRequestor');
type SharedTransport = { [SHARED_REQUESTOR]?: APIRequestor };

function requestorFromOptions(apiKey: string, options: StripeClientOptions): APIRequestor {
  const logger = options.logger ?? silentLogger;
  return new APIRequestor({
    settings: {
      apiKey,
      apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
      stripeAccount: options.stripeAccount,
      stripeContext: options.stripeContext,
      maxNetworkRetries: validateInteger(
        'maxNetworkRetries',
        options.maxNetworkRetries,
        DEFAULT_NETWORK_RETRIES_COUNT,
        NETWORK_RETRIES_MAX_COUNT,
      ),
      timeoutMs: validateInteger('timeout', options.timeout, DEFAULT_TIMEOUT_MS, Number.MAX_SAFE_INTEGER),
    },
    baseUrl: options.baseUrl,
    telemetry: options.telemetry ?? true,
    appInfo: options.appInfo,
    httpClient: options.httpClient ?? new FetchHttpClient(options.fetch),
    platform: resolvePlatform(options.platform),
    logger,
    telemetryBuffer: new TelemetryBuffer(() => logger.warn?.('Request metrics buffer is full; dropping telemetry.')),
  });
}

/**
 * A client for Stripe's API, or any server that speaks it (such as Tender).
 *
 * @example
 * const stripe = new StripeClient(process.env.STRIPE_SECRET_KEY!);
 * const tender = new StripeClient('sk_test_…', { baseUrl: 'http://127.0.0.1:4242' });
 * const customer = await tender.customers.create({ email: 'jenny@example.com' });
 */
export class StripeClient {
  private readonly requestor: APIRequestor;
  private readonly clientId: string | undefined;
  private accountsService: AccountsService | undefined;
  private balanceService: BalanceService | undefined;
  private balanceTransactionsService: BalanceTransactionsService | undefined;
  private chargesService: ChargesService | undefined;
  private customersService: CustomersService | undefined;
  private eventsService: EventsService | undefined;
  private oauthService: OAuthService | undefined;
  private paymentIntentsService: PaymentIntentsService | undefined;
  private paymentMethodsService: PaymentMethodsService | undefined;
  private payoutsService: PayoutsService | undefined;
  private refundsService: RefundsService | undefined;
  private webhookEndpointsService: WebhookEndpointsService | undefined;
  private setupAttemptsService: SetupAttemptsService | undefined;
  private setupIntentsService: SetupIntentsService | undefined;
  private tokensService: TokensService | undefined;
  private webhooksHelper: Webhooks | undefined;
  private readonly cryptoProvider: CryptoProvider | undefined;

  constructor(apiKey: string, options: StripeClientOptions = {}) {
    if (typeof apiKey !== 'string' || apiKey.trim() === '') {
      throw new AuthenticationError({
        message: "No API key provided: pass your secret key as the first argument, e.g. new StripeClient('sk_test_…').",
      });
    }
    validateClientOptions(options);
    this.clientId = options.clientId;
    this.cryptoProvider = options.cryptoProvider;
    this.requestor = (options as SharedTransport)[SHARED_REQUESTOR] ?? requestorFromOptions(apiKey, options);
  }

  /** Customers: create, retrieve, update, del, list, search. */
  get customers(): CustomersService {
    this.customersService ??= new CustomersService(this.requestor);
    return this.customersService;
  }

  /** Events: retrieve, list. */
  get events(): EventsService {
    this.eventsService ??= new EventsService(this.requestor);
    return this.eventsService;
  }

  /** PaymentIntents: create, retrieve, update, list, search, confirm, capture, cancel, incrementAuthorization. */
  get paymentIntents(): PaymentIntentsService {
    this.paymentIntentsService ??= new PaymentIntentsService(this.requestor);
    return this.paymentIntentsService;
  }

  /** Charges: create, retrieve, update, list, search, capture. */
  get charges(): ChargesService {
    this.chargesService ??= new ChargesService(this.requestor);
    return this.chargesService;
  }

  /** Balance: retrieve. */
  get balance(): BalanceService {
    this.balanceService ??= new BalanceService(this.requestor);
    return this.balanceService;
  }

  /** BalanceTransactions: retrieve, list. */
  get balanceTransactions(): BalanceTransactionsService {
    this.balanceTransactionsService ??= new BalanceTransactionsService(this.requestor);
    return this.balanceTransactionsService;
  }

  /** PaymentMethods: create, retrieve, update, list, attach, detach. */
  get paymentMethods(): PaymentMethodsService {
    this.paymentMethodsService ??= new PaymentMethodsService(this.requestor);
    return this.paymentMethodsService;
  }

  /** Refunds: create, retrieve, update, list, cancel. */
  get refunds(): RefundsService {
    this.refundsService ??= new RefundsService(this.requestor);
    return this.refundsService;
  }

  /** WebhookEndpoints: create (answers the secret, once), retrieve, update, list, del. */
  get webhookEndpoints(): WebhookEndpointsService {
    this.webhookEndpointsService ??= new WebhookEndpointsService(this.requestor);
    return this.webhookEndpointsService;
  }

  /** SetupIntents: create, retrieve, update, list, confirm, cancel. */
  get setupIntents(): SetupIntentsService {
    this.setupIntentsService ??= new SetupIntentsService(this.requestor);
    return this.setupIntentsService;
  }

  /** SetupAttempts: list (by setup_intent). */
  get setupAttempts(): SetupAttemptsService {
    this.setupAttemptsService ??= new SetupAttemptsService(this.requestor);
    return this.setupAttemptsService;
  }

  /** Payouts: create, retrieve, update, list, cancel. */
  get payouts(): PayoutsService {
    this.payoutsService ??= new PayoutsService(this.requestor);
    return this.payoutsService;
  }

  /** Accounts' external accounts: createExternalAccount, retrieve…, update…, delete…, listExternalAccounts. */
  get accounts(): AccountsService {
    this.accountsService ??= new AccountsService(this.requestor);
    return this.accountsService;
  }

  /** Tokens: create, retrieve. */
  get tokens(): TokensService {
    this.tokensService ??= new TokensService(this.requestor);
    return this.tokensService;
  }

  /** Connect OAuth: authorizeUrl, token, deauthorize. */
  get oauth(): OAuthService {
    this.oauthService ??= new OAuthService(this.requestor, this.clientId);
    return this.oauthService;
  }

  /** Webhook signature checks: constructEventAsync, verifySignatureAsync, generateTestHeaderStringAsync. */
  get webhooks(): Webhooks {
    const platform = this.requestor.clientConfig.platform;
    this.webhooksHelper ??= new Webhooks(this.cryptoProvider ?? new SubtleCryptoProvider(), () => Math.floor(platform.nowMs() / 1000));
    return this.webhooksHelper;
  }

  /**
   * A client with other persistent settings that shares this one's transport and telemetry.
   *
   * @example
   * const connected = client.withOptions({ stripeAccount: 'acct_123' });
   * await connected.customers.list();
   */
  withOptions(options: PersistentOptions): StripeClient {
    const requestor = this.requestor.withOptions(validatePersistentOptions(options));
    const derived: StripeClientOptions & SharedTransport = { [SHARED_REQUESTOR]: requestor };
    if (this.clientId !== undefined) derived.clientId = this.clientId;
    if (this.cryptoProvider !== undefined) derived.cryptoProvider = this.cryptoProvider;
    return new StripeClient(requestor.settings.apiKey, derived);
  }

  /**
   * Calls any endpoint, for betas and routes this SDK has no service for yet. GET and DELETE
   * params go in the query string, POST params in the body.
   *
   * @example
   * const response = await client.rawRequest('POST', '/v1/beta_things', { name: 'x' }, { apiVersion: '2025-02-24.preview' });
   * console.log(response.statusCode, response.data);
   */
  rawRequest<T = unknown>(method: HttpMethod, path: string, params?: RawParams, options?: RawRequestOptions): Promise<StripeResponse<T>> {
    return this.requestor.request<T>({ method, path, params, options, usage: ['raw_request'] });
  }

  /**
   * Like rawRequest, but leaves a successful body unread, for binary or large responses.
   *
   * @example
   * const pdf = await client.rawRequestStream('GET', '/v1/quotes/qt_123/pdf', undefined, { apiBase: 'files' });
   * const bytes = await pdf.arrayBuffer();
   */
  rawRequestStream(method: HttpMethod, path: string, params?: RawParams, options?: RawRequestOptions): Promise<StripeStreamResponse> {
    return this.requestor.requestStream({ method, path, params, options, usage: ['raw_request'] });
  }
}
