/**
 * No server of ours dies or answers 500 to a malformed request. The Omnidesk and HelpDeskEddy
 * sandboxes and the webhook listener each get the same raw-socket cases — bad request lines,
 * bad headers, huge headers, bad chunk sizes, hang-ups mid-body, slow clients — and seeded
 * random mutations of a good request (deterministic, bounded). After every group each server
 * must still answer a good request, and none may have reported an internal error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../src/capture/record.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.js';
import { closeSharedAgent } from '../../../src/core/http/send.js';
import { startListener, type RunningListener } from '../../../src/webhooks/listener.js';
import { rawRequest, seededRandom, type RawAnswer, type RawOptions } from '../../helpers/raw-http.js';

const LIMITS = { headersTimeoutMs: 300, requestTimeoutMs: 600, maxConnections: 200, maxPendingBytes: 4 * 1024 * 1024 };

let sandbox: RunningSandbox;
let listener: RunningListener;
const internalErrors: unknown[] = [];
const records: CaptureRecord[] = [];
const ports: Record<string, number> = {};

beforeAll(async () => {
  sandbox = await startSandbox({ limits: LIMITS, onInternalError: (err) => internalErrors.push(err) });
  listener = await startListener({
    host: '127.0.0.1',
    port: 0,
    status: 200,
    maxBody: 64 * 1024,
    headersTimeoutMs: LIMITS.headersTimeoutMs,
    requestTimeoutMs: LIMITS.requestTimeoutMs,
    detect: () => ({ event: null, valid: false, summary: {} }),
    onRecord: (r) => void records.push(r),
  });
  ports.omnidesk = Number(new URL(sandbox.omnidesk.url).port);
  ports.helpdeskeddy = Number(new URL(sandbox.helpdeskeddy.url).port);
  ports.listener = listener.port;
});

afterAll(async () => {
  await listener?.close(100);
  await sandbox?.close();
  await closeSharedAgent();
});

const SERVERS = ['omnidesk', 'helpdeskeddy', 'listener'] as const;

/** A request every server answers without a 5xx: the sandboxes' info page, the listener's root. */
function healthy(server: (typeof SERVERS)[number]): Promise<RawAnswer> {
  const path = server === 'listener' ? '/' : '/_sandbox/info';
  return rawRequest(ports[server]!, [`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`]);
}

interface Case {
  name: string;
  pieces: Array<string | Buffer>;
  options?: RawOptions;
}

const HOST = 'Host: 127.0.0.1\r\n';
const post = (headers: string, body = '') => `POST /api/cases.json HTTP/1.1\r\n${HOST}${headers}\r\n${body}`;

const CASES: Case[] = [
  // Bad request lines.
  { name: 'GET //[', pieces: ['GET //[ HTTP/1.1\r\n' + HOST + '\r\n'] },
  { name: 'GET //[ absolute-ish', pieces: ['GET //[::1/_sandbox/info HTTP/1.1\r\n' + HOST + '\r\n'] },
  { name: 'absolute form with a broken host', pieces: ['GET http://[::1/x HTTP/1.1\r\n' + HOST + '\r\n'] },
  { name: 'asterisk target', pieces: ['OPTIONS * HTTP/1.1\r\n' + HOST + '\r\n'] },
  { name: 'CONNECT', pieces: ['CONNECT 127.0.0.1:1 HTTP/1.1\r\n' + HOST + '\r\n'] },
  { name: 'unknown method', pieces: ['BREW /pot HTTP/1.1\r\n' + HOST + '\r\n'] },
  { name: 'HTTP/9.9', pieces: ['GET / HTTP/9.9\r\n' + HOST + '\r\n'] },
  { name: 'no version', pieces: ['GET /\r\n\r\n'] },
  { name: 'bare LF lines', pieces: ['GET / HTTP/1.1\n' + 'Host: x\n\n'] },
  { name: 'binary garbage', pieces: [Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10])] },
  { name: 'bad percent escapes', pieces: ['GET /api/cases/%E0%A4%A.json?x=%zz HTTP/1.1\r\n' + HOST + '\r\n'] },
  { name: 'bad escape in an admin id', pieces: ['DELETE /_sandbox/rules/%ff%fe HTTP/1.1\r\n' + HOST + '\r\n'] },
  { name: 'NUL in the path', pieces: ['GET /api/\u0000x HTTP/1.1\r\n' + HOST + '\r\n'] },
  { name: 'long path', pieces: [`GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${HOST}\r\n`] },
  // Bad headers.
  { name: 'header without a colon', pieces: ['GET / HTTP/1.1\r\n' + HOST + 'oops\r\n\r\n'] },
  { name: 'space in a header name', pieces: ['GET / HTTP/1.1\r\n' + HOST + 'Bad Name: x\r\n\r\n'] },
  { name: 'Content-Length not a number', pieces: [post('Content-Length: abc\r\n', '{}')] },
  { name: 'negative Content-Length', pieces: [post('Content-Length: -1\r\n', '{}')] },
  { name: 'two different Content-Lengths', pieces: [post('Content-Length: 2\r\nContent-Length: 3\r\n', '{}')] },
  {
    name: 'chunked and a length',
    pieces: [post('Transfer-Encoding: chunked\r\nContent-Length: 2\r\n', '2\r\n{}\r\n0\r\n\r\n')],
  },
  { name: 'obsolete line folding', pieces: ['GET / HTTP/1.1\r\n' + HOST + 'X-A: 1\r\n  folded\r\n\r\n'] },
  { name: 'NUL in a header value', pieces: ['GET / HTTP/1.1\r\n' + HOST + 'X-A: a\u0000b\r\n\r\n'] },
  {
    name: 'a JSON body that is not JSON',
    pieces: [post('Content-Type: application/json\r\nContent-Length: 5\r\n', '{"a":')],
  },
  // Huge headers.
  { name: 'one 100 KB header', pieces: [`GET / HTTP/1.1\r\n${HOST}X-Big: ${'b'.repeat(100_000)}\r\n\r\n`] },
  {
    name: '3000 headers',
    pieces: [`GET / HTTP/1.1\r\n${HOST}${Array.from({ length: 3000 }, (_, i) => `X-${i}: v\r\n`).join('')}\r\n`],
  },
  // Bad chunk sizes.
  { name: 'chunk size not hex', pieces: [post('Transfer-Encoding: chunked\r\n', 'zz\r\nab\r\n0\r\n\r\n')] },
  { name: 'huge chunk size', pieces: [post('Transfer-Encoding: chunked\r\n', 'ffffffffffffffff\r\nab\r\n')] },
  { name: 'negative chunk size', pieces: [post('Transfer-Encoding: chunked\r\n', '-5\r\nabcde\r\n0\r\n\r\n')] },
  { name: 'chunk longer than its size', pieces: [post('Transfer-Encoding: chunked\r\n', '2\r\nabcdef\r\n0\r\n\r\n')] },
  { name: 'chunked body never finished', pieces: [post('Transfer-Encoding: chunked\r\n', '2\r\nab\r\n')] },
  // Hang-ups.
  {
    name: 'hang-up mid-body',
    pieces: [post('Content-Type: application/json\r\nContent-Length: 1000\r\n', '{"case":')],
    options: { hangUp: true },
  },
  {
    name: 'hang-up mid-headers',
    pieces: ['POST /api/cases.json HTTP/1.1\r\nHost: x\r\nContent-Le'],
    options: { hangUp: true },
  },
  {
    name: 'hang-up mid-chunk',
    pieces: [post('Transfer-Encoding: chunked\r\n', '10\r\nabc')],
    options: { hangUp: true },
  },
  { name: 'body shorter than declared', pieces: [post('Content-Length: 50\r\n', 'short')] },
  // Slow clients: the request trickles in, piece by piece, well within the timeouts.
  {
    name: 'slow client',
    pieces: [...`GET /_sandbox/info HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`.match(/.{1,8}/gs)!],
    options: { gapMs: 5 },
  },
  {
    name: 'slow hang-up',
    pieces: ['POST / HTTP/1.1\r\n', HOST, 'Content-Length: 10\r\n\r\n', 'ab'],
    options: { gapMs: 5, hangUp: true },
  },
];

