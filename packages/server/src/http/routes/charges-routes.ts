// /v1/charges: retrieve, list and search. Charges are created only by PaymentIntent attempts.
import { findChargeJson } from '../../domain/charges/charge-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import { chargeSearch } from '../../domain/search/search-resources.js';
import { chargeSearchTargets } from '../../store/search-targets.js';
import type { ApiRoute } from '../api-route.js';
import { filteredListRoute } from './filtered-list-route.js';
import { searchRoute } from './search-route.js';

const object_type = 'charge';

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
  filteredListRoute({
    table: 'charges',
    path: '/charges',
    object_type,
    resource: 'charge',
    filter_columns: ['customer', 'payment_intent'],
  }),
  searchRoute({ table: 'charges', path: '/charges', object_type, search: chargeSearch, targets: chargeSearchTargets }),
];
