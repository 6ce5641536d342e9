/**
 * docs/sandbox.md's Omnidesk table must tell the truth about the server: every row marked
 * served or partial is routed (whatever it answers to a dummy id, it is never the router's
 * `not_found`/`method_not_allowed`), and every 501 row answers 501 naming its endpoint.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart, MultipartError } from '../../../../../src/server/multipart.js';
import { useSandboxClient } from '../../../../helpers/sandbox.js';

const od = useSandboxClient();

function omnideskRows(): Array<{ method: string; path: string; status: string }> {
  const text = readFileSync(new URL('../../../../../docs/sandbox.md', import.meta.url), 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith('Omnidesk'))!;
  return section
    .split('\n')
    .map((line) => line.split('|').map((c) => c.trim()))
    .filter((cells) => cells.length === 7 && /^(GET|POST|PUT|DELETE|PATCH)$/.test(cells[1]!))
    .map((cells) => ({ method: cells[1]!, path: cells[2]!, status: cells[3]! }));
}

describe('docs/sandbox.md, Omnidesk section', () => {
  it('lists at least every §2 endpoint family, and each row is routed as it says', async () => {
    const rows = omnideskRows();
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) {
      expect(['served', 'partial', '501'], `${row.method} ${row.path}`).toContain(row.status);
      const path = row.path.replace(/\{[a-z_]+\}/g, '999999');
      const res = await od.call(row.method, path, row.method === 'GET' || row.method === 'DELETE' ? undefined : {});
      if (row.status === '501') {
        expect(res.status, path).toBe(501);
        expect(res.body.endpoint).toBe(`${row.method} ${row.path}`);
      } else {
        expect([res.body?.error, res.status], `${row.method} ${path}`).not.toEqual(['not_found', 404]);
        expect(res.status, `${row.method} ${path}`).not.toBe(405);
        expect(res.status, `${row.method} ${path}`).toBeLessThan(500);
      }
    }
  });
});

describe('the multipart parser', () => {
  it('reads quoted boundaries, RFC 5987 file names, bare-LF senders, and ignores preamble and epilogue', () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/form-data;boundary=xyz; charset=utf-8')).toBe('xyz');
    expect(multipartBoundary('application/json')).toBeUndefined();
    const body = Buffer.from(
      'preamble\r\n--xyz\r\nContent-Disposition: form-data; name="case[subject]"\r\n\r\nТема\r\n' +
        '--xyz\r\nContent-Disposition: form-data; name="f"; filename="x.txt"; ' +
        "filename*=UTF-8''%D1%84.txt\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n" +
        '--xyz--\r\nepilogue',
    );
    const parts = parseMultipart(body, 'xyz');
    expect(parts.map((p) => [p.name, p.filename, p.contentType, p.data.toString()])).toEqual([
      ['case[subject]', undefined, undefined, 'Тема'],
      ['f', 'ф.txt', 'text/plain', 'line1\r\nline2'],
    ]);
    const lf = parseMultipart(Buffer.from('--b\nContent-Disposition: form-data; name="a"\n\n1\n--b--\n'), 'b');
    expect(lf.map((p) => [p.name, p.data.toString()])).toEqual([['a', '1']]);
  });

  it('refuses what is not multipart with a MultipartError, never anything else', () => {
    const bad = [
      '',
      'no boundary here',
      '--b\r\n\r\nno disposition\r\n--b--',
      '--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--',
      '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nnever closed',
    ];
    for (const text of bad) expect(() => parseMultipart(Buffer.from(text), 'b'), text).toThrow(MultipartError);
  });
});
