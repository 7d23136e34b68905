// Stripe's Search Query Language, parsed into a typed AST. Pure: no I/O, never throws on user input.
// Grammar and rules from https://docs.stripe.com/search; error wording and its sources live in
// search-query-messages.ts. A query that parses holds at most search_clauses_max clauses, every field
// is in the resource's table, and every operator and value fits that field's kind.
//
//   query    = ws* clause ( joiner clause )* ws*
//   joiner   = ws+ ( ("AND" | "OR") ws+ )?         keywords in any case; bare whitespace means AND
//   clause   = "-"? field ( "[" quoted "]" )? operator value
//   field    = [A-Za-z_][A-Za-z0-9_]* ( "." [A-Za-z0-9_]+ )*
//   operator = ">=" | "<=" | ":" | "~" | ">" | "<"
//   value    = quoted | number | "null"              null in any case; a quoted "null" is a string
//   quoted   = '"' ... '"' | "'" ... "'"             a backslash makes the next character literal
//   number   = "-"? digit+ ( "." digit+ )?           quotes are optional for numbers, required otherwise
//   ws       = space, tab, CR or LF
//
// Failures, in order of precedence: the grammar (including AND mixed with OR), then the clause count,
// then each clause from left to right: unknown field, metadata key missing or misplaced, operator not
// allowed for the field's kind, `null` with a comparison, non-numeric value on a numeric field, empty
// value, substring shorter than search_substring_chars_min.

import type { SearchFieldKind, SearchFieldTable } from './search-fields.js';
import { search_clauses_max, search_substring_chars_min } from './search-limits.js';
import {
  nullNeedsEqualsMessage,
  numericValueRequiredMessage,
  operatorNotSupportedMessage,
  substringTooShortMessage,
  tooManyClausesMessage,
  unparsableQueryMessage,
  unsupportedFieldMessage,
} from './search-query-messages.js';

export type { SearchFieldKind, SearchFieldTable } from './search-fields.js';

export type SearchOperator = 'equals' | 'contains' | 'gt' | 'gte' | 'lt' | 'lte';

export interface SearchClause {
  /** As written, dotted for nested fields: `email`, `payment_method_details.card.last4`, `metadata`. */
  field: string;
  /** Copied from the field table so the evaluator and the SQL translation need nothing else. */
  kind: SearchFieldKind;
  /** The key inside `metadata["..."]`; null for every other field. */
  metadata_key: string | null;
  operator: SearchOperator;
  /** A number for `number` fields, a string otherwise (as written, unquoted), null for `field:null`. */
  value: string | number | null;
  negated: boolean;
}

export interface SearchQuery {
  /** `and` also for a single clause and for clauses joined by whitespace alone. */
  combinator: 'and' | 'or';
  clauses: SearchClause[];
}

export type SearchParse = { ok: true; query: SearchQuery } | { ok: false; message: string };

/**
 * Parses one `query` parameter of a search endpoint against that resource's fields.
 *
 * @example
 * parseSearchQuery(`email:'jenny@example.com' AND -metadata["tier"]:null`, customerSearchFields, 'customers');
 * // { ok: true, query: { combinator: 'and', clauses: [
 * //   { field: 'email', kind: 'string', metadata_key: null, operator: 'equals', value: 'jenny@example.com', negated: false },
 * //   { field: 'metadata', kind: 'metadata', metadata_key: 'tier', operator: 'equals', value: null, negated: true } ] } }
 */
export function parseSearchQuery(query: string, fields: SearchFieldTable, resource: string): SearchParse {
  const scanned = scanQuery(query);
  if (!scanned.ok) return scanned;
  if (scanned.clauses.length > search_clauses_max) {
    return { ok: false, message: tooManyClausesMessage(scanned.clauses.length) };
  }
  const clauses: SearchClause[] = [];
  for (const written of scanned.clauses) {
    const checked = checkClause(written, fields, resource);
    if (!checked.ok) return checked;
    clauses.push(checked.clause);
  }
  return { ok: true, query: { combinator: scanned.combinator, clauses } };
}

