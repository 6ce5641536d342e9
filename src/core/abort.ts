/**
 * The one wait for an abort: long-running commands (`listen`, `sandbox`) park on it until
 * Ctrl-C. Timed waits use `setTimeout` from `node:timers/promises` directly, never a copy.
 */
import { once } from 'node:events';

/** Resolves when the signal aborts (at once if it already has); never rejects. */
export function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return once(signal, 'abort').then(() => undefined);
}
