/**
 * A capture file as the inspector reads it: every record found (torn and foreign lines skipped
 * and counted), pages served by position, filters by event, verdict, status and free text,
 * records written by hand (other key order) read as well as omnibot's own.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStore, quickFacts } from '../../../src/inspector/file-store.js';
import type { RecordStore } from '../../../src/inspector/store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const N = 20_000;
let dir: string;
let cleanup: () => Promise<void>;
let store: RecordStore;
const skipped: number[] = [];

function line(i: number): string {
  const hde = i % 3 === 0;
  return JSON.stringify({
    v: 1,
    id: `id-${i}`,
    receivedAt: '2026-12-04T10:00:00.000Z',
    method: 'POST',
    path: hde ? '/hde' : '/omnidesk',
    query: '',
    headers: { 'content-type': 'application/json', event: 'not-the-event' },
    body: JSON.stringify({ n: i, text: `сообщение ${i}`, event: 'nested' }),
    event: hde ? 'helpdeskeddy.new_reply' : 'omnidesk.incoming',
    ...(hde ? { candidates: ['helpdeskeddy.new_reply', 'helpdeskeddy.new_ticket'] } : {}),
    valid: i % 10 !== 0,
    response: { status: i % 50 === 0 ? 503 : 200, ms: 2 },
  });
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('omnibot-inspect-'));
  const file = join(dir, 'big.ndjson');
  const lines: string[] = [];
  for (let i = 1; i <= N; i += 1) lines.push(line(i));
  lines.splice(100, 0, '{"v":1,"id":"torn');
  lines.splice(200, 0, 'not json at all');
  await writeFile(file, lines.join('\n') + '\n');
  // A record in another key order (hand-written): read in full, not by the quick path.
  await appendFile(
    file,
    JSON.stringify({
      response: { ms: 1, status: 201 },
      valid: true,
      event: 'omnidesk.changed',
      v: 1,
      id: 'hand',
      receivedAt: 'x',
      method: 'POST',
      path: '/',
      query: '',
      headers: {},
    }) + '\r\n',
  );
  store = await fileStore(file, { onSkip: (l) => skipped.push(l) });
  await store.indexed;
});
afterAll(async () => {
  await store?.close();
  await cleanup();
});

describe('the inspector over a capture file', () => {
  it('finds every record and skips torn and foreign lines by number', () => {
    expect(store.count).toBe(N + 1);
    expect(skipped).toEqual([101, 201]);
  });

  it('pages by position and reads the record behind a row', async () => {
    const page = await store.page({}, 15_000, 3);
    expect(page.total).toBe(N + 1);
    expect(page.rows.map((r) => r.id)).toEqual(['id-15001', 'id-15002', 'id-15003']);
    expect((await store.record(N + 1))?.id).toBe('hand');
  });

  it('filters by either candidate event, verdict, status and text', async () => {
    const tickets = await store.page({ events: ['helpdeskeddy.new_ticket'] }, 0, 5);
    expect(tickets.total).toBe(Math.floor(N / 3));
    const changed = await store.page({ events: ['omnidesk.changed'] }, 0, 5);
    expect(changed.rows.map((r) => r.id)).toEqual(['hand']);
    const failing = await store.page({ status: '5xx', verdict: 'invalid' }, 0, 1000);
    expect(failing.total).toBe(N / 50);
    const text = await store.page({ q: 'СООБЩЕНИЕ 12345' }, 0, 5);
    expect(text.rows.map((r) => r.id)).toEqual(['id-12345']);
  });

  it('reads the columns of a record without being fooled by keys inside headers or the body', () => {
    expect(quickFacts(line(3))).toEqual({
      events: ['helpdeskeddy.new_reply', 'helpdeskeddy.new_ticket'],
      valid: true,
      status: 200,
    });
    expect(quickFacts(line(50))).toEqual({ events: ['omnidesk.incoming'], valid: false, status: 503 });
  });
});
