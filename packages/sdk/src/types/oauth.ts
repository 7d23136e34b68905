// Connect OAuth: the params and answers of /oauth/authorize, /oauth/token and /oauth/deauthorize.

export interface OAuthAuthorizeUrlParams {
  /** Defaults to the client's `clientId`. */
  client_id?: string;
  /** Defaults to `code`. */
  response_type?: 'code';
  redirect_uri?: string;
  /** Defaults to `read_write`. */
  scope?: 'read_write' | 'read_only';
  state?: string;
  stripe_landing?: 'login' | 'register';
  always_prompt?: boolean;
  suggested_capabilities?: string[];
  stripe_user?: Record<string, string | number | boolean>;
}

export interface OAuthAuthorizeUrlOptions {
  /** Link to the Express onboarding flow. */
  express?: boolean;
}

export type OAuthTokenParams =
  | { grant_type: 'authorization_code'; code: string; assert_capabilities?: string[]; expand?: string[] }
  | { grant_type: 'refresh_token'; refresh_token: string; scope?: 'read_write' | 'read_only'; expand?: string[] };

export interface OAuthToken {
  access_token?: string;
  livemode?: boolean;
  refresh_token?: string;
  scope?: string;
  stripe_publishable_key?: string;
  stripe_user_id?: string;
  token_type?: 'bearer';
}

export interface OAuthDeauthorizeParams {
  stripe_user_id: string;
  /** Defaults to the client's `clientId`. */
  client_id?: string;
}

export interface OAuthDeauthorization {
  stripe_user_id: string;
}
