/**
 * Checks a file flag's path before the work that will fill it: `verify --output` runs every
 * check first, and finding out only then that the folder does not exist loses the run.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';

export async function assertWritableFile(file: string, flag: string): Promise<void> {
  const problem = async (): Promise<string | undefined> => {
    const folder = dirname(file);
    const info = await stat(folder).catch(() => undefined);
    if (!info) return `the folder ${folder} does not exist`;
    if (!info.isDirectory()) return `${folder} is not a folder`;
    const existing = await stat(file).catch(() => undefined);
    if (existing?.isDirectory()) return `${file} is a folder`;
    const ok = await access(existing ? file : folder, constants.W_OK).then(
      () => true,
      () => false,
    );
    return ok ? undefined : `${existing ? file : folder} is not writable`;
  };
  const why = await problem();
  if (why)
    throw new UsageError(`${flag}: cannot write ${file}: ${why}`, {
      hint: `Choose a file in a folder that exists and that you may write to.`,
      details: { flag },
    });
}
