import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCapture } from '../../../src/capture/reader.js';
import { CaptureWriter } from '../../../src/capture/writer.js';
import { decodeBody, encodeBody, type CaptureRecord } from '../../../src/capture/record.js';
import { clearSecrets, registerSecret } from '../../../src/core/io/secrets.js';
import { UsageError } from '../../../src/core/errors.js';
import { tempDir } from '../../helpers/temp-dir.js';

function record(n: number, body: Buffer = Buffer.from(`{"n":${n},"text":"Привет 😀"}`)): CaptureRecord {
  return {
    v: 1,
    id: `id-${n}`,
    receivedAt: new Date(Date.UTC(2024, 4, 1, 10, 0, n)).toISOString(),
    method: 'POST',
    path: '/hook',
    query: '',
    headers: { 'content-type': 'application/json' },
    ...encodeBody(body),
    event: null,
    valid: false,
    response: { status: 200, ms: 1 },
  };
}

async function collect(file: string) {
  const warnings: string[] = [];
  const items = [];
  for await (const item of readCapture(file, { onSkip: (m) => warnings.push(m) })) items.push(item);
  return { items, warnings };
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  clearSecrets();
  await cleanup();
});

describe('record bodies', () => {
  it('keeps utf-8 as text and anything else as base64, both byte-exact', () => {
    const text = Buffer.from('{"t":"Здравствуйте 👋"}');
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3]);
    expect(encodeBody(text)).toEqual({ body: text.toString('utf8') });
    expect(encodeBody(binary)).toHaveProperty('bodyBase64');
    expect(decodeBody(encodeBody(text)).equals(text)).toBe(true);
    expect(decodeBody(encodeBody(binary)).equals(binary)).toBe(true);
  });
});

describe('CaptureWriter + readCapture', () => {
  it('appends whole lines with mode 0600 and reads them back in order', async () => {
    const file = join(dir, 'sub', 'c.ndjson');
    const writer = await CaptureWriter.open(file);
    await Promise.all(Array.from({ length: 200 }, (_, i) => writer.append(record(i))));
    await writer.close();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { items, warnings } = await collect(file);
    expect(warnings).toEqual([]);
    expect(items.map((i) => i.record.id)).toEqual(Array.from({ length: 200 }, (_, i) => `id-${i}`));
    expect(items[5]!.line).toBe(6);
  });

  it('tightens the mode of an existing file and appends after its content', async () => {
    const file = join(dir, 'c.ndjson');
    await writeFile(file, JSON.stringify(record(1)) + '\n', { mode: 0o644 });
    const writer = await CaptureWriter.open(file);
    await writer.append(record(2));
    await writer.close();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await collect(file)).items.map((i) => i.record.id)).toEqual(['id-1', 'id-2']);
  });

  it('masks registered secrets in the line unless asked to keep them', async () => {
    registerSecret('super-secret-token');
    const leaky = { ...record(1), query: 'token=super-secret-token' };
    const masked = join(dir, 'masked.ndjson');
    const kept = join(dir, 'kept.ndjson');
    for (const [file, keepSecrets] of [
      [masked, false],
      [kept, true],
    ] as const) {
      const writer = await CaptureWriter.open(file, { keepSecrets });
      await writer.append(leaky);
      await writer.close();
    }
    expect(await readFile(masked, 'utf8')).not.toContain('super-secret-token');
    expect(await readFile(kept, 'utf8')).toContain('super-secret-token');
  });

  it('skips a torn last line and an invalid middle line, naming each line number', async () => {
    const file = join(dir, 'c.ndjson');
    const lines = [
      JSON.stringify(record(1)),
      '{"v":1,"id":"broken"}',
      '',
      JSON.stringify(record(2)),
      JSON.stringify(record(3)).slice(0, 40),
    ];
    await writeFile(file, lines.join('\n'));
    const { items, warnings } = await collect(file);
    expect(items.map((i) => [i.line, i.record.id])).toEqual([
      [1, 'id-1'],
      [4, 'id-2'],
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/line 2: not a capture record/);
    expect(warnings[1]).toMatch(/line 5: not valid JSON/);
  });

  it('keeps unknown keys (the format may grow) and reports a missing file as a usage error', async () => {
    const file = join(dir, 'c.ndjson');
    await appendFile(file, JSON.stringify({ ...record(1), remote: '127.0.0.1' }) + '\n');
    const { items } = await collect(file);
    expect(items[0]!.record.remote).toBe('127.0.0.1');
    await expect(collect(join(dir, 'missing.ndjson'))).rejects.toBeInstanceOf(UsageError);
  });
});

describe('looksLikeCaptureRecord', () => {
  it('agrees with the zod schema on good and bad records', async () => {
    const { looksLikeCaptureRecord, captureRecordSchema } = await import('../../../src/capture/record.js');
    const good = {
      ...record(1),
      bytes: 3,
      auth: 'ok',
      forward: { status: 200, ms: 1 },
      truncated: false,
      extra: 'kept',
    };
    const bad = [
      { ...good, v: 2 },
      { ...good, id: '' },
      { ...good, headers: { a: 1 } },
      { ...good, event: 5 },
      { ...good, response: { status: 'x', ms: 1 } },
      { ...good, auth: 'maybe' },
      { ...good, forward: { ms: 1 } },
      { ...good, bytes: 1.5 },
      null,
    ];
    expect(looksLikeCaptureRecord(good)).toBe(true);
    expect(captureRecordSchema.safeParse(good).success).toBe(true);
    for (const b of bad) {
      expect(looksLikeCaptureRecord(b)).toBe(false);
      expect(captureRecordSchema.safeParse(b).success).toBe(false);
    }
  });
});
