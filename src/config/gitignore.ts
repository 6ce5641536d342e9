/**
 * What must stay out of version control beside a config: the `.env` with the secrets and
 * omnibot's own bookkeeping (state, locks, the per-account rate ledger). Samples promoted with
 * `events promote` (.omnibot/events/) are meant to be committed, so `.omnibot/` as a whole is
 * not ignored.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PRIVATE_PATHS = [
  '.env',
  '.omnibot/state.json',
  '.omnibot/*.lock',
  '.omnibot/*.tmp',
  '.omnibot/account-*.json',
];

/** Appends to `dir/.gitignore` the lines it lacks; returns the lines added. */
export async function ensureGitignore(dir: string, lines: string[] = PRIVATE_PATHS): Promise<string[]> {
  const file = join(dir, '.gitignore');
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const present = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !present.has(l) && !present.has(`/${l}`));
  if (!missing.length) return [];
  const prefix = text && !text.endsWith('\n') ? '\n' : '';
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${text}${prefix}${missing.join('\n')}\n`);
  await rename(tmp, file);
  return missing;
}
