/**
 * Writing what init produced. Everything is written at the very end, each file atomically
 * (a temporary file renamed into place), so Ctrl-C or a failure leaves no half-written file.
 */
import { access, copyFile, rename, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { makeDirs } from '../../core/make-dirs.js';

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Nothing the user had is overwritten without --force. */
export async function refuseOverwrite(path: string, force: boolean | undefined, cwd: string): Promise<void> {
  if (!force && (await exists(path))) {
    throw new UsageError(`${relative(cwd, path) || path} already exists; nothing was changed.`, {
      hint:
        'Pass --append to add this integration to it, --force to overwrite it (the old file is kept as .bak), or ' +
        '--output <file> to write elsewhere.',
      details: { flag: '--force', file: path },
    });
  }
}

export async function writeAtomic(path: string, text: string, mode = 0o644): Promise<void> {
  await makeDirs(dirname(path));
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode });
  await rename(tmp, path);
}

/** Keeps the previous file beside the new one; returns the backup's path. */
export async function backup(path: string): Promise<string | undefined> {
  if (!(await exists(path))) return undefined;
  const bak = `${path}.bak`;
  await copyFile(path, bak);
  return bak;
}
