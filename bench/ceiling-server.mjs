// The ceiling: a bare node:http server answering a fixed ~1 KB JSON body, shaped like a customer.
// Nothing Tender does per request can be faster than this on the same machine, so every Tender
// figure is reported as a ratio to it. Prints `ceiling listening on http://host:port` once ready.
import http from 'node:http';
import { benchCustomer } from './customer-body.mjs';

const host = process.env.CEILING_HOST ?? '127.0.0.1';
const port = Number(process.env.CEILING_PORT ?? 0);
const body_bytes_target = 1024;

function fixedBody() {
  const customer = {
    ...benchCustomer({
      id: 'cus_0123456789abcdefghijklmn',
      created: 1_763_900_000,
      email: 'bench@example.com',
      name: 'Bench',
      metadata: { k: 'v' },
    }),
    padding: '',
  };
  const unpadded = Buffer.byteLength(JSON.stringify(customer));
  customer.padding = 'x'.repeat(Math.max(0, body_bytes_target - unpadded));
  return Buffer.from(JSON.stringify(customer));
}

const body = fixedBody();
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };

const server = http.createServer((request, response) => {
  // Drain any request body so keep-alive connections stay usable.
  request.resume();
  request.on('end', () => {
    response.writeHead(200, headers);
    response.end(body);
  });
});

server.listen(port, host, () => {
  const address = server.address();
  process.stdout.write(`ceiling listening on http://${address.address}:${address.port} (${body.length} byte body)\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
