// BENCH_PIN=1: the server's main thread, the one that answers every request, gets CPU 0 to itself;
// everything else the run needs shares the other CPUs: the server's own other threads (Tender's webhook
// sender, WAL checkpointer, V8's and libuv's helpers), the webhook receiver, and this process, the load
// generator. Unpinned, on two cores, the main thread is runnable all the time under load but loses
// 10-15% of it to the others' wake-ups (thousands of involuntary context switches in ten seconds);
// that share, not its own cost, is then what limits the webhooks workload. Linux only (taskset, from
// util-linux, sets each thread's affinity); pinning is applied again before every measured run, since
// threads started later inherit the affinity of the thread that starts them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const request_cpu = 0;

/** Why pinning cannot work here, or null when it can. */
export function pinningUnavailable() {
  if (os.platform() !== 'linux') return `needs Linux (this is ${os.platform()})`;
  if (os.cpus().length < 2) return 'needs at least 2 CPUs';
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return 'needs taskset (util-linux) on the PATH';
  }
  return null;
}

/** The layout, for the report. */
export function describePinning(cpus) {
  return `server main thread on CPU ${request_cpu}; its other threads, the receiver and the load generator on CPUs ${otherCpus(cpus)}`;
}

/**
 * Pins `server_pid`'s main thread to CPU 0 and its other threads, and every thread of `helper_pids`,
 * to the other CPUs.
 */
export function pinLayout(server_pid, helper_pids) {
  const others = otherCpus(os.cpus().length);
  for (const tid of threadsOf(server_pid)) setAffinity(tid, tid === server_pid ? String(request_cpu) : others);
  for (const pid of helper_pids) for (const tid of threadsOf(pid)) setAffinity(tid, others);
}

function otherCpus(cpus) {
  return cpus === 2 ? '1' : `1-${cpus - 1}`;
}

function threadsOf(pid) {
  return fs.readdirSync(`/proc/${pid}/task`).map(Number);
}

function setAffinity(tid, cpus) {
  try {
    execFileSync('taskset', ['-p', '-c', cpus, String(tid)], { stdio: 'ignore' });
  } catch (error) {
    // A thread that ended between the listing and now has nothing left to pin.
    if (fs.existsSync(`/proc/${tid}`)) throw new Error(`taskset -p -c ${cpus} ${tid} failed: ${error.message}`, { cause: error });
  }
}
