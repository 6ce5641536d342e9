/**
 * A `.env` holds API keys and tokens, so other users of the machine must not read it. omnibot
 * writes its own `.env` as 0600, but one that was there before (made by an editor, copied from
 * a template, checked out by git) is often 0644. Found when the config loads: `--chmod-env`
 * makes it private without asking, a person at a terminal is offered the same, and otherwise a
 * warning names the file and the fix. Nothing is changed without one of the first two.
 */
import { chmod, stat } from 'node:fs/promises';
import type { Io } from '../core/io/io.js';
import type { Prompter } from '../core/io/prompter.js';

export const CHMOD_ENV_FLAG = '--chmod-env';

/** Group and others' bits: any of them set opens the file to someone else. */
const OTHERS = 0o077;

export interface ExposedEnv {
  file: string;
  /** The permission bits, e.g. 0o644. */
  mode: number;
}

/** The file's mode when someone besides its owner may read or change it; undefined otherwise (or on Windows). */
export async function exposedEnv(file: string, platform: string = process.platform): Promise<ExposedEnv | undefined> {
  if (platform === 'win32') return undefined; // modes there say nothing about other users
  try {
    const s = await stat(file);
    const mode = s.mode & 0o777;
    return s.isFile() && mode & OTHERS ? { file, mode } : undefined;
  } catch {
    return undefined; // no file, or none we can stat: the reader reports what matters
  }
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;

function exposure({ file, mode }: ExposedEnv): string {
  const who =
    mode & 0o044 ? 'can be read by other users of this machine' : 'can be changed by other users of this machine';
  return `${file} ${who} (mode ${octal(mode)}), and it holds secrets`;
}

async function makePrivate(env: ExposedEnv, io: Io): Promise<void> {
  try {
    await chmod(env.file, 0o600);
    io.info(`${env.file}: made private (mode 0600).`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    io.warn(`${exposure(env)}; chmod 600 failed (${code}). Fix it as the file's owner: chmod 600 ${env.file}`);
  }
}

export interface GuardOptions {
  io: Io;
  prompter: Prompter;
  /** `--chmod-env`: fix it without asking. */
  fix: boolean;
}

export async function guardEnvFile(env: ExposedEnv, { io, prompter, fix }: GuardOptions): Promise<void> {
  if (fix) return makePrivate(env, io);
  if (prompter.interactive) {
    const yes = await prompter.confirm({
      message: `${exposure(env)}. Make it private (chmod 600)?`,
      flag: CHMOD_ENV_FLAG,
      default: true,
    });
    if (yes) await makePrivate(env, io);
    else io.warn(`${env.file} stays ${octal(env.mode)}; chmod 600 ${env.file} makes it private.`);
    return;
  }
  io.warn(`${exposure(env)}. Fix: chmod 600 ${env.file} (or run again with ${CHMOD_ENV_FLAG}).`);
}
