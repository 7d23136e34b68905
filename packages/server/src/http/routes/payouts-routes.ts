// /v1/payouts: create (from the available balance), retrieve, update (metadata), cancel (pending
// only), and list with Stripe's filters (status, destination, arrival_date, created). Routes declare
// their operation and call the domain; the scheduler moves payouts on (domain/payouts).
import { cancelPayoutCommand, createPayoutCommand, updatePayoutCommand } from '../../domain/payouts/payout-commands.js';
import type { CreatePayoutParams } from '../../domain/payouts/payout-decisions.js';
import { findPayoutJson } from '../../domain/payouts/payout-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import type { MetadataParam } from '../../domain/shared/metadata.js';
import type { ApiRoute } from '../api-route.js';
import { filteredListRoute } from './filtered-list-route.js';

const object = { kind: 'object' } as const;
const object_type = 'payout';

export const payoutRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/payouts',
    operation: 'POST /v1/payouts',
    object_type,
    expand_target: object,
    run: (call, context) => createPayoutCommand(context, call.params as unknown as CreatePayoutParams),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/payouts/:payout',
    operation: 'GET /v1/payouts/{payout}',
    object_type,
    expand_target: object,
    run: async (call, executor, { store }) => {
      const id = call.path.payout!;
      const json = await findPayoutJson(executor, store, call.scope, id);
      if (json === null) return fail({ code: 'resource_missing', resource: 'payout', id, param: 'payout', in_path: true });
      return succeed({ kind: 'json' as const, text: json });
    },
  },
  {
    kind: 'write',
    method: 'POST',
    update: true,
    path: '/payouts/:payout',
    operation: 'POST /v1/payouts/{payout}',
    object_type,
    expand_target: object,
    run: (call, context) => updatePayoutCommand(context, call.path.payout!, { metadata: call.params.metadata as MetadataParam }),
  },
  {
    kind: 'write',
    method: 'POST',
    path: '/payouts/:payout/cancel',
    operation: 'POST /v1/payouts/{payout}/cancel',
    object_type,
    expand_target: object,
    run: (call, context) => cancelPayoutCommand(context, call.path.payout!),
  },
  filteredListRoute({
    table: 'payouts',
    path: '/payouts',
    object_type,
    resource: 'payout',
    filter_columns: ['status', 'destination'],
    range_columns: ['arrival_date'],
  }),
];
