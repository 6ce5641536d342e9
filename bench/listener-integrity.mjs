#!/usr/bin/env node
/**
 * Listener integrity under load: "2xx means recorded", checked by id. Every 2xx answer carries
 * the record's id, so each one can be looked up in the capture file afterwards.
 *
 *  1. 20,000 mixed requests (webhooks of every kind, forms, broken JSON, binary, oversized
 *     bodies, other paths) at concurrency 200, then SIGTERM: exactly one record per request,
 *     none torn, none duplicated, every 2xx id present.
 *  2. The same traffic, and SIGKILL while it runs: every 2xx answered before the kill is in the
 *     file; nothing duplicated; at most the last line torn.
 *
 *   node bench/listener-integrity.mjs [--requests 20000] [--concurrency 200]
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { fmt, hdeBody, startServer, stopServer } from './lib/load.mjs';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '200' } },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const BIN = fileURLToPath(new URL('../bin/omnibot.js', import.meta.url));
const OUT = fileURLToPath(new URL('.out/', import.meta.url));
await mkdir(OUT, { recursive: true });

const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
/**
 * Request `i` of the mix: [path, headers, body].
 * @param {number} i
 * @returns {[string, Record<string, string>, string | Buffer]}
 */
function mixed(i) {
  switch (i % 8) {
    case 0:
      return ['/helpdeskeddy', { 'content-type': 'application/json' }, hdeBody(i)];
    case 1:
      return [
        '/omnidesk',
        { 'content-type': 'application/json' },
        JSON.stringify({ case_id: String(i), case_description: '<p>Где заказ?</p>', user_id: '7' }),
      ];
    case 2:
      return [
        '/omnidesk',
        { 'content-type': 'application/x-www-form-urlencoded' },
        `object%5Bcase_id%5D=${i}&object%5Bcontent%5D=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82`,
      ];
    case 3:
      return ['/broken', { 'content-type': 'application/json' }, '{"case_id": 1, "initial_text": '];
    case 4:
      return ['/bin', { 'content-type': 'application/octet-stream' }, binary];
    case 5:
      return ['/big', { 'content-type': 'application/json' }, Buffer.alloc(3000, 0x61)];
    case 6:
      return [`/q?token=t${i}&x=1`, { 'content-type': 'text/plain' }, 'plain'];
    default:
      return ['/', { 'content-type': 'application/json' }, '{}'];
  }
}

/**
 * Sends the mix; resolves with the 2xx ids and the counts. `stopAfterMs` stops sending new requests.
 * @param {string} url
 * @param {{ stopAfterMs?: number }} [options]
 */
async function drive(url, { stopAfterMs } = {}) {
  const pool = new Pool(new URL(url).origin, { connections: concurrency, pipelining: 1 });
  /** @type {string[]} */
  const ids = [];
  let next = 0;
  let answered = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total || (stopAfterMs && performance.now() - started > stopAfterMs)) return;
        const [path, headers, body] = mixed(i);
        try {
          const res = await pool.request({ path, method: 'POST', headers, body });
          const text = await res.body.text();
          answered += 1;
          if (res.statusCode >= 200 && res.statusCode < 300)
            ids.push(/** @type {{ id: string }} */ (JSON.parse(text)).id);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  await pool.destroy();
  return { ids, answered, errors, seconds: (performance.now() - started) / 1000 };
}

/** @param {string} capture */
async function read(capture) {
  const lines = (await readFile(capture, 'utf8')).split('\n');
  const last = lines.pop();
  /** @type {Map<string, number>} */
  const ids = new Map();
  let torn = last === '' ? 0 : 1;
  for (const line of lines) {
    try {
      const id = /** @type {{ id: string }} */ (JSON.parse(line)).id;
      ids.set(id, (ids.get(id) ?? 0) + 1);
    } catch {
      torn += 1;
    }
  }
  const duplicated = [...ids.values()].filter((n) => n > 1).length;
  return { records: lines.length, ids, torn, duplicated };
}

const listen = (/** @type {string} */ capture) =>
  startServer(process.execPath, [BIN, 'listen', '--port', '0', '--capture', capture, '--max-body', '2kb'], {
    env: { CI: 'true' },
  });

console.log(`listener integrity: ${fmt(total)} mixed requests at concurrency ${concurrency}, node ${process.version}`);
let failures = 0;

{
  const capture = `${OUT}integrity-term.ndjson`;
  await rm(capture, { force: true });
  const server = await listen(capture);
  const sent = await drive(server.url);
  const code = await stopServer(server, 'SIGTERM');
  const file = await read(capture);
  const missing = sent.ids.filter((id) => !file.ids.has(id)).length;
  const ok =
    code === 0 &&
    file.records === total &&
    sent.answered === total &&
    file.torn === 0 &&
    file.duplicated === 0 &&
    missing === 0;
  failures += ok ? 0 : 1;
  console.log(
    `SIGTERM: ${fmt(sent.answered)} answered (${fmt(sent.ids.length)} 2xx, ${sent.errors} errors) in ` +
      `${fmt(sent.seconds, 1)} s → ${fmt(file.records)} records, ` +
      `torn ${file.torn}, duplicated ${file.duplicated}, 2xx missing ${missing}, exit ${code}  ${ok ? 'OK' : 'FAIL'}`,
  );
  await rm(capture, { force: true });
}

{
  const capture = `${OUT}integrity-kill.ndjson`;
  await rm(capture, { force: true });
  const server = await listen(capture);
  const sending = drive(server.url);
  // Kill once a good part of the traffic is through, while requests are in flight.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  server.child.kill('SIGKILL');
  const sent = await sending;
  const file = await read(capture);
  const missing = sent.ids.filter((id) => !file.ids.has(id)).length;
  const ok = missing === 0 && file.duplicated === 0 && file.torn <= 1;
  failures += ok ? 0 : 1;
  console.log(
    `SIGKILL mid-load: ${fmt(sent.ids.length)} 2xx before the kill (${fmt(sent.errors)} requests cut off) → ` +
      `${fmt(file.records)} records, ` +
      `torn ${file.torn}, duplicated ${file.duplicated}, 2xx missing ${missing}  ${ok ? 'OK' : 'FAIL'}`,
  );
  await rm(capture, { force: true });
}
process.exitCode = failures ? 1 : 0;
