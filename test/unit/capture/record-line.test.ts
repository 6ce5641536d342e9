import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../src/capture/record.js';
import { clip, formatRecordLine } from '../../../src/webhooks/record-line.js';

/** clip as first written (Array.from over the whole head): the oracle for the counting loop. */
function referenceClip(text: string, width = 60): string {
  const head = text.length > width * 4 ? text.slice(0, width * 4) : text;
  const flat = head.replace(/\s+/g, ' ').trim();
  if (flat.length <= width && head === text) return flat;
  const chars = Array.from(flat);
  return chars.length <= width && head === text ? flat : `${chars.slice(0, width - 1).join('')}…`;
}

describe('clip', () => {
  it('cuts on code points exactly as Array.from would, lone surrogates included', () => {
    const pieces = ['a', 'я', ' ', '\n', '😀', '👋🏽', '\ud83d', '\ude00', 'ab', '  \t '];
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 3000; n += 1) {
      const length = Math.floor(next() * 300);
      let text = '';
      for (let i = 0; i < length; i += 1) text += pieces[Math.floor(next() * pieces.length)];
      for (const width of [1, 2, 5, 60]) expect(clip(text, width), JSON.stringify(text)).toBe(referenceClip(text, width));
    }
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
    for (const iso of ['2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.999Z', '2024-05-01T10:00:01.000Z', '2024-12-31T23:59:59.5Z', '2024-05-01T10:00:00Z']) {
      const d = new Date(iso);
      const pad = (n: number, w = 2) => String(n).padStart(w, '0');
      expect(clockOf(iso)).toBe(`${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`);
    }
    expect(clockOf('2024-05-01T10:00:00.12xZ')).toBe('2024-05-01T10:00:00.12xZ');
    expect(clockOf('yesterday')).toBe('yesterday');
  });
});
