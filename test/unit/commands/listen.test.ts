import { readFile, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { killListeners, startListen } from '../../helpers/listen.js';

let dir: string;
let cleanup: () => Promise<void>;
const agent = new Agent({ connections: 64, pipelining: 1 });
beforeAll(async () => ({ dir, cleanup } = await tempDir('omnibot-listen-')));
afterEach(() => killListeners());
afterAll(async () => {
  await agent.close();
  await cleanup();
});

async function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  const res = await request(url, { method: 'POST', headers, body, dispatcher: agent });
  await res.body.dump();
  return res.statusCode;
}

async function records(file: string): Promise<Array<Record<string, any>>> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

/** Raw bytes on a socket; resolves once the server closes it, or (`hangUp`) once we hang up after writing. */
function raw(port: number, data: string, hangUp = false): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (answer += d));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.on('connect', () => {
      // The bytes are handed to the system before the hang-up, so the server reads them, then the end.
      if (hangUp) socket.write(data, () => socket.destroy());
      else socket.write(data);
    });
  });
}

describe('omnibot listen', () => {
  it('prints one line per request, captures it (0600), and on SIGTERM prints a summary and exits 0', async () => {
    const capture = join(dir, 'basic.ndjson');
    const l = await startListen(['--capture', capture]);
    expect(l.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(
      await post(
        `${l.url}omnidesk`,
        '{"case_id":"88120045","case_description":"<p>Здравствуйте, нужна помощь 🙏</p>","user_id":"7700123"}',
      ),
    ).toBe(200);
    expect(await post(l.url, 'not json {', { 'content-type': 'application/json' })).toBe(200);
    const done = await l.stop();
    expect(done.exitCode).toBe(0);
    const lines = done.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /POST \/omnidesk 200 omnidesk\.incoming case=88120045 user=7700123 "Здравствуйте, нужна помощь 🙏"/,
    );
    expect(lines[1]).toMatch(/\(invalid\)/);
    expect(done.stderr).toMatch(/listen: 2 requests · invalid 1/);
    expect(done.stderr).toMatch(/omnidesk\.incoming 1/);
    expect((await stat(capture)).mode & 0o777).toBe(0o600);
    const recs = await records(capture);
    expect(recs.map((r) => [r.event, r.valid])).toEqual([
      ['omnidesk.incoming', true],
      [null, false],
    ]);
  });

  it('--json prints the capture records themselves on stdout', async () => {
    const l = await startListen(['--json', '--status', '202']);
    expect(await post(`${l.url}x?y=1`, '{"a":1}')).toBe(202);
    const done = await l.stop();
    expect(done.exitCode).toBe(0);
    const rec = JSON.parse(done.stdout.trim());
    expect(rec).toMatchObject({
      v: 1,
      method: 'POST',
      path: '/x',
      query: 'y=1',
      body: '{"a":1}',
      response: { status: 202 },
    });
  });

  it(
    "--forward-to passes the same bytes on, answers with the bot's answer and shows it; " +
      '--path answers 404 elsewhere',
    async () => {
      const botCapture = join(dir, 'bot.ndjson');
      const bot = await startListen(['--capture', botCapture, '--status', '202']);
      const front = await startListen(['--forward-to', `${bot.url}bot`, '--path', '/in']);
      expect(front.url).toMatch(/\/in$/);
      const body = '{"case_id":"1","case_description":"<p>Ёлка 🎄</p>","user_id":"2"}';
      expect(await post(`${front.url}/x?k=v`, body)).toBe(202);
      expect(await post(`${front.url.replace(/\/in$/, '')}/elsewhere`, body)).toBe(404);
      const done = await front.stop();
      await bot.stop();
      const lines = done.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/POST \/in\/x\?k=v 202 omnidesk\.incoming .* → 202 \d+ms$/);
      expect(lines[1]).toMatch(/POST \/elsewhere 404/);
      expect(done.stderr).toMatch(/forwarded 1 \(0 failed\)/);
      const got = await records(botCapture);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ path: '/bot/in/x', query: 'k=v', body });
    },
  );

  it('refuses bad flags with exit 2 naming the flag', async () => {
    for (const [args, flag] of [
      [['--port', 'abc'], '--port'],
      [['--max-body', 'huge'], '--max-body'],
      [['--status', '42'], '--status'],
      [['--secret-env', 'NOPE_NOT_SET', '--secret-header', 'x-t'], '--secret-env'],
      [['--secret-env', 'HOME'], '--secret-env'],
      [['--forward-to', 'ftp://x'], '--forward-to'],
      [['--path', 'no-slash'], '--path'],
    ] as const) {
      const r = await runCli(['listen', ...args]);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(flag);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it('keeps credentials and the shared secret out of the capture and all output unless --keep-secrets', async () => {
    const secret = 'shared-secret-5d1f9c';
    const env = { HOOK_SECRET: secret };
    const creds = {
      authorization: 'Bearer api-token-8e2a11',
      cookie: 'session=cookie-77ab',
      'x-api-key': 'apikey-31c9f0',
      'proxy-authorization': 'Basic cHJveHk6cGFzcw==',
    };
    const leaks = [secret, 'api-token-8e2a11', 'cookie-77ab', 'apikey-31c9f0', 'cHJveHk6cGFzcw=='];
    for (const keep of [false, true]) {
      const capture = join(dir, `secrets-${keep}.ndjson`);
      for (const json of [false, true]) {
        const l = await startListen(
          [
            '--capture',
            capture,
            '--secret-env',
            'HOOK_SECRET',
            '--secret-header',
            'X-Hook-Secret',
            ...(json ? ['--json'] : []),
            ...(keep ? ['--keep-secrets'] : []),
          ],
          { env },
        );
        const headers = { 'content-type': 'application/json', 'x-hook-secret': secret, ...creds };
        expect(
          await post(`${l.url}?q=1`, '{"case_id":"1","case_description":"<p>hi</p>","user_id":"2"}', headers),
        ).toBe(200);
        expect(await post(l.url, '{}', { ...headers, 'x-hook-secret': 'wrong' })).toBe(401);
        const done = await l.stop();
        for (const leak of leaks) {
          expect(done.stdout, `stdout keep=${keep} json=${json}`).not.toContain(leak);
          expect(done.stderr).not.toContain(leak);
        }
      }
      const file = await readFile(capture, 'utf8');
      const recs = await records(capture);
      expect(recs.map((r) => r.auth)).toEqual(['ok', 'fail', 'ok', 'fail']);
      for (const leak of leaks) expect(file.includes(leak), `capture keep=${keep} ${leak}`).toBe(keep);
    }
  });

  it('5,000 requests at concurrency 50 leave exactly 5,000 records, all parseable, none duplicated', async () => {
    const capture = join(dir, 'load.ndjson');
    const l = await startListen(['--capture', capture]);
    const total = 5000;
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < total) {
          const n = next++;
          statuses.push(await post(`${l.url}load`, `{"n":${n},"text":"Привет №${n} 😀"}`));
        }
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(total);
    const done = await l.stop();
    expect(done.exitCode).toBe(0);
    const recs = await records(capture);
    expect(recs).toHaveLength(total);
    expect(new Set(recs.map((r) => r.id)).size).toBe(total);
    const ns = recs.map((r) => JSON.parse(r.body).n as number).sort((a, b) => a - b);
    expect(ns).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(done.stderr).toContain(`listen: ${total} requests`);
  });

  it('2,000 malformed requests leave the listener answering and every one recorded', async () => {
    const capture = join(dir, 'malformed.ndjson');
    const l = await startListen([
      '--capture',
      capture,
      '--max-body',
      '2kb',
      '--headers-timeout',
      '500ms',
      '--request-timeout',
      '1s',
    ]);
    const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
    const kinds: Array<() => Promise<unknown>> = [
      () => post(l.url, '{"case_id": "1", "case_description": ', { 'content-type': 'application/json' }),
      () => post(l.url, '<xml>not json</xml>', { 'content-type': 'application/xml' }),
      () => post(l.url, 'case_id=1&text=%ZZ'),
      () => post(l.url, binary, { 'content-type': 'application/octet-stream' }),
      () => post(l.url, binary, { 'content-type': 'application/json' }),
      () => post(l.url, Buffer.alloc(3000, 0x41), { 'content-type': 'application/json' }).catch(() => 413),
      () => raw(l.port, `POST /big-headers HTTP/1.1\r\nHost: x\r\nX-Big: ${'h'.repeat(20_000)}\r\n\r\n`),
      () =>
        raw(
          l.port,
          'POST /hangup-body HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ' +
            '500\r\n\r\n{"case_id":',
          true,
        ),
      () => raw(l.port, 'POST /hangup-headers HTTP/1.1\r\nHost: x\r\nContent-Ty', true),
      () => raw(l.port, '\x00\x01\x02 garbage \r\n\r\n'),
    ];
    const stalls = 20;
    const total = 2000;
    const stalled = Array.from({ length: stalls }, (_, i) =>
      i % 2
        ? raw(l.port, 'POST /stall-headers HTTP/1.1\r\nHost: x\r\n')
        : raw(l.port, 'POST /stall-body HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a":'),
    );
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < total - stalls) {
          const n = next++;
          await kinds[n % kinds.length]!();
        }
      }),
    );
    const stallAnswers = await Promise.all(stalled);
    expect(stallAnswers.filter((a) => a.startsWith('HTTP/1.1 408'))).toHaveLength(stalls / 2);
    // Still answering normally after all that.
    expect(await post(l.url, '{"case_id":"5","case_description":"<p>ok</p>","user_id":"6"}')).toBe(200);
    const done = await l.stop();
    expect(done.exitCode).toBe(0);
    const recs = await records(capture);
    expect(recs).toHaveLength(total + 1);
    expect(new Set(recs.map((r) => r.id)).size).toBe(total + 1);
    const count = (pred: (r: Record<string, any>) => boolean) => recs.filter(pred).length;
    const per = (total - stalls) / kinds.length;
    expect(count((r) => r.response.status === 413 && r.truncated)).toBe(per);
    expect(count((r) => r.response.status === 431)).toBe(per);
    expect(count((r) => r.path === '/hangup-body' && r.aborted)).toBe(per);
    expect(count((r) => r.response.status === 400)).toBe(per);
    expect(count((r) => r.aborted && r.path === '' && r.response.status === 499)).toBe(per);
    expect(count((r) => r.bodyBase64 !== undefined)).toBe(2 * per);
    expect(count((r) => r.response.status === 408)).toBe(stalls);
    expect(count((r) => r.valid)).toBe(1);
  });
});
