/**
 * The capture reader against its specification, over generated files:
 * - a line ends at `\n`, `\r\n` or a lone `\r`; a last line without an ending still counts;
 *   line numbers count every line, blank ones included;
 * - a blank line (only whitespace, as String#trim sees it) is passed over silently;
 * - a line that holds a capture record yields it with its number; any other line (torn JSON,
 *   invalid UTF-8, JSON that is not a record) is skipped with a warning naming file and line;
 * - none of this depends on where the chunks of the file split it.
 * The generator knows what each line is, so the expected reading is known without a second reader.
 */
import fc from 'fast-check';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineSplitter, lineText } from '../../../src/capture/lines.js';
import { parseRawLine, readCapture, readCaptureLines } from '../../../src/capture/reader.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

function recordLine(id: string, body: string): string {
  return JSON.stringify({
    v: 1,
    id,
    receivedAt: '2024-05-01T10:00:00.000Z',
    method: 'POST',
    path: '/h',
    query: '',
    headers: { 'content-type': 'application/json' },
    body,
    event: null,
    valid: false,
    response: { status: 200, ms: 1 },
  });
}

type Kind = 'record' | 'blank' | 'skipped';
interface Line {
  kind: Kind;
  bytes: Buffer;
}

const body = fc.constantFrom('Привет 😀', 'plain', '', '\u00a0', 'x'.repeat(300), 'a\u2028b');
const line: fc.Arbitrary<Line> = fc.oneof(
  fc.tuple(fc.uuid(), body).map(([id, b]) => ({ kind: 'record' as const, bytes: Buffer.from(recordLine(id, b)) })),
  fc
    .constantFrom('', '   ', '\t', '\u00a0', '\u2028', ' \f\v ')
    .map((t) => ({ kind: 'blank' as const, bytes: Buffer.from(t) })),
  // A torn write: a record cut anywhere before its end.
  fc
    .tuple(fc.uuid(), body, fc.nat())
    .map(([id, b, n]) => {
      const full = Buffer.from(recordLine(id, b));
      return { kind: 'skipped' as const, bytes: full.subarray(0, n % full.length) };
    })
    .filter((l) => l.bytes.toString('utf8').trim() !== ''),
  fc.constant({ kind: 'skipped' as const, bytes: Buffer.from('{"v":1,"id":"x"}') }),
  fc.uuid().map((id) => ({
    kind: 'skipped' as const,
    bytes: Buffer.concat([Buffer.from(recordLine(id, 'bad ')), Buffer.from([0xe2, 0x82])]),
  })),
  fc.constant({ kind: 'skipped' as const, bytes: Buffer.from([0xff, 0xf0, 0x9f, 0x98, 0x41, 0xc3]) }),
);
const ending = fc.constantFrom('\n', '\r\n', '\r');

interface Case {
  file: Buffer;
  lines: Line[];
}

/** Lines joined by mixed endings; the last one has an ending or not. */
const captureFile: fc.Arbitrary<Case> = fc
  .record({ lines: fc.array(fc.tuple(line, ending), { maxLength: 30 }), openEnd: fc.boolean() })
  .map(({ lines, openEnd }) => {
    const parts: Buffer[] = [];
    let previous = '';
    lines.forEach(([l, end], i) => {
      // `\r` then an empty line ending in `\n` would read as one `\r\n` ending: not the line we mean.
      const ending = previous === '\r' && l.bytes.length === 0 && end.startsWith('\n') ? '\r' : end;
      const last = i === lines.length - 1;
      parts.push(l.bytes);
      // An open last line must not be empty: an empty tail is no line at all.
      if (!(last && openEnd && l.bytes.length > 0)) parts.push(Buffer.from(ending));
      previous = ending;
    });
    return { file: Buffer.concat(parts), lines: lines.map(([l]) => l) };
  });

function expected(file: string, lines: Line[]) {
  const records: Array<[number, string]> = [];
  const skipped: number[] = [];
  lines.forEach((l, i) => {
    if (l.kind === 'record') records.push([i + 1, (JSON.parse(l.bytes.toString('utf8')) as { id: string }).id]);
    if (l.kind === 'skipped') skipped.push(i + 1);
  });
  return { records, skipped, file };
}

async function readAll(file: string) {
  const records: Array<[number, string]> = [];
  const messages: string[] = [];
  const skipped: number[] = [];
  for await (const item of readCapture(file, { onSkip: (m, n) => (messages.push(m), skipped.push(n)) }))
    records.push([item.line, item.record.id]);
  return { records, skipped, messages };
}

