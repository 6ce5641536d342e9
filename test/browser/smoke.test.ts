/** The browser harness itself: a page served on loopback renders and answers a click. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, skipBrowserTests, type BrowserSession } from '../helpers/browser.js';

const PAGE = '<!doctype html><button id="b" onclick="this.textContent=\'clicked\'">click</button>';

describe.skipIf(skipBrowserTests())('browser harness', () => {
  let server: Server;
  let session: BrowserSession;
  let url: string;

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    session = await openBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('renders a loopback page and runs its script', async () => {
    await session.page.goto(url);
    await session.page.click('#b');
    expect(await session.page.textContent('#b')).toBe('clicked');
  });
});
