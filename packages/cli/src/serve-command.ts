// `tender serve`: starts the server, prints where it listens (and new keys, once), and on SIGINT or
// SIGTERM drains requests in flight and closes the store before exiting. Its clock is the system clock
// plus a forward-only offset that `tender clock advance` moves (this process only).
import { createLogger, createOffsetClock, createRuntime, startTender } from '@tender/server';

export interface ServeOptions {
  host: string;
  port: number;
  db: string;
  secretKey?: string;
  logLevel: string;
  synchronous: string;
  webhookRetryScale: number;
  webhookTimeoutMs: number;
}

export async function serve(options: ServeOptions): Promise<void> {
  if (options.synchronous !== 'NORMAL' && options.synchronous !== 'FULL') throw new Error('--synchronous must be NORMAL or FULL');
  const logger = createLogger(options.logLevel);
  const tender = await startTender({
    host: options.host,
    port: options.port,
    db: options.db,
    logger,
    runtime: createRuntime({ clock: createOffsetClock() }),
    synchronous: options.synchronous,
    webhookRetryScale: options.webhookRetryScale,
    webhookTimeoutMs: options.webhookTimeoutMs,
    ...(options.secretKey === undefined ? {} : { secretKey: options.secretKey }),
  });
  const out = process.stdout;
  const { account } = tender;
  if (account.created) {
    out.write(`Created account ${account.account_id} (test mode). Its keys are shown this once:\n`);
    if (account.new_keys.secret !== undefined) out.write(`  Secret key:      ${account.new_keys.secret}\n`);
    if (account.new_keys.publishable !== undefined) out.write(`  Publishable key: ${account.new_keys.publishable}\n`);
  } else if (options.secretKey !== undefined) {
    out.write(`Account ${account.account_id}, secret key ${options.secretKey}\n`);
  } else {
    out.write(`Account ${account.account_id}: use the secret key printed when it was created, or restart with --secret-key sk_test_...\n`);
  }
  out.write(`Tender listening on ${tender.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining requests and closing the store');
    tender.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
