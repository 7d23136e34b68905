// Search in SQL against the in-memory evaluator, on every engine: seeded random objects (mixed case,
// non-ASCII letters, odd whitespace, nulls, ties on `created`) and seeded random queries over every
// field of customers, PaymentIntents and charges. For each query the pages read until has_more is
// false, and the total, must equal the evaluator's answer in order; and SQL's bounds must hold
// (must => match => may), being equal wherever the searched text is plain ASCII.
import { sql, type CompiledQuery, type SqlBool } from 'kysely';
import { search_total_count_max } from '../domain/search/search-limits.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSearchPage, type SearchPagePosition } from '../domain/search/search-page-token.js';
import { parseSearchQuery, type SearchFieldKind } from '../domain/search/search-query.js';
import {
  chargeSearch,
  customerSearch,
  matchesSearchResource,
  paymentIntentSearch,
  type SearchResource,
} from '../domain/search/search-resources.js';
import { test_engines } from '../test-support/test-engines.js';
import type { ObjectTable, Scope } from './object-pages.js';
import { openStore } from './open-store.js';
import { countSearchMatches, readSearchPage, searchBounds, searchScanner, type SearchScan, type SearchTargets } from './search-filter.js';
import { chargeSearchTargets, customerSearchTargets, paymentIntentSearchTargets } from './search-targets.js';
import type { SqlExecutor, Store } from './store.js';

const scope: Scope = { account_id: 'acct_search', livemode: false };
const objects_per_resource = 70;
const queries_per_resource = 120;
const seed = 20240611;

/** mulberry32: a small seeded generator, so a failure names a reproducible case. */
function seededRandom(start: number) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick<T>(values: readonly T[]): T {
      return values[Math.floor(next() * values.length)]!;
    },
    chance: (probability: number) => next() < probability,
  };
}
type Random = ReturnType<typeof seededRandom>;

// Values chosen to meet each other in case-insensitive comparisons, in ASCII and beyond it: the
// Kelvin sign folds to an ASCII k, dotted İ folds to two code points, ß has no single upper case.
const tokens = ['usd', 'USD', 'Eur', 'éur', 'ÉUR', 'visa', 'Visa', 'ÅNGSTRÖM', 'ångström', 'Straße', 'STRASSE', 'İstanbul', 'istanbul'];
const oddTokens = ['\u212Aelvin', 'kelvin', 'a_b', 'a%b', 'a\\b', 'x"y', '4242', '0042', '12', ''];
const texts = [...tokens, ...oddTokens];
const names = [
  'Ada Lovelace',
  'ada  lovelace',
  'Ada\tLovelace',
  ' Grace Hopper ',
  'grace hopper jr',
  'ZOË ÅNGSTRÖM',
  'zoë ångström',
  'Zoë\u00a0Ångström',
];
const words = ['ada', 'lovelace', 'ada lovelace', 'grace hopper', 'hopper jr', 'zoë', 'zoë ångström', 'ÅNGSTRÖM', 'love'];
const amounts = [0, 50, 999, 1000, 1001, 2000];
const createdValues = [1_700_000_000, 1_700_000_001, 1_700_000_002, 1_700_000_003];
const metadataKeys = ['k', 'tier', 'odd "key"', 'clé'];

const maybe = <T>(random: Random, value: T): T | null => (random.chance(0.2) ? null : value);

function metadataOf(random: Random): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const key of metadataKeys) if (random.chance(0.5)) metadata[key] = random.pick(texts);
  return metadata;
}

interface Generated {
  table: ObjectTable;
  object: Record<string, unknown> & { id: string; created: number };
  /** The table's own columns besides the common ones. */
  columns: Record<string, unknown>;
}

function customerObject(random: Random, id: string, created: number): Generated {
  const object = {
    id,
    object: 'customer',
    created,
    email: maybe(random, random.pick([...texts, 'ada@example.com', 'ADA@Example.COM'])),
    name: maybe(random, random.pick([...names, ...texts])),
    phone: maybe(random, random.pick(['+15555550100', '', '+1 555 555'])),
    metadata: metadataOf(random),
  };
  return { table: 'customers', object, columns: { email: object.email, name: object.name, phone: object.phone, deleted: 0 } };
}

