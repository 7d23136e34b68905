// /v1/payment_methods: create, retrieve (magic `pm_card_*` ids too), update, list, attach and detach.
// Routes declare their operation and call the domain; everything else happens in api-route.ts.
import { sql } from 'kysely';
import { findCustomerRow } from '../../domain/customers/customer-records.js';
import {
  attachPaymentMethod,
  createPaymentMethod,
  detachPaymentMethod,
  magicPaymentMethod,
  updatePaymentMethodCommand,
} from '../../domain/payment-methods/payment-method-commands.js';
import { findPaymentMethodRow } from '../../domain/payment-methods/payment-method-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import { readPage } from '../../store/object-pages.js';
import type { ApiRoute } from '../api-route.js';
import { pageRequest } from '../list-params.js';

const object = { kind: 'object' } as const;
const object_type = 'payment_method';

export const paymentMethodRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/payment_methods',
    operation: 'POST /v1/payment_methods',
    object_type,
    expand_target: object,
    // Stripe.js creates PaymentMethods with the publishable key.
    publishable: true,
    run: (call, context) => createPaymentMethod(context, call.params),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/payment_methods/:payment_method',
    operation: 'GET /v1/payment_methods/{payment_method}',
    object_type,
    expand_target: object,
    run: async (call, executor, { store }) => {
      const id = call.path.payment_method!;
      const row = await findPaymentMethodRow(executor, store, call.scope, id);
      if (row !== null) return succeed({ kind: 'json' as const, text: row.json });
      const magic = magicPaymentMethod(id, call.scope, call.context.now, call.context.fingerprint_key);
      if (magic !== null) return succeed({ kind: 'json' as const, text: magic.json });
      return fail({ code: 'resource_missing', resource: 'payment_method', id, param: 'payment_method', in_path: true });
    },
  },
  {
    kind: 'write',
    method: 'POST',
    update: true,
    path: '/payment_methods/:payment_method',
    operation: 'POST /v1/payment_methods/{payment_method}',
    object_type,
    expand_target: object,
    run: (call, context) => updatePaymentMethodCommand(context, call.path.payment_method!, call.params),
  },
  {
    kind: 'write',
    method: 'POST',
    path: '/payment_methods/:payment_method/attach',
    operation: 'POST /v1/payment_methods/{payment_method}/attach',
    object_type,
    expand_target: object,
    run: (call, context) => attachPaymentMethod(context, call.path.payment_method!, call.params.customer as string),
  },
  {
    kind: 'write',
    method: 'POST',
    path: '/payment_methods/:payment_method/detach',
    operation: 'POST /v1/payment_methods/{payment_method}/detach',
    object_type,
    expand_target: object,
    run: (call, context) => detachPaymentMethod(context, call.path.payment_method!),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/payment_methods',
    operation: 'GET /v1/payment_methods',
    object_type,
    expand_target: { kind: 'list' },
    run: async (call, executor, { store }) => {
      const page = pageRequest(call.params);
      if (!page.ok) return fail(page.failure);
      // In 2023-08-16 `customer` is optional: without it the list covers the account's PaymentMethods.
      const customer = typeof call.params.customer === 'string' && call.params.customer !== '' ? call.params.customer : null;
      const type = typeof call.params.type === 'string' && call.params.type !== '' ? call.params.type : null;
      if (customer !== null) {
        const found = await findCustomerRow(executor, store, call.scope, customer);
        if (found === null || found.deleted)
          return fail({ code: 'resource_missing', resource: 'customer', id: customer, param: 'customer', in_path: false });
      }
      const result = await readPage(executor, store, 'payment_methods', call.scope, page.page, (query) => {
        // The page query is typed against customers (see object-pages.ts); these columns are ours.
        let filtered = query;
        if (customer !== null) filtered = filtered.where(sql.ref<string>('customer'), '=', customer);
        if (type !== null) filtered = filtered.where(sql.ref<string>('type'), '=', type);
        return filtered;
      });
      if (!result.ok)
        return fail({
          code: 'resource_missing',
          resource: 'payment_method',
          id: result.id,
          param: result.missing_cursor,
          in_path: false,
        });
      return succeed({ kind: 'list' as const, url: '/v1/payment_methods', rows: result.rows, has_more: result.has_more });
    },
  },
];
