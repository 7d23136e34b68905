// /v1/tokens: create and retrieve (card tokens).

import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type { Token, TokenCreateParams, TokenRetrieveParams } from '../types/token.js';
import { resourcePath, StripeService } from './service.js';

export class TokensService extends StripeService {
  /**
   * Creates a single-use card token.
   *
   * @example
   * const token = await client.tokens.create({ card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } });
   */
  create(params?: TokenCreateParams, options?: RequestOptions): StripePromise<Token> {
    return this.request('POST', '/v1/tokens', params, options);
  }

  /**
   * Retrieves a token, with `used` telling whether it was spent.
   *
   * @example
   * const token = await client.tokens.retrieve('tok_123');
   */
  retrieve(id: string, params?: TokenRetrieveParams, options?: RequestOptions): StripePromise<Token> {
    return this.request('GET', resourcePath`/v1/tokens/${id}`, params, options);
  }
}