function paymentIntentObject(random: Random, id: string, created: number): Generated {
  const object = {
    id,
    object: 'payment_intent',
    created,
    amount: random.pick(amounts),
    currency: random.pick(texts),
    customer: maybe(random, random.pick(['cus_A', 'cus_a', 'cus_É', 'cus_é'])),
    status: random.pick(['succeeded', 'requires_payment_method', 'canceled', 'Succeeded', 'ÉTAT']),
    metadata: metadataOf(random),
  };
  return { table: 'payment_intents', object, columns: { customer: object.customer, status: object.status } };
}

function chargeObject(random: Random, id: string, created: number): Generated {
  const amount = random.pick(amounts);
  const refundedInFull = random.chance(0.3);
  const amountRefunded = refundedInFull ? amount : random.chance(0.4) ? random.int(amount + 1) : 0;
  const card = () => ({
    brand: random.pick(texts),
    exp_month: random.pick([1, 2, 12]),
    exp_year: random.pick([2030, 2031]),
    fingerprint: random.pick(texts),
    last4: random.pick(['4242', '0042', '1234', 'ÅBCD']),
  });
  const source = random.pick(['card', 'card_present', 'interac_present', null] as const);
  const object = {
    id,
    object: 'charge',
    created,
    amount,
    amount_refunded: amountRefunded,
    refunded: refundedInFull,
    billing_details: random.chance(0.2) ? { address: null } : { address: { postal_code: maybe(random, random.pick(texts)) } },
    currency: random.pick(texts),
    customer: maybe(random, random.pick(['cus_A', 'cus_a', 'cus_É'])),
    disputed: random.chance(0.3),
    metadata: metadataOf(random),
    payment_method_details: source === null ? null : { type: source, [source]: card() },
    status: random.pick(['succeeded', 'pending', 'failed', 'FAILED']),
  };
  return { table: 'charges', object, columns: { customer: object.customer, payment_intent: null } };
}

/** A value for one clause, written as the query language wants it. */
function queryValue(random: Random, kind: SearchFieldKind, operator: string, field: string): string | null {
  const quote = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  if (operator === ':' && random.chance(0.12)) return 'null';
  if (kind === 'number') {
    const base = field === 'created' ? random.pick(createdValues) : random.pick(amounts);
    const value = random.pick([base, base + 1, base - 1, base + 0.5]);
    return random.chance(0.3) ? quote(String(value)) : String(value);
  }
  if (operator === '~') {
    const source = random.pick([...texts, ...names, 'ada@example.com']);
    if ([...source].length < 3) return quote('ada');
    const characters = [...source];
    const start = random.int(characters.length - 2);
    const length = 3 + random.int(characters.length - start - 2);
    const piece = characters.slice(start, start + length).join('');
    return quote(random.chance(0.5) ? piece.toUpperCase() : piece);
  }
  const candidates: string[] =
    kind === 'string'
      ? [...words, ...texts, 'ada@example.com']
      : field.endsWith('exp_month')
        ? ['1', '12', '01']
        : field.endsWith('exp_year')
          ? ['2030', '2031']
          : field === 'disputed' || field === 'refunded'
            ? ['true', 'false', 'TRUE']
            : field === 'customer'
              ? ['cus_A', 'cus_a', 'cus_É', 'CUS_é']
              : field === 'status'
                ? ['succeeded', 'SUCCEEDED', 'pending', 'failed', 'canceled', 'état']
                : field.endsWith('last4')
                  ? ['4242', '0042', 'åbcd']
                  : texts;
  const value = random.pick(candidates.filter((text) => text.trim() !== ''));
  return quote(random.chance(0.3) ? value.toUpperCase() : value);
}

