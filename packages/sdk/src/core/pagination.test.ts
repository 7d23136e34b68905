import { describe, expect, it } from 'vitest';
import { StripeClient } from '../client.js';
import { MockHttpClient } from './http/mock-client.js';
import { AUTO_PAGING_MAX_ITEMS } from './pagination.js';

/** An in-memory list endpoint over ids cus_0 (newest) … cus_{n-1} (oldest), like Stripe's ordering. */
function listServer(total: number) {
  const ids = Array.from({ length: total }, (_, index) => `cus_${index}`);
  const http = new MockHttpClient((request) => {
    const url = new URL(request.url);
    const query = url.searchParams;
    const limit = Number(query.get('limit') ?? 10);
    if (url.pathname.endsWith('/search')) {
      const start = Number(query.get('page') ?? 0);
      const data = ids.slice(start, start + limit).map((id) => ({ id, object: 'customer' }));
      const has_more = start + limit < total;
      return {
        body: { object: 'search_result', data, has_more, url: '/v1/customers/search', next_page: has_more ? String(start + limit) : null },
      };
    }
    const after = query.get('starting_after');
    const before = query.get('ending_before');
    let data: string[];
    let has_more: boolean;
    if (before !== null) {
      const end = ids.indexOf(before);
      data = ids.slice(Math.max(0, end - limit), end);
      has_more = end - limit > 0;
    } else {
      const start = after === null ? 0 : ids.indexOf(after) + 1;
      data = ids.slice(start, start + limit);
      has_more = start + limit < total;
    }
    return { body: { object: 'list', data: data.map((id) => ({ id, object: 'customer' })), has_more, url: '/v1/customers' } };
  });
  return { http, client: new StripeClient('sk_test_1', { httpClient: http }) };
}

describe('auto-pagination', () => {
  it('resolves to the first page when awaited', async () => {
    const { client } = listServer(5);
    const page = await client.customers.list({ limit: 2 });
    expect(page.data.map((customer) => customer.id)).toEqual(['cus_0', 'cus_1']);
    expect(page.has_more).toBe(true);
    expect(page.lastResponse.statusCode).toBe(200);
  });

  it('iterates every item of every page with for await, paging by starting_after', async () => {
    const { client, http } = listServer(7);
    const seen: string[] = [];
    for await (const customer of client.customers.list({ limit: 3, email: 'x@y.z' })) seen.push(customer.id);
    expect(seen).toEqual(['cus_0', 'cus_1', 'cus_2', 'cus_3', 'cus_4', 'cus_5', 'cus_6']);
    expect(http.requests.map((request) => new URL(request.url).search)).toEqual([
      '?limit=3&email=x%40y.z',
      '?limit=3&email=x%40y.z&starting_after=cus_2',
      '?limit=3&email=x%40y.z&starting_after=cus_5',
    ]);
  });

  it('walks backwards with ending_before when only ending_before was given, each page reversed', async () => {
    const { client, http } = listServer(10);
    const seen = await client.customers.list({ limit: 3, ending_before: 'cus_8' }).autoPagingToArray({ limit: 100 });
    expect(seen.map((customer) => customer.id)).toEqual(['cus_7', 'cus_6', 'cus_5', 'cus_4', 'cus_3', 'cus_2', 'cus_1', 'cus_0']);
    expect(new URL(http.requests[1]!.url).searchParams.get('ending_before')).toBe('cus_5');
  });

  it('pages search results by next_page', async () => {
    const { client, http } = listServer(5);
    const found = await client.customers.search({ query: 'name:"x"', limit: 2 }).autoPagingToArray({ limit: 100 });
    expect(found).toHaveLength(5);
    expect(http.requests.map((request) => new URL(request.url).searchParams.get('page'))).toEqual([null, '2', '4']);
  });

  it('stops autoPagingEach when the callback returns false, and fetches no further page', async () => {
    const { client, http } = listServer(50);
    const seen: string[] = [];
    await client.customers.list({ limit: 5 }).autoPagingEach(async (customer) => {
      seen.push(customer.id);
      return seen.length < 7;
    });
    expect(seen).toHaveLength(7);
    expect(http.requests).toHaveLength(2);
  });

  it('autoPagingToArray stops at its limit and requires a limit up to the maximum', async () => {
    const { client } = listServer(30);
    expect(await client.customers.list({ limit: 10 }).autoPagingToArray({ limit: 12 })).toHaveLength(12);
    await expect(client.customers.list().autoPagingToArray({} as { limit: number })).rejects.toThrow(/limit/);
    await expect(client.customers.list().autoPagingToArray({ limit: AUTO_PAGING_MAX_ITEMS + 1 })).rejects.toThrow(/10000/);
  });

  it('hands concurrent next() calls successive items, never the same one', async () => {
    const { client } = listServer(6);
    const iterator = client.customers.list({ limit: 2 })[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 7 }, () => iterator.next()));
    expect(results.map((result) => (result.done ? 'done' : result.value.id))).toEqual([
      'cus_0',
      'cus_1',
      'cus_2',
      'cus_3',
      'cus_4',
      'cus_5',
      'done',
    ]);
  });

  it('stops after a break without fetching more pages', async () => {
    const { client, http } = listServer(20);
    for await (const customer of client.customers.list({ limit: 5 })) {
      if (customer.id === 'cus_1') break;
    }
    expect(http.requests).toHaveLength(1);
  });
});
