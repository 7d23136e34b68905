// /v1/charges: create (the direct Charges API: a token `source` or a customer's default card),
// retrieve, update, capture, list and search. Routes declare their operation and call the domain.
import { captureCharge, createCharge, updateChargeCommand } from '../../domain/charges/charge-commands.js';
import { findChargeJson } from '../../domain/charges/charge-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import { chargeSearch } from '../../domain/search/search-resources.js';
import { chargeSearchTargets } from '../../store/search-targets.js';
import type { ApiRoute } from '../api-route.js';
import { filteredListRoute } from './filtered-list-route.js';
import { searchRoute } from './search-route.js';

const object = { kind: 'object' } as const;
const object_type = 'charge';

export const chargeRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/charges',
    operation: 'POST /v1/charges',
    object_type,
    expand_target: object,
    run: (call, context) => createCharge(context, call.params),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/charges/:charge',
    operation: 'GET /v1/charges/{charge}',
    object_type,
    expand_target: object,
    run: async (call, executor, { store }) => {
      const id = call.path.charge!;
      const json = await findChargeJson(executor, store, call.scope, id);
      if (json === null) return fail({ code: 'resource_missing', resource: 'charge', id, param: 'charge', in_path: true });
      return succeed({ kind: 'json' as const, text: json });
    },
  },
  {
    kind: 'write',
    method: 'POST',
    update: true,
    path: '/charges/:charge',
    operation: 'POST /v1/charges/{charge}',
    object_type,
    expand_target: object,
    run: (call, context) => updateChargeCommand(context, call.path.charge!, call.params),
  },
  {
    kind: 'write',
    method: 'POST',
    path: '/charges/:charge/capture',
    operation: 'POST /v1/charges/{charge}/capture',
    object_type,
    expand_target: object,
    run: (call, context) => captureCharge(context, call.path.charge!, call.params),
  },
  filteredListRoute({
    table: 'charges',
    path: '/charges',
    object_type,
    resource: 'charge',
    filter_columns: ['customer', 'payment_intent'],
  }),
  searchRoute({ object_type, search: chargeSearch, targets: chargeSearchTargets }),
];
