// /v1/balance (retrieve) and /v1/balance_transactions (retrieve, list).

import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { StripePromise } from '../core/response.js';
import type {
  Balance,
  BalanceRetrieveParams,
  BalanceTransaction,
  BalanceTransactionListParams,
  BalanceTransactionRetrieveParams,
} from '../types/balance.js';
import type { Expand, ExpandItem, ExpandPaths, WithExpand } from '../types/expand.js';
import { resourcePath, StripeService } from './service.js';

export class BalanceService extends StripeService {
  /**
   * Retrieves the account's balance: `available` and `pending`, per currency.
   *
   * @example
   * const balance = await client.balance.retrieve();
   * console.log(balance.pending.find((entry) => entry.currency === 'usd')?.amount);
   */
  retrieve(params?: BalanceRetrieveParams, options?: RequestOptions): StripePromise<Balance> {
    return this.request('GET', '/v1/balance', params, options);
  }
}

export class BalanceTransactionsService extends StripeService {
  /**
   * Retrieves a BalanceTransaction.
   *
   * @example
   * const txn = await client.balanceTransactions.retrieve('txn_123');
   */
  retrieve<const Paths extends ExpandPaths = []>(
    id: string,
    params?: WithExpand<BalanceTransactionRetrieveParams, Paths>,
    options?: RequestOptions,
  ): StripePromise<Expand<BalanceTransaction, Paths>> {
    return this.request('GET', resourcePath`/v1/balance_transactions/${id}`, params, options);
  }

  /**
   * Lists BalanceTransactions, newest first, filtered by type, source, currency or created.
   *
   * @example
   * for await (const txn of client.balanceTransactions.list({ type: 'charge' })) console.log(txn.net);
   */
  list<const Paths extends ExpandPaths = []>(
    params?: WithExpand<BalanceTransactionListParams, Paths>,
    options?: RequestOptions,
  ): ListPromise<ExpandItem<BalanceTransaction, Paths>> {
    return this.requestList('/v1/balance_transactions', params, options);
  }
}
