// /v1/customers: create, retrieve, update, delete, list, search.

import type { ListPromise, SearchPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type {
  Customer,
  CustomerCreateParams,
  CustomerDeleteParams,
  CustomerListParams,
  CustomerRetrieveParams,
  CustomerSearchParams,
  CustomerUpdateParams,
  DeletedCustomer,
} from '../types/customer.js';
import type { Expand, ExpandItem, ExpandPaths, WithExpand } from '../types/expand.js';
import { resourcePath, StripeService } from './service.js';

export class CustomersService extends StripeService {
  /**
   * Creates a customer.
   *
   * @example
   * const customer = await client.customers.create({ email: 'jenny@example.com', metadata: { plan: 'pro' } });
   */
  create<const Paths extends ExpandPaths = []>(
    params?: WithExpand<CustomerCreateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Customer, Paths>> {
    return this.request('POST', '/v1/customers', params, options);
  }

  /**
   * Retrieves a customer; a deleted one comes back as `{ id, object, deleted: true }`.
   *
   * @example
   * const customer = await client.customers.retrieve('cus_123');
   * if (!customer.deleted) console.log(customer.email);
   */
  retrieve<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<CustomerRetrieveParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Customer, Paths> | DeletedCustomer> {
    return this.request('GET', resourcePath`/v1/customers/${id}`, params, options);
  }

  /**
   * Updates the given fields; metadata merges, and `''` unsets a field.
   *
   * @example
   * await client.customers.update('cus_123', { name: 'Jenny Rosen', metadata: { plan: '' } });
   */
  update<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<CustomerUpdateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<Customer, Paths>> {
    return this.request('POST', resourcePath`/v1/customers/${id}`, params, options);
  }

  /**
   * Deletes a customer.
   *
   * @example
   * const deleted = await client.customers.del('cus_123'); // { id: 'cus_123', object: 'customer', deleted: true }
   */
  del(id: string, params?: CustomerDeleteParams, options?: RequestOptions): StripePromise<DeletedCustomer> {
    return this.request('DELETE', resourcePath`/v1/customers/${id}`, params, options);
  }

  /**
   * Lists customers, newest first; iterate the result to walk every page.
   *
   * @example
   * for await (const customer of client.customers.list({ email: 'jenny@example.com' })) console.log(customer.id);
   */
  list<const Paths extends ExpandPaths = []>(
    params?: WithExpand<CustomerListParams, Paths>,
    options?: RequestOptions,
  ): ListPromise<ExpandItem<Customer, Paths>> {
    return this.requestList('/v1/customers', params, options);
  }

  /**
   * Searches customers with Stripe's query language.
   *
   * @example
   * const page = await client.customers.search({ query: 'email:"jenny@example.com"' });
   */
  search<const Paths extends ExpandPaths = []>(
    params: WithExpand<CustomerSearchParams, Paths>,
    options?: RequestOptions,
  ): SearchPromise<ExpandItem<Customer, Paths>> {
    return this.requestSearch('/v1/customers/search', params, options);
  }
}
