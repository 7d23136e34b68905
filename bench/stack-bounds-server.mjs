// The least the decided stack can do for the customer workloads, to bound what Tender can reach on
// this machine: `POST /v1/customers` writes the customer row and its customer.created event row in one
// transaction, committed once per event-loop turn for every request of that turn (group commit, as
// Tender does); `GET /v1/customers/:id` reads one row by primary key. Everything Tender does besides
// is left out: no parameter checks beyond the form decoding, no idempotency, no savepoint per request,
// no request log, no Stripe headers, no checkpoints while it runs (the WAL only grows). So no server
// doing Tender's durable work on this stack answers faster. `BOUNDS_FRAMEWORK=fastify` (the decided
// framework) or `node-http` (no framework at all). Prints `bounds listening on http://...` once ready.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { benchCustomer } from './customer-body.mjs';

const framework = process.env.BOUNDS_FRAMEWORK ?? 'fastify';
const secret = `Bearer ${process.env.BOUNDS_SECRET_KEY ?? ''}`;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tender-bounds-'));
const db = new Database(path.join(directory, 'bounds.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('temp_store = MEMORY');
db.pragma('wal_autocheckpoint = 0');
db.exec(`
  CREATE TABLE customers (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, created INTEGER NOT NULL, email TEXT, data TEXT NOT NULL);
  CREATE INDEX customers_by_created ON customers (account_id, created, id);
  CREATE INDEX customers_by_email ON customers (account_id, email);
  CREATE TABLE events (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, created INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL);
  CREATE INDEX events_by_created ON events (account_id, created, id);
`);
const insertCustomer = db.prepare('INSERT INTO customers (id, account_id, created, email, data) VALUES (?, ?, ?, ?, ?)');
const insertEvent = db.prepare('INSERT INTO events (id, account_id, created, type, data) VALUES (?, ?, ?, ?, ?)');
const selectCustomer = db.prepare('SELECT data FROM customers WHERE account_id = ? AND id = ?');
const begin = db.prepare('BEGIN IMMEDIATE');
const commit = db.prepare('COMMIT');
const account_id = 'acct_bounds';

/** Callbacks of the transactions in the open group, answered once its COMMIT is done. */
let group = null;
function writeInGroup(write, committed) {
  if (group === null) {
    begin.run();
    group = [];
    setImmediate(() => {
      const done = group;
      group = null;
      commit.run();
      for (const callback of done) callback();
    });
  }
  write();
  group.push(committed);
}

// Ids as Tender makes them: creation time first (so inserts append), then randomness.
let sequence = 0;
const newId = (prefix) =>
  `${prefix}_${Date.now().toString(36)}${(sequence++ % 1296).toString(36).padStart(2, '0')}${randomBytes(9).toString('base64url')}`;

function decodeForm(body) {
  const params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const nested = /^(\w+)\[(\w+)\]$/.exec(key);
    if (nested === null) params[key] = value;
    else (params[nested[1]] ??= {})[nested[2]] = value;
  }
  return params;
}

/** Writes the customer and its event; `answer` gets the customer's JSON once they are committed. */
function createCustomer(params, answer) {
  const created = Math.floor(Date.now() / 1000);
  const customer = benchCustomer({
    id: newId('cus'),
    created,
    email: params.email ?? null,
    name: params.name ?? null,
    metadata: params.metadata ?? {},
  });
  const json = JSON.stringify(customer);
  const event_id = newId('evt');
  const event = `{"id":"${event_id}","object":"event","api_version":"2023-08-16","created":${created},"data":{"object":${json}},"livemode":false,"pending_webhooks":0,"request":{"id":null,"idempotency_key":null},"type":"customer.created"}`;
  writeInGroup(
    () => {
      insertCustomer.run(customer.id, account_id, created, customer.email, json);
      insertEvent.run(event_id, account_id, created, 'customer.created', event);
    },
    () => answer(json),
  );
}

const retrieve = (id) => selectCustomer.get(account_id, id)?.data;
const not_found = '{"error":{"type":"invalid_request_error","code":"resource_missing"}}';
const unauthorized = '{"error":{"type":"invalid_request_error"}}';

function ready(port) {
  process.stdout.write(`bounds listening on http://127.0.0.1:${port} (${framework})\n`);
}

if (framework === 'fastify') {
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, decodeForm(body)),
  );
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.authorization !== secret) reply.code(401).type('application/json').send(unauthorized);
  });
  app.post('/v1/customers', (request, reply) => {
    createCustomer(request.body ?? {}, (json) => reply.type('application/json; charset=utf-8').send(json));
  });
  app.get('/v1/customers/:id', (request, reply) => {
    const json = retrieve(request.params.id);
    reply
      .code(json === undefined ? 404 : 200)
      .type('application/json; charset=utf-8')
      .send(json ?? not_found);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  ready(app.server.address().port);
} else if (framework === 'node-http') {
  const send = (response, status, json) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    response.end(json);
  };
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.headers.authorization !== secret) return send(response, 401, unauthorized);
      if (request.method === 'POST' && request.url === '/v1/customers')
        return createCustomer(decodeForm(body), (json) => send(response, 200, json));
      const json =
        request.method === 'GET' && request.url.startsWith('/v1/customers/')
          ? retrieve(request.url.slice('/v1/customers/'.length))
          : undefined;
      send(response, json === undefined ? 404 : 200, json ?? not_found);
    });
  });
  server.listen(0, '127.0.0.1', () => ready(server.address().port));
} else {
  throw new Error(`BOUNDS_FRAMEWORK must be fastify or node-http, not ${framework}`);
}

const stop = () => {
  db.close();
  fs.rmSync(directory, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
