// The scheduler: runs the jobs whose due time the injected clock has reached. Each job runs in its own
// transaction (claim, load, decide, write, delete), with the command context of the account it
// belongs to and no request behind it, so the events it emits carry `request.id: null` as Stripe's
// automatic changes do. Tests move a fake clock and call runDue(); `tender serve` polls.
// Bounded: a run takes at most scheduler_jobs_per_run_max jobs, a failing job is retried
// scheduled_job_attempts_max times with capped backoff and then left `dead` for a person to see.
import { findAccount } from '../domain/accounts/account-records.js';
import type { CommitSignal } from '../domain/events/commit-signal.js';
import { commandTransaction, type CommandContext } from '../domain/shared/command-context.js';
import type { Logger } from '../runtime/logger.js';
import type { Runtime } from '../runtime/runtime.js';
import { unixSeconds } from '../runtime/clock.js';
import type { Store } from '../store/store.js';
import { claimJob, deleteJob, dueJobs, recordJobFailure, rescheduleJob, type ScheduledJob } from './scheduled-job-records.js';

/**
 * Does a job's work inside the transaction of `context`; throwing rolls it back and retries later.
 * Returning `{ reschedule_at }` keeps the job for that time instead of deleting it (work that turned
 * out not to be due yet, or that moves in several steps).
 */
export type JobHandler = (context: CommandContext, job: ScheduledJob) => Promise<void | JobRescheduled>;
export interface JobRescheduled {
  reschedule_at: number;
}
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export const scheduler_poll_interval_ms = 1000;
/** Jobs read per query. */
export const scheduler_batch_jobs_max = 100;
/** Jobs one run takes before yielding to requests; the next poll continues. */
export const scheduler_jobs_per_run_max = 1000;
export const scheduled_job_attempts_max = 10;
export const scheduled_job_retry_delay_seconds_max = 3600;

export interface Scheduler {
  /** Runs every job due now (up to scheduler_jobs_per_run_max); resolves with how many ran. */
  runDue(): Promise<number>;
  /** Polls every `poll_interval_ms` until stop(). */
  start(): void;
  /** Stops polling and waits for a run in progress. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  store: Store;
  runtime: Runtime;
  logger: Logger;
  handlers: JobHandlers;
  /** Told what each job committed, so its events' deliveries go out at once. */
  committed?: CommitSignal;
  poll_interval_ms?: number;
}

/** Seconds before attempt `attempts + 1` of a failed job: 2, 4, 8 ... capped at an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(2 ** (attempts + 1), scheduled_job_retry_delay_seconds_max);
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, runtime, logger, handlers } = options;
  let current: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function runJob(job: ScheduledJob, now: number): Promise<boolean> {
    const handler = handlers[job.kind];
    try {
      if (handler === undefined) throw new Error(`no handler for scheduled job kind ${job.kind}`);
      return await commandTransaction(store, options.committed, async (tx, open) => {
        const claimed = await claimJob(tx, store, job.id, now);
        if (claimed === null) return false;
        const account = await findAccount(tx, store, claimed.account_id);
        if (account === null) throw new Error(`invariant: job ${job.id} belongs to an existing account`);
        const scope = { account_id: claimed.account_id, livemode: claimed.livemode };
        const context = open(
          { tx, store, scope, now, fingerprint_key: account.fingerprint_key, runtime },
          { request_id: null, idempotency_key: null, api_version: account.default_api_version },
        );
        const result = await handler(context, claimed);
        if (result === undefined) await deleteJob(tx, store, claimed.id);
        else await rescheduleJob(tx, store, claimed.id, Math.max(result.reschedule_at, now + 1));
        return true;
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = job.attempts + 1 >= scheduled_job_attempts_max;
      logger.error({ err: error, job_id: job.id, kind: job.kind, subject: job.subject, dead }, 'scheduled job failed');
      await store
        .transaction((tx) => recordJobFailure(tx, store, job, message, dead ? null : now + retryDelaySeconds(job.attempts)))
        .catch((recordError: unknown) => logger.error({ err: recordError, job_id: job.id }, 'could not record a failed job'));
      return false;
    }
  }

  async function runOnce(): Promise<number> {
    let ran = 0;
    let taken = 0;
    // `now` is read once per batch: jobs that fall due while a batch runs wait for the next one.
    while (taken < scheduler_jobs_per_run_max) {
      const now = unixSeconds(runtime.clock);
      const limit = Math.min(scheduler_batch_jobs_max, scheduler_jobs_per_run_max - taken);
      const batch = await store.read((executor) => dueJobs(executor, store, now, limit));
      for (const job of batch) if (await runJob(job, now)) ran += 1;
      taken += batch.length;
      if (batch.length < limit) break;
    }
    return ran;
  }

  function runDue(): Promise<number> {
    // One run at a time; a caller arriving during a run gets a fresh run after it, so anything that
    // fell due before the call is seen.
    const previous = current ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(runOnce);
    current = next;
    const clear = () => {
      if (current === next) current = null;
    };
    next.then(clear, clear);
    return next;
  }

  return {
    runDue,
    start() {
      if (timer !== null || stopped) return;
      timer = setInterval(() => {
        runDue().catch((error: unknown) => logger.error({ err: error }, 'scheduler run failed'));
      }, options.poll_interval_ms ?? scheduler_poll_interval_ms);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      timer = null;
      await current?.catch(() => undefined);
    },
  };
}
