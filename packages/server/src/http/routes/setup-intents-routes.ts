// /v1/setup_intents: create (optionally confirming), retrieve, update, list (customer,
// payment_method, created), confirm and cancel. Routes declare their operation and call the domain.
import { sql } from 'kysely';
import {
  cancelSetupIntent,
  confirmSetupIntent,
  createSetupIntent,
  updateSetupIntentCommand,
} from '../../domain/setup-intents/setup-intent-commands.js';
import { findSetupIntentJson } from '../../domain/setup-intents/setup-intent-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import { readPage } from '../../store/object-pages.js';
import type { ApiRoute } from '../api-route.js';
import { pageRequest } from '../list-params.js';

const object = { kind: 'object' } as const;
const object_type = 'setup_intent';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export const setupIntentRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/setup_intents',
    operation: 'POST /v1/setup_intents',
    object_type,
    expand_target: object,
    run: (call, context) => createSetupIntent(context, call.params),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/setup_intents/:intent',
    operation: 'GET /v1/setup_intents/{intent}',
    object_type,
    expand_target: object,
    run: async (call, executor, { store }) => {
      const id = call.path.intent!;
      const json = await findSetupIntentJson(executor, store, call.scope, id);
      if (json === null) return fail({ code: 'resource_missing', resource: 'setup_intent', id, param: 'intent', in_path: true });
      return succeed({ kind: 'json' as const, text: json });
    },
  },
  {
    kind: 'write',
    method: 'POST',
    update: true,
    path: '/setup_intents/:intent',
    operation: 'POST /v1/setup_intents/{intent}',
    object_type,
    expand_target: object,
    run: (call, context) => updateSetupIntentCommand(context, call.path.intent!, call.params),
  },
  {
    kind: 'write',
    method: 'POST',
    path: '/setup_intents/:intent/confirm',
    operation: 'POST /v1/setup_intents/{intent}/confirm',
    object_type,
    expand_target: object,
    run: (call, context) => confirmSetupIntent(context, call.path.intent!, call.params),
  },
  {
    kind: 'write',
    method: 'POST',
    path: '/setup_intents/:intent/cancel',
    operation: 'POST /v1/setup_intents/{intent}/cancel',
    object_type,
    expand_target: object,
    run: (call, context) => cancelSetupIntent(context, call.path.intent!, call.params),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/setup_intents',
    operation: 'GET /v1/setup_intents',
    object_type,
    expand_target: { kind: 'list' },
    run: async (call, executor, { store }) => {
      const page = pageRequest(call.params);
      if (!page.ok)
        return fail({ code: 'parameter_invalid', param: page.error.fields.param ?? 'limit', message: page.error.fields.message });
      const filters = (['customer', 'payment_method'] as const).flatMap((column) => {
        const value = text(call.params[column]);
        return value === null ? [] : [[column, value] as const];
      });
      const result = await readPage(executor, store, 'setup_intents', call.scope, page.page, (query) =>
        // The page query is typed against customers (see object-pages.ts); these columns are ours.
        filters.reduce((filtered, [column, value]) => filtered.where(sql.ref<string>(column), '=', value), query),
      );
      if (!result.ok)
        return fail({ code: 'resource_missing', resource: 'setup_intent', id: result.id, param: result.missing_cursor, in_path: false });
      return succeed({ kind: 'list' as const, url: '/v1/setup_intents', rows: result.rows, has_more: result.has_more });
    },
  },
];
