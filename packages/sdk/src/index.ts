// Public exports of @tender/sdk.

export { StripeClient } from './client.js';
export { SDK_VERSION, DEFAULT_API_VERSION } from './version.js';

export {
  StripeError,
  CardError,
  InvalidRequestError,
  IdempotencyError,
  AuthenticationError,
  PermissionError,
  RateLimitError,
  APIError,
  ConnectionError,
  TemporarySessionExpiredError,
  SignatureVerificationError,
  OAuthError,
  OAuthInvalidClientError,
  OAuthInvalidGrantError,
  OAuthInvalidRequestError,
  OAuthInvalidScopeError,
  OAuthUnsupportedGrantTypeError,
  OAuthUnsupportedResponseTypeError,
  type AnyStripeError,
  type OAuthErrorType,
  type StripeErrorType,
  type StripeRawError,
} from './core/errors.js';

export { FetchHttpClient } from './core/http/fetch-client.js';
export { MockHttpClient, type MockHandler, type MockResponse } from './core/http/mock-client.js';
export {
  HttpClientError,
  type HttpClient,
  type HttpClientRequest,
  type HttpClientResponse,
  type HttpErrorCode,
  type HttpMethod,
} from './core/http/types.js';
export type { Logger } from './core/logger.js';
export type { Platform, RuntimeInfo } from './core/platform.js';
export {
  DEFAULT_API_BASES,
  DEFAULT_TIMEOUT_MS,
  type ApiBase,
  type AppInfo,
  type PersistentOptions,
  type RawRequestOptions,
  type RequestOptions,
  type StripeClientOptions,
} from './core/options.js';
export {
  DEFAULT_NETWORK_RETRIES_COUNT,
  NETWORK_RETRIES_MAX_COUNT,
  RETRY_DELAY_INITIAL_MS,
  RETRY_DELAY_MAX_MS,
  RETRY_DELAY_MIN_MS,
} from './core/retry.js';
export type { ResponseMeta, StripePromise, StripeResponse, StripeStreamResponse, WithLastResponse } from './core/response.js';
export {
  AUTO_PAGING_MAX_ITEMS,
  type AutoPaging,
  type AutoPagingEachCallback,
  type ListPromise,
  type SearchPromise,
} from './core/pagination.js';
export { encodeForm, type EncodableValue } from './core/encode.js';
export { SubtleCryptoProvider, type CryptoProvider } from './core/crypto.js';
export {
  Webhooks,
  WEBHOOK_TOLERANCE_SECONDS,
  type ConstructEventOptions,
  type TestHeaderOptions,
  type ToleranceOrOptions,
  type WebhookPayload,
} from './core/webhooks.js';

export { AccountsService } from './resources/accounts.js';
export { BalanceService, BalanceTransactionsService } from './resources/balance.js';
export { ChargesService } from './resources/charges.js';
export { CustomersService } from './resources/customers.js';
export { EventsService } from './resources/events.js';
export { OAuthService } from './resources/oauth.js';
export { PaymentIntentsService } from './resources/payment-intents.js';
export { PaymentMethodsService } from './resources/payment-methods.js';
export { PayoutsService } from './resources/payouts.js';
export { RefundsService } from './resources/refunds.js';
export { WebhookEndpointsService } from './resources/webhook-endpoints.js';
export { SetupAttemptsService } from './resources/setup-attempts.js';
export { SetupIntentsService } from './resources/setup-intents.js';
export { TokensService } from './resources/tokens.js';
export { StripeService } from './resources/service.js';

