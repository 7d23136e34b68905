// /v1/charges: retrieve and list. Charges are created only by PaymentIntent attempts.
import { sql } from 'kysely';
import { findChargeJson } from '../../domain/charges/charge-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import { readPage } from '../../store/object-pages.js';
import type { ApiRoute } from '../api-route.js';
import { pageRequest } from '../list-params.js';

const object_type = 'charge';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export const chargeRoutes: readonly ApiRoute[] = [
  {
    kind: 'read',
    method: 'GET',
    path: '/charges/:charge',
    operation: 'GET /v1/charges/{charge}',
    object_type,
    expand_target: { kind: 'object' },
    run: async (call, executor, { store }) => {
      const id = call.path.charge!;
      const json = await findChargeJson(executor, store, call.scope, id);
      if (json === null) return fail({ code: 'resource_missing', resource: 'charge', id, param: 'charge', in_path: true });
      return succeed({ kind: 'json' as const, text: json });
    },
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/charges',
    operation: 'GET /v1/charges',
    object_type,
    expand_target: { kind: 'list' },
    run: async (call, executor, { store }) => {
      const page = pageRequest(call.params);
      if (!page.ok)
        return fail({ code: 'parameter_invalid', param: page.error.fields.param ?? 'limit', message: page.error.fields.message });
      const customer = text(call.params.customer);
      const payment_intent = text(call.params.payment_intent);
      const result = await readPage(executor, store, 'charges', call.scope, page.page, (query) => {
        // The page query is typed against customers (see object-pages.ts); these columns are ours.
        let filtered = query;
        if (customer !== null) filtered = filtered.where(sql.ref<string>('customer'), '=', customer);
        if (payment_intent !== null) filtered = filtered.where(sql.ref<string>('payment_intent'), '=', payment_intent);
        return filtered;
      });
      if (!result.ok)
        return fail({ code: 'resource_missing', resource: 'charge', id: result.id, param: result.missing_cursor, in_path: false });
      return succeed({ kind: 'list' as const, url: '/v1/charges', rows: result.rows, has_more: result.has_more });
    },
  },
];
