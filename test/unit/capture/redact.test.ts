import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Placeholders } from '../../../src/capture/placeholders.js';
import { redactBody, redactRecord } from '../../../src/capture/redact.js';
import { rewriteJson } from '../../../src/capture/redact-json.js';
import { redactFile } from '../../../src/capture/redact-file.js';
import { readCapture } from '../../../src/capture/reader.js';
import type { CaptureRecord } from '../../../src/capture/record.js';
import { tempDir } from '../../helpers/temp-dir.js';

const HDE =
  '{\n"message": "<p>Здравствуйте! Мой телефон +7 (912) 345-67-89, почта ' +
  'ivan.petrov@mail.ru</p>",\n"message_author_id": "501",\n"customer_id": "501",\n"ticket_id": ' +
  '"1042",\n"status_id": "open",\n"user_name": "Иван Петров",\n"last_answer_date": "10:00:00 ' +
  '01.05.2024",\n"last_customer_message_date": "10:00:00 01.05.2024",\n"chat_id": "c-77"\n}';

function rec(body: string, contentType: string, extra: Partial<CaptureRecord> = {}): CaptureRecord {
  return {
    v: 1,
    id: 'r',
    receivedAt: '2024-05-01T10:00:00.000Z',
    method: 'POST',
    path: '/',
    query: '',
    headers: { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) },
    body,
    event: null,
    valid: true,
    response: { status: 200, ms: 1 },
    ...extra,
  };
}

describe('redactBody', () => {
  it('replaces message text and names by field, keeping the JSON formatting byte for byte elsewhere', () => {
    const ph = new Placeholders();
    const out = redactBody(HDE, 'application/json', ph);
    const parsed = JSON.parse(out);
    expect(parsed.message).toBe('text-1');
    expect(parsed.user_name).toBe('Name-1');
    expect(parsed.ticket_id).toBe('1042');
    expect(parsed.last_answer_date).toBe('10:00:00 01.05.2024');
    // Only the two replaced literals changed: the unindented newlines of seed 002 survive.
    expect(out).toBe(HDE.replace(/"message": "[^"]*"/, '"message": "text-1"').replace('"Иван Петров"', '"Name-1"'));
  });

  it('finds e-mails and phones anywhere, and keeps \\u escapes and numbers intact', () => {
    const ph = new Placeholders();
    const body =
      '{"case_id":88120045,"contact":{"email":"A.B@Example.com","phone":79123456789},"note":"\\u0417\\u0434 call +7 ' +
      '912 345 67 89","when":"2024-05-01 10:00:00"}';
    const out = JSON.parse(redactBody(body, 'application/json', ph));
    expect(out.case_id).toBe(88120045);
    expect(out.contact.email).toBe('user-1@example.invalid');
    expect(out.contact.phone).toBe(70000000001);
    expect(out.note).toBe('Зд call +70000000001');
    expect(out.when).toBe('2024-05-01 10:00:00');
  });

  it('redacts PHP-bracket form bodies pair by pair', () => {
    const ph = new Placeholders();
    const form =
      'type=message_new&object%5Bcase_id%5D=88120045&object%5Bcustom_user_id%5D=tg-100500&' +
      'object%5Bcontent%5D=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%F0%9F%98%80&object%5Bnote%5D=0';
    const out = redactBody(form, 'application/x-www-form-urlencoded', ph);
    expect(out).toBe(
      'type=message_new&object%5Bcase_id%5D=88120045&object%5Bcustom_user_id%5D=tg-100500&object%5Bcontent%5D=text-1&' +
        'object%5Bnote%5D=0',
    );
  });

  it('gives the same input the same placeholder, and leaves placeholders alone on a second pass', () => {
    const ph = new Placeholders();
    const a = redactBody('{"email":"x@y.ru","text":"hi"}', 'application/json', ph);
    const b = redactBody('{"email":"X@Y.RU","text":"hi","other":"z@y.ru"}', 'application/json', ph);
    expect(JSON.parse(a)).toEqual({ email: 'user-1@example.invalid', text: 'text-1' });
    expect(JSON.parse(b)).toEqual({ email: 'user-1@example.invalid', text: 'text-1', other: 'user-2@example.invalid' });
    expect(redactBody(b, 'application/json', new Placeholders())).toBe(b);
  });

  it('treats broken JSON and plain text as text: e-mails and phones by shape', () => {
    const out = redactBody('{"text": "mail me at a@b.co" ', 'application/json', new Placeholders());
    expect(out).toBe('{"text": "mail me at user-1@example.invalid" ');
  });
});

describe('rewriteJson', () => {
  it('knows which key governs a value, inside arrays and nested objects', () => {
    const seen: Array<[unknown, string | undefined]> = [];
    rewriteJson('{"a":["x",{"b":"y"},"z"],"c":1}', (v, k) => {
      seen.push([v, k]);
      return undefined;
    });
    expect(seen).toEqual([
      ['x', 'a'],
      ['y', 'b'],
      ['z', 'a'],
      [1, 'c'],
    ]);
    expect(rewriteJson('{"a":', () => undefined)).toBeUndefined();
  });
});

describe('redactRecord and redactFile', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it('updates content-length, redacts the query, marks the record, and leaves binary bodies with a note', () => {
    const ph = new Placeholders();
    const { record } = redactRecord(rec(HDE, 'application/json', { query: 'email=a%40b.ru&x=1' }), ph);
    expect(record.headers['content-length']).toBe(String(Buffer.byteLength(record.body!)));
    expect(record.query).toBe('email=user-1%40example.invalid&x=1');
    expect(record.redacted).toBe(true);
    const binary = redactRecord({ ...rec('', 'application/octet-stream'), body: undefined, bodyBase64: '//4A' }, ph);
    expect(binary.note).toMatch(/binary/);
    expect(binary.record.bodyBase64).toBe('//4A');
  });

  it('streams a file, links the same person across records, and skips torn lines with a warning', async () => {
    const input = join(dir, 'in.ndjson');
    const output = join(dir, 'out.ndjson');
    const one = rec('{"user_name":"Иван","email":"i@p.ru","text":"первое"}', 'application/json', { id: '1' });
    const two = rec('{"user_name":"Иван","email":"i@p.ru","text":"второе"}', 'application/json', { id: '2' });
    await writeFile(input, `${JSON.stringify(one)}\n${JSON.stringify(two)}\n{"torn`);
    const warnings: string[] = [];
    const result = await redactFile(input, output, { onWarning: (m) => warnings.push(m) });
    expect(result.records).toBe(2);
    expect(warnings.join('\n')).toMatch(/line 3/);
    const records = [];
    for await (const { record } of readCapture(output)) records.push(JSON.parse(record.body!));
    expect(records).toEqual([
      { user_name: 'Name-1', email: 'user-1@example.invalid', text: 'text-1' },
      { user_name: 'Name-1', email: 'user-1@example.invalid', text: 'text-2' },
    ]);
    expect(await readFile(input, 'utf8')).toContain('первое');
  });
});
