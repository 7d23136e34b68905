// Connect OAuth. authorizeUrl only builds a link (no request); token and deauthorize go to the
// `connect` host. A missing client id is an error rather than a link that silently fails.

import { encodeForm } from '../core/encode.js';
import { AuthenticationError } from '../core/errors.js';
import { DEFAULT_API_BASES, type RequestOptions } from '../core/options.js';
import type { APIRequestor } from '../core/requestor.js';
import type { StripePromise } from '../core/response.js';
import type {
  OAuthAuthorizeUrlOptions,
  OAuthAuthorizeUrlParams,
  OAuthDeauthorization,
  OAuthDeauthorizeParams,
  OAuthToken,
  OAuthTokenParams,
} from '../types/oauth.js';
import { StripeService } from './service.js';

export class OAuthService extends StripeService {
  constructor(
    requestor: APIRequestor,
    private readonly clientId: string | undefined,
  ) {
    super(requestor);
  }

  /**
   * The URL to send a user to so they connect their account to your platform.
   *
   * @example
   * const url = client.oauth.authorizeUrl({ redirect_uri: 'https://example.com/connected', state: csrfToken });
   */
  authorizeUrl(params: OAuthAuthorizeUrlParams = {}, options: OAuthAuthorizeUrlOptions = {}): string {
    const query = {
      response_type: 'code' as const,
      scope: 'read_write' as const,
      ...params,
      client_id: this.requireClientId(params.client_id),
    };
    const base = (this.requestor.clientConfig.baseUrl ?? DEFAULT_API_BASES.connect).replace(/\/+$/, '');
    const path = options.express === true ? '/express/oauth/authorize' : '/oauth/authorize';
    return `${base}${path}?${encodeForm(query)}`;
  }

  /**
   * Exchanges an authorization code (or a refresh token) for an account's tokens.
   *
   * @example
   * const { stripe_user_id } = await client.oauth.token({ grant_type: 'authorization_code', code });
   */
  token(params: OAuthTokenParams, options?: RequestOptions): StripePromise<OAuthToken> {
    return this.request('POST', '/oauth/token', params, options, 'connect');
  }

  /**
   * Disconnects an account from your platform.
   *
   * @example
   * await client.oauth.deauthorize({ stripe_user_id: 'acct_123' });
   */
  deauthorize(params: OAuthDeauthorizeParams, options?: RequestOptions): StripePromise<OAuthDeauthorization> {
    const body = { ...params, client_id: this.requireClientId(params.client_id) };
    return this.request('POST', '/oauth/deauthorize', body, options, 'connect');
  }

  private requireClientId(given: string | undefined): string {
    const clientId = given ?? this.clientId;
    if (clientId === undefined || clientId === '') {
      throw new AuthenticationError({
        message: "No client id: pass `clientId` to the StripeClient (your platform's `ca_…` id) or `client_id` here.",
      });
    }
    return clientId;
  }
}
