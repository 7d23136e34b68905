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
import { resourcePath, StripeService } from './service.js';

export class CustomersService extends StripeService {
  /**
   * Creates a customer.
   *
   * @example
   * const customer = await client.customers.create({ email: 'jenny@example.com', metadata: { plan: 'pro' } });
   */
  create(params?: CustomerCreateParams, options?: RequestOptions): StripePromise<Customer> {
    return this.request('POST', '/v1/customers', params, options);
  }

  /**
   * Retrieves a customer; a deleted one comes back as `{ id, object, deleted: true }`.
   *
   * @example
   * const customer = await client.customers.retrieve('cus_123');
   * if (!customer.deleted) console.log(customer.email);
   */
  retrieve(id: string, params?: CustomerRetrieveParams, options?: RequestOptions): StripePromise<Customer | DeletedCustomer> {
    return this.request('GET', resourcePath`/v1/customers/${id}`, params, options);
  }

  /**
   * Updates the given fields; metadata merges, and `''` unsets a field.
   *
   * @example
   * await client.customers.update('cus_123', { name: 'Jenny Rosen', metadata: { plan: '' } });
   */
  update(id: string, params?: CustomerUpdateParams, options?: RequestOptions): StripePromise<Customer> {
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
  list(params?: CustomerListParams, options?: RequestOptions): ListPromise<Customer> {
    return this.requestList('/v1/customers', params, options);
  }

  /**
   * Searches customers with Stripe's query language.
   *
   * @example
   * const page = await client.customers.search({ query: 'email:"jenny@example.com"' });
   */
  search(params: CustomerSearchParams, options?: RequestOptions): SearchPromise<Customer> {
    return this.requestSearch('/v1/customers/search', params, options);
  }
}
