import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/run-cli.js';

describe('omnibot (the program)', () => {
  it('prints the package version on stdout and exits 0, with and without other arguments', async () => {
    // src/version.ts is read by the bin without loading package.json; it must not drift from it.
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    // The bin answers `--version` alone itself, without loading commander.
    const r = await spawnCli(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(version);
    const viaCommander = await runCli(['--no-color', '--version']);
    expect(viaCommander.stdout.trim()).toBe(version);
  });

  it('lists every command and the exit codes in --help (from the built manifest)', async () => {
    const r = await spawnCli(['--help']);
    expect(r.exitCode).toBe(0);
    for (const cmd of ['init', 'plan', 'apply', 'steps', 'verify', 'events', 'send', 'listen', 'tail', 'replay', 'sandbox', 'demo']) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
    }
    expect(r.stdout).toContain('Exit codes');
  });

  it('exits 2 on an unknown option or command, naming it on stderr', async () => {
    const bad = await runCli(['--bogus']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("unknown option '--bogus'");
    expect(bad.stdout).toBe('');
    const unknown = await runCli(['frobnicate']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('frobnicate');
  });

  it('prints help on stderr and exits 2 when run with no command', async () => {
    const r = await runCli([]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: omnibot');
  });
});
