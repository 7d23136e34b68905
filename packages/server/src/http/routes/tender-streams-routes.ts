// Tender's developer endpoints behind `tender listen`, `tender logs tail` and `tender clock` (not
// Stripe's API, hence /_tender): Server-Sent Events of the account's events and of its request log,
// the account's stable listen secret, and the process clock. Same secret keys as /v1, Stripe's error
// envelope. Invariants: an event stream sends each event at most once per connection, in id order
// except for late commits it catches up on; every stream buffers at most one page; close() ends them.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cliWebhookSecret } from '../../domain/accounts/account-records.js';
import { event_id_prefix } from '../../domain/events/event-records.js';
import { event_types_filter_max } from '../../domain/events/event-model.js';
import { clockOffsetMs, isAdjustableClock } from '../../runtime/clock.js';
import { idTimeMs, lowestIdAt } from '../../runtime/ids.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import { decodeParams, headerText } from '../api-route.js';
import { invalidRequest, type ErrorResponse } from '../error-envelope.js';
import type { RequestLog } from '../request-log.js';
import type { Params } from '../request-params.js';
import type { ServerServices } from '../server-services.js';
import { authenticatedScope, type SendError } from '../tender-route-support.js';

/** How often an event stream looks for new events when nothing in this process woke it. */
export const events_stream_poll_interval_ms = 150;
/** The shortest gap between two polls of one stream, however often it is woken. */
export const events_stream_poll_gap_ms_min = 20;
/** Events one poll sends at most; the next poll follows at once when there were more. */
export const events_stream_page_max = 200;
/**
 * On PostgreSQL, transactions commit out of id order (an id is taken before its commit). A stream
 * looks this far back behind the newest event it sent for events that committed late...
 */
export const events_stream_lookback_ms = 5_000;
/** ...remembering at most this many sent ids to skip them (beyond it, the window shrinks). */
export const events_stream_remembered_max = 2_000;
/**
 * Events stamped later than this process's clock plus this much are left for later: they come from a
 * clock that ran ahead (another process's advanced offset, or this database's before a restart put
 * the clock back), and sending them would lift the floor above every event written from now on.
 */
export const events_stream_clock_skew_ms = 2_000;
/** A comment line keeps idle connections (and proxies) open and lets clients notice a dead server. */
export const stream_heartbeat_ms_default = 15_000;
/** What EventSource clients wait before reconnecting. */
export const stream_retry_ms = 1_000;
/** Streams (events and logs) one process holds open at once, unless the app is built with another cap. */
export const streams_open_max_default = 100;
/** A log stream whose client reads slower than requests arrive drops entries beyond this backlog. */
export const logs_stream_buffer_bytes_max = 256 * 1024;
/** One advance moves the clock at most a year. */
export const clock_advance_seconds_max = 366 * 24 * 60 * 60;
/** Rounds of due jobs after an advance (each round runs up to the scheduler's per-run maximum). */
const clock_advance_job_rounds_max = 50;

const event_type_filter_chars_max = 100;
const event_id_pattern = /^evt_[0-9A-Za-z]{24}$/;

export interface StreamRouteOptions {
  requestLog: RequestLog;
  /** Runs the scheduled jobs due at the clock's now; resolves with how many ran. */
  runDueJobs: () => Promise<number>;
  /** Sends webhook retries that fell due. */
  wakeWebhooks: () => void;
  heartbeat_ms?: number;
  streams_open_max?: number;
}

/** One open Server-Sent Events answer. */
interface Sse {
  readonly response: ServerResponse;
  /** True once the client left, a write failed or close() was called. */
  readonly closed: boolean;
  /** Runs `listener` once the stream closes (at once if it already has). */
  onClose(listener: () => void): void;
  /** Ends the stream from the server's side. */
  close(): void;
}

interface EventStream {
  /** Looks for new events now. */
  wake(): void;
}

