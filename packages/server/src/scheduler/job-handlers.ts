// Every kind of scheduled job and the handler that runs it. A domain schedules a job with
// scheduleJob(..., { kind }) and exports its handler; this table is the one place they meet.
import { balance_available_job, emitBalanceAvailable } from '../domain/balance/balance-available.js';
import { charge_authorization_expiry_job, expireCharge } from '../domain/charges/charge-commands.js';
import { authorization_expiry_job, expireAuthorization } from '../domain/payment-intents/payment-intent-commands.js';
import { arrivePayout, payout_arrival_job, payout_submission_job, submitPayout } from '../domain/payouts/payout-commands.js';
import { refund_settlement_job, settleRefund } from '../domain/refunds/refund-commands.js';
import type { JobHandlers } from './scheduler.js';

export const job_handlers: JobHandlers = {
  [balance_available_job]: emitBalanceAvailable,
  [authorization_expiry_job]: expireAuthorization,
  [charge_authorization_expiry_job]: expireCharge,
  [refund_settlement_job]: settleRefund,
  [payout_submission_job]: submitPayout,
  [payout_arrival_job]: arrivePayout,
};
