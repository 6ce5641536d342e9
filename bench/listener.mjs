#!/usr/bin/env node
/**
 * Listener throughput: `omnibot listen --capture` against a bare node:http server that answers
 * 200, both in their own process and driven by the same load generator in this run.
 * Aim: listen ≥ 0.5× bare, with every answered request in the capture file (zero lost).
 * Each round measures bare then listen back to back and takes their ratio; the figure is the
 * median of the rounds' ratios (the machine may be busy with other work: a single ratio is noise).
 *
 *   node bench/listener.mjs [--requests 20000] [--concurrency 50] [--rounds 3]
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BARE_SERVER, drive, fmt, hdeBody, startServer, stopServer } from './lib/load.mjs';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '50' }, rounds: { type: 'string', default: '3' } },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
const warmup = Math.min(2000, Math.ceil(requests / 10));
const BIN = fileURLToPath(new URL('../bin/omnibot.js', import.meta.url));
const OUT = fileURLToPath(new URL('.out/', import.meta.url));
await mkdir(OUT, { recursive: true });

async function measure(server) {
  await drive({ url: server.url, total: warmup, concurrency, body: (i) => hdeBody(i) });
  return drive({ url: server.url, total: requests, concurrency, body: (i) => hdeBody(warmup + i) });
}

async function bare() {
  const server = await startServer(process.execPath, ['-e', BARE_SERVER]);
  try {
    return await measure(server);
  } finally {
    await stopServer(server);
  }
}

async function listen(round) {
  const capture = `${OUT}listener-${round}.ndjson`;
  await rm(capture, { force: true });
  const server = await startServer(process.execPath, [BIN, 'listen', '--port', '0', '--capture', capture], { env: { CI: 'true', FORCE_COLOR: '0' } });
  let result;
  try {
    result = await measure(server);
  } finally {
    const code = await stopServer(server, 'SIGTERM');
    if (code !== 0) console.error(`listen exited ${code}: ${server.stderr()}`);
  }
  const lines = (await readFile(capture, 'utf8')).split('\n').filter(Boolean);
  const ids = new Set(lines.map((l) => JSON.parse(l).id));
  await rm(capture, { force: true });
  return { ...result, recorded: lines.length, unique: ids.size, expected: warmup + result.ok };
}

const row = (name, r) =>
  `${name.padEnd(22)} ${fmt(r.rps).padStart(8)} req/s   p50 ${fmt(r.p50, 2).padStart(6)} ms   p99 ${fmt(r.p99, 2).padStart(6)} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;

console.log(`listener bench: ${fmt(requests)} requests (after ${fmt(warmup)} warm-up), concurrency ${concurrency}, ${rounds} round(s), node ${process.version}`);
const ratios = [];
let lost = 0;
for (let round = 1; round <= rounds; round++) {
  const b = await bare();
  const l = await listen(round);
  console.log(row(`bare node:http #${round}`, b));
  console.log(row(`listen --capture #${round}`, l));
  console.log(`${''.padEnd(22)} records ${fmt(l.recorded)} (unique ids ${fmt(l.unique)}) for ${fmt(l.expected)} answered requests; ratio ${fmt(l.rps / b.rps, 2)}`);
  lost += Math.max(0, l.expected - l.recorded) + (l.recorded - l.unique);
  ratios.push(l.rps / b.rps);
}
const sorted = [...ratios].sort((a, b) => a - b);
const ratio = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(`\nratio listen/bare (median of ${rounds}; rounds ${ratios.map((r) => fmt(r, 2)).join(' ')}): ${fmt(ratio, 2)}  (aim ≥ 0.50) ${ratio >= 0.5 ? 'OK' : 'BELOW AIM'}`);
console.log(`records lost or duplicated: ${lost} ${lost === 0 ? 'OK' : 'LOST RECORDS'}`);
