/** src/webhooks/http.ts and sender.ts: the outbound path that send, replay and forward share. */
import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeSharedAgent, isSuccess, sendRequest } from '../../../src/core/http/send.js';
import {
  formatStats,
  NO_JOB,
  percentile,
  sendMany,
  StatsCollector,
  type JobSource,
} from '../../../src/webhooks/sender.js';
import type { SendResult } from '../../../src/core/http/send.js';

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
      headers: {
        'Content-Type': 'application/json',
        Host: 'elsewhere.example',
        'Content-Length': '1',
        'X-A': ['1', '2'],
      },
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

  it('a cancelled signal ends the request at once, as a result', async () => {
    const controller = new AbortController();
    // The server never answers; the request is cancelled once the server holds it.
    handler = () => controller.abort();
    const pending = sendRequest({ url: `${base}/hang`, body: 'a', signal: controller.signal });
    const result = await pending;
    expect(result.errorCode).toBe('aborted');
    expect(result.error).toMatch(/cancelled/);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const already = await sendRequest({ url: `${base}/x`, body: 'a', signal: controller.signal });
    expect(already.errorCode).toBe('aborted');
  });

  it('ignores 1xx answers and keeps the final one', async () => {
    handler = (_req, _body, res) => {
      res.writeProcessing();
      res.writeHead(202, { 'x-final': '1' }).end('done');
    };
    const result = await sendRequest({ url: base, body: 'a' });
    expect(result.status).toBe(202);
    expect(result.headers['x-final']).toBe('1');
    expect(result.body.toString()).toBe('done');
  });

  it('an invalid URL is a result too', async () => {
    const result = await sendRequest({ url: 'http://', body: 'a' });
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/^POST http:\/\/ failed: /);
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

  it('takes jobs from a JobSource, refilling it as it runs dry', async () => {
    const batches = [[1, 2, 3], [], [4], [5, 6, 7, 8]];
    let buffer: number[] = [];
    let fills = 0;
    let closed = false;
    const source: JobSource<number> = {
      take: () => (buffer.length ? buffer.shift()! : NO_JOB),
      fill: async () => {
        fills += 1;
        if (batches.length === 0) return false;
        buffer = batches.shift()!;
        return true;
      },
      close: async () => void (closed = true),
    };
    const seen: string[] = [];
    handler = (_req, body, res) => {
      seen.push(body.toString());
      res.end();
    };
    const stats = await sendMany(source, { concurrency: 3, toRequest: (job) => ({ url: base, body: String(job) }) });
    expect(stats).toMatchObject({ sent: 8, ok: 8, failed: 0 });
    expect([...seen].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(fills).toBe(5);
    expect(closed).toBe(true);
  });

  it('cancels what is in flight with one listener on the signal, whatever the concurrency', async () => {
    const controller = new AbortController();
    let arrived = 0;
    handler = () => {
      arrived += 1;
      if (arrived === 40) {
        // Every request is in flight now: one listener for all of them.
        expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
        controller.abort();
      }
    };
    const results: SendResult[] = [];
    const stats = await sendMany(
      Array.from({ length: 60 }, (_, i) => i),
      {
        concurrency: 40,
        signal: controller.signal,
        toRequest: (job) => ({ url: base, body: String(job) }),
        onResult: (r) => void results.push(r),
      },
    );
    expect(arrived).toBe(40);
    expect(stats.sent).toBe(0);
    expect(results).toEqual([]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('gives exact nearest-rank percentiles from its histogram', () => {
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round += 1) {
      const collector = new StatsCollector();
      const durations: number[] = [];
      const count = 1 + Math.floor(next() * 300);
      for (let i = 0; i < count; i += 1) {
        const r = next();
        const ms =
          r < 0.8
            ? Math.floor(next() * 50)
            : r < 0.9
              ? 60_000 + Math.floor(next() * 1000)
              : r < 0.95
                ? 12.5
                : Math.floor(next() * 5000);
        durations.push(ms);
        collector.add({ url: base, method: 'POST', status: 200, ms, headers: {}, body: Buffer.alloc(0) });
      }
      const sorted = [...durations].sort((a, b) => a - b);
      expect(collector.stats()).toEqual({
        sent: count,
        ok: count,
        failed: 0,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
      });
    }
    expect(new StatsCollector().stats()).toEqual({ sent: 0, ok: 0, failed: 0, p50: undefined, p95: undefined });
  });

  it('computes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
  });
});
