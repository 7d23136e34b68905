// Webhook endpoints written straight into the store, for suites that test the outbox below the API:
// the row the API's create writes, enabled and subscribed to every event.
import { insertWebhookEndpoint } from '../domain/webhook-endpoints/webhook-endpoint-records.js';
import { snapshot } from '../domain/shared/snapshot.js';
import type { Scope } from '../store/object-pages.js';
import type { SqlExecutor, Store } from '../store/store.js';

/** An enabled endpoint `id` sending every event to `url`, created at `created` (seconds); its secret is `whsec_<id>`. */
export function insertTestEndpoint(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  id: string,
  url: string,
  created: number,
): Promise<void> {
  return insertWebhookEndpoint(
    executor,
    store,
    scope,
    snapshot({
      id,
      object: 'webhook_endpoint',
      api_version: null,
      application: null,
      created,
      description: null,
      enabled_events: ['*'],
      livemode: scope.livemode,
      metadata: {},
      status: 'enabled',
      url,
    }),
    `whsec_${id}`,
  );
}
