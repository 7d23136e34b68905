// What `expand[]` loads: for each object type an id can name, how to read that object in the
// request's own transaction (so an expanded object is from the same snapshot as the one holding it).
import { findBalanceTransaction } from '../domain/balance/balance-transaction-records.js';
import { findBankAccountRow } from '../domain/bank-accounts/bank-account-records.js';
import { findChargeJson } from '../domain/charges/charge-records.js';
import { findCustomerRow } from '../domain/customers/customer-records.js';
import { findPaymentIntentJson } from '../domain/payment-intents/payment-intent-records.js';
import { findPaymentMethodRow } from '../domain/payment-methods/payment-method-records.js';
import { findPayoutJson } from '../domain/payouts/payout-records.js';
import { findRefundJson } from '../domain/refunds/refund-records.js';
import { findSetupAttemptJson } from '../domain/setup-attempts/setup-attempt-records.js';
import { findSetupIntentJson } from '../domain/setup-intents/setup-intent-records.js';
import { balanceTransactionAt } from '../ledger/availability.js';
import type { Scope } from '../store/object-pages.js';
import type { SqlExecutor, Store } from '../store/store.js';

type JsonObject = Record<string, unknown>;

export type ExpansionLoader = (objectType: string, id: string) => Promise<JsonObject | null>;

type Load = (executor: SqlExecutor, store: Store, scope: Scope, id: string, now: number) => Promise<JsonObject | null>;

const parse = (json: string | null | undefined): JsonObject | null => (json == null ? null : (JSON.parse(json) as JsonObject));

const loaders: Readonly<Record<string, Load>> = {
  customer: async (executor, store, scope, id) => parse((await findCustomerRow(executor, store, scope, id))?.json),
  payment_method: async (executor, store, scope, id) => parse((await findPaymentMethodRow(executor, store, scope, id))?.json),
  payment_intent: async (executor, store, scope, id) => parse(await findPaymentIntentJson(executor, store, scope, id)),
  charge: async (executor, store, scope, id) => parse(await findChargeJson(executor, store, scope, id)),
  refund: async (executor, store, scope, id) => parse(await findRefundJson(executor, store, scope, id)),
  setup_intent: async (executor, store, scope, id) => parse(await findSetupIntentJson(executor, store, scope, id)),
  setup_attempt: async (executor, store, scope, id) => parse(await findSetupAttemptJson(executor, store, scope, id)),
  payout: async (executor, store, scope, id) => parse(await findPayoutJson(executor, store, scope, id)),
  // A payout may name a bank account deleted since: it expands to Stripe's deleted stub.
  bank_account: async (executor, store, scope, id) => {
    const row = await findBankAccountRow(executor, store, scope, id);
    if (row === null) return null;
    const bank = parse(row.json)!;
    return row.deleted ? { id, object: 'bank_account', currency: bank.currency, deleted: true } : bank;
  },
  balance_transaction: async (executor, store, scope, id, now) => {
    const entry = await findBalanceTransaction(executor, store, scope, id);
    return entry === null ? null : (balanceTransactionAt(entry, now) as unknown as JsonObject);
  },
};

/** Object types an id can be told from by its prefix, for fields that may name several types. */
const types_by_prefix: Readonly<Record<string, string>> = {
  ba: 'bank_account',
  ch: 'charge',
  cus: 'customer',
  pi: 'payment_intent',
  pm: 'payment_method',
  po: 'payout',
  re: 'refund',
  setatt: 'setup_attempt',
  seti: 'setup_intent',
  txn: 'balance_transaction',
};

export function createExpansionLoader(executor: SqlExecutor, store: Store, scope: Scope, now: number): ExpansionLoader {
  return async (objectType, id) => {
    const type = objectType === '*' ? types_by_prefix[id.split('_', 1)[0] ?? ''] : objectType;
    const load = type === undefined ? undefined : loaders[type];
    // Types Tender does not store yet (sources, test clocks, reviews...) stay ids.
    return load === undefined ? null : load(executor, store, scope, id, now);
  };
}
