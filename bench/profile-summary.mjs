// Summarises a V8 .cpuprofile (from `BENCH_CPU_PROF=1 npm run bench`): the functions with the most
// self time, i.e. where the CPU actually was, not who called it.
// Usage: node bench/profile-summary.mjs <file.cpuprofile[.json]> [count, default 15] [--group]
//   --group sums self time per dependency / Tender folder instead of per function.
import fs from 'node:fs';
import path from 'node:path';

const group = process.argv.includes('--group');
const [file, count_text = '15'] = process.argv.slice(2).filter((arg) => arg !== '--group');
if (file === undefined) {
  process.stderr.write('usage: node bench/profile-summary.mjs <file.cpuprofile> [count]\n');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const by_node = new Map(profile.nodes.map((node) => [node.id, node]));
const self_us = new Map();
let total_us = 0;
profile.samples.forEach((node_id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  const { callFrame } = by_node.get(node_id);
  const where = callFrame.url === '' ? '' : `${shorten(callFrame.url)}:${callFrame.lineNumber + 1}`;
  const key = group ? groupOf(callFrame) : `${callFrame.functionName || '(anonymous)'}  ${where}`.trim();
  self_us.set(key, (self_us.get(key) ?? 0) + delta);
  total_us += delta;
});

const idle = ['(idle)', '(program)', '(garbage collector)'];
const busy_us = total_us - [...self_us].filter(([key]) => idle.includes(key)).reduce((sum, [, us]) => sum + us, 0);
process.stdout.write(
  `${path.basename(file)}: ${(total_us / 1e6).toFixed(1)} s sampled, ${(busy_us / 1e6).toFixed(1)} s in JavaScript and native code\n`,
);
process.stdout.write(group ? ' self ms   % all  group\n' : ' self ms   % all  function  location\n');
for (const [key, us] of [...self_us].sort((a, b) => b[1] - a[1]).slice(0, Number(count_text))) {
  process.stdout.write(`${(us / 1000).toFixed(0).padStart(8)}  ${((100 * us) / total_us).toFixed(1).padStart(5)}%  ${key}\n`);
}

function shorten(url) {
  const text = url.replace(/^file:\/\//, '');
  const modules = text.lastIndexOf('node_modules/');
  if (modules !== -1) return text.slice(modules + 'node_modules/'.length);
  const packages = text.indexOf('/packages/');
  return packages === -1 ? text : text.slice(packages + 1);
}

/** node_modules/<package>, packages/<name>/dist/<folder>, node internals, or the native frame's name. */
function groupOf(callFrame) {
  const url = callFrame.url.replace(/^file:\/\//, '');
  if (url === '') return callFrame.functionName.startsWith('(') ? callFrame.functionName : `native ${callFrame.functionName}`;
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return `dependency ${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  const match = /\/packages\/([^/]+)\/(?:dist|bin)\/([^/]+)/.exec(url);
  return match === null ? url : `tender ${match[1]}/${match[2].replace(/\.js$/, '')}`;
}
