/**
 * `.env` edge cases: a folder named `.env` is exit 2 with a hint, whichever command meets it;
 * a `.env` other users can read is warned about (naming the file and the fix), fixed with
 * `--chmod-env`, and offered to be fixed at a terminal. Nothing changes its mode unasked.
 */
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upsertEnvFile } from '../../../src/config/env-file.js';
import { exposedEnv, guardEnvFile } from '../../../src/config/env-mode.js';
import { Io } from '../../../src/core/io/io.js';
import type { Prompter, Question } from '../../../src/core/io/prompter.js';
import { botConfig, useBotProject } from '../../helpers/project.js';

const project = useBotProject(() => 'http://127.0.0.1:9');
const envFile = () => join(project.dir, '.env');
const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

async function envWithMode(mode: number): Promise<void> {
  await writeFile(envFile(), 'OMNIDESK_API_KEY=key-from-dotenv-1234\n');
  await chmod(envFile(), mode);
}

describe('.env is a directory', () => {
  it('plan → exit 2 naming it, with a hint, never an internal error', async () => {
    await mkdir(envFile());
    const r = await project.run(['plan']);
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toContain(`error: ${envFile()} is a directory, not a .env file`);
    expect(r.stderr).toContain('hint: omnibot reads KEY=value lines from a file named .env beside the config');
    expect(r.stderr).not.toContain('internal error');
    expect(r.stdout).toBe('');
  });

  it('verify → exit 2, its config check says so', async () => {
    await mkdir(envFile());
    const r = await project.run(['verify']);
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stdout).toContain(`✗ config`);
    expect(r.stdout).toContain(`${envFile()} is a directory, not a .env file`);
    expect(r.stderr + r.stdout).not.toContain('internal error');
  });

  it('writing to it (init, token) → exit 2 naming it', async () => {
    await mkdir(envFile());
    const err = await upsertEnvFile(envFile(), { KEY: 'value' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 2, message: `${envFile()} is a directory, not a .env file` });
  });
});

describe('a .env other users can read', () => {
  it('warns naming the file, its mode and the fix, and leaves the mode alone', async () => {
    await envWithMode(0o644);
    const r = await project.run(['steps']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `warning: ${envFile()} can be read by other users of this machine (mode 0644), and it holds secrets.`,
    );
    expect(r.stderr).toContain(`Fix: chmod 600 ${envFile()} (or run again with --chmod-env)`);
    expect(r.stderr.match(/other users/g)).toHaveLength(1);
    expect(await modeOf(envFile())).toBe(0o644);
  });

  it('--chmod-env makes it private and says so', async () => {
    await envWithMode(0o664);
    const r = await project.run(['steps', '--chmod-env']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${envFile()}: made private (mode 0600).`);
    expect(r.stderr).not.toContain('warning:');
    expect(await modeOf(envFile())).toBe(0o600);
  });

  it('a private .env (0600 or 0400) says nothing', async () => {
    for (const mode of [0o600, 0o400]) {
      await envWithMode(mode);
      const r = await project.run(['steps']);
      expect(r.stderr).not.toContain('other users');
    }
    expect(await exposedEnv(envFile(), 'win32')).toBeUndefined();
  });

  it('at a terminal it offers the fix through the prompter, naming the flag', async () => {
    await writeFile(project.configFile, JSON.stringify(botConfig('http://127.0.0.1:9')));
    const asked: Question[] = [];
    const prompter = (answer: boolean): Prompter => ({
      interactive: true,
      confirm: async (q) => (asked.push(q), answer),
      input: async () => '',
      password: async () => '',
      select: async () => undefined as never,
    });
    const lines: string[] = [];
    const io = new Io(
      { stdout: { write: () => true }, stderr: { write: (s: string) => lines.push(s) }, stdin: {}, env: {} },
      {},
    );

    await envWithMode(0o640);
    await guardEnvFile((await exposedEnv(envFile()))!, { io, prompter: prompter(false), fix: false });
    expect(await modeOf(envFile())).toBe(0o640);
    expect(lines.join('')).toContain(`${envFile()} stays 0640; chmod 600 ${envFile()} makes it private.`);

    await guardEnvFile((await exposedEnv(envFile()))!, { io, prompter: prompter(true), fix: false });
    expect(await modeOf(envFile())).toBe(0o600);
    expect(asked.map((q) => q.flag)).toEqual(['--chmod-env', '--chmod-env']);
    expect(asked[0]!.message).toBe(
      `${envFile()} can be read by other users of this machine (mode 0640), and it holds secrets. ` +
        'Make it private (chmod 600)?',
    );
  });
});
