#!/usr/bin/env node
// Start-up cost of the CLI against bare Node, measured in the same run so the machine's load
// affects both sides alike. Usage: node bench/startup.mjs [runs] (default 20, at least 10).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/omnibot.js', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(2);
}
const runs = Math.max(10, Number(process.argv[2] ?? 20) || 20);

const cases = {
  'node -e 0': ['-e', '0'],
  'omnibot --version': [bin, '--version'],
  'omnibot --help': [bin, '--help'],
};

/** @param {string[]} args */
function once(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return ms;
}

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

// One warm-up each (file cache), then interleaved runs so drift hits every case equally.
for (const args of Object.values(cases)) once(args);
/** @type {Record<string, number[]>} */
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(cases)) samples[name]?.push(once(args));

const base = median(samples['node -e 0'] ?? []);
/** @type {Record<string, number>} */
const aims = { 'omnibot --version': 1.3, 'omnibot --help': 1.5 };
console.log(`node ${process.versions.node}, ${runs} runs each, median ms`);
for (const [name, xs] of Object.entries(samples)) {
  const m = median(xs);
  const ratio = m / base;
  const aim = aims[name];
  const verdict = aim ? `  ratio ${ratio.toFixed(2)} (aim ≤ ${aim}: ${ratio <= aim ? 'ok' : 'over'})` : '  baseline';
  console.log(`${name.padEnd(20)} ${m.toFixed(1).padStart(7)} ms${verdict}`);
}
