/**
 * The client against a real HTTP server on loopback: a small scripted Omnidesk stand-in, so
 * each test controls exactly what the wire says. Sandbox-backed tests live in client-sandbox.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, AuthError, CancelledError, EXIT } from '../../../../../src/core/errors.js';
import { RateLimiter } from '../../../../../src/core/http/rate-limiter.js';
import { createOmnideskClient, type OmnideskClientOptions } from '../../../../../src/helpdesks/omnidesk/client/http.js';

const EMAIL = 'admin@acme.test';
const KEY = 'k3y-very-secret-0123456789';
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${KEY}`).toString('base64')}`;

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Handler = (req: Seen, res: ServerResponse) => void | Promise<void>;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const entry = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    seen.push(entry);
    if (req.headers.authorization !== BASIC && !entry.url.startsWith('/_sandbox/')) {
      return json(res, 401, { error: 'wrong_api_key' });
    }
    await handler(entry, res);
  };
  const server = createServer((req, res) => void answer(req, res));
  server.keepAliveTimeout = 100;
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const keyed = (key: string, items: object[], total = items.length) =>
  Object.fromEntries([...items.map((item, i) => [String(i), { [key]: item }]), ['total_count', total]]);

function client(url: string, extra: Partial<OmnideskClientOptions> = {}) {
  const log: string[] = [];
  const api = createOmnideskClient({
    url,
    email: EMAIL,
    apiKey: KEY,
    timeoutMs: 2_000,
    log: (line) => log.push(line),
    retry: { baseMs: 10, maxMs: 50, random: () => 0 },
    ...extra,
  });
  return { api, log };
}

describe('Omnidesk client on the wire', () => {
  it('sends Basic auth, JSON headers and the wrapped body; unwraps the answer', async () => {
    const { url, seen } = await serve((req, res) =>
      json(res, 201, { label: { label_id: 301, label_title: JSON.parse(req.body).label.label_title } }),
    );
    const { api } = client(url);
    expect(await api.createLabel('bot:new')).toEqual({ label_id: 301, label_title: 'bot:new' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/labels.json' });
    expect(seen[0]!.headers.authorization).toBe(BASIC);
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.headers.accept).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ label: { label_title: 'bot:new' } });
  });

  it('pages with limit=100 until page*limit reaches total_count', async () => {
    const all = Array.from({ length: 230 }, (_, i) => ({ label_id: i + 1, label_title: `l${i + 1}` }));
    const { url, seen } = await serve((req, res) => {
      const q = new URL(req.url, 'http://x').searchParams;
      const page = Number(q.get('page'));
      const limit = Number(q.get('limit'));
      json(res, 200, keyed('label', all.slice((page - 1) * limit, page * limit), all.length));
    });
    const labels = await client(url).api.listLabels();
    expect(labels).toHaveLength(230);
    expect(labels[229]).toEqual({ label_id: 230, label_title: 'l230' });
    expect(seen.map((s) => s.url)).toEqual([
      '/api/labels.json?page=1&limit=100',
      '/api/labels.json?page=2&limit=100',
      '/api/labels.json?page=3&limit=100',
    ]);
  });

  it('stops after a full page when total_count says there is no more', async () => {
    const page = Array.from({ length: 100 }, (_, i) => ({ status_id: i + 1, status: `s${i}`, active: true }));
    const { url, seen } = await serve((_req, res) =>
      json(res, 200, { ...keyed('staff_statuses', page), total_count: undefined, count: 100 }),
    );
    expect(await client(url).api.listStaffStatuses()).toHaveLength(100);
    expect(seen).toHaveLength(1);
  });

  it('encodes case filters PHP-style and always shows active chats', async () => {
    const { url, seen } = await serve((_req, res) => json(res, 200, { case: [] }));
    expect(await client(url).api.listCases({ status: ['open', 'waiting'], labels: [7] })).toEqual([]);
    const q = new URL(seen[0]!.url, 'http://x').searchParams;
    expect(q.getAll('status[]')).toEqual(['open', 'waiting']);
    expect(q.getAll('labels[]')).toEqual(['7']);
    expect(q.get('show_active_chats')).toBe('true');
  });

  it('reads the rate headers into rate()', async () => {
    const { url } = await serve((_req, res) =>
      json(res, 200, keyed('group', []), { rate_limit_per_minute: '120', api_calls_left: '117' }),
    );
    const { api } = client(url);
    expect(api.rate()).toEqual({});
    await api.listGroups();
    expect(api.rate()).toEqual({ limitPerMinute: 120, callsLeft: 117 });
  });

  it('slows down before the limit when api_calls_left runs low', async () => {
    const { url } = await serve((_req, res) =>
      json(res, 200, keyed('group', []), { rate_limit_per_minute: '100', api_calls_left: '3' }),
    );
    // A clock that moves only when the limiter sleeps, so nothing really waits.
    let t = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter({
      perMinute: 1000,
      now: () => t,
      sleep: async (ms) => {
        waits.push(ms);
        t += ms;
      },
    });
    const { api } = client(url, { limiter });
    await api.listGroups();
    expect(waits).toEqual([]);
    await api.listGroups();
    // 3 calls left in the (estimated) 60 s window → one every 20 s.
    expect(waits).toEqual([20_000]);
    expect(limiter.limit).toBe(100);
  });

  it('retries a 429 after the retry_after the server asked for', async () => {
    let calls = 0;
    const { url, seen } = await serve((_req, res) => {
      if (++calls === 1) return json(res, 429, { error: 'rate_limit' }, { retry_after: '1', api_calls_left: '0' });
      json(res, 200, keyed('label', [{ label_id: 1, label_title: 'a' }]));
    });
    const { api, log } = client(url);
    expect(await api.listLabels()).toEqual([{ label_id: 1, label_title: 'a' }]);
    expect(seen).toHaveLength(2);
    // random() = 0 → the wait is exactly the server's retry_after, no earlier.
    expect(log.some((l) => /retrying GET \/api\/labels\.json.* in 1000 ms after HTTP 429/.test(l))).toBe(true);
  });

  it('retries a GET answered 500, then succeeds', async () => {
    let calls = 0;
    const { url, seen } = await serve((_req, res) =>
      ++calls === 1
        ? json(res, 500, { error: 'internal' })
        : json(res, 200, { staff: { staff_id: 2, staff_email: 'o@x', staff_full_name: 'O', active: true } }),
    );
    expect((await client(url).api.getStaff(2)).staff_id).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it('gives up after 4 attempts on a GET that keeps failing, announcing each retry and the total wait', async () => {
    const { url, seen } = await serve((_req, res) => json(res, 503, {}));
    const progress: string[] = [];
    const err = await client(url, { progress: (line) => progress.push(line) })
      .api.listGroups()
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('server_error');
    expect(seen).toHaveLength(4);
    expect(progress).toHaveLength(3);
    expect(progress[0]).toMatch(
      /^Omnidesk: HTTP 503 on GET \/api\/groups\.json.*; trying again in \d+ ms \(attempt 2 of 4\)$/,
    );
    expect(err.message).toMatch(/ Gave up after \d+ ms and 4 attempts\.$/);
  });

  it('never repeats a POST that got a 500 (a message could be sent twice)', async () => {
    const { url, seen } = await serve((_req, res) => json(res, 500, {}));
    const err = await client(url)
      .api.createMessage(5, { content: 'hi', staff_id: 1 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(500);
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(1);
  });

  it('after a createLabel 500 that did create, returns the label without posting again', async () => {
    const labels: Array<{ label_id: number; label_title: string }> = [];
    const { url, seen } = await serve((req, res) => {
      if (req.method === 'POST') {
        labels.push({ label_id: 40 + labels.length, label_title: JSON.parse(req.body).label.label_title });
        return json(res, 500, { error: 'internal' });
      }
      json(res, 200, keyed('label', labels));
    });
    expect(await client(url).api.createLabel('bot:x')).toEqual({ label_id: 40, label_title: 'bot:x' });
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(1);
    expect(labels).toHaveLength(1);
  });

  it('a createLabel that times out but lands leaves exactly one label', async () => {
    const labels: Array<{ label_id: number; label_title: string }> = [];
    let posts = 0;
    const { url } = await serve(async (req, res) => {
      if (req.method === 'POST') {
        const first = ++posts === 1;
        // The first create outlives the client's timeout (it hangs up), yet the server completes it.
        if (first) await new Promise((r) => res.once('close', r));
        const label = { label_id: 50 + labels.length, label_title: JSON.parse(req.body).label.label_title };
        labels.push(label);
        if (!res.destroyed) json(res, 201, { label });
        return;
      }
      if (req.method === 'DELETE') {
        const id = Number(/(\d+)\.json$/.exec(req.url)?.[1]);
        labels.splice(
          labels.findIndex((l) => l.label_id === id),
          1,
        );
        return json(res, 200, {});
      }
      json(res, 200, keyed('label', labels));
    });
    const { api, log } = client(url, { timeoutMs: 250 });
    const label = await api.createLabel('bot:slow');
    expect(label.label_title).toBe('bot:slow');
    expect(labels.filter((l) => l.label_title === 'bot:slow')).toHaveLength(1);
    expect(log.some((l) => l.includes('may have failed'))).toBe(true);
  });

  it('a wrong API key is an AuthError (exit 3) that never shows the key', async () => {
    const { url } = await serve((_req, res) => json(res, 200, {}));
    const { api, log } = client(url, { apiKey: 'wrong-key-abcdef-123456' });
    const err = await api.listLabels().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(EXIT.auth);
    expect(err.message).toContain(EMAIL);
    expect(err.hint).toContain(`${url}/admin/settings/api/`);
    const everything = JSON.stringify({ m: err.message, h: err.hint, j: err.toJSON(), log });
    expect(everything).not.toContain('wrong-key-abcdef-123456');
    expect(everything).not.toContain(Buffer.from(`${EMAIL}:wrong-key-abcdef-123456`).toString('base64'));
  });

  it('an unreachable helpdesk is an ApiError naming the URL, exit 1', async () => {
    const { url } = await serve((_req, res) => json(res, 200, {}));
    await new Promise((r) => servers.pop()!.close(r));
    const err = await client(url)
      .api.listLabels()
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.exitCode).toBe(EXIT.failed);
    expect(err.code).toBe('unreachable');
    expect(err.message).toContain(url);
    expect(err.message).toContain('refused');
  });

  it('a non-JSON answer is an ApiError that says so', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    const err = await client(url)
      .api.listLabels()
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('bad_response');
    expect(err.message).toContain('not JSON');
  });

  it('maps {"error": "case_not_found"} to not_found', async () => {
    const { url } = await serve((_req, res) => json(res, 404, { error: 'case_not_found' }));
    const err = await client(url)
      .api.getCase(9)
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'not_found', apiCode: 'case_not_found', status: 404 });
  });

  it('isSandbox reads x-omnibot-sandbox, probing /_sandbox/info without credentials', async () => {
    const { url, seen } = await serve((_req, res) =>
      json(res, 200, { kind: 'omnidesk' }, { 'x-omnibot-sandbox': 'omnidesk' }),
    );
    const { api } = client(url);
    expect(await api.isSandbox()).toBe(true);
    expect(seen[0]!.url).toBe('/_sandbox/info');
    expect(seen[0]!.headers.authorization).toBeUndefined();
    const plain = await serve((_req, res) => json(res, 404, { error: 'not_found' }));
    expect(await client(plain.url).api.isSandbox()).toBe(false);
  });

  it('refuses adminRequest outside /_sandbox/', async () => {
    const { url, seen } = await serve((_req, res) => json(res, 200, {}));
    await expect(client(url).api.adminRequest('GET', '/api/labels.json')).rejects.toThrow(/_sandbox/);
    expect(seen).toHaveLength(0);
  });

  it('an aborted outer signal cancels a call in flight', async () => {
    const controller = new AbortController();
    // Never answers; the call is cancelled once the server holds it.
    const { url } = await serve(() => controller.abort());
    const pending = client(url, { signal: controller.signal }).api.listLabels();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('Omnidesk client options', () => {
  it('accepts an account name and keeps only the origin', () => {
    expect(createOmnideskClient({ url: 'acme', email: EMAIL, apiKey: KEY }).baseUrl).toBe('https://acme.omnidesk.ru');
    expect(createOmnideskClient({ url: 'http://127.0.0.1:9/api/', email: EMAIL, apiKey: KEY }).baseUrl).toBe(
      'http://127.0.0.1:9',
    );
  });
  it('refuses a URL that is not one, naming the field', () => {
    expect(() => createOmnideskClient({ url: 'ftp://x', email: EMAIL, apiKey: KEY })).toThrow(/omnidesk\.url/);
  });
});
