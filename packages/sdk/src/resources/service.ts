// The base of every resource service. A method is one line: verb, path, params, options. Ids are
// URL-encoded here, so `retrieve('cus_1/../x')` can't address another route.

import type { EncodableValue } from '../core/encode.js';
import type { HttpMethod } from '../core/http/types.js';
import { withAutoPaging, type ListPromise, type SearchPromise } from '../core/pagination.js';
import type { APIRequestor } from '../core/requestor.js';
import { toStripePromise, type StripePromise } from '../core/response.js';
import type { ApiBase, RequestOptions } from '../core/options.js';
import type { ApiList, ApiSearchResult } from '../types/list.js';

type Params = { readonly [key: string]: EncodableValue };

/**
 * Builds a path from a template and ids, encoding each id.
 *
 * @example
 * resourcePath`/v1/customers/${'cus 1'}`; // '/v1/customers/cus%201'
 */
export function resourcePath(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce((path, part, index) => {
    const id = ids[index - 1];
    return `${path}${id === undefined ? '' : encodeURIComponent(id)}${part}`;
  });
}

export abstract class StripeService {
  constructor(protected readonly requestor: APIRequestor) {}

  protected request<T>(
    method: HttpMethod,
    path: string,
    params: object | undefined,
    options: RequestOptions | undefined,
    apiBase: ApiBase = 'api',
  ): StripePromise<T> {
    const spec = { method, path, params: params as Params | undefined, options, apiBase, usage: ['stripe_client' as const] };
    return toStripePromise(this.requestor.request<T>(spec));
  }

  protected requestList<T>(path: string, params: object | undefined, options: RequestOptions | undefined): ListPromise<T> {
    const firstParams = (params ?? {}) as Params;
    return withAutoPaging<T, StripePromise<ApiList<T>>>(
      this.request<ApiList<T>>('GET', path, firstParams, options),
      firstParams,
      (pageParams) => this.request<ApiList<T>>('GET', path, pageParams, options),
    );
  }

  protected requestSearch<T>(path: string, params: object, options: RequestOptions | undefined): SearchPromise<T> {
    const firstParams = params as Params;
    return withAutoPaging<T, StripePromise<ApiSearchResult<T>>>(
      this.request<ApiSearchResult<T>>('GET', path, firstParams, options),
      firstParams,
      (pageParams) => this.request<ApiSearchResult<T>>('GET', path, pageParams, options),
    );
  }
}
