// Turns measured runs into the printed table and bench/results/latest.json. Ratios are to the
// ceiling's req/s measured in the same invocation, so they mean something on any machine.
import fs from 'node:fs';
import path from 'node:path';

/**
 * @typedef {object} Measured
 * @property {string} engine             'none' for the ceiling
 * @property {string} workload
 * @property {string} request            e.g. 'POST /v1/customers'
 * @property {number} requests_per_second_mean
 * @property {number} requests_total
 * @property {number} duration_seconds
 * @property {{p50: number, p90: number, p99: number, max: number, mean: number}} latency_ms
 * @property {number|null} others_cpu_share   CPU share of all cores used by other processes during the run
 * @property {Record<string, number>} status_codes
 * @property {number} [ratio_to_ceiling]
 */

/** Above this share of all CPUs taken by other processes during a run, its figures are flagged. */
export const others_cpu_share_noisy = 0.1;

export function addRatios(measured, ceiling) {
  return measured.map((row) => ({ ...row, ratio_to_ceiling: round(row.requests_per_second_mean / ceiling.requests_per_second_mean, 3) }));
}

/** One verdict per target per engine it applies to; an `any_of` target is met when one of its conditions is. */
export function judge(targets, rows) {
  const verdicts = [];
  for (const target of targets) {
    for (const row of rows.filter((candidate) => candidate.workload === target.workload)) {
      if (target.any_of !== undefined) {
        const parts = target.any_of.map((condition) => judgeCondition(condition, row));
        verdicts.push({
          ...target,
          engine: row.engine,
          measured: parts.map((part) => part.measured),
          met: parts.some((part) => part.met),
          description: parts.map((part) => part.description).join(' or '),
        });
      } else {
        verdicts.push({ ...target, engine: row.engine, ...judgeCondition(target, row) });
      }
    }
  }
  return verdicts;
}

function judgeCondition(condition, row) {
  const measured = measuredValue(condition.metric, row);
  const met = condition.bound === 'min' ? measured >= condition.threshold : measured < condition.threshold;
  return { measured, met, description: describeCondition(condition) };
}

function measuredValue(metric, row) {
  if (metric === 'ratio_to_ceiling') return row.ratio_to_ceiling;
  if (metric === 'requests_per_second') return round(row.requests_per_second_mean, 1);
  if (metric === 'latency_p99_ms') return row.latency_ms.p99;
  if (metric === 'webhook_latency_p99_ms') return row.webhooks.latency_ms.p99;
  if (metric === 'webhook_drain_ms') return row.webhooks.drain_ms;
  throw new Error(`unknown target metric ${JSON.stringify(metric)}`);
}

function describeCondition(condition) {
  const operator = condition.bound === 'min' ? '>=' : '<';
  if (condition.metric === 'ratio_to_ceiling') return `req/s ${operator} ${Math.round(condition.threshold * 100)}% of ceiling`;
  if (condition.metric === 'requests_per_second') return `req/s ${operator} ${condition.threshold.toLocaleString('en-US')}`;
  if (condition.metric === 'webhook_latency_p99_ms') return `event-to-delivery p99 ${operator} ${condition.threshold} ms`;
  if (condition.metric === 'webhook_drain_ms') return `backlog drained ${operator} ${condition.threshold} ms after the load`;
  return `p99 ${operator} ${condition.threshold} ms`;
}

export function printReport({ environment, rows, verdicts }, write = (line) => process.stdout.write(`${line}\n`)) {
  write('');
  write(`Tender bench  ${environment.date}  node ${environment.node}  ${environment.cpus} CPUs (${environment.cpu_model})`);
  write(
    `load average at start ${environment.load_average_start.join(' ')}; ${environment.connections} connections, ` +
      `${environment.warmup_seconds} s warm-up + ${environment.seconds} s per workload`,
  );
  write('');
  const header = ['engine', 'workload', 'request', 'req/s', 'p50 ms', 'p99 ms', 'vs ceiling', 'targets'];
  const table = rows.map((row) => {
    const mine = verdicts.filter((verdict) => verdict.workload === row.workload && verdict.engine === row.engine);
    return [
      row.engine,
      row.workload,
      row.request,
      Math.round(row.requests_per_second_mean).toLocaleString('en-US'),
      row.latency_ms.p50.toFixed(2),
      row.latency_ms.p99.toFixed(2),
      `${row.ratio_to_ceiling.toFixed(2)}x`,
      mine.map((verdict) => `${verdict.description}: ${verdict.met ? 'met' : 'NOT MET'}`).join('; '),
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column].length)));
  const numeric = new Set([3, 4, 5, 6]);
  const line = (cells) =>
    cells
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  write(line(header));
  write(line(widths.map((width) => '-'.repeat(width))));
  for (const cells of table) write(line(cells));
  write('');
  for (const row of rows.filter((candidate) => candidate.webhooks !== undefined)) {
    const hooks = row.webhooks;
    write(
      `${row.engine} webhooks: ${Math.round(hooks.deliveries_per_second).toLocaleString('en-US')} deliveries/s during the load, ` +
        `event-to-delivery p50 ${hooks.latency_ms.p50} ms, p99 ${hooks.latency_ms.p99} ms, max ${hooks.latency_ms.max} ms; ` +
        `backlog at most ${hooks.backlog_max.toLocaleString('en-US')} deliveries, drained ${hooks.drain_ms} ms after the load; ` +
        `${hooks.delivered.toLocaleString('en-US')} received for ${hooks.expected.toLocaleString('en-US')} recorded deliveries (${hooks.distinct_events.toLocaleString('en-US')} distinct events)`,
    );
  }
  if (rows.some((candidate) => candidate.webhooks !== undefined)) write('');
  const noisy = rows.filter((row) => row.others_cpu_share !== null && row.others_cpu_share > others_cpu_share_noisy);
  if (noisy.length > 0) {
    write(
      `Caution: other processes used more than ${others_cpu_share_noisy * 100}% of the CPUs during ` +
        `${noisy.map((row) => `${row.engine}/${row.workload} (${Math.round(row.others_cpu_share * 100)}%)`).join(', ')}; rerun when the machine is quiet.`,
    );
  }
  const unmet = verdicts.filter((verdict) => !verdict.met);
  write(unmet.length === 0 ? `All ${verdicts.length} targets met.` : `${unmet.length} of ${verdicts.length} targets NOT met.`);
}

export function writeResults(file, report) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** Percentiles from raw latencies (ms, sub-millisecond precision), nearest-rank. */
export function latencySummary(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  if (sorted.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const at = (percentile) => sorted[Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1)];
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    p50: round(at(50), 3),
    p90: round(at(90), 3),
    p99: round(at(99), 3),
    max: round(sorted[sorted.length - 1], 3),
    mean: round(sum / sorted.length, 3),
  };
}

export function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
