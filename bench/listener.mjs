#!/usr/bin/env node
/**
 * Listener throughput: `omnibot listen --capture` against a bare node:http server that answers
 * 200, each in its own process, both driven by autocannon (the field's standard HTTP load
 * generator) with the same settings in this run. Aim: listen ≥ 0.5× bare, and every 2xx that
 * autocannon counted is a record in the capture file (none lost, none duplicated, none torn).
 *
 * Each round measures bare then listen back to back and takes their ratio; the figure is the
 * median of the rounds' ratios (the machine may be busy with other work: one ratio is noise).
 * autocannon's own ceiling is printed too (a server that does nothing but answer from the
 * socket's 'data' event), so a ratio is never read against a generator that was the bottleneck.
 *
 *   node bench/listener.mjs [--seconds 10] [--connections 50] [--rounds 5]
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { BARE_SERVER, RAW_SERVER, cpuMs, fmt, hdeBody, median, startServer, stopServer } from './lib/load.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '5' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const BIN = fileURLToPath(new URL('../bin/omnibot.js', import.meta.url));
const OUT = fileURLToPath(new URL('.out/', import.meta.url));
await mkdir(OUT, { recursive: true });
const VERSION = JSON.parse(
  await readFile(new URL('../node_modules/autocannon/package.json', import.meta.url), 'utf8'),
).version;

/**
 * One autocannon run; resolves with its counts and rates.
 * @param {string} url
 * @param {number} duration seconds
 * @returns {Promise<{ rps: number, ok: number, non2xx: number, errors: number, p50: number, p99: number }>}
 */
function cannon(url, duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}helpdeskeddy`,
        method: 'POST',
        connections,
        pipelining: 1,
        duration,
        headers: { 'content-type': 'application/json' },
        body: hdeBody(1),
      },
      (err, result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        resolve({
          rps: result.requests.average,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          p50: result.latency.p50,
          p99: result.latency.p99,
        });
      },
    );
  });
}

/**
 * A warm-up (JIT, connection set-up), then the measured run, with the server's CPU time per request.
 * @param {import('./lib/load.mjs').RunningServer} server
 */
async function measure(server) {
  const warm = await cannon(server.url, 2);
  const before = cpuMs(server.child.pid);
  const run = await cannon(server.url, seconds);
  const after = cpuMs(server.child.pid);
  const answered = run.ok + run.non2xx;
  const cpuUs =
    before === undefined || after === undefined || answered === 0 ? undefined : ((after - before) * 1000) / answered;
  return { ...run, warmOk: warm.ok, cpuUs };
}

/** @param {string} script a server for `node -e` */
async function server(script) {
  const s = await startServer(process.execPath, ['-e', script]);
  try {
    return await measure(s);
  } finally {
    await stopServer(s);
  }
}

/** @param {number} round */
async function listen(round) {
  const capture = `${OUT}listener-${round}.ndjson`;
  await rm(capture, { force: true });
  const s = await startServer(process.execPath, [BIN, 'listen', '--port', '0', '--capture', capture], {
    env: { CI: 'true', FORCE_COLOR: '0' },
  });
  let result;
  try {
    result = await measure(s);
  } finally {
    const code = await stopServer(s, 'SIGTERM');
    if (code !== 0) console.error(`listen exited ${code}: ${s.stderr()}`);
  }
  const lines = (await readFile(capture, 'utf8')).split('\n');
  const torn = lines.pop() !== '' ? 1 : 0;
  const ids = new Set();
  let ok2xx = 0;
  for (const line of lines) {
    const record = JSON.parse(line);
    ids.add(record.id);
    if (record.response.status >= 200 && record.response.status < 300) ok2xx += 1;
  }
  await rm(capture, { force: true });
  return {
    ...result,
    recorded: lines.length,
    unique: ids.size,
    recorded2xx: ok2xx,
    torn,
    expected: result.warmOk + result.ok,
  };
}

/**
 * @param {string} name
 * @param {{ rps: number, p50: number, p99: number, ok: number, non2xx: number, errors: number, cpuUs?: number }} r
 */
const row = (name, r) =>
  `${name.padEnd(24)} ${fmt(r.rps).padStart(8)} req/s   p50 ${fmt(r.p50, 0).padStart(3)} ms   p99 ` +
  `${fmt(r.p99, 0).padStart(4)} ms   ` +
  `${r.cpuUs === undefined ? '' : `cpu ${fmt(r.cpuUs, 1).padStart(5)} µs/req   `}2xx ${fmt(r.ok)}   non-2xx ` +
  `${r.non2xx}   errors ${r.errors}`;

console.log(
  `listener bench: autocannon ${VERSION} (in this process), ${connections} connections, ${seconds} s per run after a ` +
    `2 s warm-up, ${rounds} round(s), node ${process.version}`,
);
/** @type {number[]} */
const ratios = [];
/** @type {number[]} */
const ceilings = [];
/** @type {number[]} */
const cpuRatios = [];
const bareRates = [];
/** @type {number[]} */
const listenRates = [];
let problems = 0;
for (let round = 1; round <= rounds; round++) {
  // The generator's ceiling, measured in every round: the machine's load moves it.
  const ceiling = await server(RAW_SERVER);
  const b = await server(BARE_SERVER);
  const l = await listen(round);
  ceilings.push(ceiling.rps);
  console.log(row(`generator ceiling #${round}`, ceiling));
  console.log(row(`bare node:http #${round}`, b));
  console.log(row(`listen --capture #${round}`, l));
  console.log(
    `${''.padEnd(24)} records ${fmt(l.recorded)} (unique ids ${fmt(l.unique)}, torn ${l.torn}) for ` +
      `${fmt(l.expected)} 2xx; ratio ${fmt(l.rps / b.rps, 2)}`,
  );
  // autocannon drops the requests still in flight when its time is up: those were answered and
  // recorded but are not in its 2xx count, so only a shortfall is a loss.
  problems += Math.max(0, l.expected - l.recorded2xx) + (l.recorded - l.unique) + l.torn;
  ratios.push(l.rps / b.rps);
  if (b.cpuUs && l.cpuUs) cpuRatios.push(b.cpuUs / l.cpuUs);
  bareRates.push(b.rps);
  listenRates.push(l.rps);
}
const ratio = median(ratios);
const share = median(bareRates) / median(ceilings);
console.log(
  `\nmedian req/s: bare ${fmt(median(bareRates))}, listen ${fmt(median(listenRates))}; generator ceiling ` +
    `${fmt(median(ceilings))} (bare at ${fmt(share * 100)}% of it)`,
);
console.log(
  `ratio listen/bare (median of ${rounds}; rounds ${ratios.map((r) => fmt(r, 2)).join(' ')}): ${fmt(ratio, 2)}  (aim ` +
    `≥ 0.50) ${ratio >= 0.5 ? 'OK' : 'BELOW AIM'}`,
);
if (cpuRatios.length) {
  console.log(
    `CPU per request, bare/listen (median; what throughput would be with a core each): ${fmt(median(cpuRatios), 2)} ` +
      `(rounds ${cpuRatios.map((r) => fmt(r, 2)).join(' ')})`,
  );
}
console.log(`2xx not recorded, duplicated or torn: ${problems} ${problems === 0 ? 'OK' : 'LOST RECORDS'}`);
