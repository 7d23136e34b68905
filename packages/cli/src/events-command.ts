// `tender events resend <evt_…> [--endpoint we_…]`: queues the event again for delivery to every
// enabled webhook endpoint that wants its type, or to the one named (POST /_tender/events/:id/resend),
// and prints each new delivery.
import { CliError, resolveConnection, tenderRequest, type ConnectionOptions } from './connection.js';

/** `--endpoint we_…`, which both subcommands take. */
export interface EventsOptions extends ConnectionOptions {
  endpoint?: string;
}

interface Delivery {
  id: string;
  endpoint_id: string;
  state: string;
}

/** Refuses what is not an id before asking the server, naming what an id of that kind looks like. */
function checkIds(eventId: string | undefined, options: EventsOptions): void {
  if (eventId !== undefined && !/^evt_\w+$/.test(eventId)) throw new CliError(`not an event id: ${eventId} (event ids start with evt_)`);
  if (options.endpoint !== undefined && !/^we_\w+$/.test(options.endpoint)) {
    throw new CliError(`not a webhook endpoint id: ${options.endpoint} (they start with we_)`);
  }
}

export async function eventsResend(eventId: string, options: EventsOptions): Promise<void> {
  checkIds(eventId, options);
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

interface DeliveryWithAttempts extends Delivery {
  event_id: string;
  attempts: number;
  next_attempt_ms: number | null;
  attempt_log: { attempt: number; attempted_ms: number; duration_ms: number; status_code: number | null; error: string | null }[];
}

/**
 * `tender events deliveries [<evt_…>] [--endpoint we_…]`: every delivery of the event (or to the
 * endpoint), with each attempt's time, status, duration and error, newest delivery first.
 */
export async function eventsDeliveries(eventId: string | undefined, options: EventsOptions): Promise<void> {
  checkIds(eventId, options);
  if (eventId === undefined && options.endpoint === undefined) throw new CliError('name an event (evt_...) or --endpoint we_...');
  const connection = resolveConnection(options);
  const query = new URLSearchParams();
  if (eventId !== undefined) query.set('event', eventId);
  if (options.endpoint !== undefined) query.set('endpoint', options.endpoint);
  const answer = await tenderRequest<{ data: DeliveryWithAttempts[] }>(connection, 'GET', `/_tender/webhook_deliveries?${query}`);
  const out = process.stdout;
  if (answer.data.length === 0) {
    out.write('No deliveries.\n');
    return;
  }
  for (const delivery of answer.data) {
    const next = delivery.next_attempt_ms === null ? '' : `, next attempt ${new Date(delivery.next_attempt_ms).toISOString()}`;
    out.write(`${delivery.event_id} -> ${delivery.endpoint_id}: ${delivery.state} after ${delivery.attempts} attempt(s)${next}\n`);
    for (const attempt of delivery.attempt_log) {
      const outcome =
        attempt.status_code === null
          ? (attempt.error ?? 'no answer')
          : `[${attempt.status_code}]${attempt.error === null ? '' : ` ${attempt.error}`}`;
      out.write(`  #${attempt.attempt}  ${new Date(attempt.attempted_ms).toISOString()}  ${outcome}  ${attempt.duration_ms} ms\n`);
    }
  }
}
