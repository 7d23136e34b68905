// `tender serve` as a user runs it: a real process, a real port, a file-backed store. First start
// creates an account and prints its keys once; later starts reuse it; SIGTERM drains and exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/tender.js', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'tender-cli-'));
const db = join(directory, 'tender.db');

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

function serve(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db, '--log-level', 'silent', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in: ${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Tender listening on (http:\/\/\S+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, output: () => output, url: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('tender serve', () => {
  it('creates an account on first start, reuses it later, and drains on SIGTERM', async () => {
    const first = await serve([]);
    const secret = /Secret key:\s+(sk_test_\w+)/.exec(first.output())?.[1];
    expect(secret).toBeDefined();
    expect(first.output()).toMatch(/Publishable key:\s+pk_test_\w+/);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await fetch(`${first.url}/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
      body: new URLSearchParams({ email: 'cli@example.com' }),
    });
    const customer = (await created.json()) as { id: string };
    expect(created.status).toBe(200);
    // A request still arriving when SIGTERM does (half its body sent) is answered before the exit.
    const body = 'email=drain%40example.com';
    const { port } = new URL(first.url);
    const inFlight = new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/customers',
          headers: {
            authorization: `Bearer ${secret}`,
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': body.length,
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, 10));
      setTimeout(() => {
        const exited = stop(first.child);
        setTimeout(() => request.end(body.slice(10)), 200);
        exitCode = exited;
      }, 200);
    });
    let exitCode: Promise<number | null> | undefined;
    expect(await inFlight).toBe(200);
    expect(await exitCode).toBe(0);

    const second = await serve([]);
    expect(second.output()).not.toMatch(/Secret key:/);
    expect(second.output()).toMatch(/Account acct_\w+: use the secret key printed when it was created/);
    const retrieved = await fetch(`${second.url}/v1/customers/${customer.id}`, { headers: { authorization: `Bearer ${secret}` } });
    expect(((await retrieved.json()) as { email: string }).email).toBe('cli@example.com');
    expect(await stop(second.child)).toBe(0);
  });

  it('fixes a known key with --secret-key and refuses a malformed one', async () => {
    const known = 'sk_test_cliKnownKey0123456789';
    const started = await serve(['--secret-key', known]);
    const response = await fetch(`${started.url}/v1/customers`, { headers: { authorization: `Bearer ${known}` } });
    expect(response.status).toBe(200);
    expect(await stop(started.child)).toBe(0);
    await expect(serve(['--secret-key', 'pk_test_notASecretKey123'])).rejects.toThrow(/--secret-key must look like sk_test_/);
  });
});
