/**
 * `omnibot init` for every recipe, through main() without a terminal, against an
 * in-process sandbox (both helpdesks): helpdeskeddy-bot with its bot token made into .env and
 * never shown, `--append` of Omnidesk recipes to an existing config without losing a byte of
 * meaning, a duplicate name, and each recipe's missing flags.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../../../src/config/env-file.js';
import { botConfig, SANDBOX_KEY, useBotProject } from '../../../helpers/project.js';
import { useSandbox } from '../../../helpers/sandbox.js';

const sandbox = useSandbox();
let hde: string;
beforeAll(() => {
  hde = sandbox.helpdeskeddy.url;
});
const project = useBotProject(() => undefined);

const TOKEN_URL = 'https://bot.example.com/api/bots/helpdeskeddy_bot/webhook/${HDE_BOT_TOKEN}';
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, any>;
const readEnv = async () => parseEnvFile(await readFile(join(project.dir, '.env'), 'utf8'));
const hdeFlags = (...extra: string[]) => [
  'init',
  '--recipe',
  'helpdeskeddy-bot',
  '--url',
  hde,
  '--email',
  'admin@sandbox.test',
  '--webhook-url',
  TOKEN_URL,
  ...extra,
];
const HDE_ENV = { HDE_API_KEY: SANDBOX_KEY, HDE_BOT_TOKEN: '' };

describe('init --recipe helpdeskeddy-bot (no terminal)', () => {
  it(
    'checks the admin key live, writes the config, makes HDE_BOT_TOKEN in .env (0600) without showing it; plan ' +
      'works on it',
    async () => {
      const r = await project.run(hdeFlags('--agent', 'operator@sandbox.test', '--write-env'), HDE_ENV);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toContain('admin@sandbox.test (user 1) is staff');
      expect(await readJson(project.configFile)).toEqual({
        helpdeskeddy: { url: hde, email: 'admin@sandbox.test', apiKey: '${HDE_API_KEY}' },
        integrations: [
          {
            recipe: 'helpdeskeddy-bot',
            name: 'hde',
            token: '${HDE_BOT_TOKEN}',
            webhookUrl: TOKEN_URL,
            agent: 'operator@sandbox.test',
          },
        ],
      });
      const env = await readEnv();
      expect(env.HDE_BOT_TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await stat(join(project.dir, '.env'))).mode & 0o777).toBe(0o600);
      expect(r.stdout).toContain('wrote .env (HDE_API_KEY, HDE_BOT_TOKEN, mode 0600)');
      expect(r.stdout + r.stderr).not.toContain(env.HDE_BOT_TOKEN);
      expect(r.stdout + r.stderr).not.toContain(SANDBOX_KEY);
      // token generate's own bookkeeping: the fingerprint in state, never the token.
      const state = await readFile(join(project.dir, '.omnibot', 'state.json'), 'utf8');
      expect(JSON.parse(state).tokens.hde.fingerprint).toMatch(/^sha256:/);
      expect(state).not.toContain(env.HDE_BOT_TOKEN);

      const plan = await project.run(['plan', '--json'], { HDE_API_KEY: SANDBOX_KEY });
      expect(plan.exitCode, plan.stderr).toBe(0);
      const resources = (JSON.parse(plan.stdout) as { resources: Array<{ resource: string; status: string }> })
        .resources;
      for (const id of ['admin-key', 'bot-token', 'agent'])
        expect(resources.find((x) => x.resource === id)?.status, id).toBe('ok');
      expect(plan.stdout + plan.stderr).not.toContain(env.HDE_BOT_TOKEN);
    },
  );

  it(
    '--helpdesk helpdeskeddy picks the recipe; without --write-env no token is made and the command to make it is ' +
      'named',
    async () => {
      const r = await project.run(
        [
          'init',
          '--helpdesk',
          'helpdeskeddy',
          '--url',
          hde,
          '--email',
          'admin@sandbox.test',
          '--webhook-url',
          TOKEN_URL,
          '--json',
        ],
        HDE_ENV,
      );
      expect(r.exitCode, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout) as Record<string, any>;
      expect(doc).toMatchObject({
        recipe: 'helpdeskeddy-bot',
        helpdesk: 'helpdeskeddy',
        integration: 'hde',
        sandbox: true,
        appended: false,
        agent: null,
      });
      expect(doc.next[0]).toEqual([
        'omnibot token generate --name hde',
        // The wizard speaks Russian by default, as the steps do.
        'создать HDE_BOT_TOKEN в .env; конфиг читает его оттуда',
      ]);
      expect((await readJson(project.configFile)).integrations[0]).not.toHaveProperty('agent');
      await expect(stat(join(project.dir, '.env'))).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );

  it('keeps a token .env already holds instead of replacing it', async () => {
    const existing = 'an-existing-bot-token-0123456789-abcdefghijk';
    await writeFile(join(project.dir, '.env'), `HDE_BOT_TOKEN=${existing}\n`);
    const r = await project.run(hdeFlags('--write-env'), HDE_ENV);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('HDE_BOT_TOKEN уже задан');
    expect((await readEnv()).HDE_BOT_TOKEN).toBe(existing);
    expect(r.stdout + r.stderr).not.toContain(existing);
  });

  it.each([
    [['--agent', 'client@sandbox.test'], '--agent: no staff user "client@sandbox.test"'],
    [['--webhook-url', 'http://bot.example.com/webhook/${HDE_BOT_TOKEN}'], '--webhook-url: must use https'],
    [
      ['--webhook-url', 'https://${HDE_BOT_TOKEN}.example.com/x'],
      '--webhook-url: must have ${HDE_BOT_TOKEN} in its path or query',
    ],
    [['--webhook-url', 'https://bot.example.com/${OTHER}'], '--webhook-url: may contain only ${HDE_BOT_TOKEN}'],
    [['--helpdesk', 'omnidesk'], '--helpdesk: the recipe helpdeskeddy-bot is for helpdeskeddy, not omnidesk'],
  ])('rejects %j with exit 2 naming the flag, writing nothing', async (extra, message) => {
    const r = await project.run(hdeFlags(...extra), HDE_ENV);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    await expect(stat(project.configFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a wrong HDE key is exit 3, never shown', async () => {
    const key = 'wrong-hde-key-4242424242';
    const r = await project.run(hdeFlags(), { HDE_API_KEY: key });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('admin@sandbox.test');
    expect(r.stdout + r.stderr).not.toContain(key);
  });
});

describe('init --append (no terminal)', () => {
  const original = () => botConfig(sandbox.omnidesk.url);
  beforeEach(() => writeFile(project.configFile, JSON.stringify(original(), null, 2)));

  it('adds a custom channel to an omnidesk-bot config, reusing its connection and keeping the bot intact', async () => {
    const r = await project.run([
      'init',
      '--append',
      '--recipe',
      'omnidesk-custom-channel',
      '--title',
      'Mobile app',
      '--webhook-url',
      'https://app.example.com/omnidesk/replies',
      '--type',
      'sync',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('wrote omnibot.config.json (added "mobile-app")');
    const config = await readJson(project.configFile);
    expect(config).toEqual({
      ...original(),
      integrations: [
        original().integrations[0],
        {
          recipe: 'omnidesk-custom-channel',
          name: 'mobile-app',
          title: 'Mobile app',
          webhookUrl: 'https://app.example.com/omnidesk/replies',
          type: 'sync',
        },
      ],
    });
    const plan = await project.run(['plan', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(0);
  });

  it('adds billmanager with its secret made into .env, and chaport naming the status map', async () => {
    const bm = await project.run([
      'init',
      '--append',
      '--recipe',
      'billmanager',
      '--billmanager-url',
      'my.example.com',
      '--integration-staff',
      'operator@sandbox.test',
      '--write-env',
    ]);
    expect(bm.exitCode, bm.stderr).toBe(0);
    const secret = (await readEnv()).BILLMANAGER_SECRET!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(bm.stdout + bm.stderr).not.toContain(secret);
    const plan = await project.run(['plan', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(plan.stdout + plan.stderr).not.toContain(secret);
    const chaport = await project.run(['init', '--append', '--recipe', 'chaport']);
    expect(chaport.exitCode, chaport.stderr).toBe(0);
    expect(chaport.stderr).toContain('omnibot chaport status-map');
    const config = await readJson(project.configFile);
    expect(config.integrations).toEqual([
      original().integrations[0],
      {
        recipe: 'billmanager',
        name: 'billmanager',
        billmanagerUrl: 'https://my.example.com',
        secret: '${BILLMANAGER_SECRET}',
        integrationStaff: 'operator@sandbox.test',
      },
      { recipe: 'chaport', name: 'chaport' },
    ]);
    // The seeded custom statuses' chat access is not readable, so plan reads the chaport part as unknown (exit 1), not
    // a config error.
    const after = await project.run(['plan', '--json']);
    expect(after.exitCode, after.stderr).toBe(1);
    const statuses = (
      JSON.parse(after.stdout) as { resources: Array<{ integration: string; resource: string; status: string }> }
    ).resources.find((x) => x.integration === 'chaport');
    expect(statuses).toMatchObject({ resource: 'staff-statuses', status: 'unknown' });
  });

  it('adds helpdeskeddy-bot to an Omnidesk config with a new helpdeskeddy section', async () => {
    const r = await project.run(hdeFlags('--append'), HDE_ENV);
    expect(r.exitCode, r.stderr).toBe(0);
    const config = await readJson(project.configFile);
    expect(Object.keys(config)).toEqual(['omnidesk', 'helpdeskeddy', 'integrations']);
    expect(config.omnidesk).toEqual(original().omnidesk);
    expect(config.integrations.map((i: { name: string }) => i.name)).toEqual(['wikibot', 'hde']);
  });

  it('a duplicate name is exit 2 naming --name, and the file is byte for byte as it was', async () => {
    const before = await readFile(project.configFile, 'utf8');
    for (const args of [
      ['--recipe', 'chaport', '--name', 'wikibot'],
      [
        '--recipe',
        'omnidesk-bot',
        '--agent',
        'operator@sandbox.test',
        '--label',
        'wikibot',
        '--webhook-url',
        'https://bot.example.com/2',
      ],
    ]) {
      const r = await project.run(['init', '--append', ...args]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('--name: omnibot.config.json already has an integration named "wikibot"');
    }
    expect(await readFile(project.configFile, 'utf8')).toBe(before);
  });

  it('a --url that contradicts the config is exit 2; without --append the file is refused', async () => {
    const other = await project.run(['init', '--append', '--recipe', 'chaport', '--url', 'https://other.omnidesk.ru']);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toContain('--url: the config already connects to');
    const refused = await project.run(['init', '--recipe', 'chaport']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('Pass --append');
  });
});

describe('init without a terminal names the missing flags of each recipe', () => {
  it.each([
    [['--recipe', 'helpdeskeddy-bot'], 'missing --url, --email, --webhook-url,'],
    [['--recipe', 'omnidesk-custom-channel'], 'missing --url, --email, --title, --webhook-url,'],
    [['--recipe', 'billmanager'], 'missing --url, --email, --billmanager-url,'],
    [['--recipe', 'chaport'], 'missing --url, --email,'],
  ])('%j', async (args, message) => {
    const r = await project.run(['init', ...args]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`init: ${message} and no terminal to ask.`);
  });

  it('with an Omnidesk connection in the appended config, only the recipe flags', async () => {
    await writeFile(project.configFile, JSON.stringify(botConfig(sandbox.omnidesk.url)));
    for (const [recipe, message] of [
      ['omnidesk-custom-channel', 'missing --title, --webhook-url,'],
      ['billmanager', 'missing --billmanager-url,'],
    ] as const) {
      const r = await project.run(['init', '--append', '--recipe', recipe, '--no-input']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`init: ${message} and no terminal to ask.`);
    }
  });
});
