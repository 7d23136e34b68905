// /v1/tokens: create a card token and retrieve one. Magic `tok_*` ids are not stored objects; they
// are accepted wherever a token id is (card[token] on PaymentMethods).
import { createToken } from '../../domain/tokens/token-commands.js';
import { findTokenRow } from '../../domain/tokens/token-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import type { ApiRoute } from '../api-route.js';

const object = { kind: 'object' } as const;

export const tokenRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/tokens',
    operation: 'POST /v1/tokens',
    object_type: 'token',
    expand_target: object,
    // Stripe.js and the mobile SDKs tokenize cards with the publishable key.
    publishable: true,
    run: (call, context) => createToken(context, call.params),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/tokens/:token',
    operation: 'GET /v1/tokens/{token}',
    object_type: 'token',
    expand_target: object,
    run: async (call, executor, { store }) => {
      const id = call.path.token!;
      const row = await findTokenRow(executor, store, call.scope, id);
      if (row === null) return fail({ code: 'resource_missing', resource: 'token', id, param: 'token', in_path: true });
      return succeed({ kind: 'json' as const, text: row.json });
    },
  },
];
