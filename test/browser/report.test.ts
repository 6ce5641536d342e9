/**
 * The HTML report in headless Chromium, opened from disk with the network cut off: a round trip
 * whose changed-case rule is missing shows its failed hop in red, with the failure on it, in the
 * light and the dark theme. Each run takes a 1200 px wide screenshot into the fixture's temp
 * folder; OMNIBOT_SCREENSHOTS=1 writes it to docs/images/verify-report.png (README, docs/ci.md).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, skipBrowserTests, type BrowserSession } from '../helpers/browser.js';
import { setup, type Fixture } from '../helpers/verify-fixture.js';

const SHOTS = fileURLToPath(new URL('../../docs/images/', import.meta.url));

describe.skipIf(skipBrowserTests())('the HTML report in a browser', () => {
  let fx: Fixture;
  let session: BrowserSession;

  beforeAll(async () => {
    fx = await setup();
    const rules = await fx.api.adminRequest<
      Array<{ rule_id: number; title: string; kind?: string; ruleKind?: string }>
    >('GET', '/_sandbox/rules');
    const changed = rules.find((x) => (x.ruleKind ?? x.kind) === 'changed' || /изменённые|changed/.test(x.title));
    await fx.api.adminRequest('DELETE', `/_sandbox/rules/${changed!.rule_id}`);
    const r = await fx.run(['verify', '--e2e', '--timeout', '2s', '--reporter', 'html', '--output', 'report.html']);
    expect(r.exitCode).toBe(1);
    session = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await fx?.close();
  });

  it('opens offline and shows the failed hop marked', async () => {
    const { page, context } = session;
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    await context.setOffline(true);
    await page.goto(pathToFileURL(join(fx.dir, 'report.html')).href);
    const failed = page.locator('[data-hop="failed"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.isVisible()).toBe(true);
    expect(await failed.textContent()).toContain('✗ hand-off to an agent');
    // A string runs in the page: this project's types know no DOM.
    const colour = await page.evaluate<string>(
      'getComputedStyle(document.querySelector(\'[data-hop="failed"] .arrow\')).stroke',
    );
    expect(colour).toMatch(/^rgb\(192, 38, 45\)$/);
    expect(await page.textContent('.verdict')).toBe('verify failed');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.setViewportSize({ width: 1200, height: 900 });
    const shot =
      process.env.OMNIBOT_SCREENSHOTS === '1' ? join(SHOTS, 'verify-report.png') : join(fx.dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: false });
    // A PNG's IHDR holds the width at byte 16.
    expect((await readFile(shot)).readUInt32BE(16)).toBe(1200);
  });

  it('follows a dark colour scheme, the failed hop still red', async () => {
    const { page } = session;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(pathToFileURL(join(fx.dir, 'report.html')).href);
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe('rgb(21, 24, 28)');
    const colour = await page.evaluate<string>(
      'getComputedStyle(document.querySelector(\'[data-hop="failed"] .arrow\')).stroke',
    );
    expect(colour).toBe('rgb(255, 107, 107)');
    expect(await page.locator('[data-hop="failed"]').isVisible()).toBe(true);
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
