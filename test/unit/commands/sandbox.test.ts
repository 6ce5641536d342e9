/** `omnibot sandbox` as scripts use it: wait for the ready line, call it, stop it. */
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { rawRequest } from '../../helpers/raw-http.js';
import { runCli, startCli } from '../../helpers/run-cli.js';
import { waitFor } from '../../helpers/wait.js';

describe('omnibot sandbox', () => {
  it('prints the ready line, answers the Omnidesk API, and returns 0 when stopped', async () => {
    const cli = startCli(['sandbox', '--port', '0']);
    try {
      const urls = await cli.ready();
      expect(urls.omnidesk).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${urls.omnidesk}/api/labels.json`, {
        headers: { authorization: `Basic ${Buffer.from('admin@sandbox.test:sandbox-api-key').toString('base64')}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-omnibot-sandbox')).toBe('omnidesk');
      expect(await res.json()).toEqual({ total_count: 0 });
    } finally {
      const result = await cli.stop();
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr.match(/^ready /gm)).toHaveLength(1);
    }
  });

  it('exits 1 naming the port when it is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const result = await runCli(['sandbox', '--port', String(port)]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(`port ${port}`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});

describe('omnibot sandbox and clients that hang up', () => {
  it('a hang-up mid-body, mid-headers or during a slow answer is never reported as an internal error', async () => {
    const cli = startCli(['sandbox', '--port', '0', '--bot', 'reference']);
    try {
      const { omnidesk, helpdeskeddy, bot } = await cli.ready();
      const urls = { omnidesk: omnidesk!, helpdeskeddy: helpdeskeddy!, bot: bot! };
      const port = (url: string) => Number(new URL(url).port);
      const mid =
        'POST /api/cases.json HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n{"case":';
      for (const url of [urls.omnidesk, urls.helpdeskeddy, urls.bot]) {
        await rawRequest(port(url), [mid], { hangUp: true });
        await rawRequest(port(url), ['POST /helpdeskeddy HTTP/1.1\r\nHost: x\r\nContent-Le'], { hangUp: true });
      }
      // A slow answer the client does not wait for.
      await fetch(`${urls.helpdeskeddy}/_sandbox/faults`, {
        method: 'POST',
        body: JSON.stringify({ delayMs: 300_000 }),
      });
      const auth = `Basic ${Buffer.from('admin@sandbox.test:sandbox-api-key').toString('base64')}`;
      await rawRequest(
        port(urls.helpdeskeddy),
        [`GET /api/v2/tickets/ HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\n\r\n`],
        { hangUp: true },
      );
      await waitFor(
        async () =>
          ((await (await fetch(`${urls.helpdeskeddy}/_sandbox/requests`)).json()) as unknown[]).length > 0 || undefined,
      );
      // Each server still answers.
      for (const url of [urls.omnidesk, urls.helpdeskeddy])
        expect((await fetch(`${url}/_sandbox/info`)).status).toBe(200);
      expect((await fetch(urls.bot)).status).toBe(200);
    } finally {
      const result = await cli.stop();
      expect(result.exitCode).toBe(0);
      expect(result.stderr).not.toMatch(/internal error|ECONNRESET|EPIPE/i);
    }
  });
});
