// Child processes of the bench (the ceiling server, Tender, the webhook receiver), and the run of a
// standalone bench script around them. Every child started here is tracked until it exits:
// `stopAll()` asks politely (SIGTERM, so Tender closes its store and writes any CPU profile), then
// kills; the synchronous `killAllNow()` is the last resort from process 'exit'.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const bench_dir = path.dirname(fileURLToPath(import.meta.url));

const stderr_tail_bytes_max = 16 * 1024;
export const child_ready_timeout_ms = 30_000;
export const child_stop_timeout_ms = 10_000;

/** @type {Set<RunningChild>} */
const live = new Set();

/**
 * @typedef {object} RunningChild
 * @property {string} name
 * @property {import('node:child_process').ChildProcess} process
 * @property {string} url              the http:// URL from the ready line
 * @property {() => string} stderrTail last bytes written to stderr, for error messages
 * @property {Promise<{code: number|null, signal: string|null}>} exited
 */

/**
 * Starts `node <args>` and resolves once a stdout line matches `ready` (its first http:// URL is the
 * child's address). `onUnexpectedExit` fires if the child dies before `stop` was asked for. With
 * `stdin: 'pipe'`, the child's standard input is `process.stdin` of the result, to write to.
 * @param {{name: string, args: string[], cwd: string, ready: RegExp, env?: NodeJS.ProcessEnv,
 *          stdin?: 'ignore' | 'pipe', onUnexpectedExit: (error: Error) => void}} options
 * @returns {Promise<RunningChild>}
 */
export function startChild({ name, args, cwd, ready, env, stdin = 'ignore', onUnexpectedExit }) {
  const child = spawn(process.execPath, args, { cwd, env: env ?? process.env, stdio: [stdin, 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-stderr_tail_bytes_max);
  });
  let stopping = false;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  /** @type {RunningChild} */
  const running = {
    name,
    process: child,
    url: '',
    stderrTail: () => stderr.trim(),
    exited,
    markStopping: () => {
      stopping = true;
    },
  };
  live.add(running);
  exited.then(({ code, signal }) => {
    live.delete(running);
    if (!stopping) {
      onUnexpectedExit(new Error(`${name} exited unexpectedly (code ${code}, signal ${signal})${describeStderr(running)}`));
    }
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${name} printed no line matching ${ready} within ${child_ready_timeout_ms} ms${describeStderr(running)}`));
    }, child_ready_timeout_ms);
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (running.url !== '' || !ready.test(line)) return;
      const match = /https?:\/\/\S+/.exec(line);
      if (match === null) return;
      running.url = match[0].replace(/\/$/, '');
      clearTimeout(timer);
      resolve(running);
    });
    // Keeps draining stdout after the ready line (readline does), so the child never blocks on a full pipe.
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})${describeStderr(running)}`));
    });
  });
}

function describeStderr(running) {
  const tail = running.stderrTail();
  return tail === '' ? '' : `\n--- ${running.name} stderr (tail) ---\n${tail}`;
}

/** SIGTERM, wait up to child_stop_timeout_ms, then SIGKILL. Resolves when the child is gone. */
export async function stopChild(running) {
  running.markStopping();
  if (running.process.exitCode !== null || running.process.signalCode !== null) return running.exited;
  running.process.kill('SIGTERM');
  let timer;
  const killed = new Promise((resolve) => {
    timer = setTimeout(() => {
      running.process.kill('SIGKILL');
      resolve(undefined);
    }, child_stop_timeout_ms);
  });
  await Promise.race([running.exited, killed]);
  clearTimeout(timer);
  return running.exited;
}

export async function stopAll() {
  await Promise.all([...live].map((running) => stopChild(running)));
}

/** Synchronous: for process 'exit', where nothing asynchronous runs any more. */
export function killAllNow() {
  for (const running of live) {
    running.markStopping();
    try {
      running.process.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Starts `ceiling-server.mjs`, the bare node:http server every bench script measures Tender against. */
export function startCeiling(onUnexpectedExit) {
  return startChild({
    name: 'ceiling server',
    args: [path.join(bench_dir, 'ceiling-server.mjs')],
    cwd: path.resolve(bench_dir, '..'),
    ready: /^ceiling listening on /,
    onUnexpectedExit,
  });
}

/** Starts `webhook-receiver.mjs`, the webhook endpoint of the webhook benches (it counts what arrives). */
export function startWebhookReceiver(onUnexpectedExit) {
  return startChild({
    name: 'webhook receiver',
    args: [path.join(bench_dir, 'webhook-receiver.mjs')],
    cwd: path.resolve(bench_dir, '..'),
    ready: /^receiver listening on /,
    onUnexpectedExit,
  });
}

/** A standalone script's `onUnexpectedExit`: a child died mid-run, so no figure can be trusted. */
export function abortScript(error) {
  process.stderr.write(`${error.message}\n`);
  killAllNow();
  process.exit(1);
}

/**
 * Runs a standalone bench script's `main`: on an error, SIGINT or SIGTERM its children are stopped
 * (politely, then killed), and at exit they are killed and `cleanup` (its temporary files) runs.
 */
export function runScript(main, cleanup) {
  process.once('exit', () => {
    killAllNow();
    cleanup();
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void stopAll().then(() => process.exit(130)));
  main().catch(async (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    await stopAll();
    process.exit(1);
  });
}
