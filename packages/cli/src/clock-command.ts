// `tender clock show` and `tender clock advance <duration>`: the server process's clock (the system
// clock plus a forward-only offset, kept in that process only) and moving it, after which the server
// runs the jobs that fell due (T+2 availability, payouts arriving, expired authorizations) and sends
// the webhook retries now due.
import { resolveConnection, tenderRequest, type Connection, type ConnectionOptions } from './connection.js';
import { formatDuration, parseDuration } from './duration.js';

export interface ClockState {
  now: number;
  offset_seconds: number;
  adjustable: boolean;
  jobs_run?: number;
}

export function describeClock(state: ClockState): string {
  const at = new Date(state.now * 1000).toISOString().replace('.000Z', 'Z');
  const offset = state.offset_seconds > 0 ? `${formatDuration(state.offset_seconds)} ahead of the system clock` : 'the system clock';
  return `Tender's clock: ${at} (${state.now}), ${offset}`;
}

export async function clockShow(options: ConnectionOptions): Promise<void> {
  const state = await tenderRequest<ClockState>(resolveConnection(options), 'GET', '/_tender/clock');
  process.stdout.write(`${describeClock(state)}${state.adjustable ? '' : ' (this server cannot move it)'}\n`);
}

/** Moves the server's clock; shared with `tender trigger`, whose events need time to pass. */
export async function advanceClock(connection: Connection, params: { seconds: number } | { to: number }): Promise<ClockState> {
  const form: Record<string, string> = 'seconds' in params ? { seconds: String(params.seconds) } : { to: String(params.to) };
  return tenderRequest<ClockState>(connection, 'POST', '/_tender/clock/advance', form);
}

export async function clockAdvance(duration: string, options: ConnectionOptions): Promise<void> {
  const seconds = parseDuration(duration);
  const connection = resolveConnection(options);
  const state = await advanceClock(connection, { seconds });
  process.stdout.write(`Advanced by ${formatDuration(seconds)}. ${describeClock(state)}; ran ${state.jobs_run ?? 0} scheduled job(s).\n`);
}
