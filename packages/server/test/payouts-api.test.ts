// Payouts and the account's bank accounts over a real socket, on every engine, with a fake clock the
// tests move: the default test bank account, external account CRUD, payouts from the available
// balance only (a pending charge funds nothing, a bypassPending one at once), every failing test
// account number, cancel, list filters, expand, events, the balance after each step, the scheduler's
// pending -> in_transit -> paid moves, 50 concurrent payouts that never overdraw, and the ledger
// re-verified (and drift named) afterwards. Bodies are checked against Stripe's OpenAPI spec.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAccount } from '../src/domain/accounts/account-records.js';
import { verifyLedger } from '../src/ledger/verify-ledger.js';
import { createFakeClock, type FakeClock } from '../src/runtime/clock.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { startLiveTender, test_secret_key, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validateSchema } = (await import(validator_url)) as {
  validateSchema: (name: string, data: unknown) => { ok: boolean; errors?: unknown };
};

function expectSchema(name: string, data: unknown): void {
  const result = validateSchema(name, data);
  expect(result.errors ?? []).toEqual([]);
}

/** A Thursday, noon UTC: a standard payout made now arrives Friday 00:00 UTC. */
const start_ms = Date.UTC(2026, 0, 15, 12, 0, 0);
const racers = 50;

const insufficient_message =
  'You have insufficient funds in your Stripe account for this transfer. Your card balance is too low.  You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).';

const failing_accounts = [
  [
    '000111111116',
    'no_account',
    'The bank account details on file are probably incorrect. No bank account could be located with those details.',
  ],
  ['000111111113', 'account_closed', 'The bank account has been closed.'],
  ['000222222227', 'insufficient_funds', 'Your Stripe account has insufficient funds to cover the payout.'],
  [
    '000333333335',
    'debit_not_authorized',
    'Debit transactions are not approved on the bank account. (Stripe requires bank accounts to be set up for both credit and debit payouts.)',
  ],
  [
    '000444444440',
    'invalid_currency',
    'The bank was unable to process this payout because of its currency. This is probably because the bank account cannot accept payments in that currency.',
  ],
] as const;

