// `tender`: the command line. `serve` runs the server, `verify` re-checks its ledger; later issues add
// listen, trigger and logs.
import { Command, InvalidArgumentError } from 'commander';
import { serve } from './serve-command.js';
import { verify } from './verify-command.js';

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return parsed;
}

function positiveFraction(value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0 && parsed <= 1)) throw new InvalidArgumentError('must be a number above 0 and at most 1');
  return parsed;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a whole number above 0');
  return parsed;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command().name('tender').description('Tender: a self-hosted, Stripe-compatible payments server').showHelpAfterError();

  program
    .command('serve')
    .description("Run the Tender API server (Stripe's wire protocol under /v1)")
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 4242)
    .option('--db <location>', 'SQLite file, :memory:, or a postgres:// URL', './.tender/tender.db')
    .option('--secret-key <key>', 'use this sk_test_ key (creates its account on first use)')
    .option('--log-level <level>', 'pino level: fatal, error, warn, info, debug, silent', 'info')
    .option('--synchronous <mode>', 'SQLite durability: NORMAL (default) or FULL (also survives power loss)', 'NORMAL')
    .option('--webhook-retry-scale <factor>', 'shrink webhook retry delays and the 3-day retry window, e.g. 0.001', positiveFraction, 1)
    .option('--webhook-timeout-ms <ms>', 'how long one webhook attempt may take', positiveInteger, 10_000)
    .action(serve);

  program
    .command('verify')
    .description('Re-derive every balance from the ledger entries; exit 1 and list any drift')
    .option('--db <location>', 'SQLite file, :memory:, or a postgres:// URL', './.tender/tender.db')
    .action(verify);

  await program.parseAsync([...argv]);
}
