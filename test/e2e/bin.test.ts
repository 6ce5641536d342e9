/**
 * bin/omnibot.js as a shell runs it: the `--version` fast path and `--help` from the built
 * manifest. Everything else about argv is tested in-process (test/unit/cli.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/run-cli.js';

describe('bin/omnibot.js', () => {
  it('answers --version with the package version', async () => {
    // src/core/version.ts is read by the bin without loading package.json; it must not drift from it.
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const r = await spawnCli(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${version}`);
  });

  it('lists every command and the exit codes in --help (from the built manifest)', async () => {
    const r = await spawnCli(['--help']);
    expect(r.exitCode).toBe(0);
    for (const cmd of [
      'init',
      'plan',
      'apply',
      'steps',
      'verify',
      'events',
      'send',
      'listen',
      'tail',
      'replay',
      'capture',
      'sandbox',
      'demo',
      'token',
      'schema',
      'completion',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
    }
    expect(r.stdout).toContain('Exit codes');
  });
});
