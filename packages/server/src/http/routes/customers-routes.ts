// /v1/customers: create, retrieve, update, delete, list and search. Routes declare their operation
// and call the domain; everything else happens in api-route.ts.
import { createCustomer, deleteCustomerCommand, updateCustomerCommand } from '../../domain/customers/customer-commands.js';
import { findCustomerRow } from '../../domain/customers/customer-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import { customerSearchFields } from '../../domain/search/search-fields.js';
import { parseSearchQuery } from '../../domain/search/search-query.js';
import { decodeSearchPage, encodeSearchPage } from '../../domain/search/search-page-token.js';
import { readPage } from '../../store/object-pages.js';
import { searchFilter } from '../../store/search-filter.js';
import type { ApiRoute } from '../api-route.js';
import { pageRequest } from '../list-params.js';
import { list_limit_default } from '../request-limits.js';

const object = { kind: 'object' } as const;

export const customerRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/customers',
    operation: 'POST /v1/customers',
    object_type: 'customer',
    expand_target: object,
    run: (call, context) => createCustomer(context, call.params),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/customers/search',
    operation: 'GET /v1/customers/search',
    object_type: 'customer',
    expand_target: { kind: 'search' },
    run: async (call, executor, services) => {
      const { store } = services;
      const parsed = parseSearchQuery(String(call.params.query ?? ''), customerSearchFields, 'customers');
      if (!parsed.ok) return fail({ code: 'search_query_invalid', message: parsed.message });
      const limit = (call.params.limit as number | undefined) ?? list_limit_default;
      const page = pageRequest({ limit });
      if (!page.ok) return fail({ code: 'parameter_invalid', param: 'limit', message: page.error.fields.message });
      let position = null;
      if (typeof call.params.page === 'string' && call.params.page !== '') {
        position = decodeSearchPage(call.params.page);
        if (position === null) return fail({ code: 'parameter_invalid', param: 'page', message: `Invalid page: ${call.params.page}` });
      }
      const filter = searchFilter(store, parsed.query, { email: 'email', name: 'name', phone: 'phone', created: 'created' });
      const result = await readPage(executor, store, 'customers', call.scope, { ...page.page, starting_after: null }, (query) => {
        let filtered = filter(query.where('deleted', '=', 0));
        if (position !== null) {
          const { created, id } = position;
          filtered = filtered.where((eb) => eb.or([eb('created', '<', created), eb.and([eb('created', '=', created), eb('id', '<', id)])]));
        }
        return filtered;
      });
      if (!result.ok) return fail({ code: 'parameter_invalid', param: 'page', message: 'Invalid page.' });
      const last = result.rows.at(-1);
      const lastObject = last === undefined ? null : (JSON.parse(last) as { id: string; created: number });
      let total_count: number | undefined;
      if (call.expand.includes('total_count')) {
        const counted = await executor.first<{ count: number | string }>(
          filter(
            store.db
              .selectFrom('customers')
              .select((eb) => eb.fn.countAll<number>().as('count') as never)
              .where('account_id', '=', call.scope.account_id)
              .where('livemode', '=', call.scope.livemode ? 1 : 0)
              .where('deleted', '=', 0) as never,
          ).compile(),
        );
        total_count = Number(counted?.count ?? 0);
      }
      return succeed({
        kind: 'search' as const,
        url: '/v1/customers/search',
        rows: result.rows,
        has_more: result.has_more,
        next_page: result.has_more && lastObject !== null ? encodeSearchPage({ created: lastObject.created, id: lastObject.id }) : null,
        ...(total_count === undefined ? {} : { total_count }),
      });
    },
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/customers/:customer',
    operation: 'GET /v1/customers/{customer}',
    object_type: 'customer',
    expand_target: object,
    run: async (call, executor, { store }) => {
      const id = call.path.customer!;
      const row = await findCustomerRow(executor, store, call.scope, id);
      if (row === null) return fail({ code: 'resource_missing', resource: 'customer', id, param: 'id', in_path: true });
      return succeed({ kind: 'json' as const, text: row.json });
    },
  },
  {
    kind: 'write',
    method: 'POST',
    update: true,
    path: '/customers/:customer',
    operation: 'POST /v1/customers/{customer}',
    object_type: 'customer',
    expand_target: object,
    run: (call, context) => updateCustomerCommand(context, call.path.customer!, call.params),
  },
  {
    kind: 'write',
    method: 'DELETE',
    path: '/customers/:customer',
    operation: 'DELETE /v1/customers/{customer}',
    object_type: 'customer',
    expand_target: object,
    run: (call, context) => deleteCustomerCommand(context, call.path.customer!),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/customers',
    operation: 'GET /v1/customers',
    object_type: 'customer',
    expand_target: { kind: 'list' },
    run: async (call, executor, { store }) => {
      const page = pageRequest(call.params);
      if (!page.ok)
        return fail({ code: 'parameter_invalid', param: page.error.fields.param ?? 'limit', message: page.error.fields.message });
      const email = typeof call.params.email === 'string' && call.params.email !== '' ? call.params.email : null;
      const testClock = typeof call.params.test_clock === 'string' && call.params.test_clock !== '' ? call.params.test_clock : null;
      const result = await readPage(executor, store, 'customers', call.scope, page.page, (query) => {
        let filtered = query.where('deleted', '=', 0);
        if (email !== null) filtered = filtered.where('email', '=', email);
        // No customer belongs to a test clock yet, so filtering by one finds none.
        if (testClock !== null) filtered = filtered.where('id', 'is', null);
        return filtered;
      });
      if (!result.ok)
        return fail({ code: 'resource_missing', resource: 'customer', id: result.id, param: result.missing_cursor, in_path: false });
      return succeed({ kind: 'list' as const, url: '/v1/customers', rows: result.rows, has_more: result.has_more });
    },
  },
];
