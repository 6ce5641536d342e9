import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../src/capture/record.js';
import { startListener, type ListenerOptions, type RunningListener } from '../../../src/webhooks/listener.js';
import { closeSharedAgent } from '../../../src/core/http/send.js';
import { waitFor } from '../../helpers/wait.js';

const detect: ListenerOptions['detect'] = (type, body) =>
  type.includes('json') && body.toString().includes('case_id')
    ? { event: 'omnidesk.incoming', valid: true, summary: { caseId: '1' } }
    : { event: null, valid: false, summary: {} };

let listener: RunningListener | undefined;
let extra: Server | undefined;
afterEach(async () => {
  await listener?.close(100);
  listener = undefined;
  await new Promise((r) => (extra ? extra.close(r) : r(undefined)));
  extra = undefined;
  await closeSharedAgent();
});

async function start(overrides: Partial<ListenerOptions> = {}) {
  const records: CaptureRecord[] = [];
  listener = await startListener({
    host: '127.0.0.1',
    port: 0,
    status: 200,
    maxBody: 1024,
    detect,
    onRecord: (r) => void records.push(r),
    ...overrides,
  });
  return { records, base: `http://127.0.0.1:${listener.port}` };
}

/** Writes raw bytes on a socket, optionally hangs up, and returns whatever came back. */
function raw(port: number, chunks: Array<string | Buffer>, opts: { hangUp?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
      if (opts.hangUp) socket.destroy();
    });
  });
}

describe('startListener', () => {
  it('records a request before answering it, with lower-case headers, the query and the exact body', async () => {
    const { records, base } = await start();
    const body = Buffer.from('{"case_id":1,"text":"Привет 😀"}');
    const res = await request(`${base}/hook?a=1&b=%D0%AF`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'v' },
      body,
    });
    const answer = (await res.body.json()) as { id: string };
    expect(res.statusCode).toBe(200);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(answer.id).toBe(r.id);
    expect(r).toMatchObject({
      v: 1,
      method: 'POST',
      path: '/hook',
      query: 'a=1&b=%D0%AF',
      event: 'omnidesk.incoming',
      valid: true,
      response: { status: 200 },
    });
    expect(r.headers['x-custom']).toBe('v');
    expect(Buffer.from(r.body!, 'utf8').equals(body)).toBe(true);
  });

  it('answers 413 for a body over the limit (declared or chunked) and still records it', async () => {
    const { records, base } = await start();
    const big = Buffer.alloc(5000, 0x61);
    const declared = await request(base, { method: 'POST', body: big }).catch((e) => e);
    if (!(declared instanceof Error)) expect(declared.statusCode).toBe(413);
    async function* chunked() {
      for (let i = 0; i < 5; i++) yield Buffer.alloc(1000, 0x62);
    }
    const streamed = await request(base, { method: 'POST', body: Readable.from(chunked()) }).catch((e) => e);
    if (!(streamed instanceof Error)) expect(streamed.statusCode).toBe(413);
    await waitFor(() => records.length === 2, '2 records');
    expect(records.map((r) => [r.response.status, r.truncated, r.body])).toEqual([
      [413, true, undefined],
      [413, true, undefined],
    ]);
  });

  it('checks the shared secret (401 when wrong) and never records it', async () => {
    const { records, base } = await start({ secret: { value: 'hook-secret-123', query: 'token' } });
    const bad = await request(`${base}/?token=nope`, { method: 'POST', body: 'x' });
    const good = await request(`${base}/?token=hook-secret-123&z=1`, { method: 'POST', body: 'x' });
    await bad.body.dump();
    await good.body.dump();
    expect([bad.statusCode, good.statusCode]).toEqual([401, 200]);
    expect(records.map((r) => r.auth)).toEqual(['fail', 'ok']);
    expect(records[1]!.query).toBe('token=***&z=1');
    expect(JSON.stringify(records)).not.toContain('hook-secret-123');
  });

  it('answers 404 outside --path and still records the request', async () => {
    const { records, base } = await start({ pathPrefix: '/hook' });
    const res = await request(`${base}/other`, { method: 'POST', body: 'x' });
    await res.body.dump();
    expect(res.statusCode).toBe(404);
    expect(records[0]).toMatchObject({ path: '/other', body: 'x', response: { status: 404 } });
  });

  it('records clients that hang up mid-body, oversized headers and garbage request lines', async () => {
    const { records } = await start();
    const port = listener!.port;
    await raw(port, ['POST /cut HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"case_'], { hangUp: true });
    const overflow = await raw(port, [`POST /big HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    const garbage = await raw(port, ['\x01\x02 nonsense\r\n\r\n']);
    await waitFor(() => records.length === 3, '3 records');
    expect(overflow).toMatch(/^HTTP\/1\.1 431/);
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    const byPath = Object.fromEntries(records.map((r) => [r.path || r.error, r]));
    expect(byPath['/cut']).toMatchObject({ aborted: true, body: '{"case_', valid: false });
    expect(byPath['/big']).toMatchObject({ method: 'POST', response: { status: 431 } });
    expect(records.some((r) => r.response.status === 400 && /malformed/.test(r.error ?? ''))).toBe(true);
    // Still answering.
    const res = await request(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'ok' });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });

  it('cuts clients that stall past the timeouts, and records them', async () => {
    const { records } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const port = listener!.port;
    const [headersStall, bodyStall] = await Promise.all([
      raw(port, ['POST /slow-headers HTTP/1.1\r\nHost: x\r\n']),
      raw(port, ['POST /slow-body HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab']),
    ]);
    await waitFor(() => records.length === 2, '2 records');
    expect(headersStall).toMatch(/^HTTP\/1\.1 408/);
    expect(bodyStall).toBe('');
    const statuses = records.map((r) => r.response.status).sort();
    expect(statuses).toEqual([408, 408]);
    expect(records.find((r) => r.path === '/slow-body')).toMatchObject({ aborted: true, body: 'ab' });
  });

  it('forwards the same bytes and headers (minus hop-by-hop) and records the result', async () => {
    const seen: Array<{ url: string; headers: IncomingMessage['headers']; body: Buffer }> = [];
    extra = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        seen.push({ url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => extra!.listen(0, '127.0.0.1', r));
    const target = new URL(`http://127.0.0.1:${(extra.address() as AddressInfo).port}/bot`);
    const { records, base } = await start({ forwardTo: target });
    const body = Buffer.from([0xff, 0x00, 0x7b]);
    const res = await request(`${base}/in?x=1`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/octet-stream',
        authorization: 'Bearer t0ken-abc',
        connection: 'keep-alive',
      },
      body,
    });
    await res.body.dump();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('/bot/in?x=1');
    expect(seen[0]!.body.equals(body)).toBe(true);
    expect(seen[0]!.headers.authorization).toBe('Bearer t0ken-abc');
    expect(records[0]!.forward).toMatchObject({ status: 202 });
    expect(records[0]!.headers.authorization).toBe('***');
    expect(records[0]!.bodyBase64).toBe(body.toString('base64'));
  });

  it('on close, lets an in-flight request finish or records it as aborted after the grace period', async () => {
    const { records } = await start();
    const port = listener!.port;
    // `Expect: 100-continue` makes the server say when it holds the request (its first bytes came
    // in the same write): then close it, with 7 of the 10 bytes still to come.
    const socket = connect(port, '127.0.0.1');
    const pending = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    const held = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write('POST /late HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\nabc');
    await held;
    await listener!.close(100);
    listener = undefined;
    await pending;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ path: '/late', aborted: true, body: 'abc' });
  });
});