const selectLatestEvent = preparedQuery<{ account_id: string; livemode: number; before: string }>((db, p) =>
  db
    .selectFrom('events')
    .select('id')
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '<', p.before)
    .orderBy('id', 'desc')
    .limit(1),
);
const selectEventsAfter = preparedQuery<{ account_id: string; livemode: number; after: string; before: string; limit: number }>((db, p) =>
  db
    .selectFrom('events')
    .select(['id', 'type'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '>', p.after)
    .where('id', '<', p.before)
    .orderBy('id')
    .limit(p.limit),
);

export function registerTenderStreamRoutes(
  app: FastifyInstance,
  services: ServerServices,
  sendError: SendError,
  options: StreamRouteOptions,
): void {
  const { store, runtime, logger } = services;
  const heartbeat_ms = options.heartbeat_ms ?? stream_heartbeat_ms_default;
  const streams_open_max = options.streams_open_max ?? streams_open_max_default;
  // Every event this process writes is stamped at or after this.
  const startedMs = runtime.clock.nowMs();
  const open = new Set<Sse>();
  // Places taken under streams_open_max: a stream takes its place before its first await and gives it
  // back when it closes (or fails to open), so streams opening at the same moment cannot all fit.
  let placesTaken = 0;
  const takePlace = (): (() => void) | null => {
    if (placesTaken >= streams_open_max) return null;
    placesTaken += 1;
    let givenBack = false;
    return () => {
      if (givenBack) return;
      givenBack = true;
      placesTaken -= 1;
    };
  };
  const eventStreams = new Set<EventStream>();
  const wakeEventStreams = () => {
    for (const stream of eventStreams) stream.wake();
  };

  // Streams never end on their own: close them first, or closing the server would wait for them.
  app.addHook('preClose', (done) => {
    for (const stream of [...open]) stream.close();
    done();
  });
  // A write in this process committed events: streams look now instead of at their next poll.
  const unsubscribe = services.committed.subscribe((written) => {
    if (written.events > 0) wakeEventStreams();
  });
  app.addHook('onClose', (_instance, done) => {
    unsubscribe();
    done();
  });

  const authenticated = (request: FastifyRequest, reply: FastifyReply) => authenticatedScope(services, sendError, request, reply);

  /** Answers with an event stream that holds the place `givePlaceBack` frees until it closes. */
  const startStream = (request: FastifyRequest, reply: FastifyReply, givePlaceBack: () => void): Sse => {
    const sse = openSse(request, reply, heartbeat_ms);
    open.add(sse);
    sse.onClose(() => {
      givePlaceBack();
      open.delete(sse);
    });
    return sse;
  };

  const tooMany = () =>
    invalidRequest(429, `This Tender already serves ${streams_open_max} streams; close one and try again.`, 'rate_limit');

  app.get('/_tender/events/stream', async (request, reply) => {
    const scope = await authenticated(request, reply);
    if (scope === null) return reply;
    const decoded = decodeParams(request);
    if (!decoded.ok) return sendError(request, reply, decoded.error);
    const filter = eventTypeFilter(decoded.params.types);
    if (!filter.ok) return sendError(request, reply, filter.error);
    const lastEventId = headerText(request.headers['last-event-id']);
    if (lastEventId !== null && !event_id_pattern.test(lastEventId)) {
      return sendError(request, reply, invalidRequest(400, `Invalid Last-Event-ID header: '${lastEventId}' is not an event id.`));
    }
    const givePlaceBack = takePlace();
    if (givePlaceBack === null) return sendError(request, reply, tooMany());
    // Without Last-Event-ID the stream starts after the newest event already written (ids stamped
    // ahead of this clock are never sent: see events_stream_clock_skew_ms).
    const nowMs = runtime.clock.nowMs();
    let latest: { id: string } | undefined;
    try {
      latest = await store.read((executor) =>
        executor.first<{ id: string }>(
          selectLatestEvent(store, {
            account_id: scope.account_id,
            livemode: scope.livemode ? 1 : 0,
            before: lowestIdAt(event_id_prefix, nowMs + events_stream_clock_skew_ms),
          }),
        ),
      );
    } catch (error) {
      givePlaceBack();
      throw error;
    }
    let floor = latest?.id ?? `${event_id_prefix}_`;
    if (lastEventId !== null) {
      // An id stamped ahead of this clock was made by a clock that ran ahead and has since been put
      // back (a restart drops the offset): resume from this process's start; clients skip repeats.
      floor = idTimeMs(lastEventId) > nowMs + events_stream_clock_skew_ms ? lowestIdAt(event_id_prefix, startedMs) : lastEventId;
    }
    const sse = startStream(request, reply, givePlaceBack);
    const stream = openEventStream(sse, { services, scope, floor, matches: filter.matches });
    eventStreams.add(stream);
    sse.onClose(() => eventStreams.delete(stream));
    return reply;
  });

  app.get('/_tender/logs/stream', async (request, reply) => {
    const scope = await authenticated(request, reply);
    if (scope === null) return reply;
    const givePlaceBack = takePlace();
    if (givePlaceBack === null) return sendError(request, reply, tooMany());
    openLogStream(startStream(request, reply, givePlaceBack), options.requestLog, scope);
    return reply;
  });

  app.get('/_tender/listen_secret', async (request, reply) => {
    const scope = await authenticated(request, reply);
    if (scope === null) return reply;
    const secret = await cliWebhookSecret(store, runtime, scope.account_id);
    return reply
      .header('content-type', 'application/json')
      .send(JSON.stringify({ object: 'listen_secret', secret, account: scope.account_id, livemode: scope.livemode }));
  });

  const clockAnswer = (extra: Record<string, unknown> = {}) => {
    const offset_ms = clockOffsetMs(runtime.clock);
    return JSON.stringify({
      now: Math.floor(runtime.clock.nowMs() / 1000),
      offset_seconds: offset_ms === null ? null : Math.round(offset_ms / 1000),
      adjustable: isAdjustableClock(runtime.clock),
      ...extra,
    });
  };

  app.get('/_tender/clock', async (request, reply) => {
    const scope = await authenticated(request, reply);
    if (scope === null) return reply;
    return reply.header('content-type', 'application/json').send(clockAnswer());
  });

  app.post('/_tender/clock/advance', async (request, reply) => {
    const scope = await authenticated(request, reply);
    if (scope === null) return reply;
    const clock = runtime.clock;
    if (!isAdjustableClock(clock)) {
      return sendError(
        request,
        reply,
        invalidRequest(
          400,
          "This Tender's clock cannot be moved: it runs on the system clock. `tender serve` starts with a clock that can.",
        ),
      );
    }
    if (scope.livemode) {
      return sendError(request, reply, invalidRequest(400, 'Moving the clock needs a test mode key: it moves time for the whole process.'));
    }
    // A body that cannot be read is answered as such, not as a missing value.
    const decoded = decodeParams(request);
    if (!decoded.ok) return sendError(request, reply, decoded.error);
    const target = advanceTarget(decoded.params, Math.floor(clock.nowMs() / 1000));
    if (!target.ok) return sendError(request, reply, target.error);
    if (target.deltaMs > 0) clock.advanceMs(target.deltaMs);
    let jobs_run = 0;
    for (let round = 0; round < clock_advance_job_rounds_max; round += 1) {
      const ran = await options.runDueJobs();
      jobs_run += ran;
      if (ran === 0) break;
    }
    // Retries that fell due go out now rather than at the next poll (the jobs announced their own events).
    options.wakeWebhooks();
    logger.info({ advanced_seconds: target.deltaMs / 1000, jobs_run }, 'clock advanced');
    return reply.header('content-type', 'application/json').send(clockAnswer({ jobs_run }));
  });
}

interface EventStreamOptions {
  services: ServerServices;
  scope: Scope;
  /** No event at or below this id is sent. */
  floor: string;
  matches: (type: string) => boolean;
}

/**
 * Polls the events table for the account's events after the stream's floor and writes each as one SSE
 * message. Events that commit late (below ids already sent) are caught while within the lookback
 * window; the floor rises behind it, so each poll reads a bounded range.
 */
function openEventStream(sse: Sse, options: EventStreamOptions): EventStream {
  const { services, scope, matches } = options;
  const { response } = sse;
  const { store, logger, runtime } = services;
  const livemode = scope.livemode ? 1 : 0;
  const sent = new Set<string>();
  let floor = options.floor;
  let newest: string | null = null;
  let polling = false;
  let wanted = false;
  /** The next poll was asked for (a wake, or a page that was full) rather than due on the timer. */
  let asked = false;
  let timer: NodeJS.Timeout | null = null;
  let lastPollMs = -Infinity;
  let lastScanMs = -Infinity;

  /**
   * Sends the next page. A scan reads from the floor, the whole lookback window, to catch events that
   * committed late (other processes', or this one's out of id order); a poll asked for by a wake or
   * an unfinished page reads only what is newer than the newest sent. Ids and bodies come from one read.
   */
  async function poll(scan: boolean): Promise<boolean> {
    const { fresh, bodies } = await store.read(async (executor) => {
      const rows = await executor.all<{ id: string; type: string }>(
        selectEventsAfter(store, {
          account_id: scope.account_id,
          livemode,
          after: scan || newest === null ? floor : newest,
          before: lowestIdAt(event_id_prefix, runtime.clock.nowMs() + events_stream_clock_skew_ms),
          limit: scan ? events_stream_remembered_max + events_stream_page_max : events_stream_page_max,
        }),
      );
      const unsent = rows.filter((row) => !sent.has(row.id)).slice(0, events_stream_page_max);
      const ids = unsent.filter((row) => matches(row.type)).map((row) => row.id);
      const found =
        ids.length === 0
          ? []
          : await executor.all<{ id: string; data: string }>(
              store.db
                .selectFrom('events')
                .select(['id', 'data'])
                .where('account_id', '=', scope.account_id)
                .where('livemode', '=', livemode)
                .where('id', 'in', ids)
                .compile(),
            );
      return { fresh: unsent, bodies: new Map(found.map((row) => [row.id, row.data])) };
    });
    if (sse.closed) return false;
    let chunk = '';
    for (const row of fresh) {
      sent.add(row.id);
      if (newest === null || row.id > newest) newest = row.id;
      const body = bodies.get(row.id);
      if (body !== undefined) chunk += `id: ${row.id}\ndata: ${body.replace(/\n/g, '\ndata: ')}\n\n`;
    }
    if (chunk !== '') response.write(chunk);
    raiseFloor();
    return fresh.length === events_stream_page_max;
  }

  function raiseFloor(): void {
    if (newest === null) return;
    const behind = lowestIdAt(event_id_prefix, idTimeMs(newest) - events_stream_lookback_ms);
    if (behind > floor) floor = behind;
    if (sent.size > events_stream_remembered_max) {
      const ordered = [...sent].sort();
      const cut = ordered[ordered.length - events_stream_remembered_max - 1]!;
      if (cut > floor) floor = cut;
    }
    for (const id of sent) if (id <= floor) sent.delete(id);
  }

  async function run(): Promise<void> {
    timer = null;
    polling = true;
    wanted = false;
    // A scan at least every poll interval, however often wakes come: a late commit wakes no one.
    const startedMs = performance.now();
    const scan = !asked || startedMs - lastScanMs >= events_stream_poll_interval_ms;
    asked = false;
    let more = false;
    try {
      more = await poll(scan);
      if (scan) lastScanMs = startedMs;
    } catch (error) {
      if (!sse.closed) logger.error({ err: error }, 'event stream poll failed');
    }
    lastPollMs = performance.now();
    // What was written must reach the client before the next page is read: one page buffered at most.
    if (!sse.closed && response.writableNeedDrain) await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
    polling = false;
    if (sse.closed) return;
    if (more) asked = true;
    schedule(more || wanted ? 0 : events_stream_poll_interval_ms);
  }

  function schedule(delay_ms: number): void {
    if (sse.closed) return;
    if (timer !== null) clearTimeout(timer);
    const gap = events_stream_poll_gap_ms_min - (performance.now() - lastPollMs);
    timer = setTimeout(() => void run(), Math.max(delay_ms, gap, 0));
  }

  sse.onClose(() => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  });
  schedule(0);
  return {
    wake() {
      if (sse.closed) return;
      asked = true;
      if (polling) wanted = true;
      else schedule(0);
    },
  };
}

