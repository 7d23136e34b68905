// One row per query: the AST it parses to, or the exact message it fails with.
import { describe, expect, it } from 'vitest';
import { chargeSearchFields, customerSearchFields, paymentIntentSearchFields, type SearchFieldTable } from './search-fields.js';
import { parseSearchQuery, type SearchClause, type SearchQuery } from './search-query.js';

const unparsable =
  'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields.';

function unsupported(field: string, resource: string, anchor: string): string {
  return `Field \`${field}\` is an unsupported search field for resource \`${resource}\`. See http://stripe.com/docs/search#query-fields-for-${anchor} for a list of supported fields.`;
}

function badOperator(field: string, type: string, operator: string): string {
  return `Field \`${field}\` of type \`${type}\` does not support the \`${operator}\` operator. See http://stripe.com/docs/search#search-query-language for the operators each type supports.`;
}

type Options = Partial<Pick<SearchClause, 'negated' | 'metadata_key'>>;

function clause(
  kind: SearchClause['kind'],
  field: string,
  operator: SearchClause['operator'],
  value: SearchClause['value'],
  options: Options = {},
): SearchClause {
  return { field, kind, metadata_key: options.metadata_key ?? null, operator, value, negated: options.negated ?? false };
}

const and = (...clauses: SearchClause[]): SearchQuery => ({ combinator: 'and', clauses });
const or = (...clauses: SearchClause[]): SearchQuery => ({ combinator: 'or', clauses });
const email = (value: string | null, options?: Options) => clause('string', 'email', 'equals', value, options);
const name = (value: string, options?: Options) => clause('string', 'name', 'equals', value, options);
const created = (operator: SearchClause['operator'], value: number) => clause('number', 'created', operator, value);
const metadata = (key: string, value: string | null, options: Options = {}) =>
  clause('metadata', 'metadata', 'equals', value, { ...options, metadata_key: key });
const currency = (value: string) => clause('token', 'currency', 'equals', value);

interface Row {
  query: string;
  expected: SearchQuery | string;
  fields?: SearchFieldTable;
  resource?: string;
}

const payment_intents = { fields: paymentIntentSearchFields, resource: 'payment_intents' };
const charges = { fields: chargeSearchFields, resource: 'charges' };
const emails = (count: number, joiner: string) => Array.from({ length: count }, (_, index) => `email:"u${index}@x.io"`).join(joiner);

