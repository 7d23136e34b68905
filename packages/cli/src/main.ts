// `tender`: the command line. `serve` runs the server, `verify` re-checks its ledger; `listen`,
// `trigger`, `logs tail`, `events resend` and `clock` talk to a running server, as Stripe's CLI does.
import { Command, InvalidArgumentError } from 'commander';
import { clockAdvance, clockShow } from './clock-command.js';
import { default_tender_url } from './connection.js';
import { eventsDeliveries, eventsResend } from './events-command.js';
import { listen } from './listen-command.js';
import { logsTail } from './logs-command.js';
import { serve } from './serve-command.js';
import { supportedEventsHelp, trigger } from './trigger-command.js';
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

/** The flags every command that talks to a running server takes. */
function withConnection(command: Command): Command {
  return command
    .option('--api-key <key>', 'secret key, sk_test_... (default: $TENDER_API_KEY, then $STRIPE_API_KEY)')
    .option('--url <url>', `the Tender server (default: $TENDER_URL, then ${default_tender_url})`);
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

  withConnection(
    program
      .command('listen')
      .description("Receive the account's events as they happen and forward each, signed, to a local URL")
      .option('--forward-to <url>', 'where to POST each event, e.g. localhost:3000/webhook (without it, events are only printed)')
      .option('--events <types>', 'only these event types, comma-separated; * is a wildcard (e.g. payment_intent.*,charge.refunded)'),
  )
    .addHelpText(
      'after',
      `
Prints the signing secret to verify forwarded events with (stable for the account), then one line per
event with the forward's status. Reconnects when the server restarts and resumes where it left off.

Example:
  tender listen --forward-to localhost:3000/webhook --events payment_intent.succeeded,charge.*`,
    )
    .action(listen);

  withConnection(
    program
      .command('trigger')
      .description('Make the API calls that cause an event, e.g. tender trigger payment_intent.succeeded')
      .argument('<event>', 'the event type to cause (the list is below)'),
  )
    .addHelpText('after', supportedEventsHelp())
    .action(trigger);

  const logs = program.command('logs').description("The server's request log");
  withConnection(logs.command('tail').description('Print API requests (method, path, status, request id, duration) as they happen')).action(
    logsTail,
  );

  const events = program.command('events').description('Events: their webhook deliveries, and sending one again');
  withConnection(
    events
      .command('resend')
      .description('Send an event again to the webhook endpoints that want it, or to one endpoint')
      .argument('<event>', 'the event id, evt_...')
      .option('--endpoint <id>', 'only this webhook endpoint, we_...'),
  ).action(eventsResend);
  withConnection(
    events
      .command('deliveries')
      .description("Show an event's webhook deliveries (or an endpoint's) and every attempt: time, status, duration, error")
      .argument('[event]', 'the event id, evt_...')
      .option('--endpoint <id>', 'only deliveries to this webhook endpoint, we_...'),
  ).action(eventsDeliveries);

  const clock = program
    .command('clock')
    .description("The server's clock: the system clock plus an offset that only moves forward, kept per server process");
  withConnection(clock.command('show').description("Print the server's time and how far it runs ahead")).action(clockShow);
  withConnection(
    clock
      .command('advance')
      .description('Move the clock forward, then run what fell due (funds available, payouts arriving, webhook retries)')
      .argument('<duration>', 'how far: 90s, 15m, 3h, 2d, 1w or a sum such as 1d12h'),
  )
    .addHelpText(
      'after',
      `
The offset lives in the server process only: a restart returns to the system clock, and several
Tender processes on one database each keep their own.

Example:
  tender clock advance 2d`,
    )
    .action(clockAdvance);

  await program.parseAsync([...argv]);
}
