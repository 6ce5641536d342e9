import { appendFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { startListen } from '../../helpers/listen.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('omnibot-tail-')));
afterAll(() => cleanup());

function record(id: string, body: string, event: string | null, extra: Record<string, unknown> = {}) {
  return (
    JSON.stringify({
      v: 1,
      id,
      receivedAt: '2024-05-01T10:00:00.000Z',
      method: 'POST',
      path: '/hook',
      query: '',
      headers: { 'content-type': 'application/json' },
      body,
      event,
      valid: event !== null,
      response: { status: 200, ms: 2 },
      ...extra,
    }) + '\n'
  );
}

const INCOMING = record(
  'in-1',
  '{"case_id":"88120045","case_description":"<p>Здравствуйте 😀</p>","user_id":"7700123"}',
  'omnidesk.incoming',
);
const REPLY = record(
  're-1',
  '{"message":"<p>Ответ</p>","message_author_id":"5","customer_id":"5","ticket_id":"1042","status_id":"open",' +
    '"user_name":"Иван","last_answer_date":"x","last_customer_message_date":"x","chat_id":"c"}',
  'helpdeskeddy.new_reply',
  {
    forward: { status: 502, ms: 7 },
  },
);

describe('omnibot tail', () => {
  it("prints records in listen's format, filters by event, and skips a torn line naming it", async () => {
    const file = join(dir, 'c.ndjson');
    await writeFile(file, INCOMING + REPLY + '{"v":1,"id":"to');
    const r = await runCli(['tail', file]);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/POST \/hook 200 omnidesk\.incoming case=88120045 user=7700123 "Здравствуйте 😀"/);
    expect(lines[1]).toMatch(/helpdeskeddy\.new_reply ticket=1042 user=5 "Ответ" → 502 7ms/);
    expect(r.stderr).toMatch(/line 3: not valid JSON/);

    const only = await runCli(['tail', file, '--event', 'omnidesk.incoming', '--json']);
    const recs = only.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(recs.map((x) => x.id)).toEqual(['in-1']);
  });

  it('a body that fits two events is found by either name, short names work, and a typo is exit 2', async () => {
    const capture = join(dir, 'tie.ndjson');
    const l = await startListen(['--capture', capture]);
    try {
      const sent = await runCli(['send', 'helpdeskeddy.new_ticket', '--to', `${l.url}hde`]);
      expect(sent.exitCode, sent.stderr).toBe(0);
    } finally {
      await l.stop();
    }
    const [line] = (await readFile(capture, 'utf8')).trim().split('\n');
    expect(JSON.parse(line!)).toMatchObject({
      event: 'helpdeskeddy.new_reply',
      candidates: ['helpdeskeddy.new_reply', 'helpdeskeddy.new_ticket'],
    });
    for (const name of ['helpdeskeddy.new_ticket', 'new_reply', 'new_ticket']) {
      const r = await runCli(['tail', capture, '--event', name]);
      expect(r.stdout, name).toMatch(/helpdeskeddy\.new_reply or helpdeskeddy\.new_ticket ticket=\d+/);
    }
    expect((await runCli(['tail', capture, '--event', 'omnidesk.incoming'])).stdout).toBe('');
    const typo = await runCli(['tail', capture, '--event', 'new_tickt']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain(
      'error: --event: unknown event "new_tickt" (did you mean "helpdeskeddy.new_ticket"?)',
    );
  });

  it('--follow prints new records as they arrive, restarts after truncation, and returns 0 when stopped', async () => {
    const file = join(dir, 'follow.ndjson');
    await writeFile(file, INCOMING);
    const cli = startCli(['tail', file, '--follow', '--interval', '20ms', '--json']);
    const ids = () =>
      cli
        .stdout()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).id as string);
    const waitFor = (n: number) => cli.until(() => ids().length >= n, `${n} records`);
    try {
      await waitFor(1);
      await appendFile(file, REPLY);
      await waitFor(2);
      await truncate(file, 0);
      // The next record goes in only once the follower has seen the file shrink.
      await cli.until((_out, err) => /truncated/.test(err), 'the truncation notice');
      await appendFile(file, record('after', '{}', null));
      await waitFor(3);
      expect(ids()).toEqual(['in-1', 're-1', 'after']);
    } finally {
      const result = await cli.stop();
      expect(result.exitCode).toBe(0);
    }
  });

  it('needs a file or --case, not both, and reports a missing file with exit 2', async () => {
    expect((await runCli(['tail'])).exitCode).toBe(2);
    expect((await runCli(['tail', 'x.ndjson', '--case', '5'])).exitCode).toBe(2);
    const missing = await runCli(['tail', join(dir, 'missing.ndjson')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('missing.ndjson');
  });
});
