// `tender listen`: receives the account's events over one streaming connection
// (GET /_tender/events/stream) and forwards each, signed like a webhook with the account's stable
// listen secret, to a local URL, printing one line per event. When the server goes away it reconnects
// with backoff and resumes with Last-Event-ID, so a restart of Tender loses no event.
//
// At-least-once boundaries: an event is forwarded once per `tender listen` process (the last 10,000
// ids forwarded are remembered and a repeat is skipped, so a resume that replays is harmless). Events
// written while no listen runs are not replayed by a later one, as with Stripe's CLI. Not covered: on
// PostgreSQL, an event whose transaction commits after newer ones were sent is caught within the
// stream's lookback window, but not exactly across a reconnect (the stream resumes strictly after the
// last id received); and events a process stamps ahead of the streaming process's clock (its offset
// was advanced and the other's was not) wait until that clock catches up.
import { signatureHeader, webhook_delivery_headers } from '@tender/server';
import { CliError, networkReason, resolveConnection, tenderRequest, type ConnectionOptions } from './connection.js';
import type { ServerSentEvent } from './server-sent-events.js';
import { followWithReconnects } from './stream-connection.js';
import { paintStatus, stylesFor, timestamp, type Styles } from './terminal.js';

export interface ListenOptions extends ConnectionOptions {
  forwardTo?: string;
  events?: string;
}

/** How long one forward may take before it is reported as timed out. */
export const forward_timeout_ms = 10_000;
/** Ids of forwarded events kept to skip a repeat. */
export const forwarded_ids_remembered_max = 10_000;

interface StreamEvent {
  id: string;
  type: string;
}

export async function listen(options: ListenOptions): Promise<void> {
  const connection = resolveConnection(options);
  const forwardTo = options.forwardTo === undefined ? null : forwardUrl(options.forwardTo);
  const out = process.stdout;
  const styles = stylesFor(out);
  const { secret } = await tenderRequest<{ secret: string }>(connection, 'GET', '/_tender/listen_secret');
  const path = `/_tender/events/stream${options.events === undefined ? '' : `?${new URLSearchParams({ types: options.events })}`}`;

  const forwarded = new Set<string>();
  let lastEventId: string | null = null;

  const onEvent = async (message: ServerSentEvent, stop: AbortSignal) => {
    if (message.event !== 'message' || message.id === null) return;
    const event = JSON.parse(message.data) as StreamEvent;
    if (!forwarded.has(event.id)) {
      const result = forwardTo === null ? null : await forward(forwardTo, message.data, secret, stop);
      out.write(`${eventLine(styles, event, forwardTo, result)}\n`);
      forwarded.add(event.id);
      if (forwarded.size > forwarded_ids_remembered_max) forwarded.delete(forwarded.values().next().value!);
    }
    // The last one received, not the highest: after a restart put the server's clock back, new ids
    // are lower than old ones. A late commit received after higher ids costs a few repeats on resume,
    // which `forwarded` skips.
    lastEventId = message.id;
  };

  await followWithReconnects({
    connection,
    request: () => (lastEventId === null ? { path } : { path, headers: { 'last-event-id': lastEventId } }),
    onMessage: onEvent,
    ready:
      `Ready! Your webhook signing secret is ${secret} (^C to quit)\n` +
      (forwardTo === null ? '' : styles.dim(`Forwarding events to ${forwardTo}\n`)),
    resumed: () => (lastEventId === null ? '' : `; resuming after ${lastEventId}`),
    out,
    styles,
  });
}

type ForwardResult = { status: number } | { error: string };

/** POSTs the event as Stripe delivers a webhook: same headers, a fresh `t` and signature. */
async function forward(url: string, payload: string, secret: string, stop: AbortSignal): Promise<ForwardResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...webhook_delivery_headers, 'stripe-signature': signatureHeader(payload, secret, Math.floor(Date.now() / 1000)) },
      body: payload,
      redirect: 'manual',
      signal: AbortSignal.any([stop, AbortSignal.timeout(forward_timeout_ms)]),
    });
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    return { error: networkReason(error) };
  }
}

function eventLine(styles: Styles, event: StreamEvent, forwardTo: string | null, result: ForwardResult | null): string {
  const received = `${styles.dim(timestamp())}  --> ${styles.bold(event.type)} [${event.id}]`;
  if (forwardTo === null || result === null) return received;
  if ('status' in result) return `${received}  <-- ${paintStatus(styles, result.status)} POST ${forwardTo}`;
  return `${received}  <-- ${paintStatus(styles, 'ERR')} POST ${forwardTo} (${result.error})`;
}

/** `localhost:3000/webhook` means http://localhost:3000/webhook, as in Stripe's CLI. */
export function forwardUrl(value: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new CliError(`--forward-to is not a URL: ${value}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new CliError(`--forward-to must be an http or https URL: ${value}`);
  return parsed.href;
}
