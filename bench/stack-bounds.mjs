// `npm run bench:bounds`: what the decided stack can reach on this machine at best, beside Tender, in
// one run against one ceiling. For the create and retrieve workloads of `npm run bench` it measures the
// bare node:http ceiling, `stack-bounds-server.mjs` (the least work those requests can do durably) on
// Fastify and on node:http alone, and Tender itself. If the bound is under a target, no work on
// Tender's own code can meet that target with this stack on this machine (docs/PERFORMANCE.md).
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { abortScript, runScript, startCeiling, startChild, stopChild } from './children.mjs';
import { cannon, connections } from './load.mjs';
import { latencySummary, round, writeResults } from './report.mjs';
import { ceiling_workload, requestJson, secret_key, seed, tender_workloads } from './workloads.mjs';

const bench_dir = path.dirname(fileURLToPath(import.meta.url));
const repo_root = path.resolve(bench_dir, '..');
const results_file = path.join(bench_dir, 'results', 'stack-bounds.json');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup_seconds = 2;
const workloads = tender_workloads.filter((workload) => workload.name === 'create' || workload.name === 'retrieve');

const tender_dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tender-bounds-'));
/** The bounds server's create answers a customer; Tender is seeded as `npm run bench` seeds it. */
const createOne = async (url) => ({
  customer_id: (await requestJson(url, 'POST', '/v1/customers', workloads[0].headers, workloads[0].body)).id,
});
const bounds_server = path.join(bench_dir, 'stack-bounds-server.mjs');
const bounds_ready = /^bounds listening on /;
const servers = [
  {
    name: 'node:http + better-sqlite3',
    args: [bounds_server],
    env: { BOUNDS_FRAMEWORK: 'node-http' },
    ready: bounds_ready,
    seed: createOne,
  },
  { name: 'Fastify + better-sqlite3', args: [bounds_server], env: { BOUNDS_FRAMEWORK: 'fastify' }, ready: bounds_ready, seed: createOne },
  {
    name: 'Tender',
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
    env: {},
    ready: /^Tender listening on http/,
    seed,
  },
];

async function measure(url, workload, seeded) {
  const options = { url: url + workload.path(seeded), method: workload.method, headers: workload.headers, body: workload.body };
  await cannon(options, warmup_seconds, null);
  const latencies = [];
  const result = await cannon(options, seconds, latencies);
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${workload.name} at ${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { requests_per_second: Math.round(result.requests.mean), latency_ms: latencySummary(latencies) };
}

async function main() {
  const ceiling = await startCeiling(abortScript);
  const ceiling_row = {
    server: 'ceiling (node:http, fixed body)',
    workload: 'ceiling',
    ...(await measure(ceiling.url, ceiling_workload, {})),
  };
  await stopChild(ceiling);
  const rows = [ceiling_row];
  for (const server of servers) {
    const child = await startChild({
      name: server.name,
      args: server.args,
      cwd: repo_root,
      ready: server.ready,
      env: { ...process.env, ...server.env, BOUNDS_SECRET_KEY: secret_key },
      onUnexpectedExit: abortScript,
    });
    const seeded =
      server.name === 'Tender'
        ? await seed(child.url)
        : { customer_id: (await requestJson(child.url, 'POST', '/v1/customers', workloads[0].headers, workloads[0].body)).id };
    for (const workload of workloads)
      rows.push({ server: server.name, workload: workload.name, ...(await measure(child.url, workload, seeded)) });
    await stopChild(child);
  }
  const lines = ['server                           workload   req/s   p50 ms  p99 ms  vs ceiling'];
  for (const row of rows) {
    row.ratio_to_ceiling = round(row.requests_per_second / ceiling_row.requests_per_second, 2);
    lines.push(
      `${row.server.padEnd(32)} ${row.workload.padEnd(9)} ${String(row.requests_per_second).padStart(7)} ${row.latency_ms.p50.toFixed(2).padStart(7)} ${row.latency_ms.p99.toFixed(2).padStart(7)}  ${row.ratio_to_ceiling.toFixed(2)}x`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  writeResults(results_file, { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, connections, seconds, rows });
  process.stdout.write(`wrote ${path.relative(repo_root, results_file)}\n`);
}

runScript(main, () => fs.rmSync(tender_dir, { recursive: true, force: true }));
