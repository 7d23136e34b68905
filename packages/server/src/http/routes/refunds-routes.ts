// /v1/refunds: create (by charge or payment_intent), retrieve, update (metadata), list (charge,
// payment_intent, created) and cancel. Routes declare their operation and call the domain.
import { sql } from 'kysely';
import { cancelRefund, createRefund, updateRefundCommand } from '../../domain/refunds/refund-commands.js';
import { findRefundJson } from '../../domain/refunds/refund-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import { readPage } from '../../store/object-pages.js';
import type { ApiRoute } from '../api-route.js';
import { pageRequest } from '../list-params.js';

const object = { kind: 'object' } as const;
const object_type = 'refund';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export const refundRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/refunds',
    operation: 'POST /v1/refunds',
    object_type,
    expand_target: object,
    run: (call, context) => createRefund(context, call.params),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/refunds/:refund',
    operation: 'GET /v1/refunds/{refund}',
    object_type,
    expand_target: object,
    run: async (call, executor, { store }) => {
      const id = call.path.refund!;
      const json = await findRefundJson(executor, store, call.scope, id);
      if (json === null) return fail({ code: 'resource_missing', resource: 'refund', id, param: 'refund', in_path: true });
      return succeed({ kind: 'json' as const, text: json });
    },
  },
  {
    kind: 'write',
    method: 'POST',
    update: true,
    path: '/refunds/:refund',
    operation: 'POST /v1/refunds/{refund}',
    object_type,
    expand_target: object,
    run: (call, context) => updateRefundCommand(context, call.path.refund!, call.params),
  },
  {
    kind: 'write',
    method: 'POST',
    path: '/refunds/:refund/cancel',
    operation: 'POST /v1/refunds/{refund}/cancel',
    object_type,
    expand_target: object,
    run: (call, context) => cancelRefund(context, call.path.refund!),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/refunds',
    operation: 'GET /v1/refunds',
    object_type,
    expand_target: { kind: 'list' },
    run: async (call, executor, { store }) => {
      const page = pageRequest(call.params);
      if (!page.ok)
        return fail({ code: 'parameter_invalid', param: page.error.fields.param ?? 'limit', message: page.error.fields.message });
      const filters = (['charge', 'payment_intent'] as const).flatMap((column) => {
        const value = text(call.params[column]);
        return value === null ? [] : [[column, value] as const];
      });
      const result = await readPage(executor, store, 'refunds', call.scope, page.page, (query) =>
        // The page query is typed against customers (see object-pages.ts); these columns are ours.
        filters.reduce((filtered, [column, value]) => filtered.where(sql.ref<string>(column), '=', value), query),
      );
      if (!result.ok)
        return fail({ code: 'resource_missing', resource: 'refund', id: result.id, param: result.missing_cursor, in_path: false });
      return succeed({ kind: 'list' as const, url: '/v1/refunds', rows: result.rows, has_more: result.has_more });
    },
  },
];
