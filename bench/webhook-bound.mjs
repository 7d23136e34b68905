// `npm run bench:webhook-bound`: how fast Tender's payments can run on this machine while each one's
// events are delivered, if the delivery cost no more than the HTTP exchange itself. In one run, against
// one ceiling, alternating (BENCH_ROUNDS rounds, default 2):
//
//   alone     the payment workload of `npm run bench`, no webhook endpoint;
//   least     the same, with `least-deliverer.mjs` (its own process: sign and POST, no database) sending
//             each finished payment's three events to the bench's receiver as the payments run;
//   tender    the same, with Tender delivering them itself (an endpoint subscribed to `*`).
//
// `least` is a bound for `tender`: the receiver and the HTTP client take their share of the two cores
// either way, and Tender adds its outbox, claims and records on top. If `least` is under the webhooks
// target, no change to Tender's delivery can meet that target on this machine (docs/PERFORMANCE.md).
// Each row also gives the CPU time each process took per payment, read from /proc (Linux).
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { abortScript, runScript, startCeiling, startChild, startWebhookReceiver, stopChild } from './children.mjs';
import { cannon, connections } from './load.mjs';
import { latencySummary, round, writeResults } from './report.mjs';
import { ceiling_workload, requestJson, secret_key, tender_workloads } from './workloads.mjs';

const bench_dir = path.dirname(fileURLToPath(import.meta.url));
const repo_root = path.resolve(bench_dir, '..');
const results_file = path.join(bench_dir, 'results', 'webhook-bound.json');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const warmup_seconds = 2;
/** How often finished payments are handed to the least deliverer. */
const hand_over_ms = 5;
const drain_deadline_ms = 60_000;
const payment = tender_workloads.find((workload) => workload.name === 'payment');
const tender_dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tender-webhook-bound-'));
const clock_ticks_per_second = 100; // USER_HZ on Linux

