// The scheduler on every engine: a job runs once its due time is reached and never before; scheduling
// twice is a no-op; a failing job rolls back, is retried with backoff and ends dead; and on
// PostgreSQL two processes sharing the database run each job exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../runtime/clock.js';
import { createRuntime } from '../runtime/runtime.js';
import { createSeededRandom } from '../runtime/random.js';
import { startTender, type RunningTender } from '../server.js';
import { snapshot } from '../domain/shared/snapshot.js';
import { test_engines } from '../test-support/test-engines.js';
import { scheduleJob } from './scheduled-job-records.js';
import { retryDelaySeconds, scheduled_job_attempts_max, type JobHandlers } from './scheduler.js';

const start_ms = Date.UTC(2026, 0, 15, 12, 0, 0);
const secret = 'sk_test_schedulerSuite0123456789';

for (const engine of test_engines) {
  describe(`scheduler on ${engine.name}`, () => {
    const running: RunningTender[] = [];
    const schemas: (string | undefined)[] = [];
    afterEach(async () => {
      for (const tender of running.splice(0)) await tender.close();
      for (const schema of schemas.splice(0)) await engine.dropSchema(schema);
    });

    async function start(handlers: JobHandlers, options: { schema?: string | undefined; seed?: number } = {}) {
      const clock = createFakeClock(start_ms);
      const schema = 'schema' in options ? options.schema : engine.schema();
      if (!('schema' in options)) schemas.push(schema);
      const tender = await startTender({
        db: engine.db,
        secretKey: secret,
        schedulerPollIntervalMs: 0,
        jobHandlers: handlers,
        runtime: createRuntime({ clock, random: createSeededRandom(options.seed ?? 1) }),
        ...(schema === undefined ? {} : { schema }),
      });
      running.push(tender);
      return { tender, clock, schema };
    }

    const schedule = (tender: RunningTender, kind: string, subject: string, due_at: number) =>
      tender.store.transaction((tx) =>
        scheduleJob(
          tx,
          tender.store,
          { account_id: tender.account.account_id, livemode: false },
          {
            id: tender.runtime.ids.next('job'),
            kind,
            subject,
            due_at,
            created: Math.floor(start_ms / 1000),
          },
        ),
      );

    const countEvents = async (tender: RunningTender, type: string) => {
      const rows = await tender.store.read((executor) =>
        executor.all<{ data: string }>(tender.store.db.selectFrom('events').select('data').where('type', '=', type).compile()),
      );
      return rows.map((row) => JSON.parse(row.data));
    };

    const jobRows = (tender: RunningTender) =>
      tender.store.read((executor) =>
        executor.all<{ state: string; attempts: number; due_at: number; last_error: string | null }>(
          tender.store.db.selectFrom('scheduled_jobs').select(['state', 'attempts', 'due_at', 'last_error']).compile(),
        ),
      );

    // The handler's effect is an event, written in the job's transaction.
    const emitting: JobHandlers = {
      ping: async (context, job) => {
        await context.events.emit('test.ping', snapshot({ id: job.subject, object: 'ping' }));
      },
    };

    it('runs a job once its due time is reached, never before, with no request behind its event', async () => {
      const { tender, clock } = await start(emitting);
      const due = Math.floor(start_ms / 1000) + 3600;
      await schedule(tender, 'ping', 'thing_1', due);
      expect(await tender.runDueJobs()).toBe(0);
      clock.advanceMs(3599_000);
      expect(await tender.runDueJobs()).toBe(0);
      clock.advanceMs(1000);
      expect(await tender.runDueJobs()).toBe(1);
      expect(await tender.runDueJobs()).toBe(0);
      const events = await countEvents(tender, 'test.ping');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ created: due, request: { id: null, idempotency_key: null }, data: { object: { id: 'thing_1' } } });
      expect(await jobRows(tender)).toEqual([]);
    });

    it('schedules a kind and subject once, however often it is asked to', async () => {
      const { tender, clock } = await start(emitting);
      const due = Math.floor(start_ms / 1000) + 10;
      await schedule(tender, 'ping', 'thing_1', due);
      await schedule(tender, 'ping', 'thing_1', due + 100);
      await schedule(tender, 'ping', 'thing_2', due);
      clock.advanceMs(10_000);
      expect(await tender.runDueJobs()).toBe(2);
      expect((await countEvents(tender, 'test.ping')).map((event) => event.data.object.id).sort()).toEqual(['thing_1', 'thing_2']);
    });

    it('rolls a failing job back, retries it with backoff, and leaves it dead after the last attempt', async () => {
      let calls = 0;
      const { tender, clock } = await start({
        flaky: async (context, job) => {
          calls += 1;
          await context.events.emit('test.partial', snapshot({ id: job.subject, object: 'ping' }));
          throw new Error(`attempt ${calls} failed`);
        },
      });
      await schedule(tender, 'flaky', 'thing_1', Math.floor(start_ms / 1000));
      expect(await tender.runDueJobs()).toBe(0);
      expect(calls).toBe(1);
      expect(await countEvents(tender, 'test.partial')).toEqual([]);
      expect(await jobRows(tender)).toEqual([
        { state: 'due', attempts: 1, due_at: Math.floor(start_ms / 1000) + retryDelaySeconds(0), last_error: 'attempt 1 failed' },
      ]);
      // Not again until the backoff has passed.
      await tender.runDueJobs();
      expect(calls).toBe(1);
      for (let attempt = 1; attempt < scheduled_job_attempts_max; attempt += 1) {
        clock.advanceMs(retryDelaySeconds(attempt) * 1000);
        await tender.runDueJobs();
        expect(calls).toBe(attempt + 1);
      }
      const [row] = await jobRows(tender);
      expect(row).toMatchObject({ state: 'dead', attempts: scheduled_job_attempts_max });
      clock.advanceMs(30 * 86_400_000);
      await tender.runDueJobs();
      expect(calls).toBe(scheduled_job_attempts_max);
    });

    it('keeps a job that reschedules itself, and runs it again at the new time', async () => {
      const steps: number[] = [];
      const { tender, clock } = await start({
        stepper: async (context) => {
          steps.push(context.now);
          if (steps.length < 3) return { reschedule_at: context.now + 60 };
          return undefined;
        },
      });
      const due = Math.floor(start_ms / 1000);
      await schedule(tender, 'stepper', 'thing_1', due);
      expect(await tender.runDueJobs()).toBe(1);
      expect(await jobRows(tender)).toMatchObject([{ state: 'due', attempts: 0, due_at: due + 60 }]);
      clock.advanceMs(59_000);
      expect(await tender.runDueJobs()).toBe(0);
      clock.advanceMs(1000);
      await tender.runDueJobs();
      clock.advanceMs(60_000);
      await tender.runDueJobs();
      expect(steps).toEqual([due, due + 60, due + 120]);
      expect(await jobRows(tender)).toEqual([]);
    });

    it('records a job whose kind has no handler as failed instead of dropping it', async () => {
      const { tender } = await start(emitting);
      await schedule(tender, 'unknown_kind', 'thing_1', Math.floor(start_ms / 1000));
      expect(await tender.runDueJobs()).toBe(0);
      expect(await jobRows(tender)).toMatchObject([{ attempts: 1, last_error: 'no handler for scheduled job kind unknown_kind' }]);
    });

    if (engine.name === 'postgres') {
      it('runs each job exactly once when two processes share the database', async () => {
        const first = await start(emitting, { seed: 1 });
        const second = await start(emitting, { schema: first.schema, seed: 2 });
        const due = Math.floor(start_ms / 1000);
        for (let index = 0; index < 60; index += 1) await schedule(first.tender, 'ping', `thing_${index}`, due);
        const [ranFirst, ranSecond] = await Promise.all([first.tender.runDueJobs(), second.tender.runDueJobs()]);
        expect(ranFirst + ranSecond).toBe(60);
        const ids = (await countEvents(first.tender, 'test.ping')).map((event) => event.data.object.id);
        expect(ids).toHaveLength(60);
        expect(new Set(ids).size).toBe(60);
      });
    }
  });
}