function randomQuery(random: Random, resource: SearchResource): string {
  const fields = Object.keys(resource.fields);
  const clauses: string[] = [];
  const count = 1 + random.int(3);
  for (let index = 0; index < count; index += 1) {
    const field = random.pick(fields);
    const kind = resource.fields[field]!;
    const operator = kind === 'number' ? random.pick([':', '>', '>=', '<', '<=']) : kind === 'string' ? random.pick([':', '~']) : ':';
    const written = kind === 'metadata' ? `metadata[${JSON.stringify(random.pick(metadataKeys))}]` : field;
    const value = queryValue(random, kind, operator, field);
    clauses.push(`${random.chance(0.25) ? '-' : ''}${written}${operator}${value}`);
  }
  return clauses.join(random.pick([' AND ', ' OR ', ' ']));
}

function newestFirst(objects: readonly Generated[]): Generated['object'][] {
  return objects.map(({ object }) => object).sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
}

function isPlainText(value: unknown): boolean {
  if (typeof value === 'string') return /^[\x20-\x7e]*$/.test(value) && !value.includes('  ');
  if (Array.isArray(value)) return value.every(isPlainText);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).every(([key, inner]) => isPlainText(key) && isPlainText(inner));
  return true;
}

const resources = [
  { search: customerSearch, targets: customerSearchTargets, make: customerObject, rows: sql<SqlBool>`deleted = 0` },
  { search: paymentIntentSearch, targets: paymentIntentSearchTargets, make: paymentIntentObject },
  { search: chargeSearch, targets: chargeSearchTargets, make: chargeObject },
] as const;

