// Auto-pagination. A list call returns its first page as a promise that is also an AsyncIterable
// over every item of every page. v1 lists follow `starting_after = last id` (or walk backwards with
// `ending_before = first id` when only ending_before was given, yielding each page reversed);
// search follows `page = next_page`. next() calls are queued, so concurrent callers never race
// for the same page or receive the same item twice.

import type { ApiList, ApiSearchResult } from '../types/list.js';
import type { EncodableValue } from './encode.js';
import type { StripePromise } from './response.js';

/** Most items autoPagingToArray collects; beyond that, iterate instead of buffering. */
export const AUTO_PAGING_MAX_ITEMS = 10_000;

type Params = { readonly [key: string]: EncodableValue };
type Page<T> = ApiList<T> | ApiSearchResult<T>;

/** Return (or resolve to) `false` to stop iterating. */
// biome-ignore lint/suspicious/noConfusingVoidType: a callback that returns nothing must type-check, as in stripe-node.
export type AutoPagingEachCallback<T> = (item: T) => void | boolean | Promise<void | boolean>;

export interface AutoPaging<T> extends AsyncIterable<T> {
  /**
   * Calls `callback` for each item across pages, until it returns false.
   *
   * @example
   * await client.customers.list({ limit: 100 }).autoPagingEach((customer) => {
   *   console.log(customer.id);
   *   return customer.email !== 'stop@example.com';
   * });
   */
  autoPagingEach(callback: AutoPagingEachCallback<T>): Promise<void>;
  /**
   * Collects up to `limit` items (at most 10,000) across pages.
   *
   * @example
   * const customers = await client.customers.list().autoPagingToArray({ limit: 500 });
   */
  autoPagingToArray(options: { limit: number }): Promise<T[]>;
}

export type ListPromise<T> = StripePromise<ApiList<T>> & AutoPaging<T>;
export type SearchPromise<T> = StripePromise<ApiSearchResult<T>> & AutoPaging<T>;

/** Fetches the page for the given params. */
export type PageFetcher<T> = (params: Params) => Promise<Page<T>>;

interface Cursor {
  /** Params of the next page, or undefined when this page was the last. */
  nextParams(page: Page<{ id?: string }>): Params | undefined;
  reversed: boolean;
}

function cursorFor(params: Params): Cursor {
  const backwards = params.ending_before !== undefined && params.starting_after === undefined;
  return {
    reversed: backwards,
    nextParams(page) {
      if (!page.has_more) return undefined;
      if (page.object === 'search_result') {
        return page.next_page === null ? undefined : { ...params, page: page.next_page };
      }
      const edge = backwards ? page.data[0] : page.data[page.data.length - 1];
      if (edge?.id === undefined) return undefined;
      return backwards ? { ...params, ending_before: edge.id } : { ...params, starting_after: edge.id };
    },
  };
}

class PageIterator<T> implements AsyncIterator<T> {
  private items: T[] = [];
  private index = 0;
  private nextPageParams: Params | undefined;
  private started = false;
  private finished = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly firstPage: Promise<Page<T>>,
    private readonly fetchPage: PageFetcher<T>,
    private readonly cursor: Cursor,
  ) {}

  next(): Promise<IteratorResult<T>> {
    const result = this.queue.then(() => this.step());
    this.queue = result.catch(() => undefined);
    return result;
  }

  async return(): Promise<IteratorResult<T>> {
    this.finished = true;
    return { done: true, value: undefined };
  }

  private async step(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.finished) return { done: true, value: undefined };
      if (this.index < this.items.length) {
        const value = this.items[this.index] as T;
        this.index += 1;
        return { done: false, value };
      }
      if (this.started && this.nextPageParams === undefined) {
        this.finished = true;
        continue;
      }
      const page = this.started ? await this.fetchPage(this.nextPageParams as Params) : await this.firstPage;
      this.started = true;
      this.load(page);
    }
  }

  private load(page: Page<T>): void {
    this.items = this.cursor.reversed ? [...page.data].reverse() : page.data;
    this.index = 0;
    this.nextPageParams = this.cursor.nextParams(page as Page<{ id?: string }>);
  }
}

async function eachItem<T>(iterable: AsyncIterable<T>, callback: AutoPagingEachCallback<T>): Promise<void> {
  for await (const item of iterable) {
    if ((await callback(item)) === false) break;
  }
}

async function collect<T>(iterable: AsyncIterable<T>, options: { limit: number }): Promise<T[]> {
  const limit = options?.limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > AUTO_PAGING_MAX_ITEMS) {
    throw new TypeError(`autoPagingToArray needs { limit } as an integer from 1 to ${AUTO_PAGING_MAX_ITEMS}; got ${String(limit)}.`);
  }
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

/**
 * Makes a first-page promise iterable across all pages.
 *
 * @param params the params of the first page; later pages add their cursor to them
 */
export function withAutoPaging<T, P extends StripePromise<Page<T>>>(
  firstPage: P,
  params: Params,
  fetchPage: PageFetcher<T>,
): P & AutoPaging<T> {
  const cursor = cursorFor(params);
  const iterable: AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => new PageIterator<T>(firstPage, fetchPage, cursor),
  };
  return Object.assign(firstPage, {
    [Symbol.asyncIterator]: iterable[Symbol.asyncIterator],
    autoPagingEach: (callback: AutoPagingEachCallback<T>) => eachItem(iterable, callback),
    autoPagingToArray: (options: { limit: number }) => collect(iterable, options),
  });
}
