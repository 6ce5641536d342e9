/**
 * One project with every kind of secret omnibot handles, and every command that reads the
 * config run against it with every output form. Each stdout, stderr and file the commands
 * write must be free of the secrets and of the Basic header made from them.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/index.js';
import { runCli } from '../../../helpers/run-cli.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const API_KEY = 'omni-SECRET-key-7f3a9c1d';
const BOT_TOKEN = 'tok-SECRET-4d1e8a77c0b2';
const BM_SECRET = 'bm-SECRET-0123456789abcdef';
const EMAIL = 'admin@sandbox.test';
const SECRETS = [API_KEY, BOT_TOKEN, BM_SECRET, Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')];

let sandbox: RunningSandbox;
let dir: string;
let cleanup: () => Promise<void>;
const seen: Array<{ what: string; text: string }> = [];

beforeAll(async () => {
  sandbox = await startSandbox({ bot: 'reference', apiKey: API_KEY });
  ({ dir, cleanup } = await tempDir('omnibot-secrets-'));
  const config = {
    omnidesk: { url: sandbox.omnidesk.url, email: EMAIL, apiKey: '${OMNIDESK_API_KEY}' },
    helpdeskeddy: { url: sandbox.helpdeskeddy.url, email: EMAIL, apiKey: '${HDE_API_KEY}' },
    integrations: [
      {
        recipe: 'omnidesk-bot',
        name: 'wikibot',
        webhookUrl: sandbox.bot!.url,
        label: 'wikibot',
        agent: 'operator@sandbox.test',
      },
      {
        recipe: 'helpdeskeddy-bot',
        name: 'hde',
        token: '${HDE_BOT_TOKEN}',
        webhookUrl: `${sandbox.bot!.urls.helpdeskeddy}/\${HDE_BOT_TOKEN}`,
      },
      { recipe: 'billmanager', name: 'bm', billmanagerUrl: 'http://127.0.0.1:9', secret: '${BILLMANAGER_SECRET}' },
    ],
  };
  await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config, null, 2));
  await writeFile(
    join(dir, '.env'),
    `OMNIDESK_API_KEY=${API_KEY}\nHDE_API_KEY=${API_KEY}\n` +
      `HDE_BOT_TOKEN=${BOT_TOKEN}\nBILLMANAGER_SECRET=${BM_SECRET}\n`,
    { mode: 0o600 },
  );
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  await cleanup?.();
});

/** Every file under the project but the two that must hold the secrets (.env, and the config's ${VAR}s). */
async function writtenFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) out.push(...(await writtenFiles(path)));
    else if (entry.name !== '.env' && (await stat(path)).size < 5_000_000) out.push(path);
  }
  return out;
}

const COMMANDS: string[][] = [
  ['steps'],
  ['steps', '--format', 'markdown'],
  ['steps', '--format', 'json'],
  ['steps', '--lang', 'en', '--verbose'],
  ['plan', '--verbose'],
  ['plan', '--json'],
  ['apply', '--yes', '--verbose'],
  ['apply', '--yes', '--json'],
  ['verify', '--verbose'],
  ['verify', '--json'],
  ['verify', '--reporter', 'junit', '--output', 'junit.xml'],
  ['verify', '--e2e', '--verbose'],
  ['events', 'show', 'helpdeskeddy.new_reply'],
  ['schema'],
];

describe('no secret in any output or file', () => {
  it.each(COMMANDS.map((c) => [c.join(' '), c]))(
    'omnibot %s',
    async (_name, args) => {
      const r = await runCli(args, { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
      seen.push(
        { what: `${args.join(' ')} stdout`, text: r.stdout },
        { what: `${args.join(' ')} stderr`, text: r.stderr },
      );
      for (const secret of SECRETS) {
        expect(r.stdout, `stdout of ${args.join(' ')}`).not.toContain(secret);
        expect(r.stderr, `stderr of ${args.join(' ')}`).not.toContain(secret);
      }
      expect(r.stderr).not.toMatch(/internal error/);
    },
    120_000,
  );

  it('control: the secrets did reach omnibot (steps --show-secrets prints the token on request)', async () => {
    const r = await runCli(['steps', '--show-secrets'], { cwd: dir });
    expect(r.stdout).toContain(BOT_TOKEN);
    expect(r.stderr).toMatch(/secret/i);
  });

  it('and in no file the commands wrote', async () => {
    const files = await writtenFiles(dir);
    expect(files.map((f) => relative(dir, f))).toEqual(
      expect.arrayContaining(['junit.xml', join('.omnibot', 'state.json')]),
    );
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const secret of SECRETS) expect(text, relative(dir, file)).not.toContain(secret);
    }
    expect(seen.length).toBe(COMMANDS.length * 2);
  });
});