for (const engine of test_engines) {
  describe(`search in SQL agrees with the evaluator on ${engine.name}`, () => {
    let store: Store;
    const schema = engine.schema();
    const generated = new Map<string, Generated[]>();

    beforeAll(async () => {
      store = openStore({ db: engine.db, nowSeconds: () => 1_700_000_000, ...(schema === undefined ? {} : { schema }) });
      await store.migrate();
      const random = seededRandom(seed);
      for (const resource of resources) {
        const made: Generated[] = [];
        for (let index = 0; index < objects_per_resource; index += 1) {
          // Ids do not follow creation order, and several objects share a second: order must still hold.
          const id = `${resource.search.name.slice(0, 2)}_${String(random.int(1_000_000)).padStart(7, '0')}_${index}`;
          made.push(resource.make(random, id, random.pick(createdValues)));
        }
        generated.set(resource.search.name, made);
        await store.transaction(async (tx) => {
          for (const { table, object, columns } of made) {
            const row = {
              account_id: scope.account_id,
              livemode: 0,
              id: object.id,
              created: object.created,
              data: JSON.stringify(object),
              ...columns,
            };
            await tx.run(
              store.db
                .insertInto(table as 'customers')
                .values(row as never)
                .compile(),
            );
          }
          // Another account's object matches everything an unscoped query would; it must never show.
          const stray = made[0]!;
          await tx.run(
            store.db
              .insertInto(stray.table as 'customers')
              .values({
                ...stray.columns,
                account_id: 'acct_other',
                livemode: 0,
                id: `${stray.object.id}_other`,
                created: 1_700_000_003,
                data: JSON.stringify(stray.object),
              } as never)
              .compile(),
          );
        });
      }
    });
    afterAll(async () => {
      await store.close();
      await engine.dropSchema(schema);
    });

    it('reads each searched value from the stored JSON once per row, however often the bounds use it', async () => {
      const parsed = parseSearchQuery('status:"failed" AND currency:"usd" AND -status:"pending"', chargeSearch.fields, chargeSearch.name);
      if (!parsed.ok) throw new Error(parsed.message);
      const scan: SearchScan = {
        table: 'charges',
        scope,
        bounds: searchBounds(store, parsed.query, chargeSearchTargets),
        matches: (json) => matchesSearchResource(chargeSearch, parsed.query, JSON.parse(json)),
      };
      const statements: string[] = [];
      const page = await store.read((executor) =>
        readSearchPage(
          {
            all: (query) => {
              statements.push(query.sql);
              return executor.all(query);
            },
            first: (query) => executor.first(query),
            run: (query) => executor.run(query),
          },
          store,
          scan,
          100,
          null,
        ),
      );
      const expected = generated
        .get('charges')!
        .filter(({ object }) => matchesSearchResource(chargeSearch, parsed.query, object))
        .sort((a, b) => b.object.created - a.object.created || (a.object.id < b.object.id ? 1 : -1))
        .map(({ object }) => object.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(page.rows.map((row) => (JSON.parse(row) as { id: string }).id)).toEqual(expected);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        // Two values (status, currency): two extractions, and on PostgreSQL one parse of the text.
        const occurrences = (text: string) => statement.split(text).length - 1;
        if (engine.name === 'sqlite') expect(occurrences('json_each('), statement).toBe(2);
        else expect([occurrences('"data"::jsonb'), occurrences('->>')], statement).toEqual([1, 2]);
      }
    });

    /** Runs `work` with an executor that adds up the rows every statement returns: every row a scan read. */
    const countingRows = async <T>(work: (executor: SqlExecutor) => Promise<T>): Promise<{ result: T; rows: number }> => {
      let rows = 0;
      const result = await store.read((executor) =>
        work({
          all: async <Row>(query: CompiledQuery) => {
            const found = await executor.all<Row>(query);
            rows += found.length;
            return found;
          },
          first: (query) => executor.first(query),
          run: (query) => executor.run(query),
        }),
      );
      return { result, rows };
    };

    const scanOf = (resource: (typeof resources)[number], text: string): { scan: SearchScan; expected: string[] } => {
      const parsed = parseSearchQuery(text, resource.search.fields, resource.search.name);
      if (!parsed.ok) throw new Error(`generated query does not parse: ${text}: ${parsed.message}`);
      const objects = generated.get(resource.search.name)!;
      const scan: SearchScan = {
        table: objects[0]!.table,
        scope,
        bounds: searchBounds(store, parsed.query, resource.targets as SearchTargets),
        ...('rows' in resource ? { rows: resource.rows } : {}),
        matches: (json) => matchesSearchResource(resource.search, parsed.query, JSON.parse(json)),
      };
      const expected = newestFirst(objects)
        .filter((object) => matchesSearchResource(resource.search, parsed.query, object))
        .map((object) => object.id);
      return { scan, expected };
    };

    for (const resource of resources) {
      it(`${resource.search.name}: a page reads at most its row bound, and next_page goes on after the last row read`, async () => {
        const random = seededRandom(seed + 7 * resource.search.name.length);
        let stoppedAtBound = 0;
        for (let round = 0; round < 40; round += 1) {
          const text = randomQuery(random, resource.search);
          const { scan, expected } = scanOf(resource, text);
          const limit = 1 + random.int(5);
          const rowsMax = 1 + random.int(12);
          const served: string[] = [];
          let after: SearchPagePosition | null = null;
          for (let pages = 0; ; pages += 1) {
            const { result: page, rows } = await countingRows((executor) => readSearchPage(executor, store, scan, limit, after, rowsMax));
            expect(rows, text).toBeLessThanOrEqual(rowsMax);
            expect(page.rows.length, text).toBeLessThanOrEqual(limit);
            served.push(...page.rows.map((row) => (JSON.parse(row) as { id: string }).id));
            if (!page.has_more) break;
            if (page.rows.length < limit) stoppedAtBound += 1;
            expect(page.last, text).not.toBeNull();
            after = page.last;
            // Every page reads at least one row further, so the walk ends.
            expect(pages, text).toBeLessThan(objects_per_resource + 1);
          }
          expect(served, text).toEqual(expected);
        }
        // The bound must have cut pages short, not just been present.
        expect(stoppedAtBound).toBeGreaterThan(10);
      }, 120_000);

      it(`${resource.search.name}: total_count reads at most its row bound and counts no further than its cap`, async () => {
        const random = seededRandom(seed + 11 * resource.search.name.length);
        const objects = newestFirst(generated.get(resource.search.name)!);
        for (let round = 0; round < 40; round += 1) {
          const text = randomQuery(random, resource.search);
          const { scan, expected } = scanOf(resource, text);
          const rowsMax = 1 + random.int(objects_per_resource);
          const newest = new Set(objects.slice(0, rowsMax).map((object) => object.id));
          const bounded = await countingRows((executor) =>
            countSearchMatches(executor, store, scan, { rows_max: rowsMax, total_max: search_total_count_max }),
          );
          expect(bounded.result, text).toBe(expected.filter((id) => newest.has(id)).length);
          expect(bounded.rows, text).toBeLessThanOrEqual(rowsMax);
          const totalMax = 1 + random.int(4);
          const capped = await store.read((executor) =>
            countSearchMatches(executor, store, scan, { rows_max: 1_000, total_max: totalMax }),
          );
          expect(capped, text).toBe(Math.min(totalMax, expected.length));
        }
      }, 120_000);
    }

    for (const resource of resources) {
      it(`${resource.search.name}: pages, totals and bounds for ${queries_per_resource} random queries`, async () => {
        const random = seededRandom(seed + resource.search.name.length);
        const objects = generated.get(resource.search.name)!;
        let matched = 0;
        let decidedBySql = 0;
        for (let round = 0; round < queries_per_resource; round += 1) {
          const text = randomQuery(random, resource.search);
          const parsed = parseSearchQuery(text, resource.search.fields, resource.search.name);
          if (!parsed.ok) throw new Error(`generated query does not parse: ${text}: ${parsed.message}`);
          const expected = objects
            .filter(({ object }) => matchesSearchResource(resource.search, parsed.query, object))
            .sort((a, b) => b.object.created - a.object.created || (a.object.id < b.object.id ? 1 : -1))
            .map(({ object }) => object.id);
          matched += expected.length;

          const scan: SearchScan = {
            table: objects[0]!.table,
            scope,
            bounds: searchBounds(store, parsed.query, resource.targets as SearchTargets),
            ...('rows' in resource ? { rows: resource.rows } : {}),
            matches: (json) => matchesSearchResource(resource.search, parsed.query, JSON.parse(json)),
          };
          const limit = 1 + random.int(7);
          const served: string[] = [];
          let after: SearchPagePosition | null = null;
          for (let pages = 0; ; pages += 1) {
            const page = await store.read((executor) => readSearchPage(executor, store, scan, limit, after));
            expect(page.rows.length, text).toBeLessThanOrEqual(limit);
            served.push(...page.rows.map((row) => (JSON.parse(row) as { id: string }).id));
            if (!page.has_more) break;
            after = page.last;
            expect(after, text).not.toBeNull();
            // A page token carries the position exactly.
            expect(encodeSearchPage(after!)).toMatch(/^[A-Za-z0-9_-]+$/);
            expect(pages, text).toBeLessThan(objects_per_resource);
          }
          expect(served, text).toEqual(expected);
          expect(await store.read((executor) => countSearchMatches(executor, store, scan)), text).toBe(expected.length);

          // Every row of the scope with SQL's verdict: JSON comes back exactly where `may` holds.
          const verdicts = await store.read((executor) =>
            searchScanner(store, scan, scan.bounds.may)(executor, null, objects_per_resource),
          );
          expect(verdicts, text).toHaveLength(objects_per_resource);
          const flags = verdicts.map((row) => ({ id: row.id, may: row.data === null ? 0 : 1, must: row.certain ? 1 : 0 }));
          const byId = new Map(objects.map((generatedObject) => [generatedObject.object.id, generatedObject.object]));
          for (const flag of flags) {
            const matches = expected.includes(flag.id);
            if (Number(flag.must) === 1) expect(matches, `${text}: must, yet no match, for ${flag.id}`).toBe(true);
            if (matches) expect(Number(flag.may), `${text}: a match outside may: ${flag.id}`).toBe(1);
            if (isPlainText(byId.get(flag.id)))
              expect(Number(flag.must), `${text}: plain ${flag.id} left to the evaluator`).toBe(Number(flag.may));
            if (Number(flag.must) === Number(flag.may)) decidedBySql += 1;
          }
        }
        // The generator must exercise both outcomes, and SQL must decide most rows by itself.
        expect(matched).toBeGreaterThan(queries_per_resource);
        expect(decidedBySql / (queries_per_resource * objects_per_resource)).toBeGreaterThan(0.5);
      }, 120_000);
    }
  });
}