for (const engine of test_engines) {
  describe(`payouts on ${engine.name}`, () => {
    let tender: LiveTender;
    let clock: FakeClock;
    let account: string;
    beforeAll(async () => {
      clock = createFakeClock(start_ms);
      tender = await startLiveTender(engine, { runtime: createRuntime({ clock }), schedulerPollIntervalMs: 0 });
      account = tender.account.account_id;
    });
    afterAll(async () => {
      await tender.close();
    });

    const now = () => Math.floor(clock.nowMs() / 1000);
    const accountsPath = (suffix = '') => `/v1/accounts/${account}/external_accounts${suffix}`;
    const payout = (form: string) => tender.call('POST', '/v1/payouts', { form });
    const getPayout = async (id: string) => (await tender.call('GET', `/v1/payouts/${id}`)).json;
    const usd = async (bucket: 'available' | 'pending') => {
      const balance = (await tender.call('GET', '/v1/balance')).json;
      return balance[bucket].find((line: any) => line.currency === 'usd').amount as number;
    };
    const fund = async (amount: number, payment_method = 'pm_card_bypassPending') => {
      const intent = await tender.call('POST', '/v1/payment_intents', {
        form: `amount=${amount}&currency=usd&payment_method=${payment_method}&confirm=true&payment_method_types[]=card`,
      });
      expect(intent.status, intent.text).toBe(200);
      return intent.json;
    };
    const addBank = async (account_number: string, extra = '') => {
      const created = await tender.call('POST', accountsPath(), {
        form: `external_account[object]=bank_account&external_account[country]=US&external_account[currency]=usd&external_account[routing_number]=110000000&external_account[account_number]=${account_number}${extra}`,
      });
      expect(created.status, created.text).toBe(200);
      return created.json;
    };
    /** Event types about one object, oldest first, read from the store (the API pages at 100). */
    const eventsFor = async (id: string) => {
      const rows = await tender.store.read((executor) =>
        executor.all<{ data: string }>(tender.store.db.selectFrom('events').select('data').orderBy('id').compile()),
      );
      return rows.map((row) => JSON.parse(row.data)).filter((event) => event.data.object.id === id);
    };
    const advanceTo = async (timestamp: number) => {
      if (timestamp > now()) clock.setMs(timestamp * 1000);
      await tender.runDueJobs();
    };

    it('refuses a payout funded only by a charge that is still pending, and writes nothing', async () => {
      await fund(2000, 'pm_card_visa');
      expect(await usd('available')).toBe(0);
      expect(await usd('pending')).toBe(2000 - 88);
      const refused = await payout('amount=100&currency=usd');
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'balance_insufficient',
        message: insufficient_message,
      });
      expect(refused.json.error).not.toHaveProperty('param');
      expect((await tender.call('GET', '/v1/payouts')).json.data).toEqual([]);
      expect(await usd('available')).toBe(0);
    });

    it('starts every account with Stripe’s default test bank account', async () => {
      const listed = await tender.call('GET', accountsPath());
      expect(listed.status).toBe(200);
      expect(listed.json).toMatchObject({ object: 'list', url: accountsPath(), has_more: false });
      expect(listed.json.data).toHaveLength(1);
      const bank = listed.json.data[0];
      expect(bank).toMatchObject({
        object: 'bank_account',
        account,
        routing_number: '110000000',
        last4: '6789',
        country: 'US',
        currency: 'usd',
        default_for_currency: true,
        status: 'new',
        bank_name: 'STRIPE TEST BANK',
        available_payout_methods: ['standard', 'instant'],
      });
      expect(bank.id).toMatch(/^ba_/);
      expect(listed.text).not.toContain('000123456789');
      expectSchema('bank_account', bank);
      const fetched = await tender.call('GET', accountsPath(`/${bank.id}`));
      expect(fetched.json).toEqual(bank);
    });

    it('gives an existing database its default bank account on the next start', async () => {
      const before = (await tender.call('GET', accountsPath())).json.data[0];
      await tender.store.transaction((tx) => tx.run(sql`DELETE FROM bank_accounts`.compile(tender.store.db)));
      expect((await tender.call('GET', accountsPath())).json.data).toEqual([]);
      await bootstrapAccount(tender.store, tender.runtime, test_secret_key);
      await bootstrapAccount(tender.store, tender.runtime, test_secret_key);
      const after = (await tender.call('GET', accountsPath())).json.data;
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ last4: '6789', default_for_currency: true, fingerprint: before.fingerprint });
      expect(after[0].id).not.toBe(before.id);
    });

    it('pays out bypassPending funds at once and debits the available balance with a payout entry', async () => {
      await fund(10_000);
      const available = await usd('available');
      expect(available).toBe(10_000 - 320);
      const created = await payout('amount=5000&currency=usd&description=weekly&statement_descriptor=TENDER%20PAYOUT&metadata[run]=1');
      expect(created.status, created.text).toBe(200);
      const bank = (await tender.call('GET', accountsPath())).json.data[0];
      expect(created.json).toMatchObject({
        object: 'payout',
        amount: 5000,
        currency: 'usd',
        status: 'pending',
        automatic: false,
        method: 'standard',
        type: 'bank_account',
        source_type: 'card',
        destination: bank.id,
        description: 'weekly',
        statement_descriptor: 'TENDER PAYOUT',
        metadata: { run: '1' },
        failure_balance_transaction: null,
        failure_code: null,
        failure_message: null,
        livemode: false,
        created: now(),
        // Thursday noon: the next business day starts Friday 00:00 UTC.
        arrival_date: Date.UTC(2026, 0, 16) / 1000,
      });
      expect(created.json.id).toMatch(/^po_/);
      expectSchema('payout', created.json);
      const entry = (await tender.call('GET', `/v1/balance_transactions/${created.json.balance_transaction}`)).json;
      expect(entry).toMatchObject({
        type: 'payout',
        reporting_category: 'payout',
        source: created.json.id,
        amount: -5000,
        fee: 0,
        net: -5000,
        status: 'available',
      });
      expectSchema('balance_transaction', entry);
      expect(await usd('available')).toBe(available - 5000);

      const over = await payout(`amount=${available - 5000 + 1}&currency=usd`);
      expect(over.status).toBe(400);
      expect(over.json.error.code).toBe('balance_insufficient');
      const rest = await payout(`amount=${available - 5000}&currency=usd`);
      expect(rest.status).toBe(200);
      expect(await usd('available')).toBe(0);
      expect((await eventsFor(created.json.id)).map((event) => event.type)).toEqual(['payout.created']);
    });

    it('moves a standard payout pending -> in_transit -> paid over the fake clock, with events', async () => {
      await fund(3000);
      const created = (await payout('amount=1000&currency=usd')).json;
      const available = await usd('available');
      await tender.runDueJobs();
      expect((await getPayout(created.id)).status).toBe('pending');

      await advanceTo(created.created + 3600);
      const moving = await getPayout(created.id);
      expect(moving.status).toBe('in_transit');
      expectSchema('payout', moving);

      await advanceTo(created.arrival_date - 1);
      expect((await getPayout(created.id)).status).toBe('in_transit');
      await advanceTo(created.arrival_date);
      const paid = await getPayout(created.id);
      expect(paid).toMatchObject({ status: 'paid', failure_code: null, failure_balance_transaction: null });
      expectSchema('payout', paid);
      expect(await usd('available')).toBe(available);

      const events = await eventsFor(created.id);
      expect(events.map((event) => event.type)).toEqual(['payout.created', 'payout.updated', 'payout.paid']);
      expect(events[1].data.previous_attributes).toMatchObject({ status: 'pending' });
      expect(events[1].data.object.status).toBe('in_transit');
      expect(events[2].request).toEqual({ id: null, idempotency_key: null });
      await tender.runDueJobs();
      expect((await eventsFor(created.id)).map((event) => event.type)).toHaveLength(3);
    });

    it('pays an instant payout 30 minutes after it is made', async () => {
      await fund(2000);
      const created = (await payout('amount=500&currency=usd&method=instant')).json;
      expect(created).toMatchObject({ method: 'instant', status: 'pending', arrival_date: created.created + 1800 });
      await tender.runDueJobs();
      expect((await getPayout(created.id)).status).toBe('in_transit');
      await advanceTo(created.arrival_date);
      expect((await getPayout(created.id)).status).toBe('paid');
    });

    for (const [number, code, message] of failing_accounts) {
      it(`fails a payout to test account ${number} with ${code}, returning the funds`, async () => {
        // Card funds still pending settle first, so the balance moves only by this payout.
        await advanceTo(now() + 3 * 86_400);
        await fund(2000);
        const bank = await addBank(number);
        expect(bank).toMatchObject({ last4: number.slice(-4), default_for_currency: false });
        const before = await usd('available');
        const created = (await payout(`amount=700&currency=usd&destination=${bank.id}`)).json;
        expect(created).toMatchObject({ status: 'pending', destination: bank.id });
        expect(await usd('available')).toBe(before - 700);

        await advanceTo(created.arrival_date);
        const failed = await getPayout(created.id);
        expect(failed).toMatchObject({ status: 'failed', failure_code: code, failure_message: message });
        expectSchema('payout', failed);
        const reversal = (await tender.call('GET', `/v1/balance_transactions/${failed.failure_balance_transaction}`)).json;
        expect(reversal).toMatchObject({
          type: 'payout_failure',
          reporting_category: 'payout_reversal',
          source: created.id,
          amount: 700,
          net: 700,
        });
        expect(await usd('available')).toBe(before);
        const moved = (await tender.call('GET', `/v1/balance_transactions?payout=${created.id}`)).json.data;
        expect(moved.map((entry: any) => [entry.type, entry.amount])).toEqual([
          ['payout_failure', 700],
          ['payout', -700],
        ]);
        const events = await eventsFor(created.id);
        expect(events.map((event) => event.type)).toEqual(['payout.created', 'payout.updated', 'payout.failed']);
        expect(events[2].data.object).toMatchObject({ status: 'failed', failure_code: code });
        const errored = (await tender.call('GET', accountsPath(`/${bank.id}`))).json;
        expect(errored.status).toBe('errored');
        expectSchema('bank_account', errored);
      });
    }

    it('pays a standard payout to 000888888883 but fails an instant one', async () => {
      await advanceTo(now() + 3 * 86_400);
      await fund(3000);
      const bank = await addBank('000888888883');
      expect(bank.available_payout_methods).toEqual(['standard']);
      const standard = (await payout(`amount=600&currency=usd&destination=${bank.id}`)).json;
      const instant = (await payout(`amount=400&currency=usd&destination=${bank.id}&method=instant`)).json;
      const before = await usd('available');
      await advanceTo(Math.max(standard.arrival_date, instant.arrival_date));
      expect(await getPayout(standard.id)).toMatchObject({ status: 'paid' });
      expect(await getPayout(instant.id)).toMatchObject({
        status: 'failed',
        failure_code: 'could_not_process',
        failure_message: 'The bank could not process this payout.',
      });
      expect(await usd('available')).toBe(before + 400);
    });

    it('cancels a pending payout once, returning the funds; the scheduler then leaves it alone', async () => {
      await fund(2000);
      const before = await usd('available');
      const created = (await payout('amount=900&currency=usd')).json;
      expect(await usd('available')).toBe(before - 900);
      const canceled = await tender.call('POST', `/v1/payouts/${created.id}/cancel`);
      expect(canceled.status, canceled.text).toBe(200);
      expect(canceled.json).toMatchObject({ status: 'canceled', failure_code: null });
      expectSchema('payout', canceled.json);
      const reversal = (await tender.call('GET', `/v1/balance_transactions/${canceled.json.failure_balance_transaction}`)).json;
      expect(reversal).toMatchObject({ type: 'payout_cancel', reporting_category: 'payout_reversal', amount: 900, source: created.id });
      expect(await usd('available')).toBe(before);

      const again = await tender.call('POST', `/v1/payouts/${created.id}/cancel`);
      expect(again.status).toBe(400);
      expect(again.json.error).toMatchObject({
        type: 'invalid_request_error',
        message: 'Payouts can only be canceled while they are pending.',
      });
      await advanceTo(created.arrival_date);
      expect((await getPayout(created.id)).status).toBe('canceled');
      expect((await eventsFor(created.id)).map((event) => event.type)).toEqual(['payout.created', 'payout.canceled']);
    });

    it('refuses to cancel a payout already in transit', async () => {
      await fund(1000);
      const created = (await payout('amount=300&currency=usd')).json;
      await advanceTo(created.created + 3600);
      const refused = await tender.call('POST', `/v1/payouts/${created.id}/cancel`);
      expect(refused.status).toBe(400);
      expect(refused.json.error).toEqual({
        type: 'invalid_request_error',
        message: 'Payouts can only be canceled while they are pending.',
        request_log_url: expect.any(String),
      });
      expect((await getPayout(created.id)).status).toBe('in_transit');
    });

    it('updates metadata with payout.updated, and answers 404 for an unknown payout', async () => {
      await fund(1000);
      const created = (await payout('amount=100&currency=usd&metadata[a]=1')).json;
      const updated = await tender.call('POST', `/v1/payouts/${created.id}`, { form: 'metadata[b]=2&metadata[a]=' });
      expect(updated.status).toBe(200);
      expect(updated.json.metadata).toEqual({ b: '2' });
      const event = (await eventsFor(created.id)).find((item) => item.type === 'payout.updated');
      expect(event.data.previous_attributes).toEqual({ metadata: { a: '1', b: null } });
      const missing = await tender.call('GET', '/v1/payouts/po_nope');
      expect(missing.status).toBe(404);
      expect(missing.json.error).toMatchObject({ code: 'resource_missing', message: "No such payout: 'po_nope'", param: 'payout' });
    });

    it('refuses a currency without a bank account, a deleted destination and a bad amount', async () => {
      await fund(1000);
      const eur = await payout('amount=100&currency=eur');
      expect(eur.status).toBe(400);
      expect(eur.json.error).toMatchObject({
        type: 'invalid_request_error',
        param: 'currency',
        message: "Sorry, you don't have any external accounts in that currency (eur).",
      });
      const bank = await addBank('000123456789');
      await tender.call('DELETE', accountsPath(`/${bank.id}`));
      const gone = await payout(`amount=100&currency=usd&destination=${bank.id}`);
      expect(gone.status).toBe(400);
      expect(gone.json.error).toMatchObject({ code: 'resource_missing', param: 'destination' });
      const zero = await payout('amount=0&currency=usd');
      expect(zero.json.error).toMatchObject({ code: 'parameter_invalid', param: 'amount' });
      const long = await payout('amount=100&currency=usd&statement_descriptor=ABCDEFGHIJKLMNOPQRSTUVW');
      expect(long.status).toBe(400);
      expect(long.json.error.param).toBe('statement_descriptor');
    });

    it('lists payouts filtered by status, destination, arrival_date and created, and expands them', async () => {
      await fund(4000);
      const bank = await addBank('000123456789');
      const a = (await payout('amount=110&currency=usd')).json;
      const b = (await payout(`amount=120&currency=usd&destination=${bank.id}`)).json;
      await tender.call('POST', `/v1/payouts/${a.id}/cancel`);

      const ids = async (query: string) =>
        (await tender.call('GET', `/v1/payouts?limit=100&${query}`)).json.data.map((item: any) => item.id);
      expect(await ids('status=canceled')).toContain(a.id);
      expect(await ids('status=canceled')).not.toContain(b.id);
      expect(await ids(`destination=${bank.id}`)).toEqual([b.id]);
      expect(await ids(`arrival_date=${b.arrival_date}`)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(await ids(`arrival_date[gt]=${b.arrival_date}`)).not.toContain(b.id);
      expect(await ids(`created[gte]=${b.created}&created[lte]=${b.created}`)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(await ids(`created[lt]=${b.created}`)).not.toContain(b.id);
      const page = (await tender.call('GET', '/v1/payouts?limit=1')).json;
      expect(page).toMatchObject({ object: 'list', url: '/v1/payouts', has_more: true });
      const next = (await tender.call('GET', `/v1/payouts?limit=1&starting_after=${page.data[0].id}`)).json;
      expect(next.data[0].id).not.toBe(page.data[0].id);

      const expanded = (
        await tender.call(
          'GET',
          `/v1/payouts/${a.id}?expand[]=destination&expand[]=balance_transaction&expand[]=failure_balance_transaction`,
        )
      ).json;
      expect(expanded.destination).toMatchObject({ object: 'bank_account', default_for_currency: true });
      expect(expanded.balance_transaction).toMatchObject({ object: 'balance_transaction', type: 'payout', amount: -110 });
      expect(expanded.failure_balance_transaction).toMatchObject({ object: 'balance_transaction', type: 'payout_cancel', amount: 110 });
      expectSchema('payout', expanded);
      const listExpanded = (await tender.call('GET', `/v1/payouts?destination=${bank.id}&expand[]=data.destination`)).json;
      expect(listExpanded.data[0].destination).toMatchObject({ id: bank.id, object: 'bank_account' });
      const source = (await tender.call('GET', `/v1/balance_transactions/${b.balance_transaction}?expand[]=source`)).json;
      expect(source.source).toMatchObject({ id: b.id, object: 'payout' });

      await tender.call('DELETE', accountsPath(`/${bank.id}`));
      const deletedDestination = (await tender.call('GET', `/v1/payouts/${b.id}?expand[]=destination`)).json;
      expect(deletedDestination.destination).toEqual({ id: bank.id, object: 'bank_account', currency: 'usd', deleted: true });
    });

    it('creates, updates, promotes and deletes external accounts; the default cannot be deleted', async () => {
      const original = (await tender.call('GET', accountsPath())).json.data.find((item: any) => item.default_for_currency);
      const created = await addBank('000123456789', '&external_account[account_holder_name]=Jane%20Austen&metadata[k]=v');
      expect(created).toMatchObject({ account_holder_name: 'Jane Austen', default_for_currency: false, metadata: { k: 'v' } });
      expect(created.fingerprint).toBe(original.fingerprint);
      expectSchema('bank_account', created);

      const updated = await tender.call('POST', accountsPath(`/${created.id}`), {
        form: 'account_holder_type=company&metadata[k]=&default_for_currency=true',
      });
      expect(updated.status, updated.text).toBe(200);
      expect(updated.json).toMatchObject({ account_holder_type: 'company', metadata: {}, default_for_currency: true });
      expect((await tender.call('GET', accountsPath(`/${original.id}`))).json.default_for_currency).toBe(false);
      const demoted = (await eventsFor(original.id)).at(-1);
      expect(demoted).toMatchObject({
        type: 'account.external_account.updated',
        data: { previous_attributes: { default_for_currency: true } },
      });

      const refused = await tender.call('DELETE', accountsPath(`/${created.id}`));
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toBe(
        'You cannot delete the default bank account for your default currency. Please make another bank account the default using the `default_for_currency` param, and then delete this one.',
      );
      await tender.call('POST', accountsPath(`/${original.id}`), { form: 'default_for_currency=true' });
      const deleted = await tender.call('DELETE', accountsPath(`/${created.id}`));
      expect(deleted.status).toBe(200);
      expect(deleted.json).toEqual({ id: created.id, object: 'bank_account', currency: 'usd', deleted: true });
      expectSchema('deleted_bank_account', deleted.json);
      const after = await tender.call('GET', accountsPath(`/${created.id}`));
      expect(after.status).toBe(404);
      expect(after.json.error).toMatchObject({ code: 'resource_missing', message: `No such external account: '${created.id}'` });
      const listed = (await tender.call('GET', `${accountsPath()}?limit=100`)).json.data.map((item: any) => item.id);
      expect(listed).not.toContain(created.id);
      expect((await eventsFor(created.id)).map((event) => event.type)).toEqual([
        'account.external_account.created',
        'account.external_account.updated',
        'account.external_account.updated',
        'account.external_account.deleted',
      ]);
    });

    it('never stores or returns a full account number: last4 and a fingerprint only', async () => {
      const number = '55501234567';
      const created = await addBank(number);
      expect(created.last4).toBe('4567');
      const dumps = await tender.store.read(async (executor) => [
        ...(await executor.all<Record<string, unknown>>(tender.store.db.selectFrom('bank_accounts').selectAll().compile())),
        ...(await executor.all<Record<string, unknown>>(tender.store.db.selectFrom('events').selectAll().compile())),
      ]);
      expect(JSON.stringify(dumps)).not.toContain(number);
      const listed = await tender.call('GET', `${accountsPath()}?limit=100`);
      expect(listed.text).not.toContain(number);
    });

    it('answers Stripe’s errors for bad details, tokens, card fields and another account', async () => {
      const badRouting = await tender.call('POST', accountsPath(), {
        form: 'external_account[object]=bank_account&external_account[country]=US&external_account[routing_number]=110000001&external_account[account_number]=000123456789',
      });
      expect(badRouting.status).toBe(400);
      expect(badRouting.json.error).toMatchObject({
        code: 'routing_number_invalid',
        param: 'external_account[routing_number]',
        message: "We couldn't find the bank for that routing number",
      });
      const token = await tender.call('POST', accountsPath(), { form: 'external_account=btok_nope' });
      expect(token.status).toBe(400);
      expect(token.json.error).toMatchObject({
        code: 'resource_missing',
        param: 'external_account',
        message: "No such token: 'btok_nope'",
      });
      const none = await tender.call('POST', accountsPath(), { form: 'metadata[a]=1' });
      expect(none.json.error).toMatchObject({ code: 'parameter_missing', param: 'external_account' });
      const bank = (await tender.call('GET', accountsPath())).json.data[0];
      const cardField = await tender.call('POST', accountsPath(`/${bank.id}`), { form: 'exp_month=12' });
      expect(cardField.json.error).toMatchObject({ code: 'parameter_unknown', param: 'exp_month' });

      const other = await tender.call('GET', '/v1/accounts/acct_someoneElse/external_accounts');
      expect(other.status).toBe(403);
      expect(other.json.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'account_invalid',
        message: `The provided key 'sk_test_${'*'.repeat(test_secret_key.length - 12)}${test_secret_key.slice(-4)}' does not have access to account 'acct_someoneElse' (or that account does not exist). Application access may have been revoked.`,
      });
      const otherCreate = await tender.call('POST', '/v1/accounts/acct_someoneElse/external_accounts', {
        form: 'external_account[object]=bank_account&external_account[country]=US&external_account[routing_number]=110000000&external_account[account_number]=000123456789',
      });
      expect(otherCreate.status).toBe(403);
    });

    it(`never overdraws under ${racers} concurrent payouts`, async () => {
      await fund(5000);
      const available = await usd('available');
      // About 20 of the 50 fit in the balance; the rest must be refused.
      const amount = Math.ceil(available / 20);
      const answers = await Promise.all(Array.from({ length: racers }, () => payout(`amount=${amount}&currency=usd`)));
      const winners = answers.filter((answer) => answer.status === 200);
      const losers = answers.filter((answer) => answer.status !== 200);
      expect(winners).toHaveLength(Math.floor(available / amount));
      for (const loser of losers) {
        expect(loser.status, loser.text).toBe(400);
        expect(loser.json.error.code).toBe('balance_insufficient');
      }
      const left = await usd('available');
      expect(left).toBe(available - winners.length * amount);
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left).toBeLessThan(amount);
    });

    it('keeps the ledger verifiable with payouts, and names a payout whose reversal drifted', async () => {
      await advanceTo(now() + 7 * 86_400);
      const report = await verifyLedger(tender.store, now());
      expect(report.violations).toEqual([]);
      const listed = (await tender.call('GET', '/v1/payouts?limit=100')).json;
      expect(listed.has_more).toBe(false);
      expect(report.payouts).toBe(listed.data.length);

      await fund(1000);
      const bank = await addBank('000111111116');
      const created = (await payout(`amount=250&currency=usd&destination=${bank.id}`)).json;
      await advanceTo(created.arrival_date);
      const failed = await getPayout(created.id);
      await tender.store.transaction((tx) =>
        tx.run(sql`DELETE FROM balance_transactions WHERE id = ${failed.failure_balance_transaction}`.compile(tender.store.db)),
      );
      const drifted = await verifyLedger(tender.store, now());
      expect(drifted.violations).toEqual([
        expect.objectContaining({ code: 'payout_entries_mismatch', payout: created.id, status: 'failed', reversals: 0, net: -250 }),
      ]);
    });
  });
}
