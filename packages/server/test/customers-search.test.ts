// GET /v1/customers/search over a real socket, on every engine: the answers that need the in-memory
// evaluator (letters beyond ASCII, runs of spaces between words) are the same on SQLite and PostgreSQL,
// deleted customers never show, and a number compared with null is not a type error. Bodies are
// checked against the spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveTender, type LiveTender } from '../src/test-support/live-tender.js';
import { test_engines } from '../src/test-support/test-engines.js';

const validator_url = new URL('../../../../shared/openapi/validate-response.mjs', import.meta.url).href;
const { validate } = (await import(validator_url)) as {
  validate: (method: string, path: string, status: number, body: unknown) => { ok: boolean; errors?: unknown };
};

for (const engine of test_engines) {
  describe(`customer search on ${engine.name}`, () => {
    let tender: LiveTender;
    const tag = `cus${engine.name}${Date.now()}`;
    const made: Record<'elodie' | 'spaced' | 'plain' | 'deleted', string> = {} as never;

    const search = (query: string, extra = '') => tender.call('GET', `/v1/customers/search?query=${encodeURIComponent(query)}${extra}`);
    // Customers made within one second tie on `created` and then order by id, so sets compare sorted.
    const ids = async (query: string, extra = '') => {
      const answer = await search(`metadata["tag"]:"${tag}" AND ${query}`, extra);
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      expect(validate('GET', '/v1/customers/search', 200, answer.json).errors ?? []).toEqual([]);
      return answer.json.data.map((customer: { id: string }) => customer.id);
    };

    beforeAll(async () => {
      tender = await startLiveTender(engine);
      const create = async (name: string) => {
        const answer = await tender.call('POST', '/v1/customers', { form: `name=${encodeURIComponent(name)}&metadata[tag]=${tag}` });
        expect(answer.status, JSON.stringify(answer.json)).toBe(200);
        return answer.json.id as string;
      };
      made.elodie = await create('Élodie Martin');
      made.spaced = await create('Ada  Lovelace');
      made.plain = await create('Ada Byron');
      made.deleted = await create('Ada  Lovelace');
      expect((await tender.call('DELETE', `/v1/customers/${made.deleted}`)).status).toBe(200);
    });
    afterAll(async () => {
      await tender.close();
    });

    it('folds the case of letters beyond ASCII as the evaluator does', async () => {
      expect(await ids('name:"élodie"')).toEqual([made.elodie]);
      expect(await ids('name:"ÉLODIE MARTIN"')).toEqual([made.elodie]);
      expect(await ids('name~"LODIE"')).toEqual([made.elodie]);
      expect((await ids('-name:"élodie"')).sort()).toEqual([made.plain, made.spaced].sort());
    });

    it('matches words apart by more than one space, leaving out deleted customers', async () => {
      expect(await ids('name:"ada lovelace"')).toEqual([made.spaced]);
      expect((await ids('name:"ada"')).sort()).toEqual([made.plain, made.spaced].sort());
      const counted = await search(`metadata["tag"]:"${tag}" AND name:"ada lovelace"`, '&expand[]=total_count');
      expect(counted.json).toMatchObject({ has_more: false, next_page: null, total_count: 1 });
    });

    it('compares created with null without a type error', async () => {
      expect(await ids('created:null')).toEqual([]);
      expect((await ids('-created:null')).sort()).toEqual([made.plain, made.spaced, made.elodie].sort());
    });
  });
}