// ---- Grammar: text to written clauses, knowing nothing of fields ----

type WrittenValue = { form: 'quoted'; text: string } | { form: 'number'; text: string } | { form: 'null' };

interface WrittenClause {
  negated: boolean;
  field: string;
  metadata_key: string | null;
  operator: SearchOperator;
  symbol: string;
  value: WrittenValue;
}

type Scan = { ok: true; combinator: 'and' | 'or'; clauses: WrittenClause[] } | { ok: false; message: string };

/** Read position over the query; local to one scan, never shared. */
interface Cursor {
  readonly text: string;
  at: number;
}

const unparsable = { ok: false, message: unparsableQueryMessage } as const;

const fieldPattern = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*/y;
const operatorPattern = />=|<=|:|~|>|</y;
const numberPattern = /^-?[0-9]+(?:\.[0-9]+)?$/;
const keywordPattern = /^(?:and|or)$/i;

const operatorBySymbol: Readonly<Record<string, SearchOperator>> = {
  ':': 'equals',
  '~': 'contains',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
};

function scanQuery(query: string): Scan {
  const cursor: Cursor = { text: query, at: 0 };
  const clauses: WrittenClause[] = [];
  let combinator: 'and' | 'or' | null = null;
  skipWhitespace(cursor);
  for (;;) {
    const clause = scanClause(cursor);
    if (clause === null) return unparsable;
    clauses.push(clause);
    const gap = skipWhitespace(cursor);
    if (cursor.at === cursor.text.length) break;
    // `a:"1"b:"2"`: clauses must be apart.
    if (gap === 0) return unparsable;
    const joiner = scanKeyword(cursor) ?? 'and';
    // Stripe: "AND and OR operators are mutually exclusive"; whitespace counts as AND.
    if (combinator !== null && combinator !== joiner) return unparsable;
    combinator = joiner;
  }
  return { ok: true, combinator: combinator ?? 'and', clauses };
}

function scanClause(cursor: Cursor): WrittenClause | null {
  const negated = cursor.text[cursor.at] === '-';
  if (negated) cursor.at += 1;
  const field = scanSticky(cursor, fieldPattern);
  if (field === null) return null;
  let metadataKey: string | null = null;
  if (cursor.text[cursor.at] === '[') {
    cursor.at += 1;
    metadataKey = scanQuoted(cursor);
    if (metadataKey === null || cursor.text[cursor.at] !== ']') return null;
    cursor.at += 1;
  }
  const symbol = scanSticky(cursor, operatorPattern);
  if (symbol === null) return null;
  const operator = operatorBySymbol[symbol];
  if (operator === undefined) return null;
  const value = scanValue(cursor);
  if (value === null) return null;
  return { negated, field, metadata_key: metadataKey, operator, symbol, value };
}

function scanValue(cursor: Cursor): WrittenValue | null {
  const opening = cursor.text[cursor.at];
  if (opening === '"' || opening === "'") {
    const text = scanQuoted(cursor);
    return text === null ? null : { form: 'quoted', text };
  }
  const start = cursor.at;
  while (cursor.at < cursor.text.length && !isWhitespace(cursor.text[cursor.at])) cursor.at += 1;
  const bare = cursor.text.slice(start, cursor.at);
  if (bare.toLowerCase() === 'null') return { form: 'null' };
  // "You must use quotation marks around string values. Quotation marks are optional for numeric values."
  if (numberPattern.test(bare)) return { form: 'number', text: bare };
  return null;
}

