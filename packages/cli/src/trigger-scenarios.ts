// What `tender trigger <event>` does for each event type it supports: the API calls (through the SDK)
// that make Tender emit that event, the way a merchant's integration would, using Stripe's test cards
// and test bank accounts. Events that need time to pass (payouts arriving, funds becoming available,
// authorizations expiring, refunds failing) move the server's clock forward just far enough.
// Each scenario answers the id of the object the event is about (null when it has none), so the
// command can find the event it caused.
import { CardError, getId, type Charge, type Expandable, type ExpandPaths, type StripeClient } from '@tender/sdk';

export interface TriggerContext {
  stripe: StripeClient;
  /** Prints one indented line about what the scenario did. */
  note(line: string): void;
  /** Moves the server's clock forward and runs the jobs that fell due. */
  advance(seconds: number): Promise<void>;
  /** The account the key belongs to (external accounts live under it). */
  accountId(): Promise<string>;
}

export interface Scenario {
  event: string;
  /** One line for `tender trigger --help`. */
  summary: string;
  run(context: TriggerContext): Promise<string | null>;
}

const amount = 2000;
const description = '(created by tender trigger)';
const minute = 60;
const day = 86_400;
/** Stripe's test bank account whose payouts fail with `no_account`. */
const failing_bank_account = '000111111116';
const test_routing_number = '110000000';
/** Stripe's test card that is declined with `card_declined`. */
const declined_card = 'pm_card_chargeDeclined';

const intentParams = () => ({ amount, currency: 'usd', description, payment_method_types: ['card'] });

async function paidIntent<const Paths extends ExpandPaths = []>(
  context: TriggerContext,
  payment_method = 'pm_card_visa',
  paid = amount,
  expand?: Paths,
) {
  const intent = await context.stripe.paymentIntents.create<Paths>({
    ...intentParams(),
    amount: paid,
    payment_method,
    confirm: true,
    ...(expand === undefined ? {} : { expand }),
  });
  context.note(`created payment_intent ${intent.id} (${intent.status})`);
  return intent;
}

async function authorizedIntent(context: TriggerContext) {
  const intent = await context.stripe.paymentIntents.create({
    ...intentParams(),
    payment_method: 'pm_card_visa',
    capture_method: 'manual',
    confirm: true,
  });
  context.note(`created payment_intent ${intent.id} (${intent.status}, ${intent.amount_capturable} capturable)`);
  return intent;
}

/** The CardError a confirm with the declined test card must fail with; anything else is an error. */
async function declined(confirm: Promise<unknown>, intentId: string): Promise<CardError> {
  try {
    await confirm;
  } catch (error) {
    if (error instanceof CardError) return error;
    throw error;
  }
  throw new Error(`the test card ${declined_card} was not declined on ${intentId}`);
}

/** A PaymentIntent whose card is declined: Tender answers 402 and records the failed charge. */
async function declinedIntent(context: TriggerContext): Promise<{ intent: string; charge: string | null }> {
  const intent = await context.stripe.paymentIntents.create(intentParams());
  const error = await declined(context.stripe.paymentIntents.confirm(intent.id, { payment_method: declined_card }), intent.id);
  context.note(`confirmed payment_intent ${intent.id}: declined (${error.message})`);
  return { intent: intent.id, charge: typeof error.raw.charge === 'string' ? error.raw.charge : null };
}

/** The charge `owner` made; none is an error (a null subject would let the trigger match any event). */
function chargeId(charge: Expandable<Charge> | null, owner: string): string {
  const id = getId(charge);
  if (id === null) throw new Error(`${owner} made no charge`);
  return id;
}

async function customer(context: TriggerContext) {
  const created = await context.stripe.customers.create({ description, email: 'jenny.rosen@example.com', name: 'Jenny Rosen' });
  context.note(`created customer ${created.id}`);
  return created;
}

async function attachedCard(context: TriggerContext) {
  const owner = await customer(context);
  const card = await context.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
  await context.stripe.paymentMethods.attach(card.id, { customer: owner.id });
  context.note(`attached payment_method ${card.id} to ${owner.id}`);
  return card;
}

async function refund(context: TriggerContext, payment_method = 'pm_card_visa') {
  const intent = await paidIntent(context, payment_method);
  const created = await context.stripe.refunds.create({ payment_intent: intent.id });
  context.note(`created refund ${created.id} (${created.status})`);
  return created;
}

/** A SetupIntent; with a payment method it is confirmed at once. */
async function setupIntent(context: TriggerContext, payment_method?: string) {
  const created = await context.stripe.setupIntents.create({
    description,
    payment_method_types: ['card'],
    usage: 'off_session',
    ...(payment_method === undefined ? {} : { payment_method, confirm: true }),
  });
  context.note(`created setup_intent ${created.id} (${created.status})`);
  return created;
}

