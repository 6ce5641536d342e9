import { Readable } from 'node:stream';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import handler from '../../../src/commands/sandbox/action.js';
import { createContext } from '../../../src/commands/context.js';
import { isOmnibotError } from '../../../src/core/errors.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.js';
import { waitFor } from '../../helpers/sandbox.js';

function fakeRun(flags: Record<string, unknown>, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const abort = new AbortController();
  const ctx = createContext(flags, {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    stdin: Readable.from([]),
    env: { CI: 'true', NO_COLOR: '1', ...env },
    cwd: process.cwd(),
    signal: abort.signal,
  });
  const command = { optsWithGlobals: () => flags } as never;
  const done = handler({ args: [], opts: flags, command }, ctx).finally(() => ctx.dispose());
  return { out, err, abort, done };
}

const readyLine = (err: string[]) =>
  err
    .join('')
    .split('\n')
    .find((l) => l.startsWith('ready '));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('omnibot sandbox (handler)', () => {
  it('prints exactly one ready line with the URLs, serves, and returns 0 when the signal aborts', async () => {
    const run = fakeRun({ port: '0', rateLimit: '50' });
    const line = await waitFor(() => readyLine(run.err));
    const urls = JSON.parse(line.slice('ready '.length));
    expect(urls.omnidesk).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${urls.omnidesk}/api/staff.json`, {
      headers: { authorization: `Basic ${Buffer.from('admin@sandbox.test:sandbox-api-key').toString('base64')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('rate_limit_per_minute')).toBe('50');
    expect(run.err.join('')).toContain('Credentials: e-mail admin@sandbox.test');
    expect(run.out.join('')).toBe('');
    run.abort.abort();
    expect(await run.done).toBe(0);
    expect(
      run.err
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('ready ')),
    ).toHaveLength(1);
    await expect(fetch(`${urls.omnidesk}/_sandbox/info`)).rejects.toThrow();
  });

  it('keeps only the ready line with --quiet, and never echoes a chosen --api-key', async () => {
    const run = fakeRun({ port: '0', quiet: true, apiKey: 'my-secret-sandbox-key', email: 'me@corp.test' });
    await waitFor(() => readyLine(run.err));
    run.abort.abort();
    expect(await run.done).toBe(0);
    const lines = run.err.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ready \{"omnidesk":"http:\/\/127\.0\.0\.1:\d+"/);
  });

  it.each([
    ['OMNIBOT_SANDBOX_API_KEY', {}, { OMNIBOT_SANDBOX_API_KEY: 'env-sandbox-key-271828' }, '$OMNIBOT_SANDBOX_API_KEY'],
    [
      '--api-key-env',
      { apiKeyEnv: 'MY_KEY' },
      { MY_KEY: 'env-sandbox-key-271828', OMNIBOT_SANDBOX_API_KEY: 'not-this-one' },
      '$MY_KEY',
    ],
  ])(
    'takes the API key from the environment (%s), so it never shows in `ps`, and never prints it',
    async (_how, flags, env, from) => {
      const run = fakeRun({ port: '0', ...flags }, env);
      const urls = JSON.parse((await waitFor(() => readyLine(run.err))).slice('ready '.length));
      const call = (key: string) =>
        fetch(`${urls.omnidesk}/api/staff.json`, {
          headers: { authorization: `Basic ${Buffer.from(`admin@sandbox.test:${key}`).toString('base64')}` },
        });
      expect((await call('env-sandbox-key-271828')).status).toBe(200);
      expect((await call('sandbox-api-key')).status).toBe(401);
      run.abort.abort();
      expect(await run.done).toBe(0);
      expect(run.err.join('')).toContain(`<the key from ${from}>`);
      expect(run.err.join('') + run.out.join('')).not.toContain('env-sandbox-key-271828');
    },
  );

  it('--api-key-env naming an unset variable, or given with --api-key, is exit 2 naming the flag', async () => {
    await expect(fakeRun({ apiKeyEnv: 'NOPE_UNSET' }).done).rejects.toMatchObject({
      exitCode: 2,
      message: '--api-key-env: NOPE_UNSET is not set (or empty)',
    });
    await expect(fakeRun({ apiKeyEnv: 'bad name' }).done).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^--api-key-env: must be an environment variable name/),
    });
    await expect(fakeRun({ apiKey: 'k-123456', apiKeyEnv: 'K' }, { K: 'x' }).done).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^--api-key and --api-key-env/),
    });
  });

  it('names the flag on bad input (exit 2) and the port when it is taken (exit 1)', async () => {
    await expect(fakeRun({ port: 'abc' }).done).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^--port:/),
    });
    await expect(fakeRun({ bot: 'other' }).done).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^--bot:/),
    });
    await expect(fakeRun({ rateLimit: '0' }).done).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^--rate-limit:/),
    });

    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => blocker.close(() => r())));
    const port = (blocker.address() as AddressInfo).port;
    const error = await fakeRun({ port: String(port) }).done.catch((e: unknown) => e);
    expect(isOmnibotError(error)).toBe(true);
    expect(error).toMatchObject({ exitCode: 1 });
    expect((error as Error).message).toContain(`port ${port}`);
  });
});

describe('startSandbox', () => {
  it('reports the URLs it serves, and close() stops every server', async () => {
    const sandbox: RunningSandbox = await startSandbox();
    const urls = sandbox.urls();
    expect(urls.omnidesk).toBe(sandbox.omnidesk.url);
    expect(urls.helpdeskeddy).toBe(sandbox.helpdeskeddy?.url);
    const info = await (await fetch(`${sandbox.omnidesk.url}/_sandbox/info`)).json();
    expect(info).toEqual({ kind: 'omnidesk', email: 'admin@sandbox.test', rateLimitPerMinute: 300 });
    await sandbox.close();
    await expect(fetch(`${sandbox.omnidesk.url}/_sandbox/info`)).rejects.toThrow();
  });
});
