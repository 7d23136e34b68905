// `npm run bench`: measures Tender against a bare node:http ceiling on this machine and judges the
// targets. Servers run as child processes (the load generator, autocannon, stays in this process);
// every child is stopped on success, failure, SIGINT/SIGTERM or the overall timeout. A run with any
// non-2xx answer, socket error or timeout fails: a fast error is not a result.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { killAllNow, startCeiling, startChild, startWebhookReceiver, stopAll, stopChild } from './children.mjs';
import { cannon, connections } from './load.mjs';
import { engineSpecs, prepareEngine } from './engines.mjs';
import { sampleOthersCpu } from './cpu-share.mjs';
import { addRatios, judge, latencySummary, printReport, round, writeResults } from './report.mjs';
import { ceiling_workload, requestJson, secret_key, seed, targets, tender_workloads, webhooks_workload_name } from './workloads.mjs';
import { measureValidator } from './param-validator.mjs';

const bench_dir = path.dirname(fileURLToPath(import.meta.url));
const repo_root = path.resolve(bench_dir, '..');
// Profiles land here too, named *.cpuprofile.json so the results/*.json ignore rule covers them.
const results_dir = path.join(bench_dir, 'results');
// A shortened run (BENCH_SECONDS < 10 or BENCH_ONLY) must not overwrite the last full figures.
const results_file = path.join(results_dir, 'latest.json');
const shortened_results_file = path.join(results_dir, 'latest-shortened.json');
const tender_cli = path.join(repo_root, 'packages', 'cli', 'bin', 'tender.js');

const measured_seconds_default = 10;
/** How often the webhooks workload reads the backlog while the load runs, and while it drains. */
const backlog_sample_ms = 1000;
const drain_poll_ms = 100;
const per_workload_overhead_seconds = 15; // pre-flight request, autocannon start/stop
const per_engine_overhead_seconds = 90; // start, seed 50 customers, drain and stop

