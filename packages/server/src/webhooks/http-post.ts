// One webhook attempt over node:http(s): POST the payload, wait for the status line, drain and drop
// the body. Connections are kept alive per endpoint origin, so a busy endpoint costs one handshake,
// not one per event; the socket pool per origin is bounded. Redirects are not followed (a 3xx is a
// failed attempt, as on Stripe). A timer bounds the whole attempt, connection included.
import * as http from 'node:http';
import * as https from 'node:https';

export type PostResult = { ok: true; status: number } | { ok: false; error: string };

export interface PostOptions {
  timeout_ms: number;
  sockets_per_origin_max: number;
}

export interface Poster {
  post(url: string, headers: Record<string, string>, body: string): Promise<PostResult>;
  close(): void;
}

/** Undici's fetch costs about four times the CPU of node:http per POST here (bench notes). */
export function createPoster(options: PostOptions): Poster {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.sockets_per_origin_max }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.sockets_per_origin_max }),
  };
  return {
    post(url, headers, body) {
      return new Promise<PostResult>((resolve) => {
        let target: URL;
        try {
          target = new URL(url);
        } catch {
          resolve({ ok: false, error: `invalid URL ${url}` });
          return;
        }
        const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
        const send = protocol === 'https:' ? https.request : http.request;
        let settled = false;
        const finish = (result: PostResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(result);
        };
        const request = send(
          target,
          { method: 'POST', agent: agents[protocol], headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
          (response) => {
            // The body is never used: read and drop it so the connection can serve the next attempt.
            response.resume();
            finish({ ok: true, status: response.statusCode ?? 0 });
          },
        );
        const timer = setTimeout(() => {
          finish({ ok: false, error: `timed out after ${options.timeout_ms} ms` });
          request.destroy();
        }, options.timeout_ms);
        request.on('error', (error: NodeJS.ErrnoException) => {
          finish({ ok: false, error: error.code === undefined ? error.message : `${error.code}: ${error.message}` });
        });
        request.end(body);
      });
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
