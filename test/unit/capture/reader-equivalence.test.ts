/**
 * The Buffer-based reader must read every file exactly as the readline-based one did: the same
 * records, the same skipped lines with the same line numbers, whatever the line endings (\n,
 * \r\n, lone \r), blank lines, invalid UTF-8, a torn last line, and wherever chunks split it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRawLine, readCapture, readCaptureLines } from '../../../src/capture/reader.js';
import { LineSplitter, lineText } from '../../../src/capture/lines.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { readCapture as referenceRead } from './reference/reader.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

function record(n: number, body: string): string {
  return JSON.stringify({ v: 1, id: `id-${n}`, receivedAt: '2024-05-01T10:00:00.000Z', method: 'POST', path: '/h', query: '', headers: { 'content-type': 'application/json' }, body, event: null, valid: false, response: { status: 200, ms: 1 } });
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A file of records, junk and odd bytes joined by a mix of line endings. */
function randomFile(seed: number): Buffer {
  const random = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const parts: Buffer[] = [];
  const count = 5 + Math.floor(random() * 40);
  for (let i = 0; i < count; i += 1) {
    const kind = random();
    let line: Buffer;
    if (kind < 0.55) line = Buffer.from(record(i, pick(['Привет 😀', 'plain', '', '\u00a0', 'x'.repeat(300)])));
    else if (kind < 0.65) line = Buffer.from(record(i, 'torn')).subarray(0, 30);
    else if (kind < 0.72) line = Buffer.from(pick(['', '   ', '\t', '\u00a0', '\u2028', ' \f\v ']));
    else if (kind < 0.8) line = Buffer.from('{"v":1,"id":"x"}');
    else if (kind < 0.9) line = Buffer.concat([Buffer.from(record(i, 'bad ')), Buffer.from([0xe2, 0x82])]);
    else line = Buffer.from([0xff, 0xf0, 0x9f, 0x98, 0x41, 0xc3]);
    parts.push(line, Buffer.from(pick(['\n', '\n', '\r\n', '\r', '\n\n', '\r\r\n'])));
  }
  if (random() < 0.5) parts.pop();
  if (random() < 0.3) parts.push(Buffer.from([0xe2, 0x82]));
  return Buffer.concat(parts);
}

async function readAll(read: typeof readCapture, file: string) {
  const skipped: string[] = [];
  const records: Array<[number, unknown]> = [];
  for await (const item of read(file, { onSkip: (m) => skipped.push(m) })) records.push([item.line, item.record]);
  return { records, skipped };
}

async function readInChunks(file: string, chunkBytes: number) {
  const skipped: string[] = [];
  const records: Array<[number, unknown]> = [];
  for await (const lines of readCaptureLines(file, { chunkBytes })) {
    for (const raw of lines) {
      const parsed = parseRawLine(file, raw);
      if ('record' in parsed) records.push([parsed.line, parsed.record]);
      else skipped.push(parsed.message);
    }
  }
  return { records, skipped };
}

describe('readCapture reads as the readline-based reader did', () => {
  it('over random files, whatever the chunk size', async () => {
    for (let seed = 1; seed <= 60; seed += 1) {
      const file = join(dir, `c-${seed}.ndjson`);
      await writeFile(file, randomFile(seed));
      const expected = await readAll(referenceRead, file);
      expect(await readAll(readCapture, file), `seed ${seed}`).toEqual(expected);
      for (const chunkBytes of [1, 2, 3, 7, 64, 1000]) expect(await readInChunks(file, chunkBytes), `seed ${seed} chunk ${chunkBytes}`).toEqual(expected);
    }
  });

  it('over the edge cases of line endings and empty files', async () => {
    const cases = ['', '\n', '\r', '\r\n', '\n\r', `${record(1, 'a')}\r`, `${record(1, 'a')}\r\r${record(2, 'b')}`, `\u00a0\n${record(3, 'c')}`];
    for (const [i, text] of cases.entries()) {
      const file = join(dir, `e-${i}.ndjson`);
      await writeFile(file, text);
      const expected = await readAll(referenceRead, file);
      for (const chunkBytes of [1, 2, 1000]) expect(await readInChunks(file, chunkBytes), JSON.stringify(text)).toEqual(expected);
    }
  });
});

describe('LineSplitter', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r, across chunk boundaries', () => {
    const splitter = new LineSplitter();
    const lines: string[] = [];
    for (const chunk of ['a\r', '\nb\rc', '\r\r', '\n', 'd\n\ne']) for (const l of splitter.push(Buffer.from(chunk))) lines.push(lineText(l));
    const last = splitter.end();
    if (last) lines.push(lineText(last));
    expect(lines).toEqual(['a', 'b', 'c', '', 'd', '', 'e']);
  });
});