const settings = readSettings(process.env);
const engine_specs = engineSpecs();
const workloads = tender_workloads.filter((workload) => settings.only === null || settings.only.has(workload.name));
const measure_webhooks = settings.only === null || settings.only.has(webhooks_workload_name);
if (workloads.length === 0 && !measure_webhooks)
  throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY} matches no workload (${tender_workloads.map((w) => w.name).join(', ')})`);

/** Engines whose data still has to be removed. */
const prepared_engines = new Set();
let abortRun = (_error) => undefined;
const aborted = new Promise((_, reject) => {
  abortRun = reject;
});
aborted.catch(() => undefined);

process.once('SIGINT', () => abortRun(new Error('interrupted (SIGINT)')));
process.once('SIGTERM', () => abortRun(new Error('terminated (SIGTERM)')));
process.on('exit', () => {
  killAllNow();
  for (const engine of prepared_engines) engine.cleanupNow();
});

const overall_timeout_seconds =
  60 +
  (1 + engine_specs.length * (workloads.length + (measure_webhooks ? 1 : 0))) *
    (settings.warmup_seconds + settings.seconds + per_workload_overhead_seconds) +
  // The webhook workload may wait up to a minute for each of its two drains.
  (measure_webhooks ? engine_specs.length * 120 : 0) +
  engine_specs.length * per_engine_overhead_seconds;
const overall_timer = setTimeout(
  () => abortRun(new Error(`overall timeout of ${overall_timeout_seconds} s reached`)),
  overall_timeout_seconds * 1000,
);

let exit_code = 0;
try {
  await Promise.race([main(), aborted]);
} catch (error) {
  exit_code = 1;
  process.stderr.write(`\nbench FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  clearTimeout(overall_timer);
  await Promise.race([cleanup(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
}
process.exit(exit_code);

async function main() {
  if (!fs.existsSync(path.join(repo_root, 'packages', 'cli', 'dist', 'main.js'))) {
    throw new Error('packages/cli/dist is missing: run `npm run bench` (it builds first) or `npx tsc -b`');
  }
  const environment = describeEnvironment();
  log(
    `node ${environment.node}, ${environment.cpus} CPUs, load average ${environment.load_average_start.join(' ')}; ` +
      `${connections} connections, ${settings.warmup_seconds} s warm-up + ${settings.seconds} s per workload; ` +
      `engines: ${engine_specs.map(redact).join(', ')}; at most ${overall_timeout_seconds} s`,
  );

  const ceiling = await startCeiling(abortRun);
  const ceiling_row = await measure(ceiling, ceiling_workload, {}, 'none');
  await stopChild(ceiling);

  const rows = [];
  for (const spec of engine_specs) rows.push(...(await measureEngine(spec)));

  const all_rows = addRatios([ceiling_row, ...rows], ceiling_row);
  const validator = measureValidator();
  log(`parameter validator: ${validator.map((row) => `${row.operation} ${row.ns_per_validation} ns`).join(', ')}`);
  const verdicts = judge(targets, all_rows);
  printReport({ environment, rows: all_rows, verdicts });
  if (settings.shortened)
    log(`(shortened run: BENCH_SECONDS=${settings.seconds}${settings.only ? `, BENCH_ONLY` : ''}; a check, not a figure to quote)`);
  const file = settings.shortened ? shortened_results_file : results_file;
  writeResults(file, {
    environment,
    settings: {
      connections,
      seconds: settings.seconds,
      warmup_seconds: settings.warmup_seconds,
      shortened: settings.shortened,
      webhook_events: settings.webhook_events,
      engines: engine_specs.map(redact),
    },
    results: all_rows,
    param_validator_ns: validator,
    targets: verdicts,
    all_targets_met: verdicts.every((verdict) => verdict.met),
  });
  log(`wrote ${path.relative(repo_root, file)}`);
}

async function measureEngine(spec) {
  const engine = await prepareEngine(spec);
  prepared_engines.add(engine);
  log(`${engine.name}: database at ${engine.location}`);
  const profile_file = `tender-${engine.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile.json`;
  const profile_args = settings.cpu_profile ? ['--cpu-prof', `--cpu-prof-dir=${results_dir}`, `--cpu-prof-name=${profile_file}`] : [];
  const tender = await startChild({
    name: `tender (${engine.name})`,
    args: [...profile_args, tender_cli, 'serve', '--port', '0', '--db', engine.db, '--secret-key', secret_key, '--log-level', 'warn'],
    cwd: repo_root,
    ready: /^Tender listening on http/,
    onUnexpectedExit: abortRun,
  });
  const seeded = await seed(tender.url);
  const rows = [];
  for (const workload of workloads) rows.push(await measure(tender, workload, seeded, engine.name));
  if (measure_webhooks) rows.push(await measureWebhooks(tender, engine.name));
  const { code, signal } = await stopChild(tender);
  if (code !== 0)
    log(`warning: ${tender.name} stopped with code ${code}, signal ${signal}${tender.stderrTail() ? `\n${tender.stderrTail()}` : ''}`);
  if (settings.cpu_profile) {
    log(`CPU profile: node bench/profile-summary.mjs ${path.relative(repo_root, path.join(results_dir, profile_file))} [--group]`);
  }
  await engine.cleanup();
  prepared_engines.delete(engine);
  return rows;
}

/** Pre-flight request, warm-up, then the measured run of one workload. */
async function measure(server, workload, seeded, engine) {
  const baseUrl = server.url;
  const request_path = workload.path(seeded);
  const request = `${workload.method} ${request_path.replace(/cus_\w+/, ':id')}`;
  const first = await requestJson(baseUrl, workload.method, request_path, workload.headers, workload.body, workload.expect_status);
  if (first.object !== workload.expect_object) {
    throw new Error(`${request} answered object ${JSON.stringify(first.object)}, expected ${JSON.stringify(workload.expect_object)}`);
  }
  for (const [field, expected] of Object.entries(workload.expect_fields ?? {})) {
    if (first[field] !== expected) {
      throw new Error(`${request} answered ${field} ${JSON.stringify(first[field])}, expected ${JSON.stringify(expected)}`);
    }
  }
  const options = { url: baseUrl + request_path, method: workload.method, headers: workload.headers, body: workload.body };
  if (settings.warmup_seconds > 0) {
    await assertClean(
      await cannon(options, settings.warmup_seconds, null),
      `${engine} ${workload.name} warm-up`,
      baseUrl,
      workload,
      request_path,
    );
  }
  const latencies = [];
  const others_cpu = sampleOthersCpu([server.process.pid]);
  const result = await cannon(options, settings.seconds, latencies);
  const others_cpu_share = others_cpu.stop();
  await assertClean(result, `${engine} ${workload.name}`, baseUrl, workload, request_path);
  const row = {
    engine,
    workload: workload.name,
    request,
    requests_per_second_mean: result.requests.mean,
    requests_total: result.requests.total,
    duration_seconds: result.duration,
    latency_ms: latencySummary(latencies),
    others_cpu_share,
    status_codes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count])),
  };
  log(
    `${engine.padEnd(8)} ${workload.name.padEnd(9)} ${Math.round(row.requests_per_second_mean)} req/s, ` +
      `p50 ${row.latency_ms.p50.toFixed(2)} ms, p99 ${row.latency_ms.p99.toFixed(2)} ms` +
      (others_cpu_share === null ? '' : `, other processes used ${Math.round(others_cpu_share * 100)}% of the CPUs`),
  );
  return row;
}

