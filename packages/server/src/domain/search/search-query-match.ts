// The meaning of a parsed search query, evaluated against one object in memory. Pure; it is the
// reference the SQL translations are tested against, so every rule is spelled out here:
//
// - A field is read by its dotted path (`payment_method_details.card.last4`); `metadata["k"]` reads
//   the object's own metadata key k. A value is absent when missing, null or "" (Stripe: `url:null`
//   "returns records where a URL field is empty"; `-metadata["k"]:null` matches objects that have k).
// - Strings, tokens and metadata compare as text: numbers and booleans by their JSON spelling
//   (`active:"true"` matches `active: true`), anything else never matches. Case is folded with
//   toLowerCase, so comparisons are case-insensitive for all Unicode letters, not only ASCII.
// - string `:` — Stripe: "returns any record where that record contains all of the words from the
//   query in the same order" (name:"one two three" matches "one two three four"). Tender reads that as:
//   the query's words appear as a contiguous run of the value's words, words being split on whitespace.
// - string `~` — the value contains the query text as a substring.
// - token and metadata `:` — the whole value equals the query text (Stripe: "exact match (case
//   insensitive)"; `currency:"eur"` matches "EUR").
// - number — compares only with a JavaScript number; `:` is ===.
// - `-` negates the whole clause, so a negated clause matches objects where the field is absent.
// - `and` needs every clause, `or` any clause.

import type { SearchClause, SearchQuery } from './search-query.js';

/**
 * Whether one object (as its wire JSON) matches a parsed query.
 *
 * @example
 * const parsed = parseSearchQuery('name:"jenny" -email:null', customerSearchFields, 'customers');
 * if (parsed.ok) matchesSearchQuery(parsed.query, { name: 'Jenny Rosen', email: 'jenny@example.com' }); // true
 */
export function matchesSearchQuery(query: SearchQuery, object: Readonly<Record<string, unknown>>): boolean {
  const matches = (clause: SearchClause) => matchesClause(clause, object) !== clause.negated;
  return query.combinator === 'and' ? query.clauses.every(matches) : query.clauses.some(matches);
}

function matchesClause(clause: SearchClause, object: Readonly<Record<string, unknown>>): boolean {
  const found = clause.metadata_key === null ? readPath(object, clause.field) : readMetadata(object, clause.metadata_key);
  if (clause.value === null) return isAbsent(found);
  if (isAbsent(found)) return false;
  if (typeof clause.value === 'number') return typeof found === 'number' && compareNumbers(found, clause.operator, clause.value);
  const text = asText(found);
  if (text === null) return false;
  const wanted = clause.value.toLowerCase();
  const have = text.toLowerCase();
  if (clause.operator === 'contains') return have.includes(wanted);
  if (clause.kind === 'string') return containsWordRun(words(have), words(wanted));
  return have === wanted;
}

function compareNumbers(found: number, operator: SearchClause['operator'], wanted: number): boolean {
  switch (operator) {
    case 'equals':
      return found === wanted;
    case 'gt':
      return found > wanted;
    case 'gte':
      return found >= wanted;
    case 'lt':
      return found < wanted;
    case 'lte':
      return found <= wanted;
    case 'contains':
      // The parser never lets `~` reach a number field.
      return false;
  }
}

function readPath(object: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = object;
  for (const segment of path.split('.')) {
    if (!isPlainRecord(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

function readMetadata(object: Readonly<Record<string, unknown>>, key: string): unknown {
  const metadata = object.metadata;
  if (!isPlainRecord(metadata) || !Object.hasOwn(metadata, key)) return undefined;
  return metadata[key];
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

function words(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word !== '');
}

/** Whether `run` appears in `all` as consecutive elements. */
function containsWordRun(all: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0) return false;
  for (let start = 0; start + run.length <= all.length; start += 1) {
    if (run.every((word, offset) => all[start + offset] === word)) return true;
  }
  return false;
}
