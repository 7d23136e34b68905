// `tender verify` as a user runs it: a `tender serve` child books a payment into a SQLite file and
// stops; verify finds the ledger sound (exit 0); a balance transaction edited behind Tender's back
// makes it exit 1 and name the entry.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/tender.js', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'tender-verify-'));
const db = join(directory, 'tender.db');
const secret = 'sk_test_cliVerifyKey0123456789';

function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db, '--log-level', 'silent', '--secret-key', secret], {
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
        resolve({ child, url: match[1]! });
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

const verify = (location: string) => spawnSync(process.execPath, [bin, 'verify', '--db', location], { encoding: 'utf8', timeout: 15_000 });

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('tender verify', () => {
  it('exits 0 on a sound ledger and 1, naming the entry, once a row is edited', async () => {
    const server = await serve();
    const paid = await fetch(`${server.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
      body: new URLSearchParams({
        amount: '2000',
        currency: 'usd',
        payment_method: 'pm_card_visa',
        'payment_method_types[]': 'card',
        confirm: 'true',
      }),
    });
    expect(paid.status).toBe(200);
    expect(await stop(server.child)).toBe(0);

    const clean = verify(db);
    expect(clean.stdout).toMatch(/Checked 1 account\(s\), 1 balance transaction\(s\), 1 charge\(s\)/);
    expect(clean.stdout).toMatch(/Ledger OK/);
    expect(clean.status).toBe(0);

    const connection = new BetterSqlite3(db);
    const { id } = connection.prepare('SELECT id FROM balance_transactions').get() as { id: string };
    connection.prepare(`UPDATE balance_transactions SET data = json_set(data, '$.fee', 1) WHERE id = ?`).run(id);
    connection.close();

    const drifted = verify(db);
    expect(drifted.stdout).toMatch(/Ledger drift: 2 violation\(s\)/);
    expect(drifted.stdout).toContain(`net_mismatch acct_`);
    expect(drifted.stdout).toMatch(new RegExp(`net_mismatch acct_\\w+\\(test\\) id="${id}" amount=2000 fee=1 net=1912`));
    expect(drifted.stdout).toMatch(new RegExp(`fee_details_mismatch acct_\\w+\\(test\\) id="${id}" fee=1 fee_details_total=88`));
    expect(drifted.status).toBe(1);
  });

  it('refuses a database file that does not exist, creating nothing', () => {
    const missing = join(directory, 'missing', 'tender.db');
    const result = verify(missing);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`tender: no Tender database at ${missing}`);
    expect(existsSync(join(directory, 'missing'))).toBe(false);
  });
});