/**
 * The payment workload with a webhook endpoint subscribed to every event, a receiver in its own
 * process: payments/s and their latency as for `payment`, plus deliveries/s during the load, each
 * event's creation-to-arrival latency, the largest backlog seen and how long it took to drain.
 */
async function measureWebhooks(tender, engine) {
  const payment = tender_workloads.find((workload) => workload.name === 'payment');
  const receiver = await startWebhookReceiver(abortRun);
  try {
    const stats = () => requestJson(receiver.url, 'GET', '/stats', {});
    await requestJson(
      tender.url,
      'POST',
      '/v1/webhook_endpoints',
      payment.headers,
      `url=${encodeURIComponent(`${receiver.url}/webhook`)}&${settings.webhook_events.map((type) => `enabled_events[]=${encodeURIComponent(type)}`).join('&')}`,
    );
    const summary = () => requestJson(tender.url, 'GET', '/_tender/webhook_deliveries/summary', payment.headers);
    // The backlog alone is counted from the pending deliveries' index; every state, over the whole outbox.
    const backlog = async () =>
      (await requestJson(tender.url, 'GET', '/_tender/webhook_deliveries/summary?state=pending', payment.headers)).pending;
    const options = { url: tender.url + payment.path(), method: payment.method, headers: payment.headers, body: payment.body };
    /** Waits until Tender has nothing pending; the time it took, or null past the deadline. */
    const drained = async (deadline_ms) => {
      const started = performance.now();
      for (;;) {
        if ((await backlog()) === 0) return Math.round(performance.now() - started);
        if (performance.now() - started > deadline_ms) return null;
        await new Promise((resolve) => setTimeout(resolve, drain_poll_ms));
      }
    };
    await requestJson(tender.url, payment.method, payment.path(), payment.headers, payment.body, payment.expect_status);
    if ((await drained(10_000)) === null) throw new Error(`${engine} webhooks: the pre-flight payment's events were not delivered`);
    if (settings.warmup_seconds > 0) {
      const warm = await cannon(options, settings.warmup_seconds, null);
      await assertClean(warm, `${engine} webhooks warm-up`, tender.url, payment, payment.path());
      if ((await drained(60_000)) === null) throw new Error(`${engine} webhooks: the warm-up's deliveries did not drain in 60 s`);
    }
    await requestJson(receiver.url, 'POST', '/reset', {});
    const latencies = [];
    let backlog_max = 0;
    const sampler = setInterval(() => {
      backlog().then(
        (pending) => {
          backlog_max = Math.max(backlog_max, pending);
        },
        () => undefined,
      );
    }, backlog_sample_ms);
    const others_cpu = sampleOthersCpu([tender.process.pid, receiver.process.pid]);
    const result = await cannon(options, settings.seconds, latencies);
    const others_cpu_share = others_cpu.stop();
    clearInterval(sampler);
    const at_end = await stats();
    const pending_at_end = await backlog();
    backlog_max = Math.max(backlog_max, pending_at_end);
    await assertClean(result, `${engine} webhooks`, tender.url, payment, payment.path());
    const drain_ms = await drained(60_000);
    if (drain_ms === null) throw new Error(`${engine} webhooks: deliveries still pending 60 s after the load`);
    const counts = await summary();
    const received = await stats();
    if (counts.failed > 0 || counts.canceled > 0)
      throw new Error(`${engine} webhooks: ${counts.failed} failed, ${counts.canceled} canceled deliveries`);
    if (received.total < counts.delivered)
      throw new Error(`${engine} webhooks: Tender recorded ${counts.delivered} deliveries, the receiver got ${received.total}`);
    const row = {
      engine,
      workload: webhooks_workload_name,
      request: `${payment.method} ${payment.path()} + webhooks`,
      requests_per_second_mean: result.requests.mean,
      requests_total: result.requests.total,
      duration_seconds: result.duration,
      latency_ms: latencySummary(latencies),
      others_cpu_share,
      status_codes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count])),
      webhooks: {
        deliveries_per_second: round(at_end.window_deliveries / result.duration, 1),
        latency_ms: received.latency_ms,
        backlog_max,
        backlog_at_end: pending_at_end,
        drain_ms,
        delivered: received.total,
        expected: counts.delivered,
        distinct_events: received.distinct_events,
      },
    };
    log(
      `${engine.padEnd(8)} webhooks  ${Math.round(row.requests_per_second_mean)} payments/s, ` +
        `${Math.round(row.webhooks.deliveries_per_second)} deliveries/s, event-to-delivery p99 ${row.webhooks.latency_ms.p99} ms, ` +
        `drained ${row.webhooks.drain_ms} ms after the load`,
    );
    return row;
  } finally {
    await stopChild(receiver);
  }
}

