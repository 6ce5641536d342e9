import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../../src/config/env-file.js';
import { fingerprint } from '../../../src/core/io/secrets.js';
import { runCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;

const BM_INTEGRATION = {
  recipe: 'billmanager',
  name: 'bm',
  billmanagerUrl: 'https://bm.example.com',
  secret: '${BM_SECRET}',
};

const CONFIG = {
  helpdeskeddy: { url: 'https://acme.helpdeskeddy.com', email: 'admin@acme.ru', apiKey: '${HDE_API_KEY}' },
  integrations: [
    {
      recipe: 'helpdeskeddy-bot',
      name: 'hde',
      token: '${HDE_BOT_TOKEN}',
      webhookUrl: 'https://bot.example.com/api/bots/helpdeskeddy_bot/webhook/${HDE_BOT_TOKEN}',
    },
  ],
};

async function project(config: unknown = CONFIG): Promise<void> {
  await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config, null, 2));
  await writeFile(join(dir, '.env'), 'HDE_API_KEY=hde-api-key-123456\n');
}

const run = (args: string[]) => runCli(args, { cwd: dir });
const env = async () => parseEnvFile(await readFile(join(dir, '.env'), 'utf8'));
const state = async () =>
  JSON.parse(await readFile(join(dir, '.omnibot', 'state.json'), 'utf8')) as { tokens: Record<string, any> };

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('omnibot-token-'));
});
afterEach(() => cleanup());

