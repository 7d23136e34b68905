// /v1/refunds: create (by charge or payment_intent), retrieve, update (metadata), list (charge,
// payment_intent, created) and cancel. Routes declare their operation and call the domain.
import { cancelRefund, createRefund, updateRefundCommand } from '../../domain/refunds/refund-commands.js';
import { findRefundJson } from '../../domain/refunds/refund-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import type { ApiRoute } from '../api-route.js';
import { filteredListRoute } from './filtered-list-route.js';

const object = { kind: 'object' } as const;
const object_type = 'refund';

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
  filteredListRoute({ table: 'refunds', path: '/refunds', object_type, resource: 'refund', filter_columns: ['charge', 'payment_intent'] }),
];