async function assertClean(result, label, baseUrl, workload, request_path) {
  const problems = [];
  if (result.errors > 0) problems.push(`${result.errors} socket errors`);
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
  if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx answers (status codes ${JSON.stringify(result.statusCodeStats)})`);
  else if (workload.expect_status !== undefined) {
    const unexpected = Object.keys(result.statusCodeStats).filter((status) => Number(status) !== workload.expect_status);
    if (unexpected.length > 0)
      problems.push(`answers other than ${workload.expect_status} (status codes ${JSON.stringify(result.statusCodeStats)})`);
  }
  if (result.requests.total === 0) problems.push('no request completed');
  if (problems.length === 0) return;
  // autocannon keeps no bodies; one more request shows what the server answers now.
  let sample;
  try {
    const response = await fetch(baseUrl + request_path, {
      method: workload.method,
      headers: workload.headers,
      body: workload.body,
      signal: AbortSignal.timeout(5000),
    });
    sample = `${response.status} ${(await response.text()).slice(0, 1000)}`;
  } catch (error) {
    sample = `no answer (${error instanceof Error ? error.message : String(error)})`;
  }
  throw new Error(`${label}: ${problems.join(', ')}. One more ${workload.method} ${request_path} now answers: ${sample}`);
}

async function cleanup() {
  await stopAll();
  for (const engine of prepared_engines) {
    try {
      await engine.cleanup();
      prepared_engines.delete(engine);
    } catch (error) {
      process.stderr.write(`bench: cleanup of ${engine.name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

function readSettings(env) {
  const seconds = positiveNumber(env.BENCH_SECONDS, measured_seconds_default, 'BENCH_SECONDS');
  const warmup_seconds = positiveNumber(env.BENCH_WARMUP_SECONDS, 2, 'BENCH_WARMUP_SECONDS', true);
  const only = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',').map((name) => name.trim())) : null;
  return {
    seconds,
    warmup_seconds,
    only,
    cpu_profile: env.BENCH_CPU_PROF === '1',
    // The webhook workload's endpoint subscribes to every event unless told otherwise.
    webhook_events: (env.BENCH_WEBHOOK_EVENTS ?? '*').split(',').map((type) => type.trim()),
    shortened: seconds < measured_seconds_default || only !== null,
  };
}

function positiveNumber(value, fallback, name, zero_allowed = false) {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < (zero_allowed ? 0 : 1) || parsed > 600)
    throw new Error(`${name} must be a whole number of seconds (${zero_allowed ? 0 : 1}-600)`);
  return parsed;
}

function describeEnvironment() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus.length,
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    load_average_start: os.loadavg().map((value) => round(value, 2)),
    connections,
    seconds: settings.seconds,
    warmup_seconds: settings.warmup_seconds,
  };
}

function redact(spec) {
  return spec.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function log(message) {
  process.stdout.write(`[bench] ${message}\n`);
}