const rows: Row[] = [
  // Each operator and value form.
  { query: `email:'jenny@example.com'`, expected: and(email('jenny@example.com')) },
  { query: `email:"jenny@example.com"`, expected: and(email('jenny@example.com')) },
  { query: `name~"jen"`, expected: and(clause('string', 'name', 'contains', 'jen')) },
  { query: `created>1700000000`, expected: and(created('gt', 1700000000)) },
  { query: `created>=1700000000`, expected: and(created('gte', 1700000000)) },
  { query: `created<1700000000`, expected: and(created('lt', 1700000000)) },
  { query: `created<=1700000000`, expected: and(created('lte', 1700000000)) },
  { query: `created:1700000000`, expected: and(created('equals', 1700000000)) },
  { query: `created>="1700000000"`, expected: and(created('gte', 1700000000)) },
  { query: `amount>-5`, ...payment_intents, expected: and(clause('number', 'amount', 'gt', -5)) },
  { query: `amount:10.5`, ...payment_intents, expected: and(clause('number', 'amount', 'equals', 10.5)) },
  { query: `metadata['order_id']:'6735'`, expected: and(metadata('order_id', '6735')) },
  { query: `metadata["order_id"]:6735`, expected: and(metadata('order_id', '6735')) },
  { query: `metadata["a]b"]:"x"`, expected: and(metadata('a]b', 'x')) },
  { query: `-metadata["donation-id"]:null`, expected: and(metadata('donation-id', null, { negated: true })) },
  { query: `email:null`, expected: and(email(null)) },
  { query: `email:NULL`, expected: and(email(null)) },
  { query: `email:"null"`, expected: and(email('null')) },
  { query: `-status:"canceled"`, ...payment_intents, expected: and(clause('token', 'status', 'equals', 'canceled', { negated: true })) },
  { query: `-name~"jen"`, expected: and(clause('string', 'name', 'contains', 'jen', { negated: true })) },
  {
    query: `payment_method_details.card.last4:0042`,
    ...charges,
    expected: and(clause('token', 'payment_method_details.card.last4', 'equals', '0042')),
  },

  // Combining clauses.
  { query: `email:"a@b.c" AND metadata["k"]:"v"`, expected: and(email('a@b.c'), metadata('k', 'v')) },
  { query: `currency:"usd" OR currency:"eur"`, ...payment_intents, expected: or(currency('usd'), currency('eur')) },
  {
    query: `currency:"usd" or currency:"eur" Or currency:"gbp"`,
    ...payment_intents,
    expected: or(currency('usd'), currency('eur'), currency('gbp')),
  },
  { query: `email:"a@b.c" and name:"Jenny"`, expected: and(email('a@b.c'), name('Jenny')) },
  { query: `email:"a@b.c" name:"Jenny" AND -email:null`, expected: and(email('a@b.c'), name('Jenny'), email(null, { negated: true })) },
  { query: emails(10, ' OR '), expected: or(...Array.from({ length: 10 }, (_, index) => email(`u${index}@x.io`))) },

  // Whitespace.
  { query: `   email:"a@b.c"   `, expected: and(email('a@b.c')) },
  { query: `email:"a"\t\n AND\r\nname:"b"`, expected: and(email('a'), name('b')) },
  { query: `name:"  Jenny  Rosen "`, expected: and(name('  Jenny  Rosen ')) },

  // Quoting, escapes and Unicode.
  { query: String.raw`name:"the story called \"The Sky and the Sea.\""`, expected: and(name('the story called "The Sky and the Sea."')) },
  { query: String.raw`name:'O\'Brien'`, expected: and(name("O'Brien")) },
  { query: `name:"O'Brien"`, expected: and(name("O'Brien")) },
  { query: `name:'say "hi"'`, expected: and(name('say "hi"')) },
  { query: String.raw`name:"back\\slash"`, expected: and(name('back\\slash')) },
  { query: `name:"Tom AND Jerry OR Spike"`, expected: and(name('Tom AND Jerry OR Spike')) },
  { query: `email:"a:b@c.io"`, expected: and(email('a:b@c.io')) },
  { query: `name:"Zoë Ångström 山田"`, expected: and(name('Zoë Ångström 山田')) },
  { query: `metadata["clé"]:"välue"`, expected: and(metadata('clé', 'välue')) },
  { query: `name~"😀ab"`, expected: and(clause('string', 'name', 'contains', '😀ab')) },

  // Grammar failures all answer with Stripe's parse message.
  { query: `asdf`, expected: unparsable },
  { query: ``, expected: unparsable },
  { query: `   `, expected: unparsable },
  { query: `email:"jenny`, expected: unparsable },
  { query: `email:'jenny"`, expected: unparsable },
  { query: String.raw`email:"jenny\"`, expected: unparsable },
  { query: 'email:"jenny\\', expected: unparsable },
  { query: `email:jenny@example.com`, expected: unparsable },
  { query: `email:"a" AND name:"b" OR phone:"c"`, expected: unparsable },
  { query: `email:"a" name:"b" OR phone:"c"`, expected: unparsable },
  { query: `email:"a" AND`, expected: unparsable },
  { query: `AND email:"a"`, expected: unparsable },
  { query: `email:"a" AND AND name:"b"`, expected: unparsable },
  { query: `email:"a" AND-name:"b"`, expected: unparsable },
  { query: `(email:"a" OR name:"b")`, expected: unparsable },
  { query: `email:"a"name:"b"`, expected: unparsable },
  { query: `email : "a"`, expected: unparsable },
  { query: `email="a"`, expected: unparsable },
  { query: `--email:"a"`, expected: unparsable },
  { query: `- email:"a"`, expected: unparsable },
  { query: `email:"a"\u00a0name:"b"`, expected: unparsable },
  { query: `metadata:"x"`, expected: unparsable },
  { query: `email["k"]:"x"`, expected: unparsable },
  { query: `metadata[""]:"x"`, expected: unparsable },
  { query: `metadata[k]:"x"`, expected: unparsable },
  { query: `email:""`, expected: unparsable },

  // Fields the resource does not have.
  { query: `foo:"bar"`, expected: unsupported('foo', 'customers', 'customers') },
  { query: `foo:"bar"`, ...payment_intents, expected: unsupported('foo', 'payment_intents', 'payment-intents') },
  { query: `constructor:"x"`, expected: unsupported('constructor', 'customers', 'customers') },
  { query: `Email:"x"`, expected: unsupported('Email', 'customers', 'customers') },
  { query: `foo["k"]:"x"`, expected: unsupported('foo', 'customers', 'customers') },

  // Operators and values that do not fit the field's kind.
  { query: `email>"a"`, expected: badOperator('email', 'string', '>') },
  { query: `currency~"usd"`, ...payment_intents, expected: badOperator('currency', 'token', '~') },
  { query: `metadata["k"]~"abc"`, expected: badOperator('metadata', 'token', '~') },
  { query: `amount~"100"`, ...payment_intents, expected: badOperator('amount', 'numeric', '~') },
  { query: `created>"soon"`, expected: 'Field `created` of type `numeric` requires a numeric value.' },
  { query: `created:"12abc"`, expected: 'Field `created` of type `numeric` requires a numeric value.' },
  { query: `created>null`, expected: 'Field `created` can only be compared with `null` using the `:` operator.' },
  { query: `name~null`, expected: 'Field `name` can only be compared with `null` using the `:` operator.' },

  // Limits.
  { query: `name~"je"`, expected: 'Substring search on field `name` requires a value of at least 3 characters.' },
  { query: `name~"😀a"`, expected: 'Substring search on field `name` requires a value of at least 3 characters.' },
  { query: emails(11, ' '), expected: 'Your search query has 11 clauses, but a search query can combine at most 10 clauses.' },
  { query: emails(11, ' or '), expected: 'Your search query has 11 clauses, but a search query can combine at most 10 clauses.' },

  // Precedence: grammar, then clause count, then each clause from the left.
  { query: `foo:"x" email:"unterminated`, expected: unparsable },
  { query: `${emails(10, ' ')} foo:"x"`, expected: 'Your search query has 11 clauses, but a search query can combine at most 10 clauses.' },
  { query: `email>"a" foo:"x"`, expected: badOperator('email', 'string', '>') },
];

describe('parseSearchQuery', () => {
  it('has at least 40 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('$query', ({ query, expected, fields = customerSearchFields, resource = 'customers' }) => {
    const parsed = parseSearchQuery(query, fields, resource);
    if (typeof expected === 'string') {
      expect(parsed).toEqual({ ok: false, message: expected });
    } else {
      expect(parsed).toEqual({ ok: true, query: expected });
    }
  });

  it('does not change the field table it is given', () => {
    const fields = Object.freeze({ ...customerSearchFields });
    parseSearchQuery(`email:"a" AND foo:"b"`, fields, 'customers');
    expect(fields).toEqual(customerSearchFields);
  });
});
