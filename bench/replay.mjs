#!/usr/bin/env node
/**
 * Replay throughput and memory.
 *  1. `omnibot replay` of an N-record capture into a bare 200 sink, against the load generator
 *     alone sending the same bodies to the same sink at the same concurrency. Aim ≥ 0.7.
 *     Replay's wall time includes process start-up; the start-up of a 1-record replay is
 *     measured too and the adjusted ratio printed beside the raw one.
 *     One measurement per run: the generator gets the same 2,000-request warm-up every time,
 *     whereas a second round in this process would compare a fresh `omnibot replay` process
 *     against a generator already hot from the first. On a busy machine, run the script a few
 *     times and take the median.
 *  2. Peak RSS of `omnibot replay` over a 1,000,000-record file (VmHWM from /proc), with default
 *     Node settings. Aim < 150 MB.
 *
 *   node bench/replay.mjs [--records 20000] [--concurrency 50] [--big 1000000] [--skip-big]
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BARE_SERVER, drive, fmt, hdeBody, startServer, stopServer } from './lib/load.mjs';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '50' },
    big: { type: 'string', default: '1000000' },
    'skip-big': { type: 'boolean', default: false },
  },
});
const records = Number(values.records);
const concurrency = Number(values.concurrency);
const big = Number(values.big);
const BIN = fileURLToPath(new URL('../bin/omnibot.js', import.meta.url));
const OUT = fileURLToPath(new URL('.out/', import.meta.url));
await mkdir(OUT, { recursive: true });

/** @param {string} file @param {number} n records to write */
async function writeCapture(file, n) {
  const out = createWriteStream(file);
  const started = Date.parse('2024-05-01T10:00:00Z');
  for (let i = 0; i < n; i++) {
    const body = hdeBody(i);
    const line = JSON.stringify({
      v: 1,
      id: `bench-${i}`,
      receivedAt: new Date(started + i).toISOString(),
      method: 'POST',
      path: '/hook',
      query: '',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'bench',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
      event: 'helpdeskeddy.new_reply',
      valid: true,
      response: { status: 200, ms: 0.4 },
    });
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Runs replay, sampling the child's VmHWM (peak RSS) from /proc while it runs. */
/** @param {string} file @param {string} url */
async function replay(file, url) {
  const started = performance.now();
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, CI: 'true', FORCE_COLOR: '0' };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [BIN, 'replay', file, '--to', url, '--concurrency', String(concurrency)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (/** @type {string} */ d) => (stderr += d));
  let peakKb = 0;
  const sample = async () => {
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    if (match) peakKb = Math.max(peakKb, Number(match[1]));
  };
  const timer = setInterval(() => void sample(), 100);
  const [code] = /** @type {[number | null]} */ (await once(child, 'exit'));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  return { code, seconds, peakMb: peakKb / 1024, stderr };
}

const sink = await startServer(process.execPath, ['-e', BARE_SERVER]);
try {
  const file = `${OUT}replay-${records}.ndjson`;
  await writeCapture(file, records);
  const tiny = `${OUT}replay-1.ndjson`;
  await writeCapture(tiny, 1);

  await drive({ url: `${sink.url}hook`, total: 2000, concurrency, body: hdeBody });
  const baseline = await drive({ url: `${sink.url}hook`, total: records, concurrency, body: hdeBody });
  const startup = await replay(tiny, sink.url);
  const run = await replay(file, sink.url);
  if (run.code !== 0) console.error(`replay exited ${run.code}: ${run.stderr}`);
  const summary = /replay: (.*)/.exec(run.stderr)?.[1] ?? '(no summary)';
  const rawRps = records / run.seconds;
  const adjustedRps = records / Math.max(0.001, run.seconds - startup.seconds);

  console.log(`replay bench: ${fmt(records)} records, concurrency ${concurrency}, node ${process.version}`);
  console.log(
    `load generator alone   ${fmt(baseline.rps).padStart(8)} req/s   p50 ${fmt(baseline.p50, 2)} ms   errors ` +
      `${baseline.errors}`,
  );
  console.log(
    `omnibot replay         ${fmt(rawRps).padStart(8)} req/s   (${fmt(run.seconds, 2)} s wall, incl. ` +
      `${fmt(startup.seconds, 2)} s start-up)   ${summary}`,
  );
  console.log(
    `ratio replay/generator: ${fmt(rawRps / baseline.rps, 2)} raw, ${fmt(adjustedRps / baseline.rps, 2)} without ` +
      `start-up  (aim ≥ 0.70) ${adjustedRps / baseline.rps >= 0.7 ? 'OK' : 'BELOW AIM'}`,
  );
  await rm(file, { force: true });
  await rm(tiny, { force: true });

  if (!values['skip-big']) {
    const bigFile = `${OUT}replay-big.ndjson`;
    await writeCapture(bigFile, big);
    const size = (await stat(bigFile)).size;
    const bigRun = await replay(bigFile, sink.url);
    const bigSummary = /replay: (.*)/.exec(bigRun.stderr)?.[1] ?? `(exit ${bigRun.code})`;
    console.log(
      `\nbig replay (default Node settings): ${fmt(big)} records (${fmt(size / 1024 / 1024)} MB file) in ` +
        `${fmt(bigRun.seconds, 1)} s: ${bigSummary}`,
    );
    console.log(`peak RSS ${fmt(bigRun.peakMb, 1)} MB  (aim < 150 MB) ${bigRun.peakMb < 150 ? 'OK' : 'ABOVE AIM'}`);
    await rm(bigFile, { force: true });
  }
} finally {
  await stopServer(sink);
}
