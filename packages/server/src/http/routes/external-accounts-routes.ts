// /v1/accounts/{account}/external_accounts: the account's bank accounts, where payouts go. Create (from
// bank details), retrieve, update (holder fields, metadata, default_for_currency), delete (never the
// default) and list. `{account}` must be the key's own account; any other id answers Stripe's 403.
import { createExternalAccount, deleteExternalAccount, updateExternalAccount } from '../../domain/bank-accounts/bank-account-commands.js';
import type { CreateExternalAccountParams, UpdateExternalAccountParams } from '../../domain/bank-accounts/bank-account-decisions.js';
import { findBankAccountRow } from '../../domain/bank-accounts/bank-account-records.js';
import { fail, succeed, type Outcome } from '../../domain/shared/failures.js';
import type { ApiCall, ApiRoute } from '../api-route.js';
import { filteredListRoute } from './filtered-list-route.js';

const object = { kind: 'object' } as const;
const object_type = 'bank_account';

/** The path's account is the caller's own, or Stripe's answer for a key without access to it. */
function ownAccount(call: ApiCall): Outcome<void> {
  const account = call.path.account!;
  if (account === call.scope.account_id) return succeed(undefined);
  return fail({ code: 'account_invalid', account, masked_key: call.context.masked_key });
}

// Deleted bank accounts keep their row for the payouts that name them; lists leave them out.
const list = filteredListRoute({
  table: 'bank_accounts',
  path: '/accounts/:account/external_accounts',
  object_type,
  resource: 'external_account',
  filter_columns: [],
  fixed_filters: { deleted: 0 },
});

const missing = (id: string) => fail({ code: 'resource_missing', resource: 'external_account', id, param: 'id', in_path: true });

export const externalAccountRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/accounts/:account/external_accounts',
    operation: 'POST /v1/accounts/{account}/external_accounts',
    object_type,
    expand_target: object,
    run: async (call, context) => {
      const own = ownAccount(call);
      return own.ok ? createExternalAccount(context, call.params as CreateExternalAccountParams) : own;
    },
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/accounts/:account/external_accounts/:id',
    operation: 'GET /v1/accounts/{account}/external_accounts/{id}',
    object_type,
    expand_target: object,
    run: async (call, executor, { store }) => {
      const own = ownAccount(call);
      if (!own.ok) return own;
      const id = call.path.id!;
      const row = await findBankAccountRow(executor, store, call.scope, id);
      if (row === null || row.deleted) return missing(id);
      return succeed({ kind: 'json' as const, text: row.json });
    },
  },
  {
    kind: 'write',
    method: 'POST',
    update: true,
    path: '/accounts/:account/external_accounts/:id',
    operation: 'POST /v1/accounts/{account}/external_accounts/{id}',
    object_type,
    expand_target: object,
    run: async (call, context) => {
      const own = ownAccount(call);
      return own.ok ? updateExternalAccount(context, call.path.id!, call.params as UpdateExternalAccountParams) : own;
    },
  },
  {
    kind: 'write',
    method: 'DELETE',
    path: '/accounts/:account/external_accounts/:id',
    operation: 'DELETE /v1/accounts/{account}/external_accounts/{id}',
    object_type,
    expand_target: object,
    run: async (call, context) => {
      const own = ownAccount(call);
      return own.ok ? deleteExternalAccount(context, call.path.id!) : own;
    },
  },
  {
    ...list,
    run: async (call, executor, services) => {
      const own = ownAccount(call);
      return own.ok ? list.run(call, executor, services) : own;
    },
  },
];