/**
 * Writes the request log entries of the account's own requests (those that authenticated with one of
 * its keys) as SSE messages; a client reading slower than requests arrive is told how many it missed.
 */
function openLogStream(sse: Sse, requestLog: RequestLog, scope: Scope): void {
  const { response } = sse;
  let dropped = 0;
  const unsubscribe = requestLog.subscribe((entry, owner) => {
    if (owner === null || owner.account_id !== scope.account_id || owner.livemode !== scope.livemode) return;
    if (response.writableLength > logs_stream_buffer_bytes_max) {
      dropped += 1;
      return;
    }
    if (dropped > 0) {
      response.write(`event: dropped\ndata: ${JSON.stringify({ dropped })}\n\n`);
      dropped = 0;
    }
    response.write(`data: ${JSON.stringify(entry)}\n\n`);
  });
  sse.onClose(unsubscribe);
}

/**
 * Takes `reply` over as an event stream: the headers, the client's reconnect delay, a heartbeat
 * comment every heartbeat_ms while the client keeps up, and one close however the stream ends.
 */
function openSse(request: FastifyRequest, reply: FastifyReply, heartbeat_ms: number): Sse {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.write(`retry: ${stream_retry_ms}\n: ${String(request.id)}\n\n`);
  const listeners: (() => void)[] = [];
  let closed = false;
  const heartbeat = setInterval(() => {
    if (!response.writableNeedDrain) response.write(': heartbeat\n\n');
  }, heartbeat_ms);
  heartbeat.unref();
  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const listener of listeners.splice(0)) listener();
  };
  response.once('close', cleanup);
  // A write racing the client's disconnect fails here, not as an uncaught error.
  response.on('error', cleanup);
  // A client that left before the stream began (during its first read) never fires 'close' again.
  if (response.destroyed) cleanup();
  return {
    response,
    get closed() {
      return closed;
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
    close() {
      cleanup();
      response.end();
    },
  };
}

