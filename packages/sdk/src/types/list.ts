// The two paged envelopes of the v1 API.

/** A page of a v1 list endpoint. */
export interface ApiList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** A page of a search endpoint; `next_page` is the cursor for the following one. */
export interface ApiSearchResult<T> {
  object: 'search_result';
  data: T[];
  has_more: boolean;
  url: string;
  next_page: string | null;
  /** Present only with `expand: ['total_count']`. */
  total_count?: number;
}

/** Cursor params every v1 list endpoint takes. */
export interface PaginationParams {
  /** 1 to 100; the API defaults to 10. */
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

/** Params every search endpoint takes; each resource documents its query fields on its own type. */
export interface SearchParams {
  /** The search query, e.g. `status:"succeeded" AND metadata["order_id"]:"6735"`. */
  query: string;
  /** 1 to 100; the API defaults to 10. */
  limit?: number;
  /** The `next_page` cursor of the previous page. */
  page?: string;
}

/** A range filter on a Unix timestamp, or one exact value. */
export type RangeQueryParam = number | { gt?: number; gte?: number; lt?: number; lte?: number };
