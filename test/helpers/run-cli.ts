/** Runs the built CLI the way a user (or CI) does: no terminal, no colours. */
import { execa, type Options } from 'execa';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/omnibot.js', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: Options = {}): Promise<CliResult> {
  const result = await execa('node', [BIN, ...args], {
    reject: false,
    timeout: 120_000,
    ...options,
    env: { CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1', ...(options.env ?? {}) },
  });
  return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
