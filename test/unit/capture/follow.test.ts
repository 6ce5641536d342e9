import { appendFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followCapture } from '../../../src/capture/follow.js';
import type { NumberedRecord } from '../../../src/capture/reader.js';
import { tempDir } from '../../helpers/temp-dir.js';

const line = (id: string) =>
  JSON.stringify({
    v: 1,
    id,
    receivedAt: '2024-05-01T10:00:00Z',
    method: 'POST',
    path: '/',
    query: '',
    headers: {},
    body: 'Ж',
    event: null,
    valid: false,
    response: { status: 200, ms: 1 },
  }) + '\n';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

/**
 * Follows `file`, running the next of `steps` each time the follower has read everything so far
 * (so it sees every intermediate state), until `want` records were seen.
 */
async function follow(file: string, steps: Array<() => Promise<void>>, want: number) {
  const controller = new AbortController();
  const seen: string[] = [];
  const restarts: string[] = [];
  const skipped: string[] = [];
  const queue = [...steps];
  let running: Promise<void> | undefined;
  const onIdle = () => {
    if (running || queue.length === 0) return;
    running = queue.shift()!().finally(() => (running = undefined));
  };
  const records = followCapture(file, {
    signal: controller.signal,
    intervalMs: 10,
    onRestart: (r) => restarts.push(r),
    onSkip: (m) => skipped.push(m),
    onIdle,
  });
  for await (const item of records) {
    seen.push(`${item.line}:${item.record.id}`);
    if (seen.length >= want) break;
  }
  expect(queue).toEqual([]);
  return { seen, restarts, skipped };
}

describe('followCapture', () => {
  it('reads what is there, then new lines as they arrive, holding back a partial line', async () => {
    const file = join(dir, 'c.ndjson');
    await writeFile(file, line('a'));
    const partial = line('c');
    const { seen, skipped } = await follow(
      file,
      [
        () => appendFile(file, line('b')),
        () => appendFile(file, partial.slice(0, 30)),
        () => appendFile(file, partial.slice(30)),
      ],
      3,
    );
    expect(seen).toEqual(['1:a', '2:b', '3:c']);
    expect(skipped).toEqual([]);
  });

  it('starts again from the beginning when the file is truncated', async () => {
    const file = join(dir, 'c.ndjson');
    await writeFile(file, line('a') + line('b'));
    const { seen, restarts } = await follow(file, [() => truncate(file, 0), () => appendFile(file, line('x'))], 3);
    expect(seen).toEqual(['1:a', '2:b', '1:x']);
    expect(restarts.join('\n')).toMatch(/truncated/);
  });

  it('stops when the signal aborts, even with nothing new to read', async () => {
    const file = join(dir, 'c.ndjson');
    await writeFile(file, '');
    const controller = new AbortController();
    const got: NumberedRecord[] = [];
    for await (const item of followCapture(file, {
      signal: controller.signal,
      intervalMs: 60_000,
      onIdle: () => controller.abort(),
    }))
      got.push(item);
    expect(got).toEqual([]);
  });
});
