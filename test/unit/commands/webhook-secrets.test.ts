/**
 * No secret in any output or file of the webhook commands. A project whose config knows every
 * kind of secret (API keys, the Basic header of e-mail and key, the HelpDeskEddy bot token in
 * its webhook path, BILLmanager's secret query) sends requests carrying them — plus ad-hoc
 * credentials in the query and headers — through listen, send, tail, replay and capture
 * redact; every stdout, stderr and file written is then searched for each value. Replay must
 * still deliver the real values (put back from the config or from flags), never `***`.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { killListeners, startListen } from '../../helpers/listen.js';

const EMAIL = 'admin@acme.test';
const S = {
  OMNIDESK_API_KEY: 'odk-3f9a1c77e2b54d08',
  HDE_API_KEY: 'hdek-8b2e6d4f1a9c3057',
  HDE_BOT_TOKEN: 'Zq3xV9mK2pL7wR4tY8uB1nC6vD5fG0hJ-_aQeWsXd',
  BILLMANAGER_SECRET: 'bm-secret-5e1d2c3b4a596877',
};
const ADHOC = {
  accessToken: 'adhoc-access-4c2e91',
  bearer: 'bearer-value-77f1e0',
  cookie: 'cookie-sess-a9b8c7',
  authToken: 'x-auth-tok-1d2e3f',
};
const LEAKS = [
  ...Object.values(S),
  ...Object.values(ADHOC),
  Buffer.from(`${EMAIL}:${S.OMNIDESK_API_KEY}`).toString('base64'),
  Buffer.from(`${EMAIL}:${S.HDE_API_KEY}`).toString('base64'),
];

let dir: string;
let outside: string;
const cleanups: Array<() => Promise<void>> = [];
/** Every stdout and stderr of every command run, to be searched at the end. */
const outputs: Array<{ what: string; text: string }> = [];

beforeAll(async () => {
  const project = await tempDir('omnibot-secrets-');
  const bare = await tempDir('omnibot-secrets-outside-');
  cleanups.push(project.cleanup, bare.cleanup);
  dir = project.dir;
  outside = bare.dir;
  const config = {
    omnidesk: { url: 'http://127.0.0.1:9', email: EMAIL, apiKey: '${OMNIDESK_API_KEY}' },
    helpdeskeddy: { url: 'http://127.0.0.1:9', email: EMAIL, apiKey: '${HDE_API_KEY}' },
    integrations: [
      {
        recipe: 'helpdeskeddy-bot',
        name: 'hde',
        token: '${HDE_BOT_TOKEN}',
        webhookUrl: 'http://127.0.0.1:9/helpdeskeddy/${HDE_BOT_TOKEN}',
      },
      { recipe: 'billmanager', name: 'bm', billmanagerUrl: 'http://127.0.0.1:9', secret: '${BILLMANAGER_SECRET}' },
    ],
  };
  await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config, null, 2));
  await writeFile(
    join(dir, '.env'),
    Object.entries(S)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
    { mode: 0o600 },
  );
});
afterEach(() => killListeners());
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function cli(what: string, args: string[], cwd = dir, env: Record<string, string> = {}): Promise<CliResult> {
  const r = await runCli(args, { cwd, env });
  outputs.push({ what: `${what} stdout`, text: r.stdout }, { what: `${what} stderr`, text: r.stderr });
  return r;
}

async function send(url: string, method: string, body: string, headers: string[][]) {
  const res = await request(url, { method: method as 'POST', body, headers: headers.flat() });
  await res.body.dump();
  return res.statusCode;
}

function expectNoLeak(what: string, text: string): void {
  for (const leak of LEAKS) expect(text.includes(leak), `${what} contains ${leak}`).toBe(false);
}

