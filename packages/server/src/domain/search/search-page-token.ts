// The `page` / `next_page` cursor of search results: the (created, id) of the last object served,
// since results run newest first with id breaking ties. Opaque to clients and URL-safe (base64url of
// `1:<created>:<id>`, the 1 being a format version). decodeSearchPage accepts only strings
// encodeSearchPage could have produced, byte for byte; anything else is null. Not signed: an edited
// token can only name another position to resume from, which a client could reach by paging anyway.

import { search_page_id_chars_max, search_page_token_chars_max } from './search-limits.js';

export interface SearchPagePosition {
  /** Unix seconds of the last object on the previous page. */
  created: number;
  id: string;
}

const tokenVersion = '1';
const tokenPattern = /^[A-Za-z0-9_-]+$/;
const createdPattern = /^(?:0|[1-9][0-9]*)$/;
const idPattern = /^[A-Za-z0-9_]+$/;

/**
 * @example
 * encodeSearchPage({ created: 1700000000, id: 'cus_123' }); // 'MToxNzAwMDAwMDAwOmN1c18xMjM'
 */
export function encodeSearchPage(position: SearchPagePosition): string {
  // Positions come from stored objects, never from clients: a bad one is a bug, so it throws.
  if (!Number.isSafeInteger(position.created) || position.created < 0) {
    throw new Error(`search page: created must be a non-negative integer, got ${position.created}`);
  }
  if (!idPattern.test(position.id) || position.id.length > search_page_id_chars_max) {
    throw new Error(`search page: unexpected id ${JSON.stringify(position.id)}`);
  }
  return Buffer.from(`${tokenVersion}:${position.created}:${position.id}`, 'utf8').toString('base64url');
}

/**
 * @example
 * decodeSearchPage('MToxNzAwMDAwMDAwOmN1c18xMjM'); // { created: 1700000000, id: 'cus_123' }
 * decodeSearchPage('garbage!');                    // null
 */
export function decodeSearchPage(token: string): SearchPagePosition | null {
  if (token.length > search_page_token_chars_max || !tokenPattern.test(token)) return null;
  const [version, created, id, ...rest] = Buffer.from(token, 'base64url').toString('utf8').split(':');
  if (version !== tokenVersion || created === undefined || id === undefined || rest.length > 0) return null;
  if (!createdPattern.test(created) || !idPattern.test(id) || id.length > search_page_id_chars_max) return null;
  const position = { created: Number(created), id };
  if (!Number.isSafeInteger(position.created)) return null;
  // Buffer's base64url decoder skips what it cannot read; re-encoding proves the token was canonical.
  return encodeSearchPage(position) === token ? position : null;
}