describe('omnibot token', () => {
  it('generates 32 random bytes into .env (0600), keeps only the fingerprint, and never prints the token', async () => {
    await project();
    const r = await run(['token', 'generate']);
    expect(r.exitCode, r.stderr).toBe(0);
    const token = (await env()).HDE_BOT_TOKEN!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect((await env()).HDE_API_KEY).toBe('hde-api-key-123456');
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain(token);
    expect(r.stderr).toContain(fingerprint(token));
    const s = await state();
    expect(s.tokens.hde).toEqual({ fingerprint: fingerprint(token), createdAt: expect.any(String) });
    expect(JSON.stringify(s)).not.toContain(token);

    // The config now loads: plan sees the generated token by its fingerprint only.
    const steps = await run(['steps', '--format', 'json']);
    expect(steps.exitCode, steps.stderr).toBe(0);
    expect(steps.stdout).not.toContain(token);
    expect(steps.stdout).toContain('/webhook/***');
  });

  it('refuses to replace a token; rotate replaces it, keeps the history and names the step to redo', async () => {
    await project();
    expect((await run(['token', 'generate'])).exitCode).toBe(0);
    const first = (await env()).HDE_BOT_TOKEN!;
    const again = await run(['token', 'generate']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('HDE_BOT_TOKEN already holds a token');
    expect(again.stderr).toContain('omnibot token rotate --name hde');
    expect((await env()).HDE_BOT_TOKEN).toBe(first);

    const rotated = await run(['token', 'rotate', '--json']);
    expect(rotated.exitCode, rotated.stderr).toBe(0);
    const second = (await env()).HDE_BOT_TOKEN!;
    expect(second).not.toBe(first);
    const doc = JSON.parse(rotated.stdout) as {
      action: string;
      fingerprint: string;
      previousFingerprint: string;
      redo: Array<{ step: number; resource: string }>;
      token?: string;
    };
    expect(doc).toMatchObject({
      action: 'rotated',
      fingerprint: fingerprint(second),
      previousFingerprint: fingerprint(first),
      redo: [{ step: 4, resource: 'dispatcher-rule' }],
    });
    expect(doc.token).toBeUndefined();
    for (const t of [first, second]) expect(rotated.stdout + rotated.stderr).not.toContain(t);
    const s = await state();
    expect(s.tokens.hde).toMatchObject({
      fingerprint: fingerprint(second),
      rotatedAt: expect.any(String),
      previous: [{ fingerprint: fingerprint(first), retiredAt: expect.any(String) }],
    });

    const human = await run(['token', 'rotate']);
    expect(human.exitCode).toBe(0);
    expect(human.stderr).toContain('Redo step 4 of `omnibot steps --integration hde`');
  });

  it(
    'a config where no integration takes a token: exit ' + '2 naming the integrations that do; nothing written',
    async () => {
      const omnideskOnly = {
        omnidesk: { url: 'acme', email: 'admin@acme.ru', apiKey: '${OMNIDESK_API_KEY}' },
        integrations: [
          {
            recipe: 'omnidesk-bot',
            name: 'wikibot',
            webhookUrl: 'https://bot.example.com/o',
            label: 'wikibot',
            agent: 'op@acme.ru',
          },
        ],
      };
      await project(omnideskOnly);
      for (const args of [
        ['token', 'generate'],
        ['token', 'rotate'],
        ['token', 'generate', '--name', 'wikibot'],
      ]) {
        const r = await run(args);
        expect(r.exitCode, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(/no integration (named "wikibot" )?takes a secret/);
        expect(r.stderr).toMatch(/helpdeskeddy-bot \(token\), billmanager \(secret\)/);
      }
      expect(await env()).toEqual({ HDE_API_KEY: 'hde-api-key-123456' });
      await expect(stat(join(dir, '.omnibot', 'state.json'))).rejects.toThrow();
    },
  );

  it('keeps .env and the state out of git, but not promoted samples', async () => {
    await project();
    await writeFile(join(dir, '.gitignore'), 'node_modules\n.env\n');
    const r = await run(['token', 'generate']);
    expect(r.exitCode, r.stderr).toBe(0);
    const ignore = (await readFile(join(dir, '.gitignore'), 'utf8')).split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['node_modules', '.env', '.omnibot/state.json', '.omnibot/*.lock']));
    expect(ignore.filter((l) => l === '.env')).toHaveLength(1);
    expect(ignore).not.toContain('.omnibot/');
    expect(r.stderr).toContain('.gitignore: added .omnibot/state.json');
  });

  it('prints the token only with --print, exactly as written to .env', async () => {
    await project();
    const r = await run(['token', 'generate', '--print']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe((await env()).HDE_BOT_TOKEN);
  });

  it('names the flag or field on bad input, with exit 2', async () => {
    await project({ ...CONFIG, integrations: [{ ...CONFIG.integrations[0], token: 'literal-token-value-123' }] });
    const literal = await run(['token', 'generate']);
    expect(literal.exitCode).toBe(2);
    expect(literal.stderr).toContain('integrations[0].token holds a literal token');
    await project();
    const badVar = await run(['token', 'generate', '--env-var', 'not-a-var']);
    expect(badVar.exitCode).toBe(2);
    expect(badVar.stderr).toContain('--env-var');
    const wrongVar = await run(['token', 'generate', '--env-var', 'OTHER_TOKEN']);
    expect(wrongVar.exitCode).toBe(2);
    expect(wrongVar.stderr).toContain('reads the token of "hde" from ${HDE_BOT_TOKEN}');
    const unknown = await run(['token', 'generate', '--name', 'nope']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('--name: no helpdeskeddy-bot integration named "nope"');
    const rotateNothing = await run(['token', 'rotate']);
    expect(rotateNothing.exitCode).toBe(2);
    expect(rotateNothing.stderr).toContain('nothing to rotate');
  });
});

// The BILLmanager secret_key is made by the same mechanism, through `token --name` or the
// `billmanager secret` alias that presets the recipe.
describe('omnibot token for a billmanager integration, and its alias billmanager secret', () => {
  const BM_CONFIG = {
    omnidesk: { url: 'http://127.0.0.1:9', email: 'admin@sandbox.test', apiKey: '${OMNIDESK_API_KEY}' },
    integrations: [BM_INTEGRATION],
  };
  const bmProject = async (config: unknown = BM_CONFIG) => {
    await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config));
    await writeFile(join(dir, '.env'), 'OMNIDESK_API_KEY=k-123456789\n');
  };

  it('generates into .env without printing, refuses to replace, rotates naming the steps to redo', async () => {
    await bmProject();
    const gen = await run(['billmanager', 'secret', 'generate']);
    expect(gen.exitCode).toBe(0);
    expect(gen.stdout).toBe('');
    const first = (await env()).BM_SECRET!;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
    expect(gen.stderr).toContain('BM_SECRET');
    expect(gen.stderr).not.toContain(first);
    const s = await state();
    expect(s.tokens.bm.fingerprint).toBe(fingerprint(first));
    expect(JSON.stringify(s)).not.toContain(first);

    for (const args of [
      ['billmanager', 'secret', 'generate'],
      ['token', 'generate'],
    ]) {
      const again = await run(args);
      expect(again.exitCode, args.join(' ')).toBe(2);
      expect(again.stderr).toContain('already holds a secret');
    }

    const rotated = await run(['token', 'rotate', '--json']);
    expect(rotated.exitCode, rotated.stderr).toBe(0);
    const result = JSON.parse(rotated.stdout);
    expect(result).toMatchObject({
      action: 'rotated',
      integration: 'bm',
      envVar: 'BM_SECRET',
      previousFingerprint: fingerprint(first),
    });
    expect(result.redo).toEqual([
      { resource: 'custom-channel', step: 2 },
      { resource: 'bm-params', step: 5 },
    ]);
    const second = (await env()).BM_SECRET!;
    expect(second).not.toBe(first);
    expect(rotated.stdout + rotated.stderr).not.toContain(second);
    expect((await state()).tokens.bm).toMatchObject({
      fingerprint: fingerprint(second),
      previous: [{ fingerprint: fingerprint(first) }],
    });

    const human = await run(['billmanager', 'secret', 'rotate']);
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stderr).toContain('Redo step 2 of `omnibot steps --integration bm`');
    expect(human.stderr).toContain('The secret is not printed');

    const bad = await run(['billmanager', 'secret', 'rotate', '--name', 'nope']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--name: no billmanager integration named "nope"');
  });

  it('prints the secret only with --print, under its own key in --json', async () => {
    await bmProject();
    const r = await run(['token', 'generate', '--name', 'bm', '--print', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ integration: 'bm', secret: (await env()).BM_SECRET });
  });

  it('with a bot and a billmanager integration, --name picks one and its absence is exit 2 naming both', async () => {
    await project({ ...CONFIG, integrations: [...CONFIG.integrations, BM_INTEGRATION] });
    const which = await run(['token', 'generate']);
    expect(which.exitCode).toBe(2);
    expect(which.stderr).toContain(
      '--name: the config has several helpdeskeddy-bot or billmanager integrations (known: hde, bm)',
    );
    const bm = await run(['token', 'generate', '--name', 'bm']);
    expect(bm.exitCode, bm.stderr).toBe(0);
    expect(Object.keys(await env())).toEqual(['HDE_API_KEY', 'BM_SECRET']);
    // The alias looks only at billmanager integrations, so the only one is the default.
    const alias = await run(['billmanager', 'secret', 'rotate']);
    expect(alias.exitCode, alias.stderr).toBe(0);
    expect(Object.keys((await state()).tokens)).toEqual(['bm']);
    const wrongVar = await run(['token', 'generate', '--name', 'bm', '--env-var', 'OTHER']);
    expect(wrongVar.exitCode).toBe(2);
    expect(wrongVar.stderr).toContain('reads the secret of "bm" from ${BM_SECRET}');
    await project({
      ...CONFIG,
      integrations: [...CONFIG.integrations, { ...BM_INTEGRATION, secret: 'literal-secret-value-123' }],
    });
    const literal = await run(['token', 'generate', '--name', 'bm']);
    expect(literal.exitCode).toBe(2);
    expect(literal.stderr).toContain('integrations[1].secret holds a literal secret');
  });
});
