// The bench's webhook endpoint: a bare node:http server, in its own process, that answers every
// delivery 200 and keeps what the bench reports: deliveries received, distinct events, and each
// delivery's latency from the event's creation (read from its id: Tender ids start with 8 base62
// characters of creation time in ms) to its arrival here. GET /stats answers them; POST /reset
// starts a new window. Prints `receiver listening on http://host:port` once ready.
import http from 'node:http';

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const time_chars = 8;

function createdMs(id) {
  const encoded = id.slice(id.indexOf('_') + 1, id.indexOf('_') + 1 + time_chars);
  let value = 0;
  for (const char of encoded) value = value * 62 + base62.indexOf(char);
  return value;
}

const id_prefix = Buffer.from('{"id":"');

/**
 * The event's id, read from the body's start, where Tender writes it: parsing a payment's 3-4 KB of
 * JSON per delivery cost this process more CPU than the HTTP exchange, on the two cores it shares
 * with Tender. A body that does not start with its id is parsed whole.
 */
function idOf(chunks) {
  const first = chunks[0];
  if (first !== undefined && first.length > id_prefix.length + 1 && first.subarray(0, id_prefix.length).equals(id_prefix)) {
    const end = first.indexOf(0x22, id_prefix.length); // the closing quote; ids never contain one
    if (end > 0) return first.toString('latin1', id_prefix.length, end);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')).id;
}

let window = { started_ms: Date.now(), deliveries: 0, latencies_ms: [] };
const seen = new Set();
let total = 0;

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/stats') {
    const sorted = Float64Array.from(window.latencies_ms).sort();
    const at = (percentile) =>
      sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1)];
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        total,
        distinct_events: seen.size,
        window_deliveries: window.deliveries,
        window_seconds: (Date.now() - window.started_ms) / 1000,
        latency_ms: { p50: at(50), p99: at(99), max: sorted.length === 0 ? 0 : sorted[sorted.length - 1] },
      }),
    );
    return;
  }
  if (request.method === 'POST' && request.url === '/reset') {
    window = { started_ms: Date.now(), deliveries: 0, latencies_ms: [] };
    request.resume();
    response.end('{}');
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const arrived = Date.now();
    const id = idOf(chunks);
    total += 1;
    seen.add(id);
    window.deliveries += 1;
    window.latencies_ms.push(arrived - createdMs(id));
    response.writeHead(200);
    response.end();
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`receiver listening on http://${address.address}:${address.port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