type TypeFilter = { ok: true; matches: (type: string) => boolean } | { ok: false; error: ErrorResponse };

/** `types=a,b` (or types[]=a&types[]=b); `*` stands for any run of characters, as in GET /v1/events?type=. */
function eventTypeFilter(value: unknown): TypeFilter {
  if (value === undefined || value === '') return { ok: true, matches: () => true };
  const listed = Array.isArray(value) ? value : [value];
  const types = listed.flatMap((item) => (typeof item === 'string' ? item.split(',') : [null])).map((item) => item?.trim() ?? null);
  const invalid = (message: string): TypeFilter => ({ ok: false, error: invalidRequest(400, message, 'parameter_invalid', 'types') });
  if (types.length > event_types_filter_max) return invalid(`You may pass at most ${event_types_filter_max} types.`);
  const patterns: RegExp[] = [];
  for (const type of types) {
    if (type === null || !/^[a-z0-9_.*]+$/.test(type) || type.length > event_type_filter_chars_max) {
      return invalid(`Invalid event type: ${JSON.stringify(type)}. Event types look like payment_intent.succeeded or charge.*.`);
    }
    patterns.push(new RegExp(`^${type.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`));
  }
  return { ok: true, matches: (type) => patterns.some((pattern) => pattern.test(type)) };
}

