import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { registry } from '../../helpers/registry.js';
import type { OmnideskBotIntegration } from '../../../src/integrations/omnidesk-bot/schema.js';
import { ConfigError } from '../../../src/core/errors.js';
import { clearSecrets, redact } from '../../../src/core/io/secrets.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('omnibot-config-')));
afterEach(async () => {
  clearSecrets();
  await cleanup();
});

const BOT = {
  recipe: 'omnidesk-bot',
  name: 'wikibot',
  webhookUrl: 'https://bot.example.com/omnidesk',
  label: 'wikibot',
  agent: 'operator@acme.ru',
};

function config(omnidesk: Record<string, unknown> = {}) {
  return {
    omnidesk: { url: 'acme', email: 'admin@acme.ru', apiKey: '${OMNIDESK_API_KEY}', ...omnidesk },
    integrations: [BOT],
  };
}

async function write(rel: string, content: unknown): Promise<string> {
  const file = join(dir, rel);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const env = { OMNIDESK_API_KEY: 'key-from-env-123' };

describe('finding the config', () => {
  it.each([
    ['omnibot.config.json', JSON.stringify(config())],
    ['.omnibotrc.json', JSON.stringify(config())],
    ['.omnibotrc', JSON.stringify(config())],
    [
      'omnibot.config.yaml',
      'omnidesk:\n  url: acme\n  email: admin@acme.ru\n  apiKey: ${OMNIDESK_API_KEY}\nintegrations: []\n',
    ],
    ['package.json', JSON.stringify({ name: 'x', omnibot: config() })],
  ])('reads %s', async (name, text) => {
    const file = await write(name, text);
    const loaded = await loadConfig({ registry, cwd: dir, env, flags: {} });
    expect(loaded.file).toBe(file);
    expect(loaded.config?.omnidesk?.url).toBe('https://acme.omnidesk.ru');
    expect(loaded.stateFile).toBe(join(dir, '.omnibot', 'state.json'));
  });

  it('searches upward from a subfolder to the project root', async () => {
    await write('package.json', JSON.stringify({ name: 'x' }));
    const file = await write('omnibot.config.json', config());
    await mkdir(join(dir, 'src', 'deep'), { recursive: true });
    const loaded = await loadConfig({ registry, cwd: join(dir, 'src', 'deep'), env, flags: {} });
    expect(loaded.file).toBe(file);
    expect(loaded.dir).toBe(dir);
  });

  it('reads --config, and names a --config that does not exist', async () => {
    const file = await write('conf/mine.json', config());
    expect((await loadConfig({ registry, cwd: dir, env, flags: { config: 'conf/mine.json' } })).file).toBe(file);
    await expect(loadConfig({ registry, cwd: dir, env, flags: { config: 'nope.json' } })).rejects.toThrow(
      'Config file not found: nope.json',
    );
  });

  it('says where it searched when there is no config, unless it is optional', async () => {
    const err = await loadConfig({ registry, cwd: dir, env, flags: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain('No omnibot config found');
    expect((err as ConfigError).hint).toContain('omnibot init');
    expect((await loadConfig({ registry, cwd: dir, env, flags: {}, required: false })).config).toBeUndefined();
  });

  it('reports malformed JSON and YAML in one line as file:line:column and the reason', async () => {
    const json = await write('omnibot.config.json', '{"integrations": [');
    const err = (await loadConfig({ registry, cwd: dir, env, flags: {} }).catch((e: unknown) => e)) as ConfigError;
    expect(err.message).toContain(`${json}:1:19: `);
    expect(err.message).not.toContain('\n');
    const yaml = await write('bad.yaml', 'integrations:\n  - recipe: omnidesk-bot\n   name: x\n');
    const yerr = (await loadConfig({ registry, cwd: dir, env, flags: { config: yaml } }).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(yerr.message).toBe(`${yaml}:3:4: bad indentation of a sequence entry`);
  });
});

describe('validation', () => {
  it('names an unknown recipe and the known ones', async () => {
    await write('omnibot.config.json', { ...config(), integrations: [{ ...BOT, recipe: 'omnidesk-bott' }] });
    await expect(loadConfig({ registry, cwd: dir, env, flags: {} })).rejects.toThrow(
      /integrations\[0\] \(wikibot\)\.recipe: unknown recipe "omnidesk-bott" \(did you mean "omnidesk-bot"\?\); known: omnidesk-bot/,
    );
  });

  it.each([
    ['webhookUrl', 'http://bot.example.com/x', /webhookUrl: must use https/],
    ['label', '', /label: must not be empty/],
    ['label', 'x'.repeat(101), /label: must be at most 100 characters/],
  ])('rejects %s = %j', async (key, value, message) => {
    await write('omnibot.config.json', { ...config(), integrations: [{ ...BOT, [key]: value }] });
    await expect(loadConfig({ registry, cwd: dir, env, flags: {} })).rejects.toThrow(message);
  });

  it('lists every problem on its own line, with a did-you-mean for a misspelled key', async () => {
    const { label: _label, ...rest } = BOT;
    await write('omnibot.config.json', { ...config(), integrations: [{ ...rest, lable: 'x' }], omnidsek: {} });
    const err = (await loadConfig({ registry, cwd: dir, env, flags: {} }).catch((e: unknown) => e)) as ConfigError;
    const lines = err.message.split('\n');
    expect(lines[0]).toMatch(/omnibot\.config\.json: 3 problems:$/);
    expect(lines.slice(1).sort()).toEqual(
      [
        '  - (root): unknown key "omnidsek" (did you mean "omnidesk"?)',
        '  - integrations[0] (wikibot).label: is required (string)',
        '  - integrations[0] (wikibot): unknown key "lable" (did you mean "label"?)',
      ].sort(),
    );
  });

  it('allows an http webhook URL on loopback', async () => {
    await write('omnibot.config.json', {
      ...config(),
      integrations: [{ ...BOT, webhookUrl: 'http://127.0.0.1:8080/bot' }],
    });
    const loaded = await loadConfig({ registry, cwd: dir, env, flags: {} });
    expect((loaded.config!.integrations[0] as OmnideskBotIntegration).webhookUrl).toBe('http://127.0.0.1:8080/bot');
  });
});

describe('secrets and precedence', () => {
  it('reads ${VAR} from the environment first, then from .env beside the config', async () => {
    await write('omnibot.config.json', config());
    await write('.env', 'OMNIDESK_API_KEY=key-from-dotenv-456\n');
    expect((await loadConfig({ registry, cwd: dir, env: {}, flags: {} })).config!.omnidesk!.apiKey).toBe(
      'key-from-dotenv-456',
    );
    expect((await loadConfig({ registry, cwd: dir, env, flags: {} })).config!.omnidesk!.apiKey).toBe(
      'key-from-env-123',
    );
  });

  it('names the field and the variable when ${VAR} is unset', async () => {
    await write('omnibot.config.json', config());
    const err = (await loadConfig({ registry, cwd: dir, env: {}, flags: {} }).catch((e: unknown) => e)) as ConfigError;
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('omnidesk.apiKey uses ${OMNIDESK_API_KEY}, but OMNIDESK_API_KEY is not set');
  });

  it('warns about a literal secret, and redacts it from then on', async () => {
    await write('omnibot.config.json', config({ apiKey: 'literal-key-789' }));
    const loaded = await loadConfig({ registry, cwd: dir, env: {}, flags: {} });
    expect(loaded.warnings.join('\n')).toContain('omnidesk.apiKey holds a literal secret');
    expect(redact('the key is literal-key-789')).toBe('the key is ***');
  });

  it('applies flags over environment over file over defaults', async () => {
    await write('omnibot.config.json', config({ url: 'https://file.omnidesk.ru' }));
    const fileOnly = await loadConfig({ registry, cwd: dir, env, flags: {} });
    expect(fileOnly.config!.omnidesk!.url).toBe('https://file.omnidesk.ru');
    expect((fileOnly.config!.integrations[0] as OmnideskBotIntegration).replyAsNote).toBe(false);

    const envOver = await loadConfig({
      registry,
      cwd: dir,
      env: { ...env, OMNIBOT_OMNIDESK_URL: 'env-acct' },
      flags: {},
    });
    expect(envOver.config!.omnidesk!.url).toBe('https://env-acct.omnidesk.ru');

    const flagOver = await loadConfig({
      registry,
      cwd: dir,
      env: { ...env, OMNIBOT_OMNIDESK_URL: 'env-acct' },
      flags: {},
      overrides: { 'omnidesk.url': 'http://127.0.0.1:4000' },
    });
    expect(flagOver.config!.omnidesk!.url).toBe('http://127.0.0.1:4000');
  });
});

describe('allowUnsetVars (for offline commands such as steps)', () => {
  it('keeps an unset ${VAR} as written and does not treat the placeholder as a secret', async () => {
    await write('omnibot.config.json', config());
    const loaded = await loadConfig({ registry, cwd: dir, env: {}, flags: {}, allowUnsetVars: true });
    expect(loaded.config!.omnidesk!.apiKey).toBe('${OMNIDESK_API_KEY}');
    expect(redact('${OMNIDESK_API_KEY}')).toBe('${OMNIDESK_API_KEY}');
  });
});