export { getId, type Expandable, type StripeObjectBase } from './types/expandable.js';
export type { Expand, ExpandItem, ExpandPaths, WithExpand } from './types/expand.js';
export type { ApiList, ApiSearchResult, PaginationParams, RangeQueryParam, SearchParams } from './types/list.js';
export type { Address, AddressParam, ExpandParams, Metadata, MetadataParam, PaymentMethodOptionsParam } from './types/metadata.js';
export type {
  Customer,
  CustomerCreateParams,
  CustomerDeleteParams,
  CustomerInvoiceSettings,
  CustomerInvoiceSettingsParam,
  CustomerListParams,
  CustomerRetrieveParams,
  CustomerSearchParams,
  CustomerShipping,
  CustomerShippingParam,
  CustomerUpdateParams,
  DeletedCustomer,
} from './types/customer.js';
export type {
  CardCheckResult,
  PaymentMethod,
  PaymentMethodAttachParams,
  PaymentMethodBillingDetails,
  PaymentMethodBillingDetailsParam,
  PaymentMethodCard,
  PaymentMethodCardChecks,
  PaymentMethodCardParam,
  PaymentMethodCreateParams,
  PaymentMethodDetachParams,
  PaymentMethodListParams,
  PaymentMethodRetrieveParams,
  PaymentMethodUpdateParams,
} from './types/payment-method.js';
export type { Token, TokenCard, TokenCardParam, TokenCreateParams, TokenRetrieveParams } from './types/token.js';
export type {
  PaymentIntent,
  PaymentIntentCancelParams,
  PaymentIntentCancellationReason,
  PaymentIntentCaptureParams,
  PaymentIntentCardOptionsParam,
  PaymentIntentConfirmParams,
  PaymentIntentCreateParams,
  PaymentIntentIncrementAuthorizationParams,
  PaymentIntentLastPaymentError,
  PaymentIntentListParams,
  PaymentIntentPaymentMethodOptionsParam,
  PaymentIntentRetrieveParams,
  PaymentIntentSearchParams,
  PaymentIntentShipping,
  PaymentIntentShippingParam,
  PaymentIntentStatus,
  PaymentIntentUpdateParams,
} from './types/payment-intent.js';
export type {
  Charge,
  ChargeCaptureParams,
  ChargeCreateParams,
  ChargeListParams,
  ChargeOutcome,
  ChargePaymentMethodDetails,
  ChargePaymentMethodDetailsCard,
  ChargeRetrieveParams,
  ChargeSearchParams,
  ChargeUpdateParams,
} from './types/charge.js';
export type {
  Balance,
  BalanceAmount,
  BalanceFeeDetail,
  BalanceRetrieveParams,
  BalanceTransaction,
  BalanceTransactionListParams,
  BalanceTransactionRetrieveParams,
} from './types/balance.js';
export type {
  Refund,
  RefundCancelParams,
  RefundCreateParams,
  RefundListParams,
  RefundReason,
  RefundRetrieveParams,
  RefundStatus,
  RefundUpdateParams,
} from './types/refund.js';
export type {
  SetupIntent,
  SetupIntentCancellationReason,
  SetupIntentCancelParams,
  SetupIntentConfirmParams,
  SetupIntentCreateParams,
  SetupIntentLastSetupError,
  SetupIntentListParams,
  SetupIntentMandateDataParam,
  SetupIntentPaymentMethodDataParam,
  SetupIntentPaymentMethodOptionsParam,
  SetupIntentRetrieveParams,
  SetupIntentStatus,
  SetupIntentUpdateParams,
  SetupIntentUsage,
} from './types/setup-intent.js';
export type {
  SetupAttempt,
  SetupAttemptListParams,
  SetupAttemptPaymentMethodDetails,
  SetupAttemptPaymentMethodDetailsCard,
  SetupAttemptStatus,
} from './types/setup-attempt.js';
export type {
  Payout,
  PayoutCancelParams,
  PayoutCreateParams,
  PayoutListParams,
  PayoutRetrieveParams,
  PayoutStatus,
  PayoutUpdateParams,
} from './types/payout.js';
export type {
  BankAccount,
  BankAccountParam,
  BankAccountStatus,
  DeletedExternalAccount,
  ExternalAccount,
  ExternalAccountCard,
  ExternalAccountCreateParams,
  ExternalAccountDeleteParams,
  ExternalAccountListParams,
  ExternalAccountRequirements,
  ExternalAccountRetrieveParams,
  ExternalAccountUpdateParams,
} from './types/external-account.js';
export type { Event, EventListParams, EventRetrieveParams } from './types/event.js';
export type {
  OAuthAuthorizeUrlOptions,
  OAuthAuthorizeUrlParams,
  OAuthDeauthorization,
  OAuthDeauthorizeParams,
  OAuthToken,
  OAuthTokenParams,
} from './types/oauth.js';
export type {
  DeletedWebhookEndpoint,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointListParams,
  WebhookEndpointRetrieveParams,
  WebhookEndpointUpdateParams,
} from './types/webhook-endpoint.js';