type AdvanceTarget = { ok: true; deltaMs: number } | { ok: false; error: ErrorResponse };

/** `seconds` to move by, or `to` (Unix seconds) to move to; the clock only moves forwards. */
function advanceTarget(params: Params, now: number): AdvanceTarget {
  const invalid = (message: string, code: string, param: string): AdvanceTarget => ({
    ok: false,
    error: invalidRequest(400, message, code, param),
  });
  const seconds = params.seconds;
  const to = params.to;
  if (seconds !== undefined && to !== undefined)
    return invalid('You may only specify one of these parameters: seconds, to.', 'parameter_invalid', 'to');
  if (seconds === undefined && to === undefined) return invalid('Missing required param: seconds.', 'parameter_missing', 'seconds');
  const name = seconds !== undefined ? 'seconds' : 'to';
  const raw = seconds ?? to;
  // A form can only spell whole non-negative numbers here; a JSON number is held to the same.
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < 0) return invalid(`Invalid integer: ${String(raw)}`, 'parameter_invalid_integer', name);
  const delta = name === 'seconds' ? value : value - now;
  if (name === 'to' && delta < 0) {
    return invalid(`The clock only moves forwards: ${value} is before its current time, ${now}.`, 'parameter_invalid', 'to');
  }
  if (delta > clock_advance_seconds_max) {
    return invalid(`The clock moves at most ${clock_advance_seconds_max} seconds (366 days) at a time.`, 'parameter_invalid', name);
  }
  return { ok: true, deltaMs: delta * 1000 };
}
