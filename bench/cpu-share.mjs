// How much CPU *other* processes used while a workload ran (Linux /proc only; null elsewhere). The
// machine is shared: a run where others took a large share is not comparable with a quiet one.
import fs from 'node:fs';
import os from 'node:os';

const clock_ticks_per_second = 100; // USER_HZ on Linux

function readTicks(pids) {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    const busy = user + nice + system + irq + softirq + steal;
    let ours = 0;
    for (const pid of pids) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const after_name = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ours += Number(after_name[11]) + Number(after_name[12]); // utime, stime
    }
    return { busy, ours, at_ms: performance.now() };
  } catch {
    return null;
  }
}

/** Starts a sample over this process and `pids`; `stop()` returns the others' share of all CPUs, 0-1. */
export function sampleOthersCpu(pids) {
  const all = [process.pid, ...pids];
  const start = readTicks(all);
  return {
    stop() {
      const end = readTicks(all);
      if (start === null || end === null) return null;
      const elapsed_ticks = ((end.at_ms - start.at_ms) / 1000) * clock_ticks_per_second * os.cpus().length;
      const others = end.busy - start.busy - (end.ours - start.ours);
      return Math.max(0, Math.round((others / elapsed_ticks) * 1000) / 1000);
    },
  };
}
