// `tender verify`: re-derives every balance from the ledger entries (verifyLedger) and reports any
// drift. Exit 0 when the ledger holds, 1 with one line per violation otherwise. Read-only: it never
// migrates or writes, and refuses a SQLite file that does not exist rather than create an empty one.
import { existsSync } from 'node:fs';
import { openStore, verifyLedger, type LedgerViolation } from '@tender/server';

export interface VerifyOptions {
  db: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function verify(options: VerifyOptions): Promise<void> {
  const is_file = options.db !== ':memory:' && !/^postgres(ql)?:\/\//.test(options.db);
  if (is_file && !existsSync(options.db)) throw new Error(`no Tender database at ${options.db}`);
  const store = openStore({ db: options.db, nowSeconds });
  try {
    const report = await verifyLedger(store, nowSeconds());
    const out = process.stdout;
    out.write(`Checked ${report.accounts} account(s), ${report.entries} balance transaction(s), ${report.charges} charge(s).\n`);
    if (report.violations.length === 0) {
      out.write('Ledger OK: every balance matches its entries.\n');
      return;
    }
    out.write(`Ledger drift: ${report.violations.length} violation(s)\n`);
    for (const violation of report.violations) out.write(`  ${describe(violation)}\n`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

/** `code account[mode] field=value …`, one line, the violation's own fields in order. */
function describe(violation: LedgerViolation): string {
  const { code, account, livemode, ...fields } = violation;
  const details = Object.entries(fields).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return [code, `${account}(${livemode ? 'live' : 'test'})`, ...details].join(' ');
}
