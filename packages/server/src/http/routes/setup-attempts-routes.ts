// /v1/setup_attempts: Stripe's only SetupAttempt endpoint, the list of one SetupIntent's attempts
// (setup_intent is required by the spec's parameter rules), newest first, with the usual pagination
// and created filters. An unknown setup_intent lists nothing, as Tender's other filtered lists do [inf].
import type { ApiRoute } from '../api-route.js';
import { filteredListRoute } from './filtered-list-route.js';

export const setupAttemptRoutes: readonly ApiRoute[] = [
  filteredListRoute({
    table: 'setup_attempts',
    path: '/setup_attempts',
    object_type: 'setup_attempt',
    resource: 'setup_attempt',
    filter_columns: ['setup_intent'],
  }),
];
