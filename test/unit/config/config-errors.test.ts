/**
 * Bad input: each case must give a one-line cause naming the file, field or flag, the contract's
 * exit code, and never a stack trace or a secret.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { botConfig, useBotProject } from '../../helpers/project.js';
import type { CliResult } from '../../helpers/run-cli.js';
import { useSandbox } from '../../helpers/sandbox.js';

const sandbox = useSandbox();
const project = useBotProject(() => undefined);

function writeConfig(content: unknown, name = 'omnibot.config.json'): Promise<void> {
  return writeFile(join(project.dir, name), typeof content === 'string' ? content : JSON.stringify(content));
}

/** The first stderr line is the cause; no stack frames anywhere. */
function expectClean(r: CliResult, code: number, cause: RegExp | string): void {
  expect(r.exitCode, r.stderr).toBe(code);
  const first = r.stderr.split('\n')[0]!;
  if (typeof cause === 'string') expect(first).toContain(cause);
  else expect(first).toMatch(cause);
  expect(r.stderr).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$/m);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stdout).toBe('');
}

describe('bad input', () => {
  it('no config found → 2, says where it looked', async () => {
    const r = await project.run(['plan']);
    expectClean(r, 2, `error: No omnibot config found in ${project.dir}`);
    expect(r.stderr).toContain('omnibot init');
  });

  it('malformed JSON → 2, naming the file, line and column', async () => {
    await writeConfig('{"integrations": [');
    expectClean(await project.run(['plan']), 2, `error: ${join(project.dir, 'omnibot.config.json')}:1:19: `);
  });

  it('a trailing comma in JSON is reported where the comma is', async () => {
    await writeConfig('{\n  "integrations": [],\n  "omnidesk": {\n    "url": "acme",\n  },\n}\n');
    const r = await project.run(['plan']);
    expectClean(r, 2, `error: ${join(project.dir, 'omnibot.config.json')}:4:18: trailing comma`);
  });

  it('malformed YAML → 2, naming the file and the position', async () => {
    await writeConfig('integrations:\n  - recipe: omnidesk-bot\n   name: x\n', 'omnibot.config.yaml');
    const r = await project.run(['plan']);
    expectClean(r, 2, new RegExp(`error: .*omnibot\\.config\\.yaml:3:4: bad indentation`));
  });

  it('unknown recipe → 2, naming the field, the value and the known recipes', async () => {
    await writeConfig(botConfig(sandbox.omnidesk.url, { recipe: 'omnidesk-bott' }));
    expectClean(
      await project.run(['plan']),
      2,
      'integrations[0] (wikibot).recipe: unknown recipe "omnidesk-bott" ' +
        '(did you mean "omnidesk-bot"?); known: omnidesk-bot',
    );
  });

  it('http webhook URL for a public host → 2, naming the field', async () => {
    await writeConfig(botConfig(sandbox.omnidesk.url, { webhookUrl: 'http://bot.example.com/omnidesk' }));
    expectClean(await project.run(['apply']), 2, 'integrations[0] (wikibot).webhookUrl: must use https');
  });

  it('an unset ${VAR} → 2, naming the field and the variable', async () => {
    await writeConfig(botConfig(sandbox.omnidesk.url));
    expectClean(
      await project.run(['plan'], { OMNIDESK_API_KEY: '' }),
      2,
      'omnidesk.apiKey uses ${OMNIDESK_API_KEY}, but OMNIDESK_API_KEY is not set',
    );
  });

  it('a wrong API key → 3, and the key appears nowhere', async () => {
    await writeConfig(botConfig(sandbox.omnidesk.url));
    const key = 'definitely-wrong-key-4242';
    for (const args of [['plan'], ['apply'], ['plan', '--json']]) {
      const r = await project.run(args, { OMNIDESK_API_KEY: key });
      expect(r.exitCode, r.stderr).toBe(3);
      expect(r.stderr).toContain('admin@sandbox.test');
      expect(r.stdout + r.stderr).not.toContain(key);
      expect(r.stdout + r.stderr).not.toContain(Buffer.from(`admin@sandbox.test:${key}`).toString('base64'));
    }
  });

  it('an unreachable helpdesk → 1, naming the URL and the cause', async () => {
    await writeConfig(botConfig('http://127.0.0.1:9'));
    const r = await project.run(['plan']);
    expectClean(r, 1, 'http://127.0.0.1:9');
    expect(r.stderr).toMatch(/refused/i);
  });

  it.each([
    ['empty', '', 'integrations[0] (wikibot).label: must not be empty'],
    ['too long', 'x'.repeat(101), 'integrations[0] (wikibot).label: must be at most 100 characters'],
  ])('a label title that is %s → 2, naming the field', async (_what, label, cause) => {
    await writeConfig(botConfig(sandbox.omnidesk.url, { label }));
    expectClean(await project.run(['apply']), 2, cause);
  });

  it('a bad flag value → 2, naming the flag', async () => {
    await writeConfig(botConfig(sandbox.omnidesk.url));
    const r = await project.run(['apply', '--lang', 'de']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--lang');
  });
});
