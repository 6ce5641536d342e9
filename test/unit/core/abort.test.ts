import { describe, expect, it } from 'vitest';
import { waitForAbort } from '../../../src/core/abort.js';

describe('waitForAbort', () => {
  it('resolves when the signal aborts, and at once when it already has', async () => {
    const controller = new AbortController();
    let done = false;
    const pending = waitForAbort(controller.signal).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    controller.abort(new Error('stop'));
    await pending;
    expect(done).toBe(true);
    await expect(waitForAbort(AbortSignal.abort())).resolves.toBeUndefined();
  });
});
