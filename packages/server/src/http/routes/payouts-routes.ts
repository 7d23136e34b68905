// /v1/payouts: create (from the available balance), retrieve, update (metadata), cancel (pending
// only), and list with Stripe's filters (status, destination, arrival_date, created). Routes declare
// their operation and call the domain; the scheduler moves payouts on (domain/payouts).
import { sql } from 'kysely';
import { cancelPayoutCommand, createPayoutCommand, updatePayoutCommand } from '../../domain/payouts/payout-commands.js';
import type { CreatePayoutParams } from '../../domain/payouts/payout-decisions.js';
import { findPayoutJson } from '../../domain/payouts/payout-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import type { MetadataParam } from '../../domain/shared/metadata.js';
import { readPage, type CreatedFilter, type ObjectQuery } from '../../store/object-pages.js';
import type { ApiRoute } from '../api-route.js';
import { createdFilter, pageRequest, textParam } from '../list-params.js';

const object = { kind: 'object' } as const;
const object_type = 'payout';
const list_url = '/v1/payouts';

/** `arrival_date` filters like `created`: an exact timestamp or a gt/gte/lt/lte range. */
function whereArrival(query: ObjectQuery, arrival: CreatedFilter | null): ObjectQuery {
  if (arrival === null) return query;
  const column = sql.ref<number>('arrival_date');
  if (typeof arrival === 'number') return query.where(column, '=', arrival);
  if (arrival.gt !== undefined) query = query.where(column, '>', arrival.gt);
  if (arrival.gte !== undefined) query = query.where(column, '>=', arrival.gte);
  if (arrival.lt !== undefined) query = query.where(column, '<', arrival.lt);
  if (arrival.lte !== undefined) query = query.where(column, '<=', arrival.lte);
  return query;
}

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
  {
    kind: 'read',
    method: 'GET',
    path: '/payouts',
    operation: 'GET /v1/payouts',
    object_type,
    expand_target: { kind: 'list' },
    run: async (call, executor, { store }) => {
      const page = pageRequest(call.params);
      if (!page.ok)
        return fail({ code: 'parameter_invalid', param: page.error.fields.param ?? 'limit', message: page.error.fields.message });
      const filters = (['status', 'destination'] as const).flatMap((column) => {
        const value = textParam(call.params[column]);
        return value === null ? [] : [[column, value] as const];
      });
      const arrival = createdFilter(call.params.arrival_date);
      const result = await readPage(executor, store, 'payouts', call.scope, page.page, (query) =>
        // The page query is typed against customers (see object-pages.ts); these columns are the table's own.
        whereArrival(
          filters.reduce((filtered, [column, value]) => filtered.where(sql.ref<string>(column), '=', value), query),
          arrival,
        ),
      );
      if (!result.ok)
        return fail({ code: 'resource_missing', resource: 'payout', id: result.id, param: result.missing_cursor, in_path: false });
      return succeed({ kind: 'list' as const, url: list_url, rows: result.rows, has_more: result.has_more });
    },
  },
];
