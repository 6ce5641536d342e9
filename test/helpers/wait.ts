/**
 * Polls `check` until it returns a value (not undefined or false). The bound is far above any
 * wait a test expects, below vitest's test timeout: it only turns a hang into a message naming
 * what never happened. Nothing here races a product timeout.
 */
import { setTimeout as sleep } from 'node:timers/promises';

type Check<T> = () => Promise<T | undefined | false> | T | undefined | false;

export async function waitFor<T>(check: Check<T>, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: ${what} did not happen in 30 s`);
    await sleep(10);
  }
}
