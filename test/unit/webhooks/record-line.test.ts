import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../src/capture/record.js';
import { clip, formatRecordLine } from '../../../src/webhooks/record-line.js';

/**
 * clip's specification: whitespace runs become one space and the ends are trimmed; the result
 * is at most `width` code points; a text that does not fit (or is longer than 4×width UTF-16
 * units, the most clip ever looks at) is cut to its first width−1 code points plus `…`.
 */
describe('clip', () => {
  const pieces = fc.constantFrom('a', 'я', ' ', '\n', '😀', '👋🏽', '\ud83d', '\ude00', 'ab', '  \t ');
  const text = fc.array(pieces, { maxLength: 300 }).map((p) => p.join(''));
  const codePoints = (s: string) => Array.from(s).length;

  it('collapses whitespace and fits the width, cutting with … only what does not fit', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(1, 2, 5, 60), fc.integer({ min: 1, max: 80 }), (t, width, other) => {
        for (const w of [width, other]) {
          const flat = t.replace(/\s+/g, ' ').trim();
          const result = clip(t, w);
          expect(codePoints(result)).toBeLessThanOrEqual(w);
          const cut = codePoints(flat) > w || t.length > w * 4;
          if (!cut) {
            expect(result).toBe(flat);
            continue;
          }
          expect(result.endsWith('…')).toBe(true);
          const kept = result.slice(0, -1);
          expect(flat.startsWith(kept)).toBe(true);
          expect(kept).toBe(kept.trimStart());
          // Only a text clip did not read to the end may keep fewer than width−1 code points.
          if (t.length <= w * 4) expect(codePoints(kept)).toBe(w - 1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['short', 'Привет,\n  мир', 60, 'Привет, мир'],
    ['exactly the width', 'abcde', 5, 'abcde'],
    ['one over', 'abcdef', 5, 'abcd…'],
    ['an emoji is one code point', '😀😀😀', 3, '😀😀😀'],
    ['cut between code points', '😀😀😀😀', 3, '😀😀…'],
    ['longer than clip reads', `${' '.repeat(300)}a`, 60, '…'],
  ])('%s', (_what, input, width, expected) => {
    expect(clip(input, width)).toBe(expected);
  });
});

describe('formatRecordLine', () => {
  const record = (receivedAt: string): CaptureRecord => ({
    v: 1,
    id: 'x',
    receivedAt,
    method: 'POST',
    path: '/hook',
    query: '',
    headers: {},
    body: '',
    event: null,
    valid: false,
    response: { status: 200, ms: 1 },
  });
  const c = new Chalk({ level: 0 });
  const clockOf = (iso: string) => formatRecordLine(record(iso), {}, c).split(' ')[0];

  it('shows local time to the millisecond, and any other text as it is', () => {
    for (const iso of [
      '2024-05-01T10:00:00.123Z',
      '2024-05-01T10:00:00.999Z',
      '2024-05-01T10:00:01.000Z',
      '2024-12-31T23:59:59.5Z',
      '2024-05-01T10:00:00Z',
    ]) {
      const d = new Date(iso);
      const pad = (n: number, w = 2) => String(n).padStart(w, '0');
      expect(clockOf(iso)).toBe(
        `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`,
      );
    }
    expect(clockOf('2024-05-01T10:00:00.12xZ')).toBe('2024-05-01T10:00:00.12xZ');
    expect(clockOf('yesterday')).toBe('yesterday');
  });
});
