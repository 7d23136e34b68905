// Every kind of scheduled job and the handler that runs it. A domain schedules a job with
// scheduleJob(..., { kind }) and exports its handler; this table is the one place they meet.
import { balance_available_job, emitBalanceAvailable } from '../domain/balance/balance-available.js';
import { charge_authorization_expiry_job, expireCharge } from '../domain/charges/charge-commands.js';
import { authorization_expiry_job, expireAuthorization } from '../domain/payment-intents/payment-intent-commands.js';
import { arrivePayout, payout_arrival_job, payout_submission_job, submitPayout } from '../domain/payouts/payout-commands.js';
import { refund_settlement_job, settleRefund } from '../domain/refunds/refund-commands.js';
import type { AuthorizationNotDue } from '../domain/payment-intents/payment-intent-failures.js';
import type { CommandContext } from '../domain/shared/command-context.js';
import type { JobHandler, JobHandlers } from './scheduler.js';

/**
 * The two authorization expiry jobs (a PaymentIntent's hold, whose release also cancels the intent,
 * and a direct charge's, which has no intent) run alike: release the hold of the job's subject, or,
 * when it is not due yet (only a clock that moved back runs one early), run again when it is.
 */
function authorizationExpiryJob(expire: (context: CommandContext, id: string) => Promise<AuthorizationNotDue | null>): JobHandler {
  return async (context, job) => {
    const not_due = await expire(context, job.subject);
    return not_due === null ? undefined : { reschedule_at: not_due.expires_at };
  };
}

export const job_handlers: JobHandlers = {
  [balance_available_job]: emitBalanceAvailable,
  [authorization_expiry_job]: authorizationExpiryJob(expireAuthorization),
  [charge_authorization_expiry_job]: authorizationExpiryJob(expireCharge),
  [refund_settlement_job]: settleRefund,
  [payout_submission_job]: submitPayout,
  [payout_arrival_job]: arrivePayout,
};
