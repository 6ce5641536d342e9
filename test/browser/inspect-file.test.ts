/**
 * `omnibot inspect` over a big capture in headless Chromium: the page shows the first rows at
 * once, End jumps to the last record (the server pages; the browser never holds the file), and
 * a filter narrows the count. The file is only read.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, skipBrowserTests, type BrowserSession } from '../helpers/browser.js';
import { spawnStart, type SpawnedCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const N = 50_000;

describe.skipIf(skipBrowserTests())('omnibot inspect in a browser', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;
  let inspect: SpawnedCli;
  let ui: string;
  let session: BrowserSession;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('omnibot-inspect-browser-'));
    file = join(dir, 'big.ndjson');
    const lines: string[] = [];
    for (let i = 1; i <= N; i += 1) {
      lines.push(
        JSON.stringify({
          v: 1,
          id: `id-${i}`,
          receivedAt: `2026-12-04T10:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}:00.000Z`,
          method: 'POST',
          path: `/hook/${i}`,
          query: '',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ case_id: String(200_000_000 + i), user_id: '7', case_description: `<p>№${i}</p>` }),
          event: 'omnidesk.incoming',
          valid: i % 100 !== 0,
          response: { status: 200, ms: 1 },
        }),
      );
    }
    await writeFile(file, lines.join('\n') + '\n');
    inspect = spawnStart(['inspect', file, '--no-open'], { cwd: dir });
    ui = (await inspect.ready()).ui!;
    session = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await inspect?.kill();
    await cleanup?.();
  });

  it('opens at once, jumps to the last of 50,000 records, filters, and leaves the file as it was', async () => {
    const before = await stat(file);
    const { page } = session;
    await page.goto(ui);
    await page.locator('#spacer .row').first().waitFor();
    await page.locator('#count', { hasText: new RegExp(`^${N} requests$`) }).waitFor({ timeout: 20_000 });
    expect(await page.locator('#spacer .row').count()).toBeLessThan(200); // only what is on screen
    await page.focus('#list');
    await page.keyboard.press('End');
    await page.locator('#detail h2', { hasText: `#${N} POST /hook/${N}` }).waitFor();
    await page.selectOption('#f-verdict', 'invalid');
    await page.locator('#count', { hasText: new RegExp(`^${N / 100} of ${N} requests$`) }).waitFor();
    const after = await stat(file);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect((await readFile(file, 'utf8')).split('\n').length).toBe(N + 1);
  });
});
