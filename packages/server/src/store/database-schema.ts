// The tables as Kysely sees them. Every Stripe object is a row with the columns that lists, filters and
// search need, plus the whole wire object as JSON text (`data`), so rendering is one read and writes
// are one row. Booleans are stored as 0/1 integers so both engines agree.

export interface AccountsTable {
  id: string;
  created: number;
  livemode: number;
  default_api_version: string;
  /** Keys card fingerprints; random, never shown. Null only until the first start after migration 0002. */
  fingerprint_key: string | null;
  /** The whsec_ secret `tender listen` signs forwarded events with; made on first use (migration 0009). */
  cli_webhook_secret?: string | null;
}

export interface ApiKeysTable {
  key_hash: string;
  account_id: string;
  livemode: number;
  key_type: 'secret' | 'publishable' | 'restricted';
  created: number;
}

export interface CustomersTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  email: string | null;
  name: string | null;
  phone: string | null;
  deleted: number;
  data: string;
}

export interface EventsTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  type: string;
  data: string;
}

export interface PaymentMethodsTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  customer: string | null;
  type: string;
  /** JSON of the catalogue's CardBehaviour; never rendered. */
  card_behaviour: string;
  /** 1 once detached from a customer; such a PaymentMethod may not be attached again. Never rendered. */
  detached: number;
  data: string;
}

export interface TokensTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  used: number;
  /** JSON of the resolved card (no number, no CVC); never rendered. */
  card_facts: string;
  data: string;
}

export interface PaymentIntentsTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  customer: string | null;
  status: string;
  data: string;
}

export interface ChargesTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  payment_intent: string | null;
  customer: string | null;
  data: string;
}

export interface BalanceTransactionsTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  source: string | null;
  type: string;
  available_on: number;
  currency: string;
  /** The entry's `net`, as in `data` (migration 0011): the Balance sums this column. */
  net: number;
  data: string;
}

export interface RefundsTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  charge: string;
  payment_intent: string | null;
  status: string;
  data: string;
}

export interface SetupIntentsTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  customer: string | null;
  payment_method: string | null;
  status: string;
  data: string;
}

export interface SetupAttemptsTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  setup_intent: string;
  status: string;
  data: string;
}

/** The account's external bank accounts; `payout_behaviour` (the test catalogue's verdict) is never rendered. */
export interface BankAccountsTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  currency: string;
  /** 1 for the one live default of its currency. */
  default_for_currency: number;
  /** 1 once deleted; the row stays because payouts still name it. */
  deleted: number;
  /** JSON of the catalogue's PayoutBehaviour (domain/bank-accounts/test-bank-accounts.ts); never rendered. */
  payout_behaviour: string;
  data: string;
}

export interface PayoutsTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  status: string;
  destination: string;
  arrival_date: number;
  data: string;
}

export interface IdempotencyKeysTable {
  account_id: string;
  livemode: number;
  idempotency_key: string;
  request_method: string;
  request_path: string;
  request_fingerprint: string;
  request_id: string;
  response_status: number;
  response_body: string;
  created: number;
}

/** Work that falls due later (funds settling, authorizations expiring...); see scheduler/. */
export interface ScheduledJobsTable {
  id: string;
  account_id: string;
  livemode: number;
  /** Which handler runs it (scheduler/job-handlers.ts). */
  kind: string;
  /**
   * What it is about: an object id, or a key such as `1764633600` (balance.available: the moment funds
   * settle, one job per moment across currencies); unique per account and kind.
   */
  subject: string;
  /** Unix seconds; the job runs once the injected clock reaches it. */
  due_at: number;
  created: number;
  /** `due` jobs run; `dead` ones failed scheduled_job_attempts_max times and wait for a person. */
  state: 'due' | 'dead';
  attempts: number;
  last_error: string | null;
}

export interface WebhookEndpointsTable {
  account_id: string;
  livemode: number;
  id: string;
  created: number;
  /** `enabled` or `disabled`; deleted endpoints lose their row. */
  status: string;
  /** The whsec_ signing secret: shown once on create, used to sign every delivery, never rendered after. */
  secret: string;
  data: string;
}

/** The outbox: one row per (event, endpoint), written in the event's own transaction. */
export interface WebhookDeliveriesTable {
  id: string;
  account_id: string;
  livemode: number;
  event_id: string;
  endpoint_id: string;
  /** Milliseconds: deliveries are due and leased at sub-second precision. */
  created_ms: number;
  /** pending (due at next_attempt_ms), delivered, failed (gave up), canceled (endpoint disabled or deleted). */
  state: string;
  attempts: number;
  next_attempt_ms: number;
  /** A worker that claimed the delivery owns it until then; after a crash another takes it over. */
  lease_until_ms: number;
  last_status_code: number | null;
  last_error: string | null;
  completed_ms: number | null;
}

export interface WebhookDeliveryAttemptsTable {
  delivery_id: string;
  attempt: number;
  attempted_ms: number;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
}

export interface SchemaMigrationsTable {
  id: string;
  applied: number;
}

export interface Database {
  accounts: AccountsTable;
  api_keys: ApiKeysTable;
  customers: CustomersTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
  payment_methods: PaymentMethodsTable;
  tokens: TokensTable;
  payment_intents: PaymentIntentsTable;
  charges: ChargesTable;
  balance_transactions: BalanceTransactionsTable;
  refunds: RefundsTable;
  setup_intents: SetupIntentsTable;
  setup_attempts: SetupAttemptsTable;
  scheduled_jobs: ScheduledJobsTable;
  bank_accounts: BankAccountsTable;
  payouts: PayoutsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  schema_migrations: SchemaMigrationsTable;
}
