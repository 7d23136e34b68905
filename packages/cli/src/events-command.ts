// `tender events resend <evt_…> [--endpoint we_…]`: queues the event again for delivery to every
// enabled webhook endpoint that wants its type, or to the one named (POST /_tender/events/:id/resend),
// and prints each new delivery.
import { CliError, resolveConnection, tenderRequest, type ConnectionOptions } from './connection.js';

export interface ResendOptions extends ConnectionOptions {
  endpoint?: string;
}

interface Delivery {
  id: string;
  endpoint_id: string;
  state: string;
}

export async function eventsResend(eventId: string, options: ResendOptions): Promise<void> {
  if (!/^evt_\w+$/.test(eventId)) throw new CliError(`not an event id: ${eventId} (event ids start with evt_)`);
  if (options.endpoint !== undefined && !/^we_\w+$/.test(options.endpoint)) {
    throw new CliError(`not a webhook endpoint id: ${options.endpoint} (they start with we_)`);
  }
  const connection = resolveConnection(options);
  const answer = await tenderRequest<{ data: Delivery[] }>(
    connection,
    'POST',
    `/_tender/events/${encodeURIComponent(eventId)}/resend`,
    options.endpoint === undefined ? {} : { endpoint: options.endpoint },
  );
  const out = process.stdout;
  if (answer.data.length === 0) {
    out.write(`No enabled webhook endpoint wants ${eventId}; nothing was resent.\n`);
    return;
  }
  for (const delivery of answer.data)
    out.write(`Resending ${eventId} to ${delivery.endpoint_id} (delivery ${delivery.id}, ${delivery.state})\n`);
}
