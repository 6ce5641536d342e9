/**
 * The capture writer when the disk misbehaves: a write that fails half-way (a full disk) leaves
 * no torn line and rejects its appends; the next batch writes again. A file left with a torn
 * last line is ended on open, so the next record is not glued to the fragment.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCapture } from '../../../src/capture/reader.js';
import type { CaptureRecord } from '../../../src/capture/record.js';
import { CaptureWriter } from '../../../src/capture/writer.js';
import { fullDisk } from '../../helpers/full-disk.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('omnibot-writer-')));
afterEach(() => cleanup());

const record = (i: number): CaptureRecord => ({
  v: 1,
  id: `id-${i}`,
  receivedAt: '2024-05-01T10:00:00.000Z',
  method: 'POST',
  path: '/hook',
  query: '',
  headers: {},
  body: `{"n":${i}}`,
  event: null,
  valid: false,
  response: { status: 200, ms: 1 },
});

async function ids(file: string): Promise<{ ids: string[]; skipped: string[] }> {
  const out: string[] = [];
  const skipped: string[] = [];
  for await (const { record: r } of readCapture(file, { onSkip: (m) => skipped.push(m) })) out.push(r.id);
  return { ids: out, skipped };
}

describe('CaptureWriter on a full disk', () => {
  it(
    'rejects the appends of a batch that did not fit, cuts ' + 'its partial bytes off, and resumes when space is back',
    async () => {
      const file = join(dir, 'c.ndjson');
      const room = { bytes: Number.POSITIVE_INFINITY };
      const writer = await CaptureWriter.open(file, { fs: fullDisk(room) });
      await writer.append(record(1));

      // Room for about one and a half lines: the whole batch of three fails, nothing of it stays.
      room.bytes = Math.floor(JSON.stringify(record(2)).length * 1.5);
      const failed = await Promise.allSettled([
        writer.append(record(2)),
        writer.append(record(3)),
        writer.append(record(4)),
      ]);
      expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect((failed[0] as PromiseRejectedResult).reason.code).toBe('ENOSPC');
      expect((await readFile(file, 'utf8')).endsWith('\n')).toBe(true);

      // Still full: the next one fails too, and the file is unchanged.
      room.bytes = 0;
      await expect(writer.append(record(5))).rejects.toMatchObject({ code: 'ENOSPC' });

      // Space freed: capturing resumes with no restart.
      room.bytes = Number.POSITIVE_INFINITY;
      await writer.append(record(6));
      await writer.close();
      expect(await ids(file)).toEqual({ ids: ['id-1', 'id-6'], skipped: [] });
      expect(writer.count).toBe(2);
    },
  );
});

describe('CaptureWriter.open on a torn file', () => {
  it('ends an unterminated last line first, so the next record is whole and readable', async () => {
    const file = join(dir, 'torn.ndjson');
    await writeFile(file, JSON.stringify(record(1)) + '\n' + JSON.stringify(record(2)).slice(0, 30));
    const writer = await CaptureWriter.open(file);
    expect(writer.endedTornLine).toBe(true);
    await writer.append(record(3));
    await writer.close();
    const { ids: found, skipped } = await ids(file);
    expect(found).toEqual(['id-1', 'id-3']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/line 2: not valid JSON/);
  });

  it('leaves a well-ended or empty file alone', async () => {
    const file = join(dir, 'ok.ndjson');
    await writeFile(file, JSON.stringify(record(1)) + '\n');
    const writer = await CaptureWriter.open(file);
    expect(writer.endedTornLine).toBe(false);
    await writer.close();
    const fresh = await CaptureWriter.open(join(dir, 'new.ndjson'));
    expect(fresh.endedTornLine).toBe(false);
    await fresh.close();
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify(record(1)) + '\n');
  });
});