/** At an opening ' or ": the unescaped text up to the matching close, or null if it never closes. */
function scanQuoted(cursor: Cursor): string | null {
  const quote = cursor.text[cursor.at];
  if (quote !== '"' && quote !== "'") return null;
  cursor.at += 1;
  let text = '';
  while (cursor.at < cursor.text.length) {
    const character = cursor.text[cursor.at];
    if (character === quote) {
      cursor.at += 1;
      return text;
    }
    if (character === '\\') {
      // Stripe documents `\"` inside "..."; Tender lets a backslash make any next character literal,
      // so `\'`, `\\` and `\x` all work. A trailing lone backslash leaves the string open.
      const escaped = cursor.text[cursor.at + 1];
      if (escaped === undefined) return null;
      text += escaped;
      cursor.at += 2;
      continue;
    }
    text += character;
    cursor.at += 1;
  }
  return null;
}

/** Consumes `AND`/`OR` (any case) and the whitespace after it, when that is what comes next. */
function scanKeyword(cursor: Cursor): 'and' | 'or' | null {
  let end = cursor.at;
  while (end < cursor.text.length && !isWhitespace(cursor.text[end])) end += 1;
  const word = cursor.text.slice(cursor.at, end);
  // Not followed by whitespace: `AND` at the very end, or `AND-x:1`; left for scanClause to reject.
  if (!keywordPattern.test(word) || end === cursor.text.length) return null;
  cursor.at = end;
  skipWhitespace(cursor);
  return word.toLowerCase() === 'and' ? 'and' : 'or';
}

function scanSticky(cursor: Cursor, pattern: RegExp): string | null {
  pattern.lastIndex = cursor.at;
  const match = pattern.exec(cursor.text);
  if (match === null) return null;
  cursor.at = pattern.lastIndex;
  return match[0];
}

function skipWhitespace(cursor: Cursor): number {
  const start = cursor.at;
  while (cursor.at < cursor.text.length && isWhitespace(cursor.text[cursor.at])) cursor.at += 1;
  return cursor.at - start;
}

function isWhitespace(character: string | undefined): boolean {
  return character === ' ' || character === '\t' || character === '\n' || character === '\r';
}

// ---- Meaning: written clauses checked against the resource's fields ----

const operatorsByKind: Readonly<Record<SearchFieldKind, readonly SearchOperator[]>> = {
  string: ['equals', 'contains'],
  token: ['equals'],
  number: ['equals', 'gt', 'gte', 'lt', 'lte'],
  metadata: ['equals'],
};

type Checked = { ok: true; clause: SearchClause } | { ok: false; message: string };

function checkClause(written: WrittenClause, fields: SearchFieldTable, resource: string): Checked {
  // hasOwn: `constructor:"x"` must be an unknown field, not Object.prototype's.
  const kind = Object.hasOwn(fields, written.field) ? fields[written.field] : undefined;
  if (kind === undefined) return { ok: false, message: unsupportedFieldMessage(written.field, resource) };
  // `metadata:"x"` and `email["k"]:"x"` are both outside the grammar Stripe documents.
  if ((kind === 'metadata') !== (written.metadata_key !== null) || written.metadata_key === '') return unparsable;
  if (!operatorsByKind[kind].includes(written.operator)) {
    return { ok: false, message: operatorNotSupportedMessage(written.field, kind, written.symbol) };
  }
  const clause = { field: written.field, kind, metadata_key: written.metadata_key, operator: written.operator, negated: written.negated };
  if (written.value.form === 'null') {
    if (written.operator !== 'equals') return { ok: false, message: nullNeedsEqualsMessage(written.field) };
    return { ok: true, clause: { ...clause, value: null } };
  }
  const text = written.value.text;
  if (kind === 'number') {
    // `amount>="10"` is in Stripe's docs: quotes are allowed around numbers.
    const number = numberPattern.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(number)) return { ok: false, message: numericValueRequiredMessage(written.field) };
    return { ok: true, clause: { ...clause, value: number } };
  }
  if (written.operator === 'contains') {
    if ([...text].length < search_substring_chars_min) return { ok: false, message: substringTooShortMessage(written.field) };
  } else if (text.trim() === '') {
    // An exact match on nothing has no meaning Stripe documents; refuse it rather than guess.
    return unparsable;
  }
  return { ok: true, clause: { ...clause, value: text } };
}
