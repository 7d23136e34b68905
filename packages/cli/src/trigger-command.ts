// `tender trigger <event>`: runs the scenario that makes Tender emit that event (trigger-scenarios.ts)
// through the SDK, then finds the event it caused in /v1/events and prints its id, so a trigger that
// did not produce its event fails loudly instead of claiming success.
import type { Event } from '@tender/sdk';
import { advanceClock, describeClock, readClock } from './clock-command.js';
import { CliError, describeFailure, resolveConnection, tenderRequest, type ConnectionOptions } from './connection.js';
import { formatDuration } from './duration.js';
import { scenario_by_event, scenarios, type TriggerContext } from './trigger-scenarios.js';

/** Events of the triggered type looked through for the one the scenario caused. */
const events_searched_max = 100;

/** The text `tender trigger --help` ends with: every supported event and what triggering it does. */
export function supportedEventsHelp(): string {
  const width = Math.max(...scenarios.map((scenario) => scenario.event.length));
  const lines = scenarios.map((scenario) => `  ${scenario.event.padEnd(width)}  ${scenario.summary}`);
  return `\nSupported events (${scenarios.length}):\n${lines.join('\n')}\n`;
}

export async function trigger(eventType: string, options: ConnectionOptions): Promise<void> {
  const scenario = scenario_by_event.get(eventType);
  if (scenario === undefined) {
    throw new CliError(`unknown event "${eventType}": \`tender trigger --help\` lists the ${scenarios.length} supported events`);
  }
  const connection = resolveConnection(options);
  const { stripe } = connection;
  const out = process.stdout;
  let accountId: string | null = null;
  const context: TriggerContext = {
    stripe,
    note: (line) => out.write(`  ${line}\n`),
    async advance(seconds) {
      const state = await advanceClock(connection, seconds);
      out.write(`  advanced the clock by ${formatDuration(seconds)}. ${describeClock(state)}\n`);
    },
    async accountId() {
      accountId ??= (await tenderRequest<{ account: string }>(connection, 'GET', '/_tender/listen_secret')).account;
      return accountId;
    },
  };
  try {
    // The event the scenario causes is made at or after the server's now (its clock, not ours).
    const started = (await readClock(connection)).now;
    out.write(`Setting up fixture for: ${eventType}\n`);
    const subject = await scenario.run(context);
    const recent = await stripe.events.list({ type: eventType, created: { gte: started }, limit: events_searched_max });
    const caused = recent.data.filter((event: Event) => subject === null || (event.data.object as { id?: unknown }).id === subject).at(-1);
    if (caused === undefined) {
      throw new CliError(
        `the API calls succeeded, but Tender recorded no ${eventType} event${subject === null ? '' : ` about ${subject}`}`,
      );
    }
    out.write(`Trigger succeeded! ${eventType} ${caused.id}\n`);
  } catch (error) {
    throw describeFailure(connection, error, `tender trigger ${eventType}`);
  }
}