async function readInChunks(file: string, chunkBytes: number) {
  const records: Array<[number, string]> = [];
  const skipped: number[] = [];
  for await (const lines of readCaptureLines(file, { chunkBytes })) {
    for (const raw of lines) {
      const parsed = parseRawLine(file, raw);
      if ('record' in parsed) records.push([parsed.line, parsed.record.id]);
      else skipped.push(parsed.line);
    }
  }
  return { records, skipped };
}

let n = 0;

describe('readCapture (specification)', () => {
  it('yields every record with its line number and skips every other non-blank line, naming it', async () => {
    await fc.assert(
      fc.asyncProperty(captureFile, async ({ file: bytes, lines }) => {
        const file = join(dir, `c-${(n += 1)}.ndjson`);
        await writeFile(file, bytes);
        const want = expected(file, lines);
        const got = await readAll(file);
        expect(got.records).toEqual(want.records);
        expect(got.skipped).toEqual(want.skipped);
        got.messages.forEach((m, i) =>
          expect(m).toBe(`${file}: line ${want.skipped[i]}: ${m.split(': ').slice(2).join(': ')}`),
        );
        for (const m of got.messages)
          expect(m).toMatch(/: (not valid JSON \(a torn write\?\)|not a capture record \(.+\)); skipped$/);
      }),
      { numRuns: 150 },
    );
  });

  it('reads the same whatever the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(captureFile, fc.integer({ min: 1, max: 70 }), async ({ file: bytes, lines }, chunkBytes) => {
        const file = join(dir, `k-${(n += 1)}.ndjson`);
        await writeFile(file, bytes);
        const want = expected(file, lines);
        expect(await readInChunks(file, chunkBytes)).toEqual({ records: want.records, skipped: want.skipped });
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ['empty', '', []],
    ['one \\n', '\n', []],
    ['one \\r', '\r', []],
    ['one \\r\\n', '\r\n', []],
    ['\\n\\r', '\n\r', []],
    ['a record ending in \\r', `${recordLine('a', 'a')}\r`, [[1, 'a']]],
    [
      '\\r\\r between records',
      `${recordLine('a', 'a')}\r\r${recordLine('b', 'b')}`,
      [
        [1, 'a'],
        [3, 'b'],
      ],
    ],
    ['a no-break space line', `\u00a0\n${recordLine('c', 'c')}`, [[2, 'c']]],
    ['blank \\r\\n lines', `\r\n\r\n${recordLine('d', 'd')}\r\n`, [[3, 'd']]],
  ])('fixed file: %s', async (_label, text, records) => {
    const file = join(dir, `e-${(n += 1)}.ndjson`);
    await writeFile(file, text);
    expect(await readAll(file)).toEqual({ records, skipped: [], messages: [] });
    for (const chunkBytes of [1, 2, 1000])
      expect(await readInChunks(file, chunkBytes)).toEqual({ records, skipped: [] });
  });
});

describe('LineSplitter', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r, across chunk boundaries', () => {
    const splitter = new LineSplitter();
    const lines: string[] = [];
    for (const chunk of ['a\r', '\nb\rc', '\r\r', '\n', 'd\n\ne'])
      for (const l of splitter.push(Buffer.from(chunk))) lines.push(lineText(l));
    const last = splitter.end();
    if (last) lines.push(lineText(last));
    expect(lines).toEqual(['a', 'b', 'c', '', 'd', '', 'e']);
  });

  it('splits any text into the lines of a split on /\\r\\n|\\r|\\n/, however it is chunked', () => {
    const text = fc
      .array(fc.constantFrom('a', 'б', '😀', ' ', '\n', '\r', '\r\n', '{'), { maxLength: 40 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 5 }), (t, sizes) => {
        const bytes = Buffer.from(t);
        const splitter = new LineSplitter();
        const lines: string[] = [];
        let pos = 0;
        for (let i = 0; pos < bytes.length; i += 1) {
          const size = sizes[i % sizes.length]!;
          for (const l of splitter.push(bytes.subarray(pos, pos + size))) lines.push(lineText(l));
          pos += size;
        }
        const last = splitter.end();
        if (last) lines.push(lineText(last));
        const want = t === '' ? [] : t.split(/\r\n|\r|\n/);
        if (want.length > 0 && want[want.length - 1] === '' && /[\r\n]$/.test(t)) want.pop();
        expect(lines).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
