/**
 * `mkdir -p` that always ends. Node's `mkdir(dir, { recursive: true })` never settles for some
 * paths on special filesystems (under /proc it loops forever), which hung `listen --capture
 * /proc/x/y`. So: find the nearest ancestor that exists, refuse if it is not a directory, and
 * create the missing levels one by one; every error is the filesystem's own (ENOENT, EACCES, …).
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

export async function makeDirs(dir: string, mode?: number): Promise<void> {
  const missing: string[] = [];
  for (let current = dir; ;) {
    try {
      if ((await stat(current)).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: ${current} is not a directory`), { code: 'ENOTDIR' });
    } catch (err) {
      if (code(err) !== 'ENOENT') throw err;
      missing.push(current);
      const up = dirname(current);
      if (up === current) break;
      current = up;
    }
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level, mode === undefined ? {} : { mode });
    } catch (err) {
      // Another process may have made it meanwhile; anything else is a real answer.
      if (code(err) !== 'EEXIST') throw err;
    }
  }
}
