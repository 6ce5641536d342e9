/**
 * Every flag that takes a duration or a time goes through the one grammar (src/core/duration.ts):
 * bad or absurd values are exit 2 naming the flag, before anything runs; a bare number is seconds.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSendOptions } from '../../../src/commands/send/options.js';
import { runCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('omnibot-durations-')));
afterAll(() => cleanup());

const TO = ['--to', 'http://127.0.0.1:9/'];

describe('duration and time flags', () => {
  it.each([
    [['verify', '--timeout', '0x10'], '--timeout'],
    [['verify', '--timeout', '99999999d'], '--timeout'],
    [['verify', '--timeout', '-5s'], '--timeout'],
    [['send', 'omnidesk.incoming', ...TO, '--timeout', '5 min'], '--timeout'],
    [['send', 'omnidesk.incoming', ...TO, '--timeout', '11m'], '--timeout'],
    [['replay', 'c.ndjson', ...TO, '--timeout', '0'], '--timeout'],
    [['replay', 'c.ndjson', ...TO, '--since', 'last tuesday'], '--since'],
    [['replay', 'c.ndjson', ...TO, '--until', '1w'], '--until'],
    [['listen', '--headers-timeout', '2h'], '--headers-timeout'],
    [['listen', '--request-timeout', '99999999d'], '--request-timeout'],
    [['tail', 'c.ndjson', '--interval', '5ms'], '--interval'],
    [['tail', 'c.ndjson', '--since', '0x10'], '--since'],
  ])('%j → exit 2 naming %s', async (argv, flag) => {
    const r = await runCli(argv, { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(flag);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  });

  it('send --timeout: a bare number is seconds, like every other duration flag', () => {
    expect(parseSendOptions({ to: 'http://127.0.0.1:9/', timeout: '5' }).timeout).toBe(5_000);
    expect(parseSendOptions({ to: 'http://127.0.0.1:9/', timeout: '250ms' }).timeout).toBe(250);
    expect(parseSendOptions({ to: 'http://127.0.0.1:9/' }).timeout).toBe(10_000);
  });

  it('tail --since keeps the records received at or after the time', async () => {
    const file = join(dir, 'since.ndjson');
    const rec = (id: string, at: string) =>
      JSON.stringify({
        v: 1,
        id,
        receivedAt: at,
        method: 'POST',
        path: '/h',
        query: '',
        headers: {},
        body: '{}',
        event: null,
        valid: false,
        response: { status: 200, ms: 1 },
      });
    await writeFile(
      file,
      [rec('old', '2024-05-01T09:00:00.000Z'), rec('new', '2024-05-01T11:00:00.000Z')].join('\n') + '\n',
    );
    const r = await runCli(['tail', file, '--since', '2024-05-01T10:00:00Z', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual(['new']);
  });
});
