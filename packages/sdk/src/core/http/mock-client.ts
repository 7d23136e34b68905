// An in-memory HttpClient for tests of code that uses the SDK: a handler answers each request,
// and every request is recorded. A handler throws HttpClientError to simulate network failures.

import type { HttpClient, HttpClientRequest, HttpClientResponse } from './types.js';

export interface MockResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
}

export type MockHandler = (request: HttpClientRequest) => MockResponse | Promise<MockResponse>;

/**
 * @example
 * const http = new MockHttpClient(() => ({ body: { id: 'cus_1', object: 'customer' } }));
 * const client = new StripeClient('sk_test_x', { httpClient: http });
 * await client.customers.create({ email: 'a@b.co' });
 * http.requests[0]?.body; // 'email=a%40b.co'
 */
export class MockHttpClient implements HttpClient {
  readonly name = 'mock';
  readonly requests: HttpClientRequest[] = [];

  constructor(private readonly handler: MockHandler) {}

  async request(request: HttpClientRequest): Promise<HttpClientResponse> {
    this.requests.push(request);
    const answer = await this.handler(request);
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;
    return {
      status: answer.status ?? 200,
      headers,
      text: async () => text,
      json: async () => JSON.parse(text) as unknown,
      get body() {
        return new Blob([text]).stream();
      },
    };
  }
}
