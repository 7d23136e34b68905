// `tender clock show` and `tender clock advance <duration>`: the server process's clock (the system
// clock plus a forward-only offset, kept in that process only) and moving it, after which the server
// runs the jobs that fell due (T+2 availability, payouts arriving, expired authorizations) and sends
// the webhook retries now due.
import { resolveConnection, tenderRequest, type Connection, type ConnectionOptions } from './connection.js';
import { formatDuration, parseDuration } from './duration.js';

export interface ClockState {
  now: number;
  /** Null for a clock that is not the system clock moved by an offset (a test's fake clock). */
  offset_seconds: number | null;
  adjustable: boolean;
  jobs_run?: number;
}

export function describeClock(state: ClockState): string {
  const at = new Date(state.now * 1000).toISOString().replace('.000Z', 'Z');
  const offset =
    state.offset_seconds === null
      ? 'a clock of its own'
      : state.offset_seconds > 0
        ? `${formatDuration(state.offset_seconds)} ahead of the system clock`
        : 'the system clock';
  return `Tender's clock: ${at} (${state.now}), ${offset}`;
}

/** The server's clock now; shared with `tender trigger`, which looks for events made from then on. */
export function readClock(connection: Connection): Promise<ClockState> {
  return tenderRequest<ClockState>(connection, 'GET', '/_tender/clock');
}

export async function clockShow(options: ConnectionOptions): Promise<void> {
  const state = await readClock(resolveConnection(options));
  process.stdout.write(`${describeClock(state)}${state.adjustable ? '' : ' (this server cannot move it)'}\n`);
}

/** Moves the server's clock; shared with `tender trigger`, whose events need time to pass. */
export function advanceClock(connection: Connection, seconds: number): Promise<ClockState> {
  return tenderRequest<ClockState>(connection, 'POST', '/_tender/clock/advance', { seconds: String(seconds) });
}

export async function clockAdvance(duration: string, options: ConnectionOptions): Promise<void> {
  const seconds = parseDuration(duration);
  const connection = resolveConnection(options);
  const state = await advanceClock(connection, seconds);
  process.stdout.write(`Advanced by ${formatDuration(seconds)}. ${describeClock(state)}; ran ${state.jobs_run ?? 0} scheduled job(s).\n`);
}
