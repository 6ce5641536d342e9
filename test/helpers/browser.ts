/**
 * Headless Chromium for the browser tests (test/browser/), driven by playwright-core with the
 * system's browser: Playwright's own browser download cannot run here, Debian's `chromium` can.
 * Missing browser: the tests skip (the browser project's global setup prints one line on how to
 * enable them) unless OMNIBOT_BROWSER_TESTS=required, which .ci/run sets after installing it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser to drive: OMNIBOT_CHROMIUM, else the first system Chromium found. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.OMNIBOT_CHROMIUM;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export const browserRequired = process.env.OMNIBOT_BROWSER_TESTS === 'required';

/** True when browser tests must be skipped; throws when they are required and no browser exists. */
export function skipBrowserTests(): boolean {
  if (chromiumPath()) return false;
  if (browserRequired)
    throw new Error('OMNIBOT_BROWSER_TESTS=required but no Chromium was found (set OMNIBOT_CHROMIUM)');
  return true;
}

export const ENABLE_HINT =
  'browser tests skipped: no Chromium found; install it (apt-get install chromium) or set OMNIBOT_CHROMIUM=<path>';

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * One headless browser; Playwright gives it a fresh temporary profile. The flags keep Chromium off
 * the network it would otherwise call at start (this machine's network is closed; CI's may be too)
 * and let it run as root.
 */
export async function openBrowser(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserSession> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(ENABLE_HINT);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
