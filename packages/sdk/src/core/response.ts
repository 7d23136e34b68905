// What a call returns. Objects stay plain JSON; the HTTP details ride along on a non-enumerable
// `lastResponse` (invisible to JSON.stringify and spreads) and, for callers who want both without
// casting, on `.withResponse()`.

/** HTTP details of the response an object came from. */
export interface ResponseMeta {
  statusCode: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The `Request-Id` header (`req_…`), when the server sent one. */
  requestId: string | undefined;
  /** The Idempotency-Key the request carried, generated or given. */
  idempotencyKey: string | undefined;
}

/** A parsed JSON response. */
export interface StripeResponse<T = unknown> extends ResponseMeta {
  /** The raw body text. */
  body: string;
  /** The parsed body. */
  data: T;
}

/** A response whose body is left unread for the caller to stream. */
export interface StripeStreamResponse extends ResponseMeta {
  body: ReadableStream<Uint8Array>;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** An object with the response it came from. */
export type WithLastResponse<T> = T & { readonly lastResponse: ResponseMeta };

/** A pending object that can also resolve to the object together with its response. */
export type StripePromise<T> = Promise<WithLastResponse<T>> & {
  /**
   * @example
   * const { data, response } = await client.customers.create({}).withResponse();
   * console.log(response.requestId);
   */
  withResponse(): Promise<{ data: WithLastResponse<T>; response: StripeResponse<T> }>;
};

export function responseMeta(response: ResponseMeta): ResponseMeta {
  return {
    statusCode: response.statusCode,
    headers: response.headers,
    requestId: response.requestId,
    idempotencyKey: response.idempotencyKey,
  };
}

/** Attaches `lastResponse` without making it enumerable. Non-objects are returned unchanged. */
export function attachLastResponse<T>(data: T, response: ResponseMeta): WithLastResponse<T> {
  if (data !== null && typeof data === 'object') {
    Object.defineProperty(data, 'lastResponse', { value: responseMeta(response), enumerable: false, configurable: true });
  }
  return data as WithLastResponse<T>;
}

/** Wraps a pending response as a StripePromise of its data. */
export function toStripePromise<T>(pending: Promise<StripeResponse<T>>): StripePromise<T> {
  const withData = pending.then((response) => attachLastResponse(response.data, response));
  return Object.assign(withData, {
    withResponse: async () => {
      const [data, response] = await Promise.all([withData, pending]);
      return { data, response };
    },
  }) as StripePromise<T>;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
  }
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

export function toStreamResponse(meta: ResponseMeta, body: ReadableStream<Uint8Array>): StripeStreamResponse {
  return {
    ...responseMeta(meta),
    body,
    text: async () => new TextDecoder().decode(await readAll(body)),
    arrayBuffer: async () => {
      const bytes = await readAll(body);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}
