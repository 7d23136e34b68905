// /v1/accounts/{account}/external_accounts: the bank accounts and debit cards an account is paid out
// to, named as in Stripe's SDKs (createExternalAccount, listExternalAccounts, …).

import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type {
  DeletedExternalAccount,
  ExternalAccount,
  ExternalAccountCreateParams,
  ExternalAccountDeleteParams,
  ExternalAccountListParams,
  ExternalAccountRetrieveParams,
  ExternalAccountUpdateParams,
} from '../types/external-account.js';
import type { Expand, ExpandItem, ExpandPaths, WithExpand } from '../types/expand.js';
import { resourcePath, StripeService } from './service.js';

export class AccountsService extends StripeService {
  /**
   * Adds a bank account (or debit card) that payouts can be sent to.
   *
   * @example
   * const bank = await client.accounts.createExternalAccount('acct_123', {
   *   external_account: { object: 'bank_account', country: 'US', currency: 'usd', routing_number: '110000000', account_number: '000123456789' },
   * });
   */
  createExternalAccount<const Paths extends ExpandPaths = []>(
    account: string,
    params: WithExpand<ExternalAccountCreateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<ExternalAccount, Paths>> {
    return this.request('POST', resourcePath`/v1/accounts/${account}/external_accounts`, params, options);
  }

  /**
   * Retrieves one external account of an account.
   *
   * @example
   * const bank = await client.accounts.retrieveExternalAccount('acct_123', 'ba_123');
   */
  retrieveExternalAccount<const Paths extends ExpandPaths = []>(
    account: string,
    id: string,
    params?: WithExpand<ExternalAccountRetrieveParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<ExternalAccount, Paths>> {
    return this.request('GET', resourcePath`/v1/accounts/${account}/external_accounts/${id}`, params, options);
  }

  /**
   * Updates an external account: holder details, metadata, or making it the default for its currency.
   *
   * @example
   * await client.accounts.updateExternalAccount('acct_123', 'ba_123', { default_for_currency: true });
   */
  updateExternalAccount<const Paths extends ExpandPaths = []>(
    account: string,
    id: string,
    params?: WithExpand<ExternalAccountUpdateParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<ExternalAccount, Paths>> {
    return this.request('POST', resourcePath`/v1/accounts/${account}/external_accounts/${id}`, params, options);
  }

  /**
   * Deletes an external account; the default one for a currency can't be deleted.
   *
   * @example
   * const deleted = await client.accounts.deleteExternalAccount('acct_123', 'ba_123'); // deleted.deleted === true
   */
  deleteExternalAccount(
    account: string,
    id: string,
    params?: ExternalAccountDeleteParams,
    options?: RequestOptions,
  ): StripePromise<DeletedExternalAccount> {
    return this.request('DELETE', resourcePath`/v1/accounts/${account}/external_accounts/${id}`, params, options);
  }

  /**
   * Lists an account's external accounts, optionally only bank accounts or only cards.
   *
   * @example
   * const banks = await client.accounts.listExternalAccounts('acct_123', { object: 'bank_account' });
   */
  listExternalAccounts<const Paths extends ExpandPaths = []>(
    account: string,
    params?: WithExpand<ExternalAccountListParams, Paths>,
    options?: RequestOptions,
  ): ListPromise<ExpandItem<ExternalAccount, Paths>> {
    return this.requestList(resourcePath`/v1/accounts/${account}/external_accounts`, params, options);
  }
}