function cpuSecondsOf(stat_path) {
  const stat = fs.readFileSync(stat_path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clock_ticks_per_second;
}

/**
 * CPU seconds (user + system) used so far by each of `children` (all its threads), then by
 * Tender's main thread alone (its request thread), or null off Linux.
 */
function cpuSeconds(children) {
  try {
    const pids = children.map((child) => (child === 'bench' ? process.pid : child.process.pid));
    return [...pids.map((pid) => cpuSecondsOf(`/proc/${pid}/stat`)), cpuSecondsOf(`/proc/${pids[1]}/task/${pids[1]}/stat`)];
  } catch {
    return null;
  }
}

async function waitFor(check, what) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > drain_deadline_ms) throw new Error(`${what} within ${drain_deadline_ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main() {
  const ceiling = await startCeiling(abortScript);
  const ceiling_options = { url: ceiling.url + ceiling_workload.path(), method: 'GET' };
  await cannon(ceiling_options, warmup_seconds, null);
  const ceiling_result = await cannon(ceiling_options, seconds, null);
  const ceiling_rps = Math.round(ceiling_result.requests.mean);
  await stopChild(ceiling);

  const receiver = await startWebhookReceiver(abortScript);
  const tender = await startChild({
    name: 'tender',
    args: [
      path.join(repo_root, 'packages', 'cli', 'bin', 'tender.js'),
      'serve',
      '--port',
      '0',
      '--db',
      path.join(tender_dir, 'tender.db'),
      '--secret-key',
      secret_key,
      '--log-level',
      'warn',
    ],
    cwd: repo_root,
    ready: /^Tender listening on http/,
    onUnexpectedExit: abortScript,
  });
  const deliverer = await startChild({
    name: 'least deliverer',
    args: [path.join(bench_dir, 'least-deliverer.mjs')],
    cwd: repo_root,
    env: { ...process.env, DELIVER_TO: `${receiver.url}/webhook` },
    stdin: 'pipe',
    ready: /^deliverer listening on /,
    onUnexpectedExit: abortScript,
  });

  // One payment's events, as the least deliverer's bodies.
  const first = await requestJson(tender.url, payment.method, payment.path(), payment.headers, payment.body);
  const events = await requestJson(tender.url, 'GET', '/v1/events?limit=10', payment.headers);
  const templates = events.data.filter((event) => JSON.stringify(event).includes(first.id)).map((event) => JSON.stringify(event));
  if (templates.length !== 3) throw new Error(`expected one payment's three events, found ${templates.length}`);
  await requestJson(deliverer.url, 'POST', '/templates', { 'content-type': 'application/json' }, JSON.stringify(templates));
  const endpoint = await requestJson(
    tender.url,
    'POST',
    '/v1/webhook_endpoints',
    payment.headers,
    `url=${encodeURIComponent(`${receiver.url}/webhook`)}&enabled_events[]=*`,
  );
  const setEndpoint = (disabled) =>
    requestJson(tender.url, 'POST', `/v1/webhook_endpoints/${endpoint.id}`, payment.headers, `disabled=${disabled}`);
  await setEndpoint(true);
  const pending = async () =>
    (await requestJson(tender.url, 'GET', '/_tender/webhook_deliveries/summary?state=pending', payment.headers)).pending;
  const deliverer_stats = () => requestJson(deliverer.url, 'GET', '/stats', {});

  const options = { url: tender.url + payment.path(), method: payment.method, headers: payment.headers, body: payment.body };
  const processes = ['bench', tender, receiver, deliverer];
  let handed_total = 0;
  const handOver = (payments) => {
    handed_total += payments;
    deliverer.process.stdin.write(`${payments}\n`);
  };

  /** One measured run of `mode`, with its warm-up. */
  async function run(mode) {
    let finished = 0;
    let handing = null;
    if (mode === 'least') {
      handing = setInterval(() => {
        if (finished === 0) return;
        const payments = finished;
        finished = 0;
        handOver(payments);
      }, hand_over_ms);
    }
    const onResponse = mode === 'least' ? () => (finished += 1) : null;
    if (mode === 'tender') await setEndpoint(false);
    await cannon(options, warmup_seconds, null, onResponse);
    const latencies = [];
    const cpu_before = cpuSeconds(processes);
    const result = await cannon(options, seconds, latencies, onResponse);
    const cpu_after = cpuSeconds(processes);
    if (handing !== null) clearInterval(handing);
    if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
      throw new Error(`${mode}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    if (mode === 'least') {
      if (finished > 0) handOver(finished);
      await waitFor(async () => {
        const stats = await deliverer_stats();
        return stats.sent === handed_total * templates.length && stats.in_flight === 0;
      }, 'the least deliverer did not finish');
      const stats = await deliverer_stats();
      if (stats.failed > 0) throw new Error(`least: ${stats.failed} deliveries failed`);
    }
    if (mode === 'tender') {
      await waitFor(async () => (await pending()) === 0, 'Tender did not drain its deliveries');
      await setEndpoint(true);
    }
    const payments_per_second = Math.round(result.requests.mean);
    const cpu_us_per_payment =
      cpu_before === null
        ? null
        : Object.fromEntries(
            ['bench', 'tender', 'receiver', 'deliverer', 'tender_request_thread'].map((name, index) => [
              name,
              Math.round(((cpu_after[index] - cpu_before[index]) * 1e6) / result.requests.total),
            ]),
          );
    return { mode, payments_per_second, latency_ms: latencySummary(latencies), cpu_us_per_payment };
  }

  const rows = [];
  for (let round_index = 0; round_index < rounds; round_index += 1)
    for (const mode of ['alone', 'least', 'tender']) {
      const row = { round: round_index + 1, ...(await run(mode)) };
      rows.push(row);
      process.stdout.write(`round ${row.round} ${row.mode.padEnd(6)} ${row.payments_per_second} payments/s\n`);
    }
  const received = await requestJson(receiver.url, 'GET', '/stats', {});
  const sent = await deliverer_stats();
  const outbox = await requestJson(tender.url, 'GET', '/_tender/webhook_deliveries/summary', payment.headers);
  for (const child of [deliverer, tender, receiver]) await stopChild(child);
  // Every delivery of both deliverers arrived, and Tender's only once each.
  if (outbox.failed > 0 || outbox.canceled > 0) throw new Error(`Tender: ${outbox.failed} failed, ${outbox.canceled} canceled deliveries`);
  if (received.total !== sent.answered_2xx + outbox.delivered)
    throw new Error(`the receiver got ${received.total} deliveries for ${sent.answered_2xx} + ${outbox.delivered} sent`);

  const lines = [
    `ceiling ${ceiling_rps} req/s; ${connections} connections, ${seconds} s per run; CPU is us per payment (all threads of each process)`,
    'round mode    payments/s  p50 ms  p99 ms  vs ceiling  vs alone  cpu: tender (request thread) receiver deliverer bench',
  ];
  for (const row of rows) {
    const alone = rows.find((other) => other.round === row.round && other.mode === 'alone');
    row.ratio_to_ceiling = round(row.payments_per_second / ceiling_rps, 3);
    row.ratio_to_alone = round(row.payments_per_second / alone.payments_per_second, 2);
    const cpu = row.cpu_us_per_payment;
    lines.push(
      `${String(row.round).padStart(5)} ${row.mode.padEnd(7)} ${String(row.payments_per_second).padStart(10)} ${row.latency_ms.p50.toFixed(2).padStart(7)} ${row.latency_ms.p99.toFixed(2).padStart(7)} ${row.ratio_to_ceiling.toFixed(3).padStart(10)}x ${row.ratio_to_alone.toFixed(2).padStart(8)}` +
        (cpu === null
          ? ''
          : `  ${String(cpu.tender).padStart(11)} ${`(${cpu.tender_request_thread})`.padStart(16)} ${String(cpu.receiver).padStart(8)} ${String(cpu.deliverer).padStart(9)} ${String(cpu.bench).padStart(5)}`),
    );
  }
  lines.push(`receiver: ${received.total} deliveries: ${sent.answered_2xx} from the least deliverer, ${outbox.delivered} from Tender`);
  process.stdout.write(`${lines.join('\n')}\n`);
  writeResults(results_file, {
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    connections,
    seconds,
    ceiling_rps,
    rows,
  });
  process.stdout.write(`wrote ${path.relative(repo_root, results_file)}\n`);
}

runScript(main, () => fs.rmSync(tender_dir, { recursive: true, force: true }));
