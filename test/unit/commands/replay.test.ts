import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { killListeners, startListen } from '../../helpers/listen.js';

let dir: string;
let cleanup: () => Promise<void>;
const agent = new Agent({ connections: 32 });
beforeAll(async () => ({ dir, cleanup } = await tempDir('omnibot-replay-')));
afterEach(() => killListeners());
afterAll(async () => {
  await agent.close();
  await cleanup();
});

const TEXT = 'Здравствуйте! Заказ «№42» 😀🚀 "кавычки" \\ \n вторая строка';
/** The field that carries message text in each shipped event, by the path users type in --set. */
const TEXT_FIELD: Record<string, string> = {
  'omnidesk.incoming': 'case_description',
  'omnidesk.changed': 'last_message',
  'omnidesk.message_new': 'object[content]',
  'helpdeskeddy.new_ticket': 'message',
  'helpdeskeddy.new_reply': 'message',
};

async function lines(file: string): Promise<Array<Record<string, any>>> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

async function post(url: string, body: string | Buffer, headers: Record<string, string>) {
  const res = await request(url, { method: 'POST', headers, body, dispatcher: agent });
  await res.body.dump();
  return res.statusCode;
}

describe('omnibot replay', () => {
  it(
    'send → listen → capture → replay into a second ' + 'listener gives byte-identical bodies for every event',
    async () => {
      const first = join(dir, 'first.ndjson');
      const second = join(dir, 'second.ndjson');
      const a = await startListen(['--capture', first]);
      const b = await startListen(['--capture', second]);
      const events = JSON.parse((await runCli(['events', '--json'])).stdout) as Array<{
        name: string;
        accepts: string[];
      }>;
      expect(events.length).toBeGreaterThanOrEqual(5);
      let sent = 0;
      for (const event of events) {
        for (const encoding of event.accepts) {
          const field = TEXT_FIELD[event.name];
          const args = ['send', event.name, '--to', `${a.url}hooks/${event.name}?src=send`, '--encoding', encoding];
          if (field) args.push('--set', `${field}=${TEXT}`);
          const r = await runCli(args);
          expect(r.exitCode, `${event.name} ${encoding}: ${r.stderr}`).toBe(0);
          sent += 1;
        }
      }
      // Bodies no helpdesk sends, which must survive just the same: binary, broken JSON, empty.
      await post(`${a.url}raw`, Buffer.from([0, 0xff, 0xfe, 0x80, 0x41]), {
        'content-type': 'application/octet-stream',
      });
      await post(`${a.url}raw`, '{"broken": "Привет', { 'content-type': 'application/json; charset=utf-8' });
      await post(`${a.url}raw?empty=1`, '', { 'content-type': 'text/plain' });
      expect((await a.stop()).exitCode).toBe(0);

      const replay = await runCli(['replay', first, '--to', b.url]);
      expect(replay.exitCode, replay.stderr).toBe(0);
      expect(replay.stderr).toMatch(new RegExp(`sent ${sent + 3} · 2xx ${sent + 3} · failed 0`));
      expect((await b.stop()).exitCode).toBe(0);

      const original = await lines(first);
      const replayed = await lines(second);
      expect(replayed).toHaveLength(original.length);
      const detected = new Set<string>();
      original.forEach((o, i) => {
        const r = replayed[i]!;
        const bytes = (x: Record<string, any>) =>
          x.bodyBase64 !== undefined ? Buffer.from(x.bodyBase64, 'base64') : Buffer.from(x.body, 'utf8');
        expect(bytes(r).equals(bytes(o)), `record ${i + 1} (${o.event})`).toBe(true);
        expect([r.method, r.path, r.query, r.headers['content-type'], r.event, r.valid]).toEqual([
          o.method,
          o.path,
          o.query,
          o.headers['content-type'],
          o.event,
          o.valid,
        ]);
        if (o.event) detected.add(o.event);
      });
      // new_ticket and new_reply share seed 002's body, so detection cannot tell them apart.
      expect(detected.size).toBeGreaterThanOrEqual(events.length - 1);
      const fromSend = original.filter((o) => o.path.startsWith('/hooks/'));
      expect(fromSend).toHaveLength(sent);
      expect(fromSend.every((o) => o.valid && o.event !== null && o.query === 'src=send')).toBe(true);
      const textOf = (o: Record<string, any>) =>
        o.headers['content-type'].includes('form')
          ? new URLSearchParams(o.body).get(TEXT_FIELD[o.event]!)
          : (JSON.parse(o.body)[TEXT_FIELD[o.event]!] ?? JSON.parse(o.body).object?.content);
      expect(fromSend.map(textOf)).toEqual(fromSend.map(() => TEXT));
    },
  );

  it('filters by event and time, prints NDJSON with --json, and exits 1 when the target fails', async () => {
    const file = join(dir, 'filters.ndjson');
    const base = {
      v: 1,
      method: 'POST',
      path: '/h',
      query: '',
      headers: { 'content-type': 'application/json', authorization: 'Bearer keep-me-out' },
      valid: true,
      response: { status: 200, ms: 1 },
    };
    const recs = [
      { ...base, id: 'a', receivedAt: '2024-05-01T10:00:00Z', body: '{"n":1}', event: 'omnidesk.incoming' },
      { ...base, id: 'b', receivedAt: '2024-05-01T11:00:00Z', body: '{"n":2}', event: 'omnidesk.changed' },
      { ...base, id: 'c', receivedAt: '2024-05-01T12:00:00Z', body: '{"n":3}', event: 'omnidesk.incoming' },
    ];
    await writeFile(file, recs.map((r) => JSON.stringify(r)).join('\n') + '\n{"v":1,"id":"torn","rec');
    const sink = join(dir, 'filters-sink.ndjson');
    const ok = await startListen(['--capture', sink, '--keep-secrets']);
    const r = await runCli([
      'replay',
      file,
      '--to',
      ok.url,
      '--event',
      'omnidesk.incoming',
      '--since',
      '2024-05-01T11:30:00Z',
      '--json',
      '--header',
      'X-Replay: yes',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const results = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results.map((x) => [x.id, x.line, x.status, x.ok])).toEqual([['c', 3, 200, true]]);
    expect(r.stderr).toMatch(/line 4: not valid JSON.*skipped/);
    await ok.stop();
    const got = await lines(sink);
    expect(got).toHaveLength(1);
    expect(got[0]!.headers['x-replay']).toBe('yes');
    // A credential the file holds in clear (captured with --keep-secrets) is re-sent as it came…
    expect(got[0]!.headers.authorization).toBe('Bearer keep-me-out');
    // …but never printed.
    expect(r.stdout + r.stderr).not.toContain('keep-me-out');

    const failing = await startListen(['--status', '500']);
    const bad = await runCli(['replay', file, '--to', failing.url, '--concurrency', '2', '--rate', '100/s']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/sent 3 · 2xx 0 · failed 3/);
    const usage = await runCli(['replay', file, '--to', failing.url, '--since', 'last tuesday']);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain('--since');
    const missing = await runCli(['replay', join(dir, 'nope.ndjson'), '--to', failing.url]);
    expect(missing.exitCode).toBe(2);
  });

  it('replays with --preserve-timing, keeping order', async () => {
    const file = join(dir, 'timing.ndjson');
    const base = {
      v: 1,
      method: 'POST',
      path: '/t',
      query: '',
      headers: { 'content-type': 'text/plain' },
      event: null,
      valid: false,
      response: { status: 200, ms: 1 },
    };
    await writeFile(
      file,
      ['x', 'y', 'z']
        .map((body, i) =>
          JSON.stringify({
            ...base,
            id: body,
            body,
            receivedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, i * 100)).toISOString(),
          }),
        )
        .join('\n') + '\n',
    );
    const sink = join(dir, 'timing-sink.ndjson');
    const l = await startListen(['--capture', sink]);
    const r = await runCli(['replay', file, '--to', l.url, '--preserve-timing']);
    expect(r.exitCode, r.stderr).toBe(0);
    await l.stop();
    expect((await lines(sink)).map((x) => x.body)).toEqual(['x', 'y', 'z']);
  });
});
