import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { killListeners, startListen } from '../../helpers/listen.js';

let dir: string;
let cleanup: () => Promise<void>;
const agent = new Agent();
beforeAll(async () => ({ dir, cleanup } = await tempDir('omnibot-capture-')));
afterEach(() => killListeners());
afterAll(async () => {
  await agent.close();
  await cleanup();
});

async function post(url: string, body: string, contentType = 'application/json') {
  const res = await request(url, { method: 'POST', headers: { 'content-type': contentType }, body, dispatcher: agent });
  await res.body.dump();
  return res.statusCode;
}

async function lines(file: string): Promise<Array<Record<string, any>>> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const HDE = (message: string, name: string) =>
  JSON.stringify({
    message,
    message_author_id: '501',
    customer_id: '501',
    ticket_id: '1042',
    status_id: 'open',
    user_name: name,
    last_answer_date: '10:00:00 01.05.2024',
    last_customer_message_date: '10:00:00 01.05.2024',
    chat_id: 'c-1',
  });

describe('omnibot capture redact', () => {
  it(
    'writes <in>.redacted.ndjson with stable placeholders ' + 'that still replays, and never touches the input',
    async () => {
      const capture = join(dir, 'real.ndjson');
      const l = await startListen(['--capture', capture]);
      await post(l.url, HDE('<p>Мой номер +7 (912) 345-67-89, почта ivan@mail.ru</p>', 'Иван Петров'));
      await post(l.url, HDE('<p>Ещё вопрос</p>', 'Иван Петров'));
      await post(
        l.url,
        'type=message_new&object%5Bcase_id%5D=5&object%5Bmessage_id%5D=6&object%5Bstaff_id%5D=1&' +
          'object%5Buser_id%5D=7&object%5Bcustom_user_id%5D=tg-1&' +
          'object%5Bcontent%5D=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82&object%5Bnote%5D=0&object%5Bsent_via_rule%5D=0',
        'application/x-www-form-urlencoded',
      );
      await l.stop();
      const before = await readFile(capture, 'utf8');

      const r = await runCli(['capture', 'redact', capture]);
      expect(r.exitCode, r.stderr).toBe(0);
      const out = join(dir, 'real.redacted.ndjson');
      expect(r.stdout.trim()).toBe(out);
      expect(await readFile(capture, 'utf8')).toBe(before);
      const text = await readFile(out, 'utf8');
      for (const pii of ['Иван', 'ivan@mail.ru', '345-67-89', 'Ещё вопрос', 'Привет', '%D0%9F'])
        expect(text).not.toContain(pii);
      const recs = await lines(out);
      const bodies = recs.slice(0, 2).map((x) => JSON.parse(x.body));
      expect(bodies.map((b) => [b.user_name, b.message, b.ticket_id])).toEqual([
        ['Name-1', 'text-1', '1042'],
        ['Name-1', 'text-2', '1042'],
      ]);
      expect(recs[2]!.body).toContain('object%5Bcontent%5D=text-3');
      for (const x of recs) expect(x.headers['content-length']).toBe(String(Buffer.byteLength(x.body)));

      const sink = join(dir, 'redacted-replayed.ndjson');
      const b = await startListen(['--capture', sink]);
      const replay = await runCli(['replay', out, '--to', b.url]);
      expect(replay.exitCode, replay.stderr).toBe(0);
      await b.stop();
      const replayed = await lines(sink);
      expect(replayed.map((x) => [x.event, x.valid])).toEqual(recs.map((x) => [x.event, x.valid]));
      expect(replayed.map((x) => x.body)).toEqual(recs.map((x) => x.body));

      const again = await runCli(['capture', 'redact', capture]);
      expect(again.exitCode).toBe(2);
      expect(again.stderr).toContain('--force');
      expect((await runCli(['capture', 'redact', capture, '--force'])).exitCode).toBe(0);
      const self = await runCli(['capture', 'redact', capture, '-o', capture]);
      expect(self.exitCode).toBe(2);
      expect(await readFile(capture, 'utf8')).toBe(before);
    },
  );
});

