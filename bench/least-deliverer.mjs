// The least work delivering a webhook can be: sign the event's JSON and POST it, nothing else. No
// outbox row, no claim, no recording, no retry, no database at all: for `webhook-bound.mjs`, which
// runs Tender's payments with this process delivering each payment's events beside it, to show what
// the payments could reach on this machine if Tender's delivery cost no more than the HTTP exchange.
//
// It POSTs with undici's dispatch, as Tender's sending thread does, over keep-alive connections (at
// most `in_flight_max` attempts at once, the others wait here), with the headers Tender sends and a
// `Stripe-Signature` made per attempt. `POST /templates` with a JSON array of event bodies (one
// payment's events, taken from Tender) sets what a payment delivers; each line `n` on standard input
// sends every template n times to DELIVER_TO (a URL): a pipe, so that handing payments over costs the
// load generator next to nothing. `GET /stats` answers how many were sent and answered 2xx. Prints
// `deliverer listening on http://host:port` once ready.
import http from 'node:http';
import readline from 'node:readline';
import { createHmac } from 'node:crypto';
import { Agent } from 'undici';

const target = new URL(process.env.DELIVER_TO ?? '');
const secret = 'whsec_bench_least_deliverer';
const in_flight_max = 128;
const waiting_max = 1_000_000;
const headers = [
  'content-type',
  'application/json; charset=utf-8',
  'user-agent',
  'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
  'cache-control',
  'no-cache',
  'accept',
  '*/*; q=0.5, application/xml',
];
const agent = new Agent({ connections: in_flight_max });
const waiting = [];
let templates = [];
let in_flight = 0;
let sent = 0;
let answered_2xx = 0;
let failed = 0;

function startNext() {
  while (in_flight < in_flight_max && waiting.length > 0) post(waiting.shift());
}

function post(text) {
  in_flight += 1;
  const body = Buffer.from(text, 'utf8');
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest('hex');
  let done = false;
  const finish = (ok) => {
    if (done) return;
    done = true;
    in_flight -= 1;
    if (ok) answered_2xx += 1;
    else failed += 1;
    startNext();
  };
  sent += 1;
  agent.dispatch(
    {
      origin: target.origin,
      path: target.pathname,
      method: 'POST',
      headers: headers.concat('stripe-signature', `t=${timestamp},v1=${signature}`),
      body,
    },
    {
      onRequestStart() {},
      onResponseStart(_controller, status) {
        if (status >= 200) finish(status < 300);
      },
      onResponseData() {},
      onResponseEnd() {},
      onResponseError() {
        finish(false);
      },
    },
  );
}

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ sent, answered_2xx, failed, waiting: waiting.length, in_flight }));
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    templates = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
});

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const payments = Number(line);
  if (!Number.isSafeInteger(payments) || payments < 0) throw new Error(`not a count of payments: ${line}`);
  if (waiting.length + payments * templates.length > waiting_max) throw new Error(`more than ${waiting_max} deliveries waiting`);
  for (let index = 0; index < payments; index += 1) for (const body of templates) waiting.push(body);
  startNext();
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`deliverer listening on http://${address.address}:${address.port}\n`);
});
const stop = () => server.close(() => void agent.close().then(() => process.exit(0)));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
