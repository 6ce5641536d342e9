import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeForm } from '../../../src/core/php-form.js';
import { runCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: Server;
let url: string;
let received: Received[] = [];
const held: Array<() => void> = [];
let maxHeld = 0;
const slowTotal = 60;
/** Status per request path; the receiver echoes the Authorization header back, as a careless bot might. */
const statusFor = (path: string) => (path.startsWith('/fail') ? 500 : 200);
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const answer = () => {
        res.writeHead(statusFor(req.url ?? ''), { 'content-type': 'application/json' });
        res.end(JSON.stringify({ result: 'ok', auth: req.headers.authorization ?? null, n: received.length }));
      };
      // `/slow…` holds the answers back until 50 requests are in flight at once (or no more come).
      if (req.url?.startsWith('/slow')) {
        held.push(answer);
        maxHeld = Math.max(maxHeld, held.length);
        if (held.length >= 50 || received.length === slowTotal) held.splice(0).forEach((a) => a());
      } else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ dir, cleanup } = await tempDir());
});

beforeEach(() => {
  received = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await cleanup();
});

const cli = (args: string[], input?: string) =>
  runCli(args, { cwd: dir, ...(input !== undefined ? { stdin: input } : {}) });

describe('omnibot send', () => {
  it('sends --data byte for byte, Cyrillic and emoji included', async () => {
    const bytes = Buffer.from(
      '{"case_id":"210000001","case_description":"<p>Привет, бот! 👋🏽\\nвторая строка</p>","user_id":"5654846848"}\r\n',
      'utf8',
    );
    const file = join(dir, 'body.json');
    await writeFile(file, bytes);
    const result = await cli(['send', 'omnidesk.incoming', '--to', `${url}/hook`, '--data', file]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.body.equals(bytes)).toBe(true);
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(result.stdout).toMatch(/^#1\s+200\s+\d+ ms\s+\{"result":"ok"/);
  });

  it('reads --data - from stdin', async () => {
    const result = await cli(['send', 'new_ticket', '--to', url, '--data', '-'], '{"ticket_id":"1"}');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(received[0]!.body.toString()).toBe('{"ticket_id":"1"}');
  });

  it('renders the form event with --set values and the right content type', async () => {
    const result = await cli([
      'send',
      'omnidesk.message_new',
      '--to',
      url,
      '--set',
      'object[content]=Ответ оператора 🙂 a&b=c',
      '--set',
      'object.case_id=21755012',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const got = received[0]!;
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = decodeForm(got.body.toString()) as { type: string; object: Record<string, string> };
    expect(form.type).toBe('message_new');
    expect(form.object.content).toBe('Ответ оператора 🙂 a&b=c');
    expect(form.object.case_id).toBe('21755012');
  });

  it('--count and --concurrency send that many, each with fresh ids; --json is one object per line', async () => {
    const result = await cli([
      'send',
      'omnidesk.incoming',
      '--to',
      url,
      '--count',
      '7',
      '--concurrency',
      '3',
      '--json',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(received).toHaveLength(7);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(7);
    expect(lines.map((l) => l.n).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const line of lines) {
      expect(line).toMatchObject({ event: 'omnidesk.incoming', url, status: 200 });
      expect(typeof line.ms).toBe('number');
      expect(typeof line.bytes).toBe('number');
      expect(JSON.parse(String(line.response))).toMatchObject({ result: 'ok' });
    }
    const caseIds = new Set(received.map((r) => (JSON.parse(r.body.toString()) as { case_id: string }).case_id));
    expect(caseIds.size).toBeGreaterThan(1);
    expect(result.stderr).toMatch(/sent 7 · 2xx 7 · failed 0/);
  });

  it('--concurrency 50 with every request in flight at once prints no MaxListenersExceededWarning', async () => {
    const result = await cli([
      'send',
      'omnidesk.incoming',
      '--to',
      `${url}/slow`,
      '--count',
      String(slowTotal),
      '--concurrency',
      '50',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(received).toHaveLength(slowTotal);
    expect(maxHeld).toBe(50);
    expect(result.stderr).not.toMatch(/MaxListenersExceeded|memory leak|Warning/);
    expect(result.stderr).toMatch(/sent 60 · 2xx 60 · failed 0/);
  });

  it('a 500 answer is exit 1, after every request, with a summary on stderr', async () => {
    const result = await cli(['send', 'helpdeskeddy.new_reply', '--to', `${url}/fail`, '--count', '2']);
    expect(result.exitCode).toBe(1);
    expect(received).toHaveLength(2);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(result.stdout).toMatch(/#\d\s+500/);
    expect(result.stderr).toMatch(/sent 2 · 2xx 0 · failed 2/);
    expect(result.stderr).toMatch(/2 of 2 requests/);
  });

  it('an unreachable URL is exit 1 naming the URL and the cause', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const result = await cli(['send', 'omnidesk.changed', '--to', `http://127.0.0.1:${port}/x`, '--json']);
    expect(result.exitCode).toBe(1);
    const line = JSON.parse(result.stdout.trim()) as { status: unknown; error: string };
    expect(line.status).toBeNull();
    expect(line.error).toContain(`http://127.0.0.1:${port}/x`);
    expect(line.error).toContain('ECONNREFUSED');
  });

  it('an unknown event is exit 2 and lists the known ones; nothing is sent', async () => {
    const result = await cli(['send', 'omnidesk.nope', '--to', url]);
    expect(result.exitCode).toBe(2);
    for (const name of [
      'omnidesk.incoming',
      'omnidesk.changed',
      'omnidesk.message_new',
      'helpdeskeddy.new_ticket',
      'helpdeskeddy.new_reply',
    ]) {
      expect(result.stderr).toContain(name);
    }
    expect(result.stdout).toBe('');
    expect(received).toHaveLength(0);
  });

  it('usage errors are exit 2 and name the flag: --set path, --set type, --data, --to, --count', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['send', 'new_ticket', '--to', url, '--set', 'tiket_id=1'], /tiket_id.*Valid paths: message, message_author_id/],
      [['send', 'omnidesk.incoming', '--to', url, '--set', 'case_id=abc'], /--set case_id: expected to match/],
      [['send', 'omnidesk.incoming', '--to', url, '--data', join(dir, 'missing.json')], /--data .*cannot read/],
      [['send', 'omnidesk.incoming', '--to', 'not a url'], /--to/],
      [['send', 'omnidesk.incoming'], /--to/],
      [['send', 'omnidesk.incoming', '--to', url, '--count', 'many'], /--count/],
      [['send', 'helpdeskeddy.new_ticket', '--to', url, '--encoding', 'form'], /--encoding form/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(received).toHaveLength(0);
  });

  it('never prints a --header value, even when the bot echoes it back', async () => {
    const token = 'Bearer hde-secret-token-0123456789';
    const result = await cli([
      'send',
      'new_ticket',
      '--to',
      url,
      '--header',
      `Authorization: ${token}`,
      '--header',
      'X-Webhook-Secret: s3cr3t-value-42',
      '--json',
      '--verbose',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(received[0]!.headers.authorization).toBe(token);
    expect(received[0]!.headers['x-webhook-secret']).toBe('s3cr3t-value-42');
    const output = result.stdout + result.stderr;
    expect(output).not.toContain('hde-secret-token-0123456789');
    expect(output).not.toContain('s3cr3t-value-42');
    expect(JSON.parse(result.stdout.trim()).response).toContain('***');

    const bad = await cli(['send', 'new_ticket', '--to', url, '--header', 'Bearer-only-token-value-987']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stdout + bad.stderr).not.toContain('only-token-value-987');
  });

  it('has help with examples', async () => {
    const result = await cli(['send', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('--set');
  });
});