async function records(file: string): Promise<Array<Record<string, any>>> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe('no secret in any output or file of listen, send, tail, replay and capture redact', () => {
  it('masks everything everywhere, and replay still delivers the real values', async () => {
    const capture = join(dir, 'hooks.ndjson');
    const kept = join(dir, 'kept.ndjson');
    const credentials = [
      ['authorization', `Basic ${Buffer.from(`${EMAIL}:${S.OMNIDESK_API_KEY}`).toString('base64')}`],
      ['x-auth-token', ADHOC.authToken],
      ['cookie', `sid=${ADHOC.cookie}`],
      ['x-forwarded-authorization', `Bearer ${ADHOC.bearer}`],
    ];
    for (const [file, extra] of [
      [capture, []],
      [kept, ['--keep-secrets']],
    ] as const) {
      for (const json of [false, true]) {
        const l = await startListen(['--capture', file, ...extra, ...(json ? ['--json'] : [])], { cwd: dir });
        const base = l.url.replace(/\/$/, '');
        expect(
          await send(
            `${base}/helpdeskeddy/${S.HDE_BOT_TOKEN}?access_token=${ADHOC.accessToken}&x=1`,
            'POST',
            `{"message":"hi","n":${json}}`,
            [['content-type', 'application/json'], ...credentials],
          ),
        ).toBe(200);
        expect(
          await send(`${base}/mancgi/omnidesk_webhook?${S.BILLMANAGER_SECRET}`, 'POST', '{"case_id":1}', [
            ['content-type', 'application/json'],
          ]),
        ).toBe(200);
        expect(
          await send(`${base}/helpdeskeddy/${S.HDE_BOT_TOKEN}`, 'GET', 'a GET with a body', [
            ['x-multi', 'one'],
            ['x-multi', 'two'],
          ]),
        ).toBe(200);
        const done = await l.stop();
        expect(done.exitCode).toBe(0);
        expect(done.stderr).not.toMatch(/config could not be read/);
        outputs.push(
          { what: `listen ${extra.join(' ')} json=${json} stdout`, text: done.stdout },
          { what: 'listen stderr', text: done.stderr },
        );
      }
    }
    const recs = await records(capture);
    const rows = [
      ['POST', '/helpdeskeddy/***', 'access_token=***&x=1'],
      ['POST', '/mancgi/omnidesk_webhook', '***'],
      ['GET', '/helpdeskeddy/***', ''],
    ];
    expect(recs.map((r) => [r.method, r.path, r.query])).toEqual([...rows, ...rows]);
    expect(recs[2]!.repeatedHeaders).toEqual({ 'x-multi': ['one', 'two'] });

    // send, with a token in the URL and a credential header, to a listener and to nowhere.
    const sink = await startListen(['--capture', join(dir, 'send-sink.ndjson')], { cwd: dir });
    await cli('send', [
      'send',
      'helpdeskeddy.new_ticket',
      '--to',
      `${sink.url}helpdeskeddy/${S.HDE_BOT_TOKEN}?token=${ADHOC.accessToken}`,
      '--header',
      `X-Auth-Token: ${ADHOC.authToken}`,
    ]);
    await cli('send --json', [
      'send',
      'helpdeskeddy.new_ticket',
      '--json',
      '--to',
      `${sink.url}helpdeskeddy/${S.HDE_BOT_TOKEN}`,
    ]);
    const nowhere = await cli('send to nowhere', [
      'send',
      'helpdeskeddy.new_ticket',
      '--to',
      `http://127.0.0.1:9/helpdeskeddy/${S.HDE_BOT_TOKEN}?api_key=${ADHOC.accessToken}`,
    ]);
    expect(nowhere.exitCode).toBe(1);
    outputs.push({ what: 'send sink stdout', text: (await sink.stop()).stdout });

    // tail, human and JSON, of the masked capture and of the one captured with --keep-secrets.
    for (const file of [capture, kept]) {
      expect((await cli('tail', ['tail', file])).exitCode).toBe(0);
      expect((await cli('tail --json', ['tail', '--json', file])).exitCode).toBe(0);
    }

    // replay: without the ad-hoc values the records that need them are refused, naming the flag…
    const target = await startListen(['--capture', join(dir, 'replayed.ndjson'), '--keep-secrets'], { cwd: dir });
    const refused = await cli('replay refused', ['--verbose', 'replay', capture, '--to', target.url]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(
      /line 1 \(id [^)]+\): not replayed: .*--query-env access_token=<VAR>.*--header "authorization: …"/,
    );
    // The records whose secrets the config knows (bot token, BILLmanager secret) went out.
    expect(refused.stderr).toMatch(/sent 4 · 2xx 4 .* refused \(masked secret\) 2/);
    // …and with them every record goes out with the real values, the config's put back by itself.
    const flags = [
      '--query-env',
      'access_token=ADHOC_AT',
      ...credentials.flatMap(([k, v]) => ['--header', `${k}: ${v}`]),
    ];
    const replayed = await cli('replay', ['--verbose', 'replay', capture, '--to', target.url, ...flags], dir, {
      ADHOC_AT: ADHOC.accessToken,
    });
    expect(replayed.exitCode, replayed.stderr).toBe(0);
    const json = await cli(
      'replay --json',
      ['--verbose', 'replay', capture, '--json', '--to', target.url, ...flags],
      dir,
      { ADHOC_AT: ADHOC.accessToken },
    );
    expect(json.exitCode).toBe(0);
    expect((await target.stop()).exitCode).toBe(0);
    const arrived = await records(join(dir, 'replayed.ndjson'));
    // The refused run still sent the records it could restore from the config; the two full runs sent all six.
    expect(arrived.length).toBeGreaterThanOrEqual(12);
    for (const r of arrived) expect(JSON.stringify(r)).not.toContain('***');
    expect(arrived.find((r) => r.method === 'POST' && r.path.startsWith('/helpdeskeddy/'))).toMatchObject({
      path: `/helpdeskeddy/${S.HDE_BOT_TOKEN}`,
      query: `access_token=${ADHOC.accessToken}&x=1`,
      headers: { 'x-auth-token': ADHOC.authToken, cookie: `sid=${ADHOC.cookie}` },
    });
    expect(arrived.find((r) => r.path === '/mancgi/omnidesk_webhook')!.query).toBe(S.BILLMANAGER_SECRET);
    expect(arrived.find((r) => r.method === 'GET')).toMatchObject({
      body: 'a GET with a body',
      repeatedHeaders: { 'x-multi': ['one', 'two'] },
    });

    // capture redact of the file that holds everything in clear.
    const redacted = join(dir, 'committed.ndjson');
    expect((await cli('capture redact', ['capture', 'redact', kept, '-o', redacted])).exitCode).toBe(0);
    const red = await records(redacted);
    expect(red[0]).toMatchObject({
      path: '/helpdeskeddy/***',
      query: 'access_token=***&x=1',
      headers: { authorization: '***', cookie: '***', 'x-auth-token': '***', 'x-forwarded-authorization': '***' },
    });

    // Every output, and every file written except the two the user asked to keep secrets in.
    for (const { what, text } of outputs) expectNoLeak(what, text);
    for (const name of await readdir(dir)) {
      if (name === 'kept.ndjson' || name === 'replayed.ndjson' || name === '.env' || name === 'omnibot.config.json')
        continue;
      expectNoLeak(name, await readFile(join(dir, name), 'utf8'));
    }
  });

  it(
    'outside a project, listen still masks tokens in ' + 'known webhook paths and credential query parameters',
    async () => {
      const capture = join(outside, 'out.ndjson');
      const l = await startListen(['--capture', capture, '--json'], { cwd: outside });
      const base = l.url.replace(/\/$/, '');
      expect(
        await send(
          `${base}/api/bots/helpdeskeddy_bot/webhook/${S.HDE_BOT_TOKEN}?token=${ADHOC.accessToken}`,
          'POST',
          '{}',
          [['x-api-key', ADHOC.authToken]],
        ),
      ).toBe(200);
      expect(await send(`${base}/mancgi/omnidesk_webhook?${S.BILLMANAGER_SECRET}`, 'POST', '{}', [])).toBe(200);
      const done = await l.stop();
      for (const text of [done.stdout, done.stderr, await readFile(capture, 'utf8')]) expectNoLeak('outside', text);
      expect((await records(capture)).map((r) => `${r.path}?${r.query}`)).toEqual([
        '/api/bots/helpdeskeddy_bot/webhook/***?token=***',
        '/mancgi/omnidesk_webhook?***',
      ]);
    },
  );
});
