// The committed generated-param-schemas.ts must be exactly what the generator writes from the spec
// today. This test is never skipped: without the spec it fails, because then nothing vouches for the
// committed file.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { paramSchemas } from './generated-param-schemas.js';

const script = fileURLToPath(new URL('../../../scripts/generate-param-schemas.mjs', import.meta.url));
const committed = fileURLToPath(new URL('./generated-param-schemas.ts', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'param-schemas-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generated-param-schemas.ts', () => {
  it('is what the generator writes from the spec', () => {
    const out = join(scratch, 'generated-param-schemas.ts');
    execFileSync(process.execPath, [script, '--out', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(committed, 'utf8'));
  });

  it('fails the generator, loudly, when the spec is missing', () => {
    const run = spawnSync(process.execPath, [script, '--spec', join(scratch, 'missing.json'), '--out', join(scratch, 'never.ts')], {
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Cannot read the spec/);
  });

  it('covers the operations Tender serves, with body params for POST and query params otherwise', () => {
    for (const operation of [
      'POST /v1/customers',
      'GET /v1/customers',
      'GET /v1/customers/search',
      'GET /v1/customers/{customer}',
      'DELETE /v1/customers/{customer}',
      'GET /v1/events',
      'POST /v1/payment_intents/{intent}/confirm',
      'POST /v1/checkout/sessions',
      'POST /v1/test_helpers/test_clocks/{test_clock}/advance',
      'GET /v1/balance',
    ]) {
      expect(paramSchemas[operation], operation).toBeDefined();
    }
    const retrieve = paramSchemas['GET /v1/customers/{customer}'];
    expect(retrieve !== undefined && 'properties' in retrieve ? Object.keys(retrieve.properties) : []).toEqual(['expand']);
  });
});
