/**
 * One run of every command through the built bin/omnibot.js in a child process: the process's
 * own env, folder, pipes and exit code, which the in-process tests (main() with captured streams)
 * cannot show. Behaviour is tested in-process; here each command only has to work end to end.
 * listen and sandbox run as processes in signals.test.ts, demo in install.test.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { spawnCli } from '../helpers/run-cli.js';
import { Receiver } from '../helpers/sandbox.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'sandbox-api-key';
let sandbox: RunningSandbox;
let receiver: Receiver;
let dir: string;
let cleanup: () => Promise<void>;
// The spawned process gets this test process's env plus these: the key reaches it only this way.
const env = { OMNIDESK_API_KEY: KEY, BM_SECRET: 'bm-secret-0123456789abcdef' };
const cli = (args: string[]) => spawnCli(args, { cwd: dir, env });

const capture = (id: string) =>
  JSON.stringify({
    v: 1,
    id,
    receivedAt: '2024-05-01T10:00:00.000Z',
    method: 'POST',
    path: '/omnidesk',
    query: '',
    headers: { 'content-type': 'application/json', authorization: 'Bearer t0ken-abcdef' },
    body: '{"case_id":"1","case_description":"<p>Привет</p>","user_id":"2"}',
    event: 'omnidesk.incoming',
    valid: true,
    response: { status: 200, ms: 1 },
  }) + '\n';

beforeAll(async () => {
  sandbox = await startSandbox({ bot: 'reference' });
  receiver = await new Receiver().start();
  ({ dir, cleanup } = await tempDir('omnibot-smoke-'));
  const config = {
    omnidesk: { url: sandbox.omnidesk.url, email: 'admin@sandbox.test', apiKey: '${OMNIDESK_API_KEY}' },
    integrations: [
      {
        recipe: 'omnidesk-bot',
        name: 'wikibot',
        webhookUrl: sandbox.bot!.url,
        label: 'wikibot',
        agent: 'operator@sandbox.test',
        replyAsNote: false,
      },
      {
        recipe: 'chaport',
        name: 'chat',
        statuses: { '4': { chatAccess: false }, 'Только чаты': { chatAccess: true } },
        offlineDelayMinutes: 3,
      },
      { recipe: 'billmanager', name: 'bm', billmanagerUrl: 'https://bm.example.com', secret: '${BM_SECRET}' },
    ],
  };
  await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config, null, 2));
  await writeFile(join(dir, 'hooks.ndjson'), capture('a') + capture('b'));
  await writeFile(
    join(dir, 'values.json'),
    JSON.stringify({
      client_id: { entity: 'user', name: 'ID клиента', sql: 'SELECT account FROM user WHERE id = __id__' },
    }),
  );
});

afterAll(async () => {
  await receiver?.close();
  await sandbox?.close();
  await cleanup?.();
});

// Two chains at once: the commands that share the state file run in order, the rest side by side.
describe.concurrent('every command, as a process', () => {
  it('plan, apply, steps, verify, token, chaport status-map', async () => {
    const plan = await cli(['plan', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).pending).toBe(true);
    const apply = await cli(['apply', '--yes', '--lang', 'en']);
    expect(apply.exitCode, apply.stderr).toBe(0);
    const steps = await cli(['steps', '--lang', 'en']);
    expect(steps.exitCode, steps.stderr).toBe(0);
    expect(steps.stdout).toMatch(/Step 1/);
    const verify = await cli(['verify', '--integration', 'wikibot', '--json']);
    expect(verify.exitCode, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout).ok).toBe(true);
    const token = await cli(['token', 'rotate', '--name', 'bm']);
    expect(token.exitCode, token.stderr).toBe(0);
    expect(token.stdout + token.stderr).not.toContain(env.BM_SECRET);
    const statusMap = await cli(['chaport', 'status-map', '--json']);
    expect(statusMap.exitCode, statusMap.stderr).toBe(0);
    expect(JSON.parse(statusMap.stdout).rows.length).toBeGreaterThan(0);
  });

  it('init, events, send, tail, replay, capture redact, completion, schema, billmanager fields lint', async () => {
    const [init, events, send, tail, replay, redact, completion, schema, lint] = await Promise.all([
      cli([
        'init',
        '--url',
        sandbox.omnidesk.url,
        '--email',
        'admin@sandbox.test',
        '--agent',
        'operator@sandbox.test',
        '--label',
        'wikibot',
        '--webhook-url',
        'https://bot.example.com/omnidesk',
        '--output',
        'init.json',
      ]),
      cli(['events', '--json']),
      cli(['send', 'omnidesk.incoming', '--to', `${receiver.url}/send`]),
      cli(['tail', 'hooks.ndjson', '--json']),
      cli(['replay', 'hooks.ndjson', '--to', `${receiver.url}/replay`]),
      cli(['capture', 'redact', 'hooks.ndjson']),
      cli(['completion', 'bash']),
      cli(['schema']),
      cli(['billmanager', 'fields', 'lint', 'values.json']),
    ]);
    expect(init.exitCode, init.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'init.json'), 'utf8')).integrations[0].recipe).toBe('omnidesk-bot');
    expect(JSON.parse(events.stdout).map((e: { name: string }) => e.name)).toContain('omnidesk.incoming');
    expect(send.exitCode, send.stderr).toBe(0);
    expect(
      tail.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['a', 'b']);
    expect(replay.exitCode, replay.stderr).toBe(0);
    expect(receiver.received.map((r) => r.url).sort()).toEqual(['/replay/omnidesk', '/replay/omnidesk', '/send']);
    expect(redact.exitCode, redact.stderr).toBe(0);
    expect(completion.stdout).toContain('omnibot');
    expect(JSON.parse(schema.stdout).$schema).toMatch(/json-schema/);
    expect(lint.exitCode, lint.stderr).toBe(0);
  });
});