/** Funds that are available at once (Stripe's bypassPending test card), so a payout can draw on them. */
async function fundBalance(context: TriggerContext): Promise<void> {
  await paidIntent(context, 'pm_card_bypassPending', 5 * amount);
}

async function payout(context: TriggerContext, params: { method?: 'standard' | 'instant'; destination?: string } = {}) {
  await fundBalance(context);
  const created = await context.stripe.payouts.create({ amount: amount / 2, currency: 'usd', description, ...params });
  context.note(
    `created payout ${created.id} (${created.method}, ${created.status}, arrives ${new Date(created.arrival_date * 1000).toISOString()})`,
  );
  return created;
}

async function bankAccount(context: TriggerContext, account_number = '000123456789') {
  const account = await context.accountId();
  const created = await context.stripe.accounts.createExternalAccount(account, {
    external_account: {
      object: 'bank_account',
      country: 'US',
      currency: 'usd',
      routing_number: test_routing_number,
      account_number,
    },
  });
  context.note(`created bank_account ${created.id} (…${account_number.slice(-4)})`);
  return { account, bank: created };
}

/** Seconds from the clock's view of an object's creation until `at`, plus a margin. */
const until = (at: number, from: number, margin = minute) => Math.max(0, at - from) + margin;

export const scenarios: readonly Scenario[] = [
  {
    event: 'payment_intent.created',
    summary: 'creates a PaymentIntent',
    run: async (context) => {
      const intent = await context.stripe.paymentIntents.create(intentParams());
      context.note(`created payment_intent ${intent.id} (${intent.status})`);
      return intent.id;
    },
  },
  { event: 'payment_intent.succeeded', summary: 'pays a PaymentIntent with a Visa test card', run: async (c) => (await paidIntent(c)).id },
  {
    event: 'payment_intent.payment_failed',
    summary: 'confirms a PaymentIntent with a declined card',
    run: async (c) => (await declinedIntent(c)).intent,
  },
  {
    event: 'payment_intent.requires_action',
    summary: 'confirms a PaymentIntent with a card that needs 3D Secure',
    run: async (c) => (await paidIntent(c, 'pm_card_authenticationRequired')).id,
  },
  {
    event: 'payment_intent.canceled',
    summary: 'creates a PaymentIntent and cancels it',
    run: async (context) => {
      const intent = await context.stripe.paymentIntents.create(intentParams());
      const canceled = await context.stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'requested_by_customer' });
      context.note(`canceled payment_intent ${canceled.id}`);
      return canceled.id;
    },
  },
  {
    event: 'payment_intent.amount_capturable_updated',
    summary: 'authorizes a PaymentIntent with capture_method=manual',
    run: async (c) => (await authorizedIntent(c)).id,
  },
  {
    event: 'charge.succeeded',
    summary: 'pays a PaymentIntent, which makes a succeeded charge',
    run: async (context) => {
      const intent = await paidIntent(context);
      return chargeId(intent.latest_charge, intent.id);
    },
  },
  { event: 'charge.failed', summary: 'confirms a PaymentIntent with a declined card', run: async (c) => (await declinedIntent(c)).charge },
  {
    event: 'charge.captured',
    summary: 'authorizes a PaymentIntent, then captures it',
    run: async (context) => {
      const intent = await authorizedIntent(context);
      const captured = await context.stripe.paymentIntents.capture(intent.id);
      context.note(`captured payment_intent ${captured.id} (${captured.status})`);
      return chargeId(captured.latest_charge, captured.id);
    },
  },
  {
    event: 'charge.refunded',
    summary: 'pays a PaymentIntent, then refunds it in full',
    run: async (context) => {
      const created = await refund(context);
      return chargeId(created.charge, created.id);
    },
  },
  {
    event: 'charge.expired',
    summary: 'authorizes a PaymentIntent and lets the authorization expire (moves the clock 7 days)',
    run: async (context) => {
      const intent = await authorizedIntent(context);
      await context.advance(7 * day + minute);
      return chargeId(intent.latest_charge, intent.id);
    },
  },
  { event: 'customer.created', summary: 'creates a customer', run: async (c) => (await customer(c)).id },
  {
    event: 'customer.updated',
    summary: 'creates a customer, then updates it',
    run: async (context) => {
      const created = await customer(context);
      await context.stripe.customers.update(created.id, { metadata: { triggered: 'true' } });
      return created.id;
    },
  },
  {
    event: 'customer.deleted',
    summary: 'creates a customer, then deletes it',
    run: async (context) => {
      const created = await customer(context);
      await context.stripe.customers.del(created.id);
      return created.id;
    },
  },
  { event: 'payment_method.attached', summary: 'attaches a card to a new customer', run: async (c) => (await attachedCard(c)).id },
  {
    event: 'payment_method.detached',
    summary: 'attaches a card to a customer, then detaches it',
    run: async (context) => {
      const card = await attachedCard(context);
      await context.stripe.paymentMethods.detach(card.id);
      return card.id;
    },
  },
  {
    event: 'payment_method.updated',
    summary: 'attaches a card to a customer, then updates its billing details',
    run: async (context) => {
      const card = await attachedCard(context);
      await context.stripe.paymentMethods.update(card.id, { billing_details: { name: 'Jenny Rosen' } });
      return card.id;
    },
  },
  { event: 'setup_intent.created', summary: 'creates a SetupIntent', run: async (c) => (await setupIntent(c)).id },
  {
    event: 'setup_intent.succeeded',
    summary: 'confirms a SetupIntent with a Visa test card',
    run: async (c) => (await setupIntent(c, 'pm_card_visa')).id,
  },
  {
    event: 'setup_intent.setup_failed',
    summary: 'confirms a SetupIntent with a declined card',
    run: async (context) => {
      const created = await setupIntent(context);
      const error = await declined(context.stripe.setupIntents.confirm(created.id, { payment_method: declined_card }), created.id);
      context.note(`confirmed setup_intent ${created.id}: declined (${error.message})`);
      return created.id;
    },
  },
  {
    event: 'setup_intent.requires_action',
    summary: 'confirms a SetupIntent with a card that needs 3D Secure',
    run: async (c) => (await setupIntent(c, 'pm_card_authenticationRequiredOnSetup')).id,
  },
  {
    event: 'setup_intent.canceled',
    summary: 'creates a SetupIntent and cancels it',
    run: async (context) => {
      const created = await setupIntent(context);
      await context.stripe.setupIntents.cancel(created.id);
      return created.id;
    },
  },
  { event: 'refund.created', summary: 'pays a PaymentIntent, then refunds it', run: async (c) => (await refund(c)).id },
  {
    event: 'refund.updated',
    summary: 'refunds a payment, then updates the refund',
    run: async (context) => {
      const created = await refund(context);
      await context.stripe.refunds.update(created.id, { metadata: { triggered: 'true' } });
      return created.id;
    },
  },
  {
    event: 'refund.failed',
    summary: "refunds a payment made with Stripe's refundFail test card (moves the clock a minute)",
    run: async (context) => {
      const created = await refund(context, 'pm_card_refundFail');
      await context.advance(minute);
      return created.id;
    },
  },
  { event: 'payout.created', summary: 'funds the balance and creates a payout', run: async (c) => (await payout(c)).id },
  {
    event: 'payout.updated',
    summary: 'creates a payout, then updates it',
    run: async (context) => {
      const created = await payout(context);
      await context.stripe.payouts.update(created.id, { metadata: { triggered: 'true' } });
      return created.id;
    },
  },
  {
    event: 'payout.canceled',
    summary: 'creates a payout, then cancels it',
    run: async (context) => {
      const created = await payout(context);
      await context.stripe.payouts.cancel(created.id);
      return created.id;
    },
  },
  {
    event: 'payout.paid',
    summary: 'creates an instant payout and lets it arrive (moves the clock about 30 minutes)',
    run: async (context) => {
      const created = await payout(context, { method: 'instant' });
      await context.advance(until(created.arrival_date, created.created));
      return created.id;
    },
  },
  {
    event: 'payout.failed',
    summary: `pays out to Stripe's failing test bank account ${failing_bank_account} (moves the clock about 30 minutes)`,
    run: async (context) => {
      const { bank } = await bankAccount(context, failing_bank_account);
      const created = await payout(context, { method: 'instant', destination: bank.id });
      await context.advance(until(created.arrival_date, created.created));
      return created.id;
    },
  },
  {
    event: 'balance.available',
    summary: 'pays a PaymentIntent and lets its funds become available (moves the clock about 2 days)',
    run: async (context) => {
      const intent = await paidIntent(context, 'pm_card_visa', amount, ['latest_charge.balance_transaction']);
      const availableOn = intent.latest_charge?.balance_transaction?.available_on ?? null;
      await context.advance(availableOn === null ? 3 * day : until(availableOn, intent.created));
      return null;
    },
  },
  {
    event: 'account.external_account.created',
    summary: 'adds a test bank account for payouts',
    run: async (c) => (await bankAccount(c)).bank.id,
  },
  {
    event: 'account.external_account.updated',
    summary: 'adds a test bank account, then updates it',
    run: async (context) => {
      const { account, bank } = await bankAccount(context);
      await context.stripe.accounts.updateExternalAccount(account, bank.id, { metadata: { triggered: 'true' } });
      return bank.id;
    },
  },
  {
    event: 'account.external_account.deleted',
    summary: 'adds a test bank account, then deletes it',
    run: async (context) => {
      const { account, bank } = await bankAccount(context);
      await context.stripe.accounts.deleteExternalAccount(account, bank.id);
      return bank.id;
    },
  },
];

export const scenario_by_event: ReadonlyMap<string, Scenario> = new Map(scenarios.map((scenario) => [scenario.event, scenario]));
if (scenario_by_event.size !== scenarios.length) throw new Error('invariant: one trigger scenario per event type');
