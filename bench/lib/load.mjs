/**
 * A small closed-loop load generator (undici Pool, keep-alive): `concurrency` workers each send
 * the next request as soon as the previous answer arrives. Used by the listener and replay
 * benches so that the baseline and the measured run share exactly the same client.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

/**
 * @typedef {object} DriveOptions
 * @property {string} url
 * @property {number} total requests in all
 * @property {number} concurrency requests in flight at once
 * @property {(i: number) => string} body the body of request `i`
 * @property {Record<string, string>} [headers]
 * @property {import('undici').Dispatcher.HttpMethod} [method]
 */

/**
 * @typedef {object} RunningServer
 * @property {import('node:child_process').ChildProcess} child
 * @property {string} url
 * @property {() => string} stderr everything the process wrote on stderr so far
 */

/** @param {DriveOptions} options */
export async function drive({
  url,
  total,
  concurrency,
  body,
  headers = { 'content-type': 'application/json' },
  method = 'POST',
}) {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 10_000 });
  const latencies = new Float64Array(total);
  let next = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t = performance.now();
        try {
          const res = await pool.request({ path: target.pathname + target.search, method, headers, body: body(i) });
          await res.body.dump();
          if (res.statusCode >= 200 && res.statusCode < 300) ok += 1;
          else non2xx += 1;
        } catch {
          errors += 1;
        }
        latencies[i] = performance.now() - t;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort();
  const pct = (/** @type {number} */ p) => latencies[Math.min(total - 1, Math.floor((p / 100) * total))] ?? NaN;
  return { total, ok, non2xx, errors, seconds, rps: total / seconds, p50: pct(50), p99: pct(99) };
}

/** A bare node:http server in its own process that drains the body and answers 200. */
export const BARE_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 });
    res.end('{"ok":true}');
  });
});
server.listen(0, '127.0.0.1', () => process.stderr.write('ready ' + JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port + '/' }) + '\\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/**
 * The load generator's ceiling: a server that answers every request from the socket's 'data'
 * event without parsing HTTP (one request in flight per connection, as autocannon sends them).
 * A bare node:http server well below this figure means the generator saturates the server.
 */
export const RAW_SERVER = `
const net = require('node:net');
const answer = 'HTTP/1.1 200 OK\\r\\ncontent-type: application/json\\r\\ncontent-length: 11\\r\\n\\r\\n{"ok":true}';
const server = net.createServer((socket) => {
  let seen = '';
  socket.setEncoding('latin1');
  socket.on('error', () => {});
  socket.on('data', (d) => {
    seen += d;
    // A whole request has arrived once its body (after the blank line) is as long as declared.
    for (;;) {
      const head = seen.indexOf('\\r\\n\\r\\n');
      if (head === -1) return;
      const m = /content-length: *(\\d+)/i.exec(seen.slice(0, head));
      const end = head + 4 + (m ? Number(m[1]) : 0);
      if (seen.length < end) return;
      seen = seen.slice(end);
      socket.write(answer);
    }
  });
});
server.listen(0, '127.0.0.1', () => process.stderr.write('ready ' + JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port + '/' }) + '\\n'));
process.on('SIGTERM', () => { server.close(); process.exit(0); });
`;

/**
 * CPU time (user + system, ms) a process has used, from /proc on Linux; undefined elsewhere.
 * CPU per request is the figure the machine's other load disturbs least.
 */
/** @param {number | undefined} pid @returns {number | undefined} */
export function cpuMs(pid) {
  try {
    if (pid === undefined) return undefined;
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100;

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/**
 * Spawns a server process and resolves with its URL once it prints its ready line.
 * @param {string} command
 * @param {string[]} args
 * @param {{ stdout?: 'ignore' | 'inherit' | 'pipe', env?: Record<string, string> }} [options]
 * @returns {Promise<RunningServer>}
 */
export function startServer(command, args, options = {}) {
  const env = { ...process.env, ...options.env };
  const child = spawn(command, args, { stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'], env });
  let err = '';
  /** @type {string | undefined} */
  let readyUrl;
  return new Promise((resolve, reject) => {
    const stderr = /** @type {import('node:stream').Readable} */ (child.stderr);
    stderr.setEncoding('utf8');
    stderr.on('data', (/** @type {string} */ d) => {
      err += d;
      const match = /^ready (\{.*\})$/m.exec(err);
      if (match && readyUrl === undefined) {
        readyUrl = /** @type {{ url: string }} */ (JSON.parse(match[1] ?? '{}')).url;
        resolve({ child, url: readyUrl, stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      if (readyUrl === undefined) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
}

/**
 * Stops a server (SIGTERM unless told otherwise) and resolves with its exit code.
 * @param {RunningServer} server
 * @param {NodeJS.Signals} [signal]
 * @returns {Promise<number | null>}
 */
export function stopServer(server, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve(server.child.exitCode);
    server.child.once('exit', (code) => resolve(code));
    server.child.kill(signal);
  });
}

/** A realistic webhook body: seed 002's nine fields, Cyrillic text, a unique ticket id. */
/** @param {number} i */
export function hdeBody(i) {
  return JSON.stringify({
    message: `<p>Здравствуйте! Вопрос №${i}: не приходит код подтверждения 😀</p>`,
    message_author_id: String(500 + (i % 97)),
    customer_id: String(500 + (i % 97)),
    ticket_id: String(100000 + i),
    status_id: 'open',
    user_name: 'Иван Петров',
    last_answer_date: '10:00:00 01.05.2024',
    last_customer_message_date: '10:00:00 01.05.2024',
    chat_id: `c-${i}`,
  });
}

/** `1,234.5`: a number for a report line. */
export const fmt = (/** @type {number} */ n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