function expectNo5xx(answer: RawAnswer, what: string): void {
  // A 503 "busy" is an honest answer under load; a 500 never is.
  if (answer.status !== undefined)
    expect(answer.status === 500 || (answer.status > 500 && answer.status !== 503), what).toBe(false);
}

describe('malformed requests against the sandboxes and the listener', () => {
  it(
    'GET //[ gets a 4xx from each sandbox (a 2xx and a ' + 'record from the listener), and every server stays up',
    async () => {
      for (const server of SERVERS) {
        const answer = await rawRequest(ports[server]!, ['GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
        if (server === 'listener') expect(answer.status).toBe(200);
        else expect(Math.floor(answer.status! / 100), `${server}: ${answer.text}`).toBe(4);
        expect((await healthy(server)).status, server).toBe(200);
      }
      expect(internalErrors).toEqual([]);
    },
  );

  it.each(CASES.map((c) => [c.name, c] as const))('%s: no 5xx, no internal error, still serving', async (_name, c) => {
    const answers = await Promise.all(SERVERS.map((server) => rawRequest(ports[server]!, c.pieces, c.options)));
    answers.forEach((answer, i) => expectNo5xx(answer, `${SERVERS[i]}: ${answer.text.slice(0, 80)}`));
    for (const server of SERVERS) expect((await healthy(server)).status, server).toBe(200);
    expect(internalErrors).toEqual([]);
  });

  it('survives seeded random mutations of a good request (deterministic, 3 × 150 cases)', async () => {
    const random = seededRandom(0x5eed);
    const good = Buffer.from(
      post(
        'Content-Type: application/json\r\nContent-Length: 27\r\nAuthorization: Basic eDp5\r\n',
        '{"case":{"subject":"hi"}}  ',
      ),
    );
    const cases: Buffer[] = [];
    for (let i = 0; i < 150; i++) {
      const bytes = Buffer.from(good);
      const edits = 1 + Math.floor(random() * 6);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * bytes.length);
        const kind = random();
        if (kind < 0.5) bytes[at] = Math.floor(random() * 256);
        else if (kind < 0.75) bytes[at] = [0x0d, 0x0a, 0x3a, 0x20, 0x25, 0x2f, 0x5b, 0x00][Math.floor(random() * 8)]!;
        else bytes.fill(0x41, at, Math.min(bytes.length, at + Math.floor(random() * 40)));
      }
      cases.push(random() < 0.2 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes);
    }
    for (let from = 0; from < cases.length; from += 25) {
      const batch = cases.slice(from, from + 25);
      const answers = await Promise.all(
        SERVERS.flatMap((server) =>
          batch.map((bytes, i) =>
            rawRequest(ports[server]!, [bytes], { hangUp: i % 7 === 6 }).then((a) => [server, a] as const),
          ),
        ),
      );
      for (const [server, answer] of answers) expectNo5xx(answer, `${server}: ${answer.text.slice(0, 80)}`);
    }
    for (const server of SERVERS) expect((await healthy(server)).status, server).toBe(200);
    expect(internalErrors).toEqual([]);
  });

  it('the listener recorded every request it answered, and logged no internal error', () => {
    expect(records.length).toBeGreaterThan(CASES.length);
    expect(records.filter((r) => r.response.status >= 500 && r.response.status !== 503)).toEqual([]);
  });
});
