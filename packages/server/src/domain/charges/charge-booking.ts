// Writes the money a captured card charge books (captureMoney in charge-decisions.ts), one path for
// direct charges and PaymentIntents alike: the charge entry for the whole hold and, after a partial
// capture, the refund entry of the released rest, both sourced by the charge; the jobs that announce
// their settlement; then the ledger re-asserted. The charge names its charge entry, made here.
import { chargeEntry, refundEntry, type BalanceTransaction } from '../../ledger/balance-transaction.js';
import { assertLedger } from '../../ledger/ledger-invariants.js';
import { scheduleBalanceAvailable } from '../balance/balance-available.js';
import { insertBalanceTransaction } from '../balance/balance-transaction-records.js';
import { loadPaymentMethod } from '../payment-methods/payment-method-commands.js';
import type { CommandContext } from '../shared/command-context.js';
import type { ChargeMoney } from './charge-decisions.js';
import type { Charge } from './charge-model.js';

const balance_transaction_id_prefix = 'txn';

/**
 * Books `money` for `charge`, already captured, and answers the charge naming its new entry. What
 * comes back out (the released rest) never exceeds what was booked, and what stays is exactly what
 * the charge shows as captured.
 */
export async function bookCapture(context: CommandContext, charge: Charge, money: ChargeMoney): Promise<Charge> {
  if (!charge.captured || money.amount - money.released !== charge.amount_captured) {
    throw new Error(`invariant: charge ${charge.id} books ${money.amount - money.released} but captured ${charge.amount_captured}`);
  }
  const booked = chargeEntry(entryFacts(context, charge.currency), {
    charge: charge.id,
    amount: money.amount,
    fee: money.fee,
    available_on: money.available_on,
  });
  const released: BalanceTransaction[] = [];
  // [inf] No Refund object is made for a released rest, so its entry's source is the charge.
  if (money.released > 0) released.push(refundEntry(entryFacts(context, charge.currency), { refund: charge.id, amount: money.released }));
  const entries = [booked, ...released];
  for (const entry of entries) {
    await insertBalanceTransaction(context.tx, context.store, context.scope, entry);
    await scheduleBalanceAvailable(context, entry);
  }
  assertLedger({ entries, charges: [{ charge: charge.id, amount_captured: booked.amount, refunds: released }] });
  return { ...charge, balance_transaction: booked.id };
}

/**
 * Whether the card behind `charge` skips the pending balance (the bypassPending test cards, contract
 * §5). A capture after the authorization reads it here; a charge captured at once has the network's
 * answer in hand.
 */
export async function fundsBypassPending(context: CommandContext, charge: Charge): Promise<boolean> {
  const loaded = await loadPaymentMethod(context, charge.payment_method);
  return loaded.ok && loaded.value.behaviour.kind === 'bypass_pending';
}

function entryFacts(context: CommandContext, currency: string) {
  return { id: context.runtime.ids.next(balance_transaction_id_prefix), currency, created: context.now };
}
