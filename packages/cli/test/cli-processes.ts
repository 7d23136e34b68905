// Helpers for the CLI's tests: `tender` run as a user runs it, a real child process of the built bin,
// with its output collected and waited on. Client commands read no key or URL from the test's own
// environment: each test passes them.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StripeClient, StripeError } from '@tender/sdk';

export const bin = fileURLToPath(new URL('../bin/tender.js', import.meta.url));

export interface TenderProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output at or after `from` (an output length). */
  waitForOutput(pattern: RegExp, options?: { from?: number; timeout_ms?: number }): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

/** The environment without any Tender or Stripe settings of the machine running the tests. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['TENDER_API_KEY', 'STRIPE_API_KEY', 'TENDER_URL', 'NO_COLOR', 'FORCE_COLOR']) delete env[name];
  return { ...env, ...extra };
}

export function spawnTender(args: string[], env: Record<string, string> = {}): TenderProcess {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv(env) });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of [...listeners]) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitForOutput(pattern, options = {}) {
      const from = options.from ?? 0;
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output.slice(from));
          if (match === null) return false;
          done();
          resolve(match);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} in the output of tender ${args[0]}:\n${output}`));
        }, options.timeout_ms ?? 15_000);
        const onExit = () => {
          if (check()) return;
          done();
          reject(new Error(`tender ${args[0]} exited before printing ${pattern}:\n${output}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(listener);
          child.off('close', onExit);
        };
        const listener = () => void check();
        if (check()) return;
        listeners.add(listener);
        child.once('close', onExit);
      });
    },
  };
}

/** Runs a command to its end: exit code and output. */
export async function runTender(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const started = spawnTender(args, env);
  const code = await started.exited;
  return { code, output: started.output() };
}

export interface Served {
  process: TenderProcess;
  url: string;
}

/** `tender serve` on a SQLite file with a known key; resolves once it listens. */
export async function serve(db: string, secretKey: string, port = 0, extra: string[] = []): Promise<Served> {
  const started = spawnTender(['serve', '--port', String(port), '--db', db, '--log-level', 'silent', '--secret-key', secretKey, ...extra]);
  const match = await started.waitForOutput(/Tender listening on (http:\/\/\S+)/);
  return { process: started, url: match[1]! };
}

export async function stop(started: TenderProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return started.child.exitCode;
  started.child.kill(signal);
  return started.exited;
}

/**
 * A call to a running Tender with `key`, through the SDK (no retries): the status and the parsed JSON,
 * for an error answer too (its `{error}` envelope), so a test's status check can fail.
 */
export async function api(
  url: string,
  key: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  form?: Record<string, string>,
): Promise<{ status: number; /** Untyped: each test reads the fields it checks. */ json: any }> {
  const client = new StripeClient(key, { baseUrl: url, maxNetworkRetries: 0, telemetry: false });
  try {
    const response = await client.rawRequest(method, path, form);
    return { status: response.statusCode, json: response.data };
  } catch (error) {
    if (!(error instanceof StripeError) || error.statusCode === undefined) throw error;
    return { status: error.statusCode, json: { error: error.raw } };
  }
}

/** A loopback port nothing listens on (it was free a moment ago), for "server unreachable" cases. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
