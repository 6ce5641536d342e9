/**
 * Cross-process locks on files beside the config, for read-modify-write sequences that two
 * omnibot processes may run at once (two `apply` runs in CI, `apply` beside `token rotate`).
 * proper-lockfile does the hard parts: an atomic mkdir lock, an mtime heartbeat while the lock
 * is held, and recovery of a lock whose holder died (no heartbeat for `staleMs`).
 */
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { FailedError } from './errors.js';
import { makeDirs } from './make-dirs.js';

export interface FileLockOptions {
  /** What is being locked, for the message when the wait runs out ("the state of this config"). */
  what: string;
  /** How long to wait for another holder before giving up. */
  waitMs?: number;
  /** Called once when the lock is held by someone else and this process starts waiting. */
  onWait?: () => void;
  /** A holder that has not refreshed the lock for this long is presumed dead. */
  staleMs?: number;
}

const POLL_MS = 50;

/** Runs `fn` while holding the lock file `lockPath` (a directory proper-lockfile creates). */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions): Promise<T> {
  const waitMs = options.waitMs ?? 60_000;
  const staleMs = options.staleMs ?? 10_000;
  await makeDirs(dirname(lockPath), 0o700);
  let compromised: Error | undefined;
  const lockOptions = {
    realpath: false,
    lockfilePath: lockPath,
    stale: staleMs,
    update: Math.max(1000, Math.floor(staleMs / 2)),
    // Without this, proper-lockfile throws from a timer, which would end the process.
    onCompromised: (err: Error) => {
      compromised = err;
    },
  };
  let release: (() => Promise<void>) | undefined;
  const started = Date.now();
  let told = false;
  while (!release) {
    try {
      release = await lockfile.lock(lockPath, lockOptions);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      if (!told) {
        told = true;
        options.onWait?.();
      }
      if (Date.now() - started >= waitMs) {
        throw new FailedError(
          `Another omnibot process has held ${options.what} for over ${Math.round(waitMs / 1000)} s`,
          {
            code: 'locked',
            hint:
              `Wait for it to finish and run again. A lock left by a process that died is taken over after ` +
              `${Math.round(staleMs / 1000)} s.`,
            details: { lock: lockPath },
          },
        );
      }
      await sleep(POLL_MS);
    }
  }
  try {
    const result = await fn();
    if (compromised) throw compromised;
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
