/** The built `omnibot sandbox`, as scripts use it: wait for the ready line, call it, SIGTERM it. */
import { execa, type ResultPromise } from 'execa';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';

const running: ResultPromise[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    child.kill('SIGKILL');
    await child.catch(() => undefined);
  }
});

function start(args: string[]) {
  const child = execa('node', [BIN, 'sandbox', ...args], {
    reject: false,
    timeout: 60_000,
    env: { CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  running.push(child);
  let stderr = '';
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const line = stderr.split('\n').find((l) => l.startsWith('ready '));
      if (line && stderr.includes('\n', stderr.indexOf(line))) resolve(JSON.parse(line.slice(6)));
    });
    void child.then(() => reject(new Error(`exited before ready:\n${stderr}`)));
  });
  return { child, ready, stderr: () => stderr };
}

describe('omnibot sandbox (built)', () => {
  it('prints the ready line, answers the Omnidesk API, and exits 0 on SIGTERM', async () => {
    const { child, ready, stderr } = start(['--port', '0']);
    const urls = await ready;
    expect(urls.omnidesk).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${urls.omnidesk}/api/labels.json`, {
      headers: { authorization: `Basic ${Buffer.from('admin@sandbox.test:sandbox-api-key').toString('base64')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-omnibot-sandbox')).toBe('omnidesk');
    expect(await res.json()).toEqual({ total_count: 0 });
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(stderr().match(/^ready /gm)).toHaveLength(1);
  });

  it('exits 1 naming the port when it is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const child = execa('node', [BIN, 'sandbox', '--port', String(port)], { reject: false, env: { CI: 'true', NO_COLOR: '1' } });
      running.push(child);
      const result = await child;
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(`port ${port}`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});