describe('omnibot events promote', () => {
  it(
    'turns a captured body into a user sample that overrides ' +
      'the shipped event, and listen then detects that shape',
    async () => {
      const project = join(dir, 'project');
      const capture = join(project, 'hooks.ndjson');
      // A real Omnidesk rule webhook whose keys differ from omnibot's inferred ones.
      const realShape = '{"case":{"id":88120045},"first_message":"Здравствуйте","client_id":7700123}';
      const a = await startListen(['--capture', capture], { cwd: dir });
      await post(a.url, realShape);
      await a.stop();
      expect((await lines(capture))[0]!.event).toBeNull();

      const r = await runCli(['events', 'promote', capture, '--record', '1', '--as', 'omnidesk.incoming'], {
        cwd: project,
      });
      expect(r.exitCode, r.stderr).toBe(0);
      const sampleFile = join(project, '.omnibot', 'events', 'omnidesk.incoming.json');
      expect(r.stdout.trim()).toBe(sampleFile);
      const sample = JSON.parse(await readFile(sampleFile, 'utf8'));
      expect(sample).toMatchObject({
        name: 'omnidesk.incoming',
        provenance: 'captured',
        contentType: 'application/json',
        body: realShape,
      });
      expect(sample.capturedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect((await stat(sampleFile)).mode & 0o777).toBe(0o600);

      const events = JSON.parse((await runCli(['events', '--json'], { cwd: project })).stdout) as Array<
        Record<string, any>
      >;
      expect(events.find((e) => e.name === 'omnidesk.incoming')).toMatchObject({
        provenance: 'captured',
        overrides: true,
      });

      const second = join(project, 'second.ndjson');
      const b = await startListen(['--capture', second], { cwd: project });
      await post(b.url, '{"case":{"id":1},"first_message":"Ещё","client_id":2}');
      await b.stop();
      expect((await lines(second))[0]!.event).toBe('omnidesk.incoming');

      const again = await runCli(['events', 'promote', capture, '--record', '1', '--as', 'omnidesk.incoming'], {
        cwd: project,
      });
      expect(again.exitCode).toBe(2);
      expect(again.stderr).toContain('already exists');
      expect(again.stderr).toContain('--force');

      // --force replaces the sample with another record.
      const newer = '{"case":{"id":88120046},"first_message":"Добрый день","client_id":7700124,"channel":"email"}';
      const c = await startListen(['--capture', capture], { cwd: dir });
      await post(c.url, newer);
      await c.stop();
      const forced = await runCli(
        ['events', 'promote', capture, '--record', '2', '--as', 'omnidesk.incoming', '--force'],
        { cwd: project },
      );
      expect(forced.exitCode, forced.stderr).toBe(0);
      expect(JSON.parse(await readFile(sampleFile, 'utf8'))).toMatchObject({ name: 'omnidesk.incoming', body: newer });
    },
  );

  it('a promoted sample is sent with fresh ids and times on every request, its texts as captured', async () => {
    const project = join(dir, 'fresh');
    const capture = join(project, 'hooks.ndjson');
    await mkdir(project, { recursive: true });
    const a = await startListen(['--capture', capture], { cwd: project });
    const sent = await runCli(['send', 'omnidesk.incoming', '--to', a.url], { cwd: project });
    expect(sent.exitCode, sent.stderr).toBe(0);
    await a.stop();
    const promoted = await runCli(['events', 'promote', capture, '--record', '1', '--as', 'omnidesk.incoming'], {
      cwd: project,
    });
    expect(promoted.exitCode, promoted.stderr).toBe(0);
    const captured = JSON.parse((await lines(capture))[0]!.body as string) as Record<string, unknown>;

    const b = await startListen(['--capture', join(project, 'again.ndjson')], { cwd: project });
    const twice = await runCli(['send', 'omnidesk.incoming', '--to', b.url, '--count', '2'], { cwd: project });
    expect(twice.exitCode, twice.stderr).toBe(0);
    await b.stop();
    const [one, two] = (await lines(join(project, 'again.ndjson'))).map(
      (r) => JSON.parse(r.body as string) as Record<string, unknown>,
    );
    expect(new Set([captured.case_id, one!.case_id, two!.case_id]).size).toBe(3);
    expect(one!.user_id).not.toBe(captured.user_id);
    expect(one!.case_subject).toBe(captured.case_subject);
    expect(Object.keys(one!)).toEqual(Object.keys(captured));
  });

  it('refuses records that cannot be samples, naming the flag', async () => {
    const file = join(dir, 'odd.ndjson');
    const base = {
      v: 1,
      receivedAt: '2024-05-01T10:00:00Z',
      method: 'POST',
      path: '/',
      query: '',
      headers: {},
      event: null,
      valid: false,
      response: { status: 413, ms: 1 },
    };
    await writeFile(
      file,
      [
        JSON.stringify({ ...base, id: 'big', truncated: true }),
        JSON.stringify({ ...base, id: 'bin', bodyBase64: '//4A' }),
      ].join('\n') + '\n',
    );
    for (const which of ['1', 'bin', '9']) {
      const r = await runCli(['events', 'promote', file, '--record', which, '--as', 'omnidesk.incoming'], { cwd: dir });
      expect(r.exitCode, which).toBe(2);
      expect(r.stderr).toContain('--record');
    }
  });
});

describe('- means stdin (and stdout for an output) in every command that reads or writes a capture', () => {
  it('capture redact - -o -, tail -, replay - read the records piped in; redact writes to stdout', async () => {
    const capture = join(dir, 'piped.ndjson');
    const l = await startListen(['--capture', capture]);
    await post(l.url, HDE('<p>почта ivan@mail.ru</p>', 'Иван Петров'));
    await l.stop();
    const bytes = await readFile(capture);

    const redacted = await runCli(['capture', 'redact', '-', '-o', '-'], { cwd: dir, stdin: bytes });
    expect(redacted.exitCode, redacted.stderr).toBe(0);
    const out = redacted.stdout.split('\n').filter(Boolean);
    expect(out).toHaveLength(1);
    expect(out[0]).not.toContain('ivan@mail.ru');
    expect(JSON.parse(out[0]!)).toMatchObject({ method: 'POST' });
    expect(redacted.stderr).toContain('→ stdout');
    await expect(stat(join(dir, '-'))).rejects.toMatchObject({ code: 'ENOENT' });

    const tail = await runCli(['tail', '-', '--json'], { cwd: dir, stdin: bytes });
    expect(tail.exitCode, tail.stderr).toBe(0);
    expect(tail.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect((await runCli(['tail', '-', '--follow'], { cwd: dir, stdin: bytes })).exitCode).toBe(2);

    const target = await startListen([]);
    const replay = await runCli(['replay', '-', '--to', target.url], { cwd: dir, stdin: bytes });
    await target.stop();
    expect(replay.exitCode, replay.stderr).toBe(0);
    expect(replay.stderr).toMatch(/sent 1 · 2xx 1/);
  });
});
