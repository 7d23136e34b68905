// /v1/balance and /v1/balance_transactions: the Balance is the database's per-currency sums of the
// account's ledger entries at the request's `now` (domain/balance/balance-available.ts); each entry's
// status is presented at `now` too (ledger/availability.ts).
import { sql } from 'kysely';
import { readBalance } from '../../domain/balance/balance-available.js';
import { findBalanceTransaction } from '../../domain/balance/balance-transaction-records.js';
import { fail, succeed } from '../../domain/shared/failures.js';
import { balanceTransactionAt } from '../../ledger/availability.js';
import type { BalanceTransaction } from '../../ledger/balance-transaction.js';
import { readPage } from '../../store/object-pages.js';
import type { ApiRoute } from '../api-route.js';
import { pageRequest, textParam } from '../list-params.js';

export const balanceRoutes: readonly ApiRoute[] = [
  {
    kind: 'read',
    method: 'GET',
    path: '/balance',
    operation: 'GET /v1/balance',
    object_type: 'balance',
    expand_target: { kind: 'object' },
    run: async (call, executor, { store }) => {
      const balance = await readBalance(executor, store, call.scope, call.context.now);
      return succeed({ kind: 'object' as const, object: balance as unknown as Record<string, unknown> });
    },
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/balance_transactions/:id',
    operation: 'GET /v1/balance_transactions/{id}',
    object_type: 'balance_transaction',
    expand_target: { kind: 'object' },
    run: async (call, executor, { store }) => {
      const id = call.path.id!;
      const entry = await findBalanceTransaction(executor, store, call.scope, id);
      if (entry === null) return fail({ code: 'resource_missing', resource: 'balance_transaction', id, param: 'id', in_path: true });
      const shown = balanceTransactionAt(entry, call.context.now);
      return succeed({ kind: 'object' as const, object: shown as unknown as Record<string, unknown> });
    },
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/balance_transactions',
    operation: 'GET /v1/balance_transactions',
    object_type: 'balance_transaction',
    expand_target: { kind: 'list' },
    run: async (call, executor, { store }) => {
      const page = pageRequest(call.params);
      if (!page.ok) return fail(page.failure);
      const filters = (['type', 'source', 'currency'] as const).flatMap((column) => {
        const value = textParam(call.params[column]);
        return value === null ? [] : [[column, value] as const];
      });
      // Stripe's `payout` filter lists what a payout moved. Tender makes no automatic payouts, so a
      // payout moved only its own entries: the payout, and its failure or cancel reversal [inf].
      const payout = textParam(call.params.payout);
      if (payout !== null) filters.push(['source', payout] as const);
      const result = await readPage(executor, store, 'balance_transactions', call.scope, page.page, (query) =>
        // The page query is typed against customers (see object-pages.ts); these columns are ours.
        filters.reduce((filtered, [column, value]) => filtered.where(sql.ref<string>(column), '=', value), query),
      );
      if (!result.ok)
        return fail({
          code: 'resource_missing',
          resource: 'balance_transaction',
          id: result.id,
          param: result.missing_cursor,
          in_path: false,
        });
      // Status is a function of `now`, so stored rows are presented rather than spliced in as stored.
      const rows = result.rows.map((row) => JSON.stringify(balanceTransactionAt(JSON.parse(row) as BalanceTransaction, call.context.now)));
      return succeed({ kind: 'list' as const, url: '/v1/balance_transactions', rows, has_more: result.has_more });
    },
  },
];
