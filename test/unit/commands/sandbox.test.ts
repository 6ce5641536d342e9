/** `omnibot sandbox` as scripts use it: wait for the ready line, call it, stop it. */
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../helpers/run-cli.js';

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
