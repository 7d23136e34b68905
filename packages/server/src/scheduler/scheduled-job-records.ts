// Scheduled jobs in the store: one row per thing that falls due later, written in the transaction of
// the change that makes it due (so it exists exactly when that change does), claimed and deleted in
// the transaction that does the work (so it runs once, even with several processes on PostgreSQL).
import type { Scope } from '../store/object-pages.js';
import { preparedQuery } from '../store/prepared-query.js';
import type { SqlExecutor, Store, Transaction } from '../store/store.js';

export interface ScheduledJob {
  id: string;
  account_id: string;
  livemode: boolean;
  kind: string;
  subject: string;
  due_at: number;
  attempts: number;
}

export interface NewJob {
  id: string;
  kind: string;
  subject: string;
  due_at: number;
  created: number;
}

type JobRow = Omit<ScheduledJob, 'livemode'> & { livemode: number };

const job_columns = ['id', 'account_id', 'livemode', 'kind', 'subject', 'due_at', 'attempts'] as const;

const insertJob = preparedQuery<{
  id: string;
  account_id: string;
  livemode: number;
  kind: string;
  subject: string;
  due_at: number;
  created: number;
}>((db, p) =>
  db
    .insertInto('scheduled_jobs')
    .values({
      id: p.id,
      account_id: p.account_id,
      livemode: p.livemode,
      kind: p.kind,
      subject: p.subject,
      due_at: p.due_at,
      created: p.created,
      state: 'due',
      attempts: 0,
      last_error: null,
    })
    .onConflict((conflict) => conflict.columns(['account_id', 'livemode', 'kind', 'subject']).doNothing()),
);

const selectDue = preparedQuery<{ now: number; limit: number }>((db, p) =>
  db
    .selectFrom('scheduled_jobs')
    .select(job_columns)
    .where('state', '=', 'due')
    .where('due_at', '<=', p.now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(p.limit),
);

const selectClaim = preparedQuery<{ id: string; now: number }>((db, p) =>
  db.selectFrom('scheduled_jobs').select(job_columns).where('id', '=', p.id).where('state', '=', 'due').where('due_at', '<=', p.now),
);

// PostgreSQL: a job another process is running is skipped, not waited for; once that process
// commits, the row is gone and nobody runs it again.
const selectClaimSkipLocked = preparedQuery<{ id: string; now: number }>((db, p) =>
  db
    .selectFrom('scheduled_jobs')
    .select(job_columns)
    .where('id', '=', p.id)
    .where('state', '=', 'due')
    .where('due_at', '<=', p.now)
    .forUpdate()
    .skipLocked(),
);

const deleteJobRow = preparedQuery<{ id: string }>((db, p) => db.deleteFrom('scheduled_jobs').where('id', '=', p.id));

const deleteBySubject = preparedQuery<{ account_id: string; livemode: number; kind: string; subject: string }>((db, p) =>
  db
    .deleteFrom('scheduled_jobs')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('kind', '=', p.kind)
    .where('subject', '=', p.subject),
);

const updateDueAt = preparedQuery<{ id: string; due_at: number }>((db, p) =>
  db.updateTable('scheduled_jobs').set({ due_at: p.due_at }).where('id', '=', p.id),
);

const updateFailure = preparedQuery<{ id: string; state: string; attempts: number; due_at: number; last_error: string }>((db, p) =>
  db
    .updateTable('scheduled_jobs')
    .set({ state: p.state as 'due' | 'dead', attempts: p.attempts, due_at: p.due_at, last_error: p.last_error })
    .where('id', '=', p.id),
);

const fromRow = (row: JobRow): ScheduledJob => ({ ...row, livemode: row.livemode === 1 });

/**
 * Schedules `job` for the scope's account. A job of the same kind and subject that is already
 * scheduled stays as it is: scheduling is idempotent.
 * @example await scheduleJob(tx, store, scope, { id: ids.next('job'), kind: 'refund_settlement', subject: 're_1', due_at, created: now })
 */
export async function scheduleJob(tx: Transaction, store: Store, scope: Scope, job: NewJob): Promise<void> {
  await tx.run(insertJob(store, { ...job, account_id: scope.account_id, livemode: scope.livemode ? 1 : 0 }));
}

/** Drops a job whose work became moot (an authorization captured before it expired, say). */
export async function unscheduleJob(tx: Transaction, store: Store, scope: Scope, kind: string, subject: string): Promise<void> {
  await tx.run(deleteBySubject(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, kind, subject }));
}

/** Up to `limit` due jobs, oldest due first. Any of them may be claimed by another process meanwhile. */
export async function dueJobs(executor: SqlExecutor, store: Store, now: number, limit: number): Promise<ScheduledJob[]> {
  const rows = await executor.all<JobRow>(selectDue(store, { now, limit }));
  return rows.map(fromRow);
}

/** The job, locked for this transaction; null if it already ran or another process holds it. */
export async function claimJob(tx: Transaction, store: Store, id: string, now: number): Promise<ScheduledJob | null> {
  const query = store.engine === 'postgres' ? selectClaimSkipLocked(store, { id, now }) : selectClaim(store, { id, now });
  const row = await tx.first<JobRow>(query);
  return row === undefined ? null : fromRow(row);
}

export async function deleteJob(tx: Transaction, store: Store, id: string): Promise<void> {
  const deleted = await tx.run(deleteJobRow(store, { id }));
  if (deleted !== 1) throw new Error(`invariant: deleting claimed job ${id} deleted ${deleted} rows`);
}

/** Keeps a claimed job for a later time (a multi-step job's next step). */
export async function rescheduleJob(tx: Transaction, store: Store, id: string, due_at: number): Promise<void> {
  const changed = await tx.run(updateDueAt(store, { id, due_at }));
  if (changed !== 1) throw new Error(`invariant: rescheduling claimed job ${id} changed ${changed} rows`);
}

/** Records a failed run: the job is tried again at `retry_at`, or is dead when `retry_at` is null. */
export async function recordJobFailure(
  tx: Transaction,
  store: Store,
  job: ScheduledJob,
  error: string,
  retry_at: number | null,
): Promise<void> {
  await tx.run(
    updateFailure(store, {
      id: job.id,
      state: retry_at === null ? 'dead' : 'due',
      attempts: job.attempts + 1,
      due_at: retry_at ?? job.due_at,
      last_error: error,
    }),
  );
}
