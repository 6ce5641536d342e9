/** src/webhooks/http.ts and sender.ts: the outbound path that send, replay and forward share. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedAgent, isSuccess, sendRequest } from '../../../src/webhooks/http.js';
import { formatStats, percentile, sendMany } from '../../../src/webhooks/sender.js';

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler = (_req, _body, res) => res.end('ok');
const sockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  handler = (_req, _body, res) => res.end('ok');
});

afterAll(async () => {
  await closeSharedAgent();
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('sendRequest', () => {
  it('sends the exact bytes and headers, and returns status, headers and body', async () => {
    let seen: { body?: Buffer; headers?: IncomingMessage['headers']; url?: string } = {};
    handler = (req, body, res) => {
      seen = { body, headers: req.headers, url: req.url };
      res.writeHead(201, { 'x-reply': 'yes' }).end('{"result":"ok"}');
    };
    const bytes = Buffer.from('{"text":"Привет 👋"}\n', 'utf8');
    const result = await sendRequest({
      url: `${base}/hook?token=1`,
      headers: { 'Content-Type': 'application/json', Host: 'elsewhere.example', 'Content-Length': '1', 'X-A': ['1', '2'] },
      body: bytes,
    });
    expect(result.status).toBe(201);
    expect(isSuccess(result)).toBe(true);
    expect(result.body.toString()).toBe('{"result":"ok"}');
    expect(result.headers['x-reply']).toBe('yes');
    expect(seen.body!.equals(bytes)).toBe(true);
    expect(seen.url).toBe('/hook?token=1');
    expect(seen.headers!['content-type']).toBe('application/json');
    expect(seen.headers!['x-a']).toBe('1, 2');
    expect(seen.headers!.host).not.toBe('elsewhere.example');
  });

  it('reports a refused connection as a result naming the URL, without throwing', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const result = await sendRequest({ url: `http://127.0.0.1:${port}/x`, body: 'a' });
    expect(result.status).toBeUndefined();
    expect(isSuccess(result)).toBe(false);
    expect(result.error).toContain(`http://127.0.0.1:${port}/x`);
    expect(result.error).toContain('ECONNREFUSED');
  });

  it('gives up at the deadline when the server never answers', async () => {
    handler = () => undefined;
    const result = await sendRequest({ url: `${base}/slow`, body: 'a', timeoutMs: 150 });
    expect(result.errorCode).toBe('timeout');
    expect(result.error).toMatch(/no complete response within 150 ms/);
  });

  it('keeps at most maxResponseBytes of the answer', async () => {
    handler = (_req, _body, res) => res.end('x'.repeat(10_000));
    const result = await sendRequest({ url: base, body: 'a', maxResponseBytes: 100 });
    expect(result.body.length).toBe(100);
    expect(result.truncated).toBe(true);
  });

  it('an invalid URL is a result too', async () => {
    const result = await sendRequest({ url: 'http://', body: 'a' });
    expect(result.error).toBeDefined();
  });
});

describe('sendMany', () => {
  it('sends every job once and never has more than `concurrency` in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: string[] = [];
    handler = (_req, body, res) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seen.push(body.toString());
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(body.toString() === '7' ? 500 : 200).end();
      }, 5);
    };
    async function* jobs() {
      for (let i = 0; i < 20; i += 1) yield i;
    }
    const numbers: number[] = [];
    const stats = await sendMany(jobs(), {
      concurrency: 3,
      toRequest: (job) => ({ url: base, body: String(job) }),
      onResult: (_r, _job, n) => void numbers.push(n),
    });
    expect(stats).toMatchObject({ sent: 20, ok: 19, failed: 1 });
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect([...seen].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(formatStats(stats)).toMatch(/^sent 20 · 2xx 19 · failed 1 · p50 \d+ ms · p95 \d+ ms$/);
  });

  it('computes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
  });
});
