/**
 * The inspector's server as an attacker meets it: another Host (DNS rebinding), no token or a
 * wrong one, a cross-site POST, a form POST, broken JSON, a malformed request line. It answers
 * each with the right refusal, never 500, and keeps serving.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInspector, type RunningInspector } from '../../../src/inspector/server.js';
import { memoryStore } from '../../../src/inspector/store.js';
import { shippedCatalog } from '../../../src/events/catalog.js';
import type { CaptureRecord } from '../../../src/capture/record.js';

function record(i: number, extra: Partial<CaptureRecord> = {}): CaptureRecord {
  return {
    v: 1,
    id: `r${i}`,
    receivedAt: '2026-12-04T10:00:00.000Z',
    method: 'POST',
    path: '/hook',
    query: '',
    headers: { 'content-type': 'application/json', authorization: '***' },
    body: JSON.stringify({ case_id: String(200000000 + i), user_id: '77', case_description: '<p>Привет</p>' }),
    event: 'omnidesk.incoming',
    valid: true,
    response: { status: 200, ms: 3 },
    ...extra,
  };
}

let page: RunningInspector;
let token: string;
const live = memoryStore();

beforeAll(async () => {
  for (let i = 1; i <= 3; i += 1) live.push(record(i));
  live.push(
    record(4, {
      event: null,
      valid: false,
      response: { status: 404, ms: 1 },
      path: '/helpdeskeddy/Tok3nAbcdefGhij',
    }),
  );
  page = await startInspector({ store: live.store, catalog: shippedCatalog(), source: 'live', live: true });
  token = new URL(page.url).hash.replace('#token=', '');
});
afterAll(() => page.close());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${page.origin}${path}`, { ...init, headers: { 'x-omnibot-token': token, ...init.headers } });
const get = async (path: string): Promise<any> => (await api(path)).json();

describe('the inspector server', () => {
  it('serves the page without data, and the API only with the token', async () => {
    const html = await fetch(`${page.origin}/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).not.toContain(token);
    expect((await fetch(`${page.origin}/api/records`)).status).toBe(401);
    expect((await fetch(`${page.origin}/api/records`, { headers: { 'x-omnibot-token': 'x' + token } })).status).toBe(
      401,
    );
    const ok = await api('/api/records');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).total).toBe(4);
  });

  it('refuses another Host (DNS rebinding) with 421', async () => {
    const status = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(page.origin).port), '127.0.0.1', () => {
        socket.write(`GET /api/records HTTP/1.1\r\nHost: attacker.example:80\r\nx-omnibot-token: ${token}\r\n\r\n`);
      });
      socket.once('data', (d) => {
        resolve(d.toString('latin1').split('\r\n')[0]!);
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(status).toBe('HTTP/1.1 421 Misdirected Request');
  });

  it('refuses cross-site and form POSTs, and broken JSON, without acting', async () => {
    const body = JSON.stringify({ n: 1, to: 'http://127.0.0.1:9/' });
    const cross = await api('/api/replay', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
    });
    expect(cross.status).toBe(403);
    const form = await api('/api/replay', {
      method: 'POST',
      body: 'n=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const broken = await api('/api/replay', {
      method: 'POST',
      body: '{"n":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).error).toContain('JSON object');
  });

  it('pages and filters, and masks a token in a path', async () => {
    const invalid = await get('/api/records?verdict=invalid');
    expect(invalid.rows.map((r: any) => r.n)).toEqual([4]);
    expect(invalid.rows[0].path).toBe('/helpdeskeddy/***');
    const unknown = await get('/api/records?event=unknown');
    expect(unknown.total).toBe(1);
    const text = await get('/api/records?q=200000002');
    expect(text.rows.map((r: any) => r.n)).toEqual([2]);
    const page2 = await get('/api/records?offset=1&limit=2');
    expect(page2.rows.map((r: any) => r.n)).toEqual([2, 3]);
    expect((await api('/api/records?limit=abc')).status).toBe(400);
    expect((await api('/api/records/99')).status).toBe(404);
  });

  it('shows a record with its body as a tree, its verdict and where each key comes from', async () => {
    const d = await get('/api/records/1');
    expect(d.body.kind).toBe('json');
    expect(d.body.tree.case_id).toBe('200000001');
    expect(d.verdict).toMatchObject({ event: 'omnidesk.incoming', valid: true, issues: [] });
    const caseId = d.keys.find((k: any) => k.name === 'case_id');
    expect(caseId).toMatchObject({ present: true });
    expect(caseId.description).toContain('«');
    expect(caseId.provenance).toMatch(/observed/);
    expect(d.curl).toMatch(/^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/hook' /);
  });

  it('survives a malformed request line and keeps serving', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(page.origin).port), '127.0.0.1', () =>
        socket.write('GET //[ HTTP/1.1\r\n\r\n'),
      );
      socket.once('data', (d) => resolve(d.toString('latin1').split('\r\n')[0]!));
      socket.once('error', () => resolve('error'));
    });
    expect(answer).not.toMatch(/ 500 /);
    expect((await api('/api/info')).status).toBe(200);
  });

  it('ships the whole page in under 150 KB, with nothing fetched from elsewhere', async () => {
    let bytes = 0;
    for (const asset of ['/', '/app.js', '/app.css']) {
      const res = await fetch(`${page.origin}${asset}`);
      const text = await res.text();
      bytes += Buffer.byteLength(text);
      expect(text).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
      expect(text).not.toMatch(/@import|url\(\s*["']?https?:/);
    }
    expect(bytes).toBeLessThan(150 * 1024);
  });
});
