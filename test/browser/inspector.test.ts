/**
 * The inspector in headless Chromium, as a bot builder uses it: `listen --ui` in front of a bot,
 * a sample sent and seen arriving live, its detail opened, edited and replayed to the bot with
 * the answer shown, promoted to a sample; the keyboard moves the selection; no secret reaches
 * the page. The README's screenshot comes from here (OMNIBOT_SCREENSHOTS=1 writes it).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, skipBrowserTests, type BrowserSession } from '../helpers/browser.js';
import { runCli, spawnStart, type SpawnedCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const SECRET = 'Sup3rSecretBearerValue42';
const CONFIG_KEY = 'config-known-secret-9f8e7d';
const SHOTS = fileURLToPath(new URL('../../docs/images/', import.meta.url));

describe.skipIf(skipBrowserTests())('the inspector in a browser', () => {
  let bot: Server;
  let botUrl: string;
  let listen: SpawnedCli;
  let ready: Record<string, string>;
  let session: BrowserSession;
  let dir: string;
  let cleanup: () => Promise<void>;
  const seen: string[] = [];

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('omnibot-inspector-'));
    // A config whose key the page must never show, wherever it appears.
    await writeFile(
      join(dir, 'omnibot.config.json'),
      JSON.stringify({
        omnidesk: { url: 'https://acme.omnidesk.ru', email: 'a@acme.test', apiKey: '${OMNIDESK_API_KEY}' },
        integrations: [],
      }),
    );
    bot = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, got: body.length, marker: req.headers['x-marker'] ?? null }));
      });
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
    botUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/webhook`;
    // Its own process, as people run it: the page's masking must not depend on this test's state.
    listen = spawnStart(['listen', '--port', '0', '--ui', '--no-open', '--forward-to', botUrl], {
      cwd: dir,
      env: { OMNIDESK_API_KEY: CONFIG_KEY },
    });
    ready = await listen.ready();
    session = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    await listen?.kill();
    await new Promise((resolve) => bot?.close(resolve));
    await cleanup?.();
  });

  it('shows a sent request live, its detail, an edited replay with the answer, and a promote', async () => {
    const { page } = session;
    expect(ready.ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+$/);
    await page.goto(ready.ui!);
    await page.waitForSelector('#count');
    expect(page.url()).not.toContain('token='); // moved out of the address bar

    const sent = await runCli(['send', 'omnidesk.incoming', '--to', ready.url!], { cwd: dir });
    expect(sent.exitCode, sent.stderr).toBe(0);
    // Live: the row appears without a reload (the server pushes it).
    const row = await page.waitForSelector('#spacer .row', { timeout: 5_000 });
    expect(await row.textContent()).toContain('omnidesk.incoming');

    await row.click();
    await page.waitForSelector('#verdict');
    expect(await page.textContent('#verdict')).toBe('valid');
    expect(await page.textContent('#keys')).toContain('case_id');
    expect(await page.textContent('#body-tree')).toContain('case_description');
    expect(await page.textContent('#forward-body')).toContain('"ok":true'); // the bot's own answer

    await page.click('#edit');
    await page.fill('#edit-to', botUrl);
    await page.fill('#edit-headers', 'content-type: application/json\nx-marker: edited-in-browser');
    await page.fill('#edit-body', '{"case_id":"1","user_id":"2","case_description":"<p>правка</p>"}');
    await page.click('#edit-send');
    await page.waitForSelector('#replay-status');
    expect(await page.textContent('#replay-status')).toMatch(/^200 in \d+ ms/);
    expect(await page.textContent('#replay-body')).toContain('edited-in-browser');
    expect(seen.at(-1)).toBe('{"case_id":"1","user_id":"2","case_description":"<p>правка</p>"}');

    await page.selectOption('#promote-as', 'omnidesk.incoming');
    await page.click('#promote');
    await page.waitForSelector('#promoted');
    const sample = JSON.parse(await readFile(join(dir, '.omnibot', 'events', 'omnidesk.incoming.json'), 'utf8'));
    expect(sample).toMatchObject({ name: 'omnidesk.incoming', provenance: 'captured' });
  });

  it('moves with the keyboard, filters, and shows no secret anywhere on the page', async () => {
    const { page } = session;
    const res = await fetch(`${ready.url}helpdeskeddy/Tok3nAbcdefGhij?access_token=${SECRET}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', 'x-key': CONFIG_KEY },
      body: JSON.stringify({ note: `key ${CONFIG_KEY}` }),
    });
    expect(res.status).toBe(200);
    // Locators, not page functions: the page's CSP forbids the eval a string predicate needs.
    await page.locator('#spacer .row').nth(1).waitFor({ timeout: 5_000 });
    await page.focus('#list');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.locator('#detail h2', { hasText: /^#2 / }).waitFor();
    await page.click('#reveal');
    await page.waitForSelector('#detail .warn');
    const html = await page.content();
    for (const secret of [SECRET, CONFIG_KEY, 'Tok3nAbcdefGhij', Buffer.from(CONFIG_KEY).toString('base64')])
      expect(html, html.slice(Math.max(0, html.indexOf(secret) - 300), html.indexOf(secret) + 50)).not.toContain(
        secret,
      );

    // Both themes: the button pins the other one (the palette follows color-scheme).
    const background = () =>
      page.locator('body').evaluate((body) => (globalThis as any).getComputedStyle(body).backgroundColor as string);
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.click('#theme');
    expect(await background()).toBe('rgb(21, 24, 28)');
    await page.click('#theme');
    expect(await background()).toBe('rgb(255, 255, 255)');

    await page.selectOption('#f-event', 'omnidesk.incoming');
    await page.locator('#count', { hasText: /^1 of 2/ }).waitFor();
    if (process.env.OMNIBOT_SCREENSHOTS === '1') {
      await page.selectOption('#f-event', '');
      await page.keyboard.press('Home');
      await page.waitForSelector('#verdict');
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.screenshot({ path: join(SHOTS, 'inspector.png') });
    }
  });
});
