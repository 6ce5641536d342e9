/**
 * What a listener's answer promises: with --forward-to the sender gets the bot's own answer
 * (or a 502 when there is none); a 2xx means the record is in the capture file (503 while it
 * cannot be written, and capturing resumes by itself); and no number of connections or hanging
 * uploads takes more than the caps allow (503 past them).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { readCapture } from '../../../src/capture/reader.js';
import type { CaptureRecord } from '../../../src/capture/record.js';
import { CaptureWriter } from '../../../src/capture/writer.js';
import { closeSharedAgent } from '../../../src/core/http/send.js';
import { startListener, type ListenerOptions, type RunningListener } from '../../../src/webhooks/listener.js';
import { fullDisk } from '../../helpers/full-disk.js';
import { rawRequest } from '../../helpers/raw-http.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'Zq3xV9mK2pL7wR4tY8uB1nC6vD5fG0hJ-_aQeWsXd';
let listener: RunningListener | undefined;
let bot: Server | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await listener?.close(100);
  listener = undefined;
  bot?.closeAllConnections();
  await new Promise((r) => (bot ? bot.close(r) : r(undefined)));
  bot = undefined;
  await closeSharedAgent();
  while (cleanups.length) await cleanups.pop()!();
});

async function start(overrides: Partial<ListenerOptions> = {}) {
  const records: CaptureRecord[] = [];
  listener = await startListener({
    host: '127.0.0.1',
    port: 0,
    status: 200,
    maxBody: 64 * 1024,
    detect: () => ({ event: null, valid: false, summary: {} }),
    onRecord: (r) => void records.push(r),
    ...overrides,
  });
  return { records, base: `http://127.0.0.1:${listener.port}` };
}

async function startBot(
  handler: (req: IncomingMessage, body: string, res: import('node:http').ServerResponse) => void,
): Promise<URL> {
  bot = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => bot!.listen(0, '127.0.0.1', r));
  return new URL(`http://127.0.0.1:${(bot.address() as AddressInfo).port}/bot`);
}

describe('listen --forward-to is a proxy', () => {
  it(
    "answers with the bot's status, headers and body; " + 'the bot gets the real path, the record a masked one',
    async () => {
      const seen: string[] = [];
      const forwardTo = await startBot((req, body, res) => {
        seen.push(`${req.url} ${body}`);
        res.writeHead(201, { 'content-type': 'text/plain', 'x-bot': 'yes', 'set-cookie': ['a=1', 'b=2'] });
        res.end('made it');
      });
      const { records, base } = await start({ forwardTo });
      const res = await request(`${base}/helpdeskeddy/${TOKEN}?x=1`, { method: 'POST', body: '{"a":1}' });
      expect(res.statusCode).toBe(201);
      expect(res.headers['x-bot']).toBe('yes');
      expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(await res.body.text()).toBe('made it');
      expect(seen).toEqual([`/bot/helpdeskeddy/${TOKEN}?x=1 {"a":1}`]);
      expect(records[0]).toMatchObject({
        path: '/helpdeskeddy/***',
        response: { status: 201 },
        forward: { status: 201, body: 'made it' },
      });
      expect(JSON.stringify(records)).not.toContain(TOKEN);
    },
  );

  it('answers a non-2xx of the bot as it is, so an endpoint check in front of a broken bot fails', async () => {
    const forwardTo = await startBot((_req, _body, res) =>
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"boom"}'),
    );
    const { records, base } = await start({ forwardTo });
    const res = await request(base, { method: 'POST', body: '{}' });
    expect(res.statusCode).toBe(500);
    expect(await res.body.text()).toBe('{"error":"boom"}');
    expect(records[0]!.response.status).toBe(500);
  });

  it(
    'answers 502 with a short reason when the bot cannot ' + 'be reached or does not answer in time, and records both',
    async () => {
      const closed = await startBot(() => undefined);
      await new Promise((r) => bot!.close(r));
      bot = undefined;
      const refused = await start({ forwardTo: closed });
      const res = await request(`${refused.base}/helpdeskeddy/${TOKEN}`, { method: 'POST', body: '{}' });
      expect(res.statusCode).toBe(502);
      const text = await res.body.text();
      expect(JSON.parse(text).error).toMatch(/^forward to the bot failed: .*ECONNREFUSED/);
      expect(text).not.toContain(TOKEN);
      expect(refused.records[0]).toMatchObject({
        response: { status: 502 },
        forward: { status: 0, error: expect.stringMatching(/ECONNREFUSED/) },
      });
      await listener!.close(100);

      const silent = await startBot(() => undefined);
      const slow = await start({ forwardTo: silent, forwardTimeoutMs: 200 });
      const late = await request(slow.base, { method: 'POST', body: '{}' });
      expect(late.statusCode).toBe(502);
      expect(await late.body.text()).toMatch(/within 200 ms/);
      expect(slow.records[0]).toMatchObject({
        response: { status: 502 },
        forward: { error: expect.stringMatching(/within 200 ms/) },
      });
    },
  );
});

describe('2xx means recorded', () => {
  it('answers 503 while the capture cannot be written, and 200 again once it can; every 2xx is a line', async () => {
    const { dir, cleanup } = await tempDir('omnibot-listener-disk-');
    cleanups.push(cleanup);
    const file = join(dir, 'c.ndjson');
    const room = { bytes: Number.POSITIVE_INFINITY };
    const writer = await CaptureWriter.open(file, { fs: fullDisk(room) });
    const errors: string[] = [];
    const { base } = await start({
      onRecord: (r) => writer.append(r),
      onRecordError: (err) => errors.push((err as NodeJS.ErrnoException).code!),
    });
    const post = async () => {
      const res = await request(base, { method: 'POST', body: '{"n":1}' });
      await res.body.dump();
      return { status: res.statusCode, retry: res.headers['retry-after'] };
    };
    const statuses: number[] = [];
    statuses.push((await post()).status);
    room.bytes = 100; // less than one record: torn, then cut off again
    const full = await post();
    expect(full).toEqual({ status: 503, retry: '1' });
    statuses.push(full.status, (await post()).status);
    room.bytes = Number.POSITIVE_INFINITY;
    statuses.push((await post()).status, (await post()).status);
    await listener!.close(100);
    listener = undefined;
    await writer.close();
    expect(statuses).toEqual([200, 503, 503, 200, 200]);
    expect(errors).toEqual(['ENOSPC', 'ENOSPC']);
    const lines: CaptureRecord[] = [];
    for await (const { record } of readCapture(file, { onSkip: (m) => expect.fail(m) })) lines.push(record);
    expect(lines).toHaveLength(statuses.filter((s) => s === 200).length);
  });

  it('answers 503 (never 2xx) when onRecord throws', async () => {
    const { base } = await start({
      onRecord: () => {
        throw new Error('nope');
      },
    });
    const res = await request(base, { method: 'POST', body: '{}' });
    expect(res.statusCode).toBe(503);
    expect(await res.body.text()).toMatch(/could not be recorded/);
  });
});

describe('bounded memory', () => {
  it('answers the connection past --max-connections with 503, and serves again once one closes', async () => {
    const { base, records } = await start({ maxConnections: 3 });
    const port = listener!.port;
    const { connect } = await import('node:net');
    const held = await Promise.all(
      Array.from(
        { length: 3 },
        () =>
          new Promise<import('node:net').Socket>((resolve) => {
            const s = connect(port, '127.0.0.1', () => resolve(s));
            s.on('error', () => undefined);
          }),
      ),
    );
    const refused = await rawRequest(port, ['POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}']);
    expect(refused.status).toBe(503);
    expect(refused.text).toMatch(/too many connections/);
    await Promise.all(held.map((s) => new Promise((r) => s.once('close', r).destroy())));
    // The server notices the hang-ups a moment later; until then a new connection is still over the cap.
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      const res = await request(base, { method: 'POST', body: '{}', reset: true });
      status = res.statusCode;
      await res.body.dump();
      if (status !== 200) await new Promise((r) => setTimeout(r, 10));
    }
    expect(status).toBe(200);
    expect(records.filter((r) => r.response.status === 200)).toHaveLength(1);
  });

  it(
    'answers a body that would overrun --max-pending ' + 'with 503 and records it; hanging uploads hold no more',
    async () => {
      const { base, records } = await start({ maxBody: 40_000, maxPendingBytes: 50_000 });
      const port = listener!.port;
      const head = 'POST /up HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 40000\r\n\r\n';
      // The first upload sends 30 KB and hangs; the second's 30 KB would overrun the 50 KB budget.
      const { connect } = await import('node:net');
      const hanging = connect(port, '127.0.0.1');
      hanging.on('error', () => undefined);
      await new Promise((r) => hanging.once('connect', r));
      hanging.write(head + 'a'.repeat(30_000));
      // The listener has taken the bytes of the first once a second connection is answered at all.
      let second: Awaited<ReturnType<typeof rawRequest>> | undefined;
      for (let i = 0; i < 50; i++) {
        second = await rawRequest(port, [head, 'b'.repeat(30_000)]);
        if (second.status === 503) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(second!.status).toBe(503);
      expect(second!.text).toMatch(/too many request bodies/);
      const busy = records.find((r) => r.response.status === 503)!;
      expect(busy).toMatchObject({ path: '/up', truncated: true, error: expect.stringMatching(/server busy/) });
      // The hanging client goes; its bytes are given back and a full-size body fits again.
      hanging.destroy();
      for (let i = 0; i < 100 && !records.some((r) => r.aborted); i++) await new Promise((r) => setTimeout(r, 10));
      const ok = await request(base, { method: 'POST', body: 'c'.repeat(40_000) });
      expect(ok.statusCode).toBe(200);
      await ok.body.dump();
    },
  );

  it('on close, past the caps, every request answered 2xx is a record', async () => {
    const { base, records } = await start({ maxConnections: 4, maxPendingBytes: 64 * 1024 });
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        try {
          const res = await request(base, { method: 'POST', body: JSON.stringify({ n: i }), reset: true });
          const text = await res.body.text();
          return res.statusCode === 200 ? (JSON.parse(text) as { id: string }).id : undefined;
        } catch {
          return undefined;
        }
      }),
    );
    await listener!.close(100);
    listener = undefined;
    const ok = answers.filter((id): id is string => id !== undefined);
    expect(ok.length).toBeGreaterThan(0);
    const recorded = new Set(records.map((r) => r.id));
    expect(ok.filter((id) => !recorded.has(id))).toEqual([]);
  });
});
