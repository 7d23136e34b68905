// Starts a whole Tender: store (migrated), account bootstrap, app, listening socket, the periodic
// idempotency-key pruning and the scheduler of jobs that fall due later. `close()` stops the
// scheduler, stops accepting, drains requests in flight, then closes the store.
import type { AddressInfo } from 'node:net';
import { bootstrapAccount, type BootstrapResult } from './domain/accounts/account-records.js';
import { createCommitSignal } from './domain/events/commit-signal.js';
import { buildApp } from './http/app.js';
import { pruneIdempotencyKeys } from './http/idempotency.js';
import { createLogger, type Logger } from './runtime/logger.js';
import { createRuntime, type Runtime } from './runtime/runtime.js';
import { job_handlers } from './scheduler/job-handlers.js';
import { createScheduler, type JobHandlers } from './scheduler/scheduler.js';
import { createDeliveryWorker, type DeliveryWorker } from './webhooks/delivery-worker.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface StartOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** ':memory:', a SQLite file path, or a postgres:// URL. */
  db?: string;
  /** PostgreSQL only: the schema to use (tests isolate themselves with one). */
  schema?: string;
  secretKey?: string;
  logLevel?: string;
  logger?: Logger;
  runtime?: Runtime;
  synchronous?: 'NORMAL' | 'FULL';
  /** How often due jobs are looked for; 0 turns polling off (tests then call runDueJobs). */
  schedulerPollIntervalMs?: number;
  /** Replaces the scheduled-job handlers (tests of the scheduler itself). */
  jobHandlers?: JobHandlers;
  /** Multiplies every webhook retry delay and the 3-day retry window (0.001: a minute becomes 60 ms). */
  webhookRetryScale?: number;
  /** How long one webhook attempt may take. */
  webhookTimeoutMs?: number;
  /** How often idle /_tender streams (events, logs) send a heartbeat comment. */
  streamHeartbeatMs?: number;
}

export interface RunningTender {
  url: string;
  secretKey: string;
  publishableKey: string;
  account: BootstrapResult;
  store: Store;
  runtime: Runtime;
  /** Runs every scheduled job due at the runtime clock's now; resolves with how many ran. */
  runDueJobs(): Promise<number>;
  /** The webhook delivery worker: `idle()` resolves once nothing is being sent or recorded. */
  webhooks: Pick<DeliveryWorker, 'wake' | 'idle'>;
  close(): Promise<void>;
}

const idempotency_prune_interval_ms = 10 * 60 * 1000;
export const default_test_secret_key = 'sk_test_tender0000000000000000000000';

/** Starts Tender and resolves once it accepts requests. */
export async function startTender(options: StartOptions = {}): Promise<RunningTender> {
  const runtime = options.runtime ?? createRuntime();
  const logger = options.logger ?? createLogger(options.logLevel ?? 'silent');
  const nowSeconds = () => Math.floor(runtime.clock.nowMs() / 1000);
  const store = openStore({
    db: options.db ?? ':memory:',
    nowSeconds,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.synchronous === undefined ? {} : { synchronous: options.synchronous }),
  });
  try {
    await store.migrate();
    const account = await bootstrapAccount(store, runtime, options.secretKey);
    let url = '';
    const retryScale = options.webhookRetryScale ?? 1;
    if (!(retryScale > 0 && retryScale <= 1)) throw new Error('the webhook retry scale must be in (0, 1]');
    const webhooks = createDeliveryWorker({
      store,
      runtime,
      logger,
      retry: { scale: retryScale },
      ...(options.webhookTimeoutMs === undefined ? {} : { timeout_ms: options.webhookTimeoutMs }),
    });
    // Whatever commits events or deliveries (requests, 3DS pages, jobs) hands them to the worker, or,
    // for those it had no room for, wakes it to claim them at once.
    const committed = createCommitSignal(webhooks.handoff);
    committed.subscribe((written) => {
      for (const endpointId of written.stopped_endpoints ?? []) webhooks.endpointStopped(endpointId);
      if (written.deliveries > written.handed) webhooks.committed();
    });
    const scheduler = createScheduler({
      store,
      runtime,
      logger,
      committed,
      handlers: options.jobHandlers ?? job_handlers,
      ...(options.schedulerPollIntervalMs === undefined ? {} : { poll_interval_ms: options.schedulerPollIntervalMs }),
    });
    const { app } = buildApp({
      store,
      runtime,
      logger,
      publicUrl: () => url,
      committed,
      runDueJobs: () => scheduler.runDue(),
      wakeWebhooks: () => webhooks.wake(),
      ...(options.streamHeartbeatMs === undefined ? {} : { streamHeartbeatMs: options.streamHeartbeatMs }),
    });
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
    const address = app.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    url = `http://${host}:${address.port}`;
    const prune = setInterval(() => {
      pruneIdempotencyKeys(store, nowSeconds()).catch((error: unknown) => logger.error({ err: error }, 'idempotency pruning failed'));
    }, idempotency_prune_interval_ms);
    prune.unref();
    if (options.schedulerPollIntervalMs !== 0) scheduler.start();
    webhooks.start();
    return {
      url,
      secretKey: options.secretKey ?? account.new_keys.secret ?? '',
      publishableKey: account.new_keys.publishable ?? '',
      account,
      store,
      runtime,
      runDueJobs: () => scheduler.runDue(),
      webhooks: { wake: () => webhooks.wake(), idle: () => webhooks.idle() },
      async close() {
        clearInterval(prune);
        await scheduler.stop();
        await app.close();
        await webhooks.stop();
        await store.close();
      },
    };
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}
