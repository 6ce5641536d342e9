#!/usr/bin/env node
// The inspector over a big capture: how soon the first page is served, how long the whole file
// takes to index, and what a page deep in the file costs, against the baseline of reading the
// same file once with a plain stream in the same run (the floor for any indexer).
// Usage: node bench/inspector.mjs [records] (default 1000000). Needs `npm run build`.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

if (!existsSync(fileURLToPath(new URL('../dist/inspector/file-store.js', import.meta.url)))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(2);
}
// A computed specifier: the type-check (checkJs) must not follow it into the built JavaScript.
const built = new URL('../dist/inspector/file-store.js', import.meta.url).href;
/** @typedef {{ rows: unknown[]; total: number }} Page */
/**
 * @typedef {{ page(f: object, o: number, l: number): Promise<Page>; indexed: Promise<void>; close(): Promise<void> }}
 *   Store
 */
const { fileStore } = /** @type {{ fileStore(file: string): Promise<Store> }} */ (await import(built));
const records = Math.max(10_000, Number(process.argv[2] ?? 1_000_000) || 1_000_000);
const dir = await mkdtemp(join(tmpdir(), 'omnibot-bench-inspector-'));
const file = join(dir, 'big.ndjson');

try {
  const out = createWriteStream(file);
  for (let i = 1; i <= records; i += 1) {
    const line = JSON.stringify({
      v: 1,
      id: `id-${i}`,
      receivedAt: '2026-12-04T10:00:00.000Z',
      method: 'POST',
      path: '/omnidesk',
      query: '',
      headers: { 'content-type': 'application/json', 'user-agent': 'Omnidesk' },
      body: JSON.stringify({ case_id: String(200_000_000 + i), user_id: '77', case_description: `<p>вопрос ${i}</p>` }),
      event: 'omnidesk.incoming',
      valid: i % 10 !== 0,
      response: { status: 200, ms: 2 },
    });
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');

  let t = performance.now();
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) bytes += chunk.length;
  const baseline = performance.now() - t;

  t = performance.now();
  const store = await fileStore(file);
  const first = await store.page({}, 0, 100);
  const firstMs = performance.now() - t;
  await store.indexed;
  const indexMs = performance.now() - t;
  t = performance.now();
  const deep = await store.page({}, records - 1000, 100);
  const deepMs = performance.now() - t;
  t = performance.now();
  const invalid = await store.page({ verdict: 'invalid' }, 0, 100);
  const filterMs = performance.now() - t;
  await store.close();
  if (first.rows.length !== 100 || deep.rows.length !== 100 || invalid.total !== Math.floor(records / 10)) {
    throw new Error(
      `the store did not return what was written: ${first.rows.length} ${deep.rows.length} ${invalid.total}`,
    );
  }
  const mb = (bytes / 1e6).toFixed(0);
  console.log(`${records} records, ${mb} MB`);
  console.log(`read once with a plain stream (baseline): ${baseline.toFixed(0)} ms`);
  console.log(`first page served after:                  ${firstMs.toFixed(0)} ms`);
  console.log(
    `whole file indexed after:                 ${indexMs.toFixed(0)} ms ` +
      `(${(indexMs / baseline).toFixed(1)}× the baseline)`,
  );
  console.log(`a page ${records - 1000} records in:            ${deepMs.toFixed(1)} ms`);
  console.log(`first filtered page (verdict=invalid):    ${filterMs.toFixed(0)} ms`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
