// /v1/customers: create, retrieve, update, delete, list and search. Routes declare their operation
// and call the domain; everything else happens in api-route.ts.
import { sql, type SqlBool } from 'kysely';
import { createCustomer, deleteCustomerCommand, updateCustomerCommand } from '../../domain/customers/customer-commands.js';
import { findCustomerRow } from '../../domain/customers/customer-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import { customerSearch } from '../../domain/search/search-resources.js';
import { readPage } from '../../store/object-pages.js';
import { customerSearchTargets } from '../../store/search-targets.js';
import type { ApiRoute } from '../api-route.js';
import { pageRequest } from '../list-params.js';
import { searchRoute } from './search-route.js';

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
  searchRoute({
    object_type: 'customer',
    search: customerSearch,
    targets: customerSearchTargets,
    rows: sql<SqlBool>`deleted = 0`,
  }),
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
      if (!page.ok) return fail(page.failure);
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
