// /v1/events: retrieve and list, over the last 30 days, filtered by type (with `*` wildcards) or
// types[] (at most 20, not both), and created.
import { sql, type SqlBool } from 'kysely';
import { event_retention_seconds, event_types_filter_max } from '../../domain/events/event-model.js';
import { findEventJson, withPendingWebhooks } from '../../domain/events/event-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import { readPage } from '../../store/object-pages.js';
import type { ApiRoute } from '../api-route.js';
import { pageRequest } from '../list-params.js';

export const eventRoutes: readonly ApiRoute[] = [
  {
    kind: 'read',
    method: 'GET',
    path: '/events/:id',
    operation: 'GET /v1/events/{id}',
    object_type: 'event',
    expand_target: { kind: 'object' },
    run: async (call, executor, { store }) => {
      const id = call.path.id!;
      const json = await findEventJson(executor, store, call.scope, id, call.context.now - event_retention_seconds);
      if (json === null) return fail({ code: 'resource_missing', resource: 'event', id, param: 'id', in_path: true });
      const [text] = await withPendingWebhooks(executor, store, [json]);
      return succeed({ kind: 'json' as const, text: text! });
    },
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/events',
    operation: 'GET /v1/events',
    object_type: 'event',
    expand_target: { kind: 'list' },
    run: async (call, executor, { store }) => {
      const page = pageRequest(call.params);
      if (!page.ok) return fail(page.failure);
      const type = typeof call.params.type === 'string' && call.params.type !== '' ? call.params.type : null;
      const types = Array.isArray(call.params.types) ? (call.params.types as string[]) : null;
      if (type !== null && types !== null) {
        return fail({ code: 'parameter_invalid', param: 'types', message: 'You may only specify one of these parameters: type, types.' });
      }
      if (types !== null && types.length > event_types_filter_max) {
        return fail({ code: 'parameter_invalid', param: 'types', message: `You may pass at most ${event_types_filter_max} types.` });
      }
      const oldest = call.context.now - event_retention_seconds;
      const result = await readPage(executor, store, 'events', call.scope, page.page, (query) => {
        let filtered = query.where('created', '>=', oldest);
        if (type !== null) {
          // `customer.*` matches every customer event; `*` stands for any run of characters.
          const pattern = type.replace(/[\\%_]/g, (match) => `\\${match}`).replace(/\*/g, '%');
          filtered = type.includes('*')
            ? filtered.where(sql<SqlBool>`type LIKE ${pattern} ESCAPE '\\'`)
            : filtered.where(sql.ref('type'), '=', type);
        }
        if (types !== null) filtered = filtered.where(sql.ref('type'), 'in', types.length > 0 ? types : ['']);
        return filtered;
      });
      if (!result.ok)
        return fail({ code: 'resource_missing', resource: 'event', id: result.id, param: result.missing_cursor, in_path: false });
      const rows = await withPendingWebhooks(executor, store, result.rows);
      return succeed({ kind: 'list' as const, url: '/v1/events', rows, has_more: result.has_more });
    },
  },
];
