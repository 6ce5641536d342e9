/**
 * The HTML report in headless Chromium, opened from disk with the network cut off: a round trip
 * whose changed-case rule is missing shows its failed hop in red, with the failure on it. The
 * screenshot in docs/ci.md comes from here (OMNIBOT_SCREENSHOTS=1 writes it).
 */
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
    if (process.env.OMNIBOT_SCREENSHOTS === '1') {
      await page.setViewportSize({ width: 1000, height: 900 });
      await page.screenshot({ path: join(SHOTS, 'verify-report.png'), fullPage: false });
    }
  });
});
