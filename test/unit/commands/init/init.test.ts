import { Readable } from 'node:stream';
/**
 * `omnibot init`: main() without a terminal (flags and an env key), and the wizard at a
 * terminal, driven through @inquirer/testing's screen (real prompts rendered to a virtual
 * screen, the real client against an in-process sandbox).
 */
import { screen } from '@inquirer/testing/vitest';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { initOptionsSchema } from '../../../../src/commands/init/action.js';
import { parseEnvFile } from '../../../../src/config/env-file.js';
import { run } from '../../../../src/commands/init/run.js';
import { createContext } from '../../../../src/commands/context.js';
import { type Context } from '../../../../src/kit/context.js';
import { CancelledError } from '../../../../src/core/errors.js';
import { InquirerPrompter } from '../../../../src/core/io/prompter.js';
import { botConfig, SANDBOX_KEY, useBotProject } from '../../../helpers/project.js';
import { resetSandbox, useSandbox } from '../../../helpers/sandbox.js';

const sandbox = useSandbox();
const project = useBotProject(() => undefined);
beforeEach(() => resetSandbox(sandbox));

function flags(over: Record<string, string | undefined> = {}): string[] {
  const all: Record<string, string | undefined> = {
    '--url': sandbox.omnidesk.url,
    '--email': 'admin@sandbox.test',
    '--agent': 'operator@sandbox.test',
    '--label': 'wikibot',
    '--webhook-url': 'https://bot.example.com/omnidesk',
    ...over,
  };
  return Object.entries(all).flatMap(([k, v]) => (v === undefined ? [] : [k, v]));
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, any>;

describe('omnibot init, non-interactive', () => {
  it('checks the credentials live and writes the config with the key as ${VAR}', async () => {
    const r = await project.run(['init', ...flags()]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('wrote omnibot.config.json');
    expect(r.stderr).toContain('The API accepts the key of admin@sandbox.test');
    const config = await readJson(project.configFile);
    expect(config).toEqual({
      omnidesk: { url: sandbox.omnidesk.url, email: 'admin@sandbox.test', apiKey: '${OMNIDESK_API_KEY}' },
      integrations: [
        {
          recipe: 'omnidesk-bot',
          name: 'wikibot',
          webhookUrl: 'https://bot.example.com/omnidesk',
          label: 'wikibot',
          agent: 'operator@sandbox.test',
          replyAsNote: false,
        },
      ],
    });
    expect(await readFile(project.configFile, 'utf8')).not.toContain(SANDBOX_KEY);
    const plan = await project.run(['plan', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(0);
  });

  it('reads the key from the variable --api-key-env names, and honours --name, --reply-as-note, --output', async () => {
    const r = await project.run(
      [
        'init',
        ...flags(),
        '--api-key-env',
        'MY_KEY',
        '--name',
        'helper',
        '--reply-as-note',
        '--output',
        'conf/omni.json',
        '--json',
      ],
      {
        OMNIDESK_API_KEY: '',
        MY_KEY: SANDBOX_KEY,
      },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ integration: 'helper', labelExists: false, sandbox: true });
    const config = await readJson(join(project.dir, 'conf', 'omni.json'));
    expect(config.omnidesk.apiKey).toBe('${MY_KEY}');
    expect(config.integrations[0]).toMatchObject({ name: 'helper', replyAsNote: true });
  });

  it(
    'writes .env (0600) and git-ignores .env and .omnibot/ ' + 'with --write-env; the CI workflow with --ci github',
    async () => {
      await writeFile(join(project.dir, '.gitignore'), 'node_modules\n');
      const r = await project.run(['init', ...flags(), '--write-env', '--ci', 'github']);
      expect(r.exitCode, r.stderr).toBe(0);
      const env = join(project.dir, '.env');
      expect(await readFile(env, 'utf8')).toBe(`OMNIDESK_API_KEY=${SANDBOX_KEY}\n`);
      expect((await stat(env)).mode & 0o777).toBe(0o600);
      expect(await readFile(join(project.dir, '.gitignore'), 'utf8')).toBe(
        'node_modules\n.env\n.omnibot/state.json\n.omnibot/*.lock\n.omnibot/*.tmp\n.omnibot/account-*.json\n',
      );
      const workflow = await readFile(join(project.dir, '.github', 'workflows', 'omnibot.yml'), 'utf8');
      expect(workflow).toContain('omnibot verify --config "$CONFIG" --reporter junit --output omnibot-junit.xml');
      // One verify run gives both reports; the page is kept even when verify fails.
      expect(workflow).toContain('--output omnibot-junit.xml --html omnibot-report.html\n');
      const keep = workflow.slice(workflow.indexOf('- name: Keep the HTML report'));
      expect(keep).toMatch(/^- name: Keep the HTML report\n\s+if: always\(\)\n\s+uses: actions\/upload-artifact@v4\n/);
      expect(keep).toMatch(/name: omnibot-report-\$\{\{ strategy\.job-index \}\}\n\s+path: omnibot-report\.html\n/);
      expect(workflow).toContain('npm install --global --no-audit --no-fund "$OMNIBOT_PACKAGE"');
      expect(workflow).not.toContain('npm ci');
      expect(workflow).toContain('OMNIDESK_API_KEY: ${{ secrets.OMNIDESK_API_KEY }}');
      expect(r.stdout + r.stderr).not.toContain(SANDBOX_KEY);
    },
  );

  it('--ci github on an existing config writes only the workflow; a second config joins its matrix', async () => {
    await writeFile(project.configFile, JSON.stringify(botConfig(sandbox.omnidesk.url), null, 2));
    const before = await readFile(project.configFile, 'utf8');
    const r = await project.run(['init', '--ci', 'github', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ciOnly: true, files: [{ path: '.github/workflows/omnibot.yml' }] });
    expect(await readFile(project.configFile, 'utf8')).toBe(before);
    const second = join(project.dir, 'accounts', 'b.json');
    await mkdir(join(project.dir, 'accounts'));
    const other = { ...botConfig(sandbox.omnidesk.url), omnidesk: { url: 'b', email: 'a@b.c', apiKey: '${B_KEY}' } };
    await writeFile(second, JSON.stringify(other));
    const again = await project.run(['init', '--ci', 'github', '--output', 'accounts/b.json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('added accounts/b.json to the matrix; repository secrets: OMNIDESK_API_KEY, B_KEY');
    const workflow = await readFile(join(project.dir, '.github', 'workflows', 'omnibot.yml'), 'utf8');
    expect(workflow).toContain('          - "omnibot.config.json"\n          - "accounts/b.json"\n');
    expect(workflow).toContain('B_KEY: ${{ secrets.B_KEY }}');
    expect(await readFile(join(project.dir, '.github', 'workflows', 'omnibot.yml.bak'), 'utf8')).not.toContain('B_KEY');
  });

  it('--ci github refuses a workflow omnibot did not write, unless --force', async () => {
    await writeFile(project.configFile, JSON.stringify(botConfig(sandbox.omnidesk.url), null, 2));
    const file = join(project.dir, '.github', 'workflows', 'omnibot.yml');
    await mkdir(join(project.dir, '.github', 'workflows'), { recursive: true });
    await writeFile(file, 'name: mine\non: push\njobs: {}\n');
    const r = await project.run(['init', '--ci', 'github']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('.github/workflows/omnibot.yml exists and was not written by omnibot');
    expect(await readFile(file, 'utf8')).toBe('name: mine\non: push\njobs: {}\n');
  });

  it('refuses to overwrite a config without --force, and keeps a .bak with it', async () => {
    await writeFile(project.configFile, '{"mine": true}\n');
    const refused = await project.run(['init', ...flags()]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('omnibot.config.json already exists; nothing was changed.');
    expect(refused.stderr).toContain('--force');
    expect(await readFile(project.configFile, 'utf8')).toBe('{"mine": true}\n');

    const forced = await project.run(['init', ...flags(), '--force']);
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(await readFile(`${project.configFile}.bak`, 'utf8')).toBe('{"mine": true}\n');
    expect((await readJson(project.configFile)).integrations).toHaveLength(1);
  });

  it('names every missing flag with exit 2 when there is no terminal, before any network call', async () => {
    const r = await project.run(['init', '--url', 'http://127.0.0.1:9']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('init: missing --email, --agent, --label, --webhook-url, and no terminal to ask.');
    const nokey = await project.run(['init', ...flags()], { OMNIDESK_API_KEY: '' });
    expect(nokey.exitCode).toBe(2);
    expect(nokey.stderr).toContain('--api-key-env: OMNIDESK_API_KEY is not set');
  });

  it.each([
    [{ '--webhook-url': 'http://bot.example.com/x' }, '--webhook-url: must use https'],
    [{ '--label': 'x'.repeat(101) }, '--label: must be at most 100 characters'],
    [{ '--label': ' ' }, '--label: must not be empty'],
    [{ '--email': 'admin' }, '--email: is not an e-mail address'],
    [{ '--agent': 'support@sandbox.test' }, '--agent: support@sandbox.test is inactive'],
    [{ '--agent': 'nobody@sandbox.test' }, '--agent: no staff member "nobody@sandbox.test"'],
  ])('rejects %j with exit 2 naming the flag', async (over, message) => {
    const r = await project.run(['init', ...flags(over)]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    await expect(stat(project.configFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a wrong key is exit 3, the key is nowhere in the output, and nothing is written', async () => {
    const key = 'wrong-init-key-31337';
    const r = await project.run(['init', ...flags()], { OMNIDESK_API_KEY: key });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('admin@sandbox.test');
    expect(r.stdout + r.stderr).not.toContain(key);
    await expect(stat(project.configFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('an unreachable helpdesk is exit 1, naming the URL and --url (there is no config yet)', async () => {
    const r = await project.run(['init', ...flags({ '--url': 'http://127.0.0.1:9' })]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('http://127.0.0.1:9');
    expect(r.stderr).toContain('hint: Check --url (http://127.0.0.1:9) and your network connection');
    expect(r.stderr).not.toContain('in the config');
    await expect(stat(project.configFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

let stderr = '';

function terminalContext(): Context {
  stderr = '';
  return createContext(
    {},
    {
      cwd: project.dir,
      prompter: new InquirerPrompter({}),
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: Object.assign(Readable.from([]), { isTTY: true }),
      env: {},
      signal: new AbortController().signal,
    },
  );
}

/** Waits until the prompt on screen shows `text` (prompts come after async work such as the live check). */
async function waitFor(text: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const shown = screen.getScreen();
    if (shown.includes(text)) return shown;
    await screen.next();
  }
  throw new Error(`never saw "${text}"; screen:\n${screen.getScreen()}`);
}

async function answer(prompt: string, typed: string): Promise<void> {
  await waitFor(prompt);
  if (typed) screen.type(typed);
  screen.keypress('enter');
}

describe('omnibot init at a terminal', () => {
  it('asks every question, re-asks after a refused key, offers staff and labels, and writes the files', async () => {
    const done = run(initOptionsSchema.parse({ lang: 'en' }), terminalContext());

    // The recipe comes first; omnidesk-bot is the default, and the helpdesk follows from it.
    const recipes = await waitFor('What do you want to connect?');
    for (const name of ['omnidesk-bot', 'helpdeskeddy-bot', 'omnidesk-custom-channel', 'billmanager', 'chaport'])
      expect(recipes).toContain(name);
    screen.keypress('enter');
    await answer('Omnidesk account', 'http://127.0.0.1:9');
    await answer('E-mail of the staff member', 'admin@sandbox.test');
    await waitFor('API key (hidden');
    screen.type('a-wrong-key-555');
    expect(screen.getScreen()).not.toContain('a-wrong-key-555');
    screen.keypress('enter');

    // Nothing listens there: the wizard says why and asks for the address alone again.
    await answer('Omnidesk account', sandbox.omnidesk.url);

    // The sandbox refuses it: the wizard says why and asks again, the e-mail pre-filled.
    await answer('E-mail of the staff member', '');
    await answer('API key (hidden', 'sandbox-api-key');

    const agents = await waitFor('Agent:');
    expect(agents).toContain('Администратор <admin@sandbox.test>');
    expect(agents).not.toContain('support@sandbox.test');
    screen.keypress('down');
    screen.keypress('enter');

    const labels = await waitFor('Label:');
    expect(labels).toContain('A new label');
    screen.keypress('enter');
    await answer('Title of the new label', 'wikibot');
    await answer("The bot's webhook URL", 'https://bot.example.com/omnidesk');
    await answer('as a note', 'y');
    await answer('A short name', '');
    await answer('Save the key as OMNIDESK_API_KEY in .env', '');
    await waitFor('Check the setup in CI too?');
    screen.keypress('up');
    screen.keypress('enter');

    const result = await done;
    expect(result).toMatchObject({
      integration: 'wikibot',
      agent: 'operator@sandbox.test',
      label: 'wikibot',
      labelExists: false,
    });
    expect(stderr).toContain('Cannot reach Omnidesk at http://127.0.0.1:9: the connection was refused');
    expect(stderr).toContain('refused the API key of admin@sandbox.test');
    expect(stderr).not.toContain('a-wrong-key-555');

    const config = JSON.parse(await readFile(join(project.dir, 'omnibot.config.json'), 'utf8')) as Record<string, any>;
    expect(config.omnidesk.apiKey).toBe('${OMNIDESK_API_KEY}');
    expect(config.integrations[0]).toMatchObject({
      agent: 'operator@sandbox.test',
      label: 'wikibot',
      replyAsNote: true,
      name: 'wikibot',
    });
    expect(await readFile(join(project.dir, '.env'), 'utf8')).toBe('OMNIDESK_API_KEY=sandbox-api-key\n');
    const workflow = await readFile(join(project.dir, '.github', 'workflows', 'omnibot.yml'), 'utf8');
    expect(workflow).toContain('OMNIDESK_API_KEY: ${{ secrets.OMNIDESK_API_KEY }}');
    expect(await readFile(join(project.dir, '.gitignore'), 'utf8')).toBe(
      '.env\n.omnibot/state.json\n.omnibot/*.lock\n.omnibot/*.tmp\n.omnibot/account-*.json\n',
    );
  });

  it(
    'helpdeskeddy-bot: picks the recipe, checks the admin key, offers staff, and makes the bot token into .env ' +
      'unseen',
    async () => {
      const hde = sandbox.helpdeskeddy.url;
      const done = run(initOptionsSchema.parse({ lang: 'en' }), terminalContext());
      await waitFor('What do you want to connect?');
      screen.keypress('down');
      screen.keypress('enter');
      await answer('HelpDeskEddy account', hde);
      await answer('E-mail of the staff member', 'admin@sandbox.test');
      await waitFor('API key (hidden; the config will read it from ${HDE_API_KEY})');
      screen.type('sandbox-api-key');
      expect(screen.getScreen()).not.toContain('sandbox-api-key');
      screen.keypress('enter');

      const agents = await waitFor('Agent:');
      expect(agents).toContain('Оператор <operator@sandbox.test>');
      expect(agents).not.toContain('client@sandbox.test');
      screen.keypress('down');
      screen.keypress('enter');
      await waitFor("The bot's webhook URL; write ${HDE_BOT_TOKEN} where the token goes");
      // A token in the host is refused at the prompt, and the person types again.
      screen.type('https://${HDE_BOT_TOKEN}.example.com/');
      screen.keypress('enter');
      await waitFor('in its path or query, not its host');
      for (let i = 0; i < 40; i++) screen.keypress('backspace');
      screen.type('https://bot.example.com/api/bots/helpdeskeddy_bot/webhook/${HDE_BOT_TOKEN}');
      screen.keypress('enter');
      await answer('A short name', '');
      await answer('Save the key as HDE_API_KEY and a new bot token as HDE_BOT_TOKEN in .env', '');
      await answer('Check the setup in CI too?', '');

      const result = await done;
      expect(result).toMatchObject({
        recipe: 'helpdeskeddy-bot',
        integration: 'hde',
        agent: 'operator@sandbox.test',
        secret: { envVar: 'HDE_BOT_TOKEN', action: 'generated' },
      });
      const config = JSON.parse(await readFile(join(project.dir, 'omnibot.config.json'), 'utf8')) as Record<
        string,
        any
      >;
      expect(config.helpdeskeddy).toEqual({ url: hde, email: 'admin@sandbox.test', apiKey: '${HDE_API_KEY}' });
      expect(config.integrations[0]).toMatchObject({
        recipe: 'helpdeskeddy-bot',
        name: 'hde',
        token: '${HDE_BOT_TOKEN}',
        agent: 'operator@sandbox.test',
      });
      const env = parseEnvFile(await readFile(join(project.dir, '.env'), 'utf8'));
      expect(env.HDE_API_KEY).toBe('sandbox-api-key');
      expect(env.HDE_BOT_TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(stderr).not.toContain(env.HDE_BOT_TOKEN);
      expect(await screen.getFullOutput()).not.toContain(env.HDE_BOT_TOKEN);
    },
  );

  it(
    'an existing config: offers to add to it, reuses its ' + 'connection, and refuses a taken name at the prompt',
    async () => {
      const first = botConfig(sandbox.omnidesk.url);
      await writeFile(project.configFile, JSON.stringify(first, null, 2));
      const done = run(initOptionsSchema.parse({ recipe: 'omnidesk-custom-channel', lang: 'en' }), terminalContext());
      await answer('omnibot.config.json exists: add the new integration to it?', '');
      // The connection comes from the file; only the key, unset here, is asked.
      await answer('API key (hidden; the config will read it from ${OMNIDESK_API_KEY})', 'sandbox-api-key');
      await answer('Channel title', 'Mobile app');
      await answer("The channel's Webhook URL", 'https://app.example.com/omnidesk/replies');
      await waitFor('Channel type');
      screen.keypress('down');
      screen.keypress('enter');
      await waitFor('A short name');
      for (let i = 0; i < 12; i++) screen.keypress('backspace');
      screen.type('wikibot');
      screen.keypress('enter');
      await waitFor('the config already has an integration named "wikibot"');
      for (let i = 0; i < 7; i++) screen.keypress('backspace');
      screen.type('app');
      screen.keypress('enter');
      await answer('Save the key as OMNIDESK_API_KEY in .env', 'n');
      await answer('Check the setup in CI too?', '');

      expect(await done).toMatchObject({
        recipe: 'omnidesk-custom-channel',
        integration: 'app',
        appended: true,
        type: 'sync',
      });
      const config = JSON.parse(await readFile(project.configFile, 'utf8')) as Record<string, any>;
      expect(config.omnidesk).toEqual(first.omnidesk);
      expect(config.integrations).toEqual([
        first.integrations[0],
        {
          recipe: 'omnidesk-custom-channel',
          name: 'app',
          title: 'Mobile app',
          webhookUrl: 'https://app.example.com/omnidesk/replies',
          type: 'sync',
        },
      ]);
    },
  );

  it('Ctrl-C at a prompt is a cancellation (exit 130) with nothing written; the wizard speaks Russian', async () => {
    const done = run(initOptionsSchema.parse({}), terminalContext());
    expect(await waitFor('Что подключаем?')).toContain('omnidesk-bot: бот отвечает на обращения Omnidesk');
    screen.keypress('enter');
    await answer('Аккаунт Omnidesk', sandbox.omnidesk.url);
    await waitFor('E-mail сотрудника, чей API ключ использует omnibot');
    screen.keypress({ name: 'c', ctrl: true });
    const err = await done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as CancelledError).exitCode).toBe(130);
    await expect(stat(join(project.dir, 'omnibot.config.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(join(project.dir, '.env'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
