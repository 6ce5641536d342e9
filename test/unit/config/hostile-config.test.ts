import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('omnibot-hostile-'));
});
afterEach(() => cleanup());

/** Ten levels of nine aliases each: 9^10 values once expanded, a few hundred bytes on disk. */
function aliasBomb(): string {
  const lines = ['l0: &l0 ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  lines.push('omnidesk: { url: acme, email: a@acme.ru, apiKey: "${K}", extra: *l9 }', 'integrations: []');
  return `${lines.join('\n')}\n`;
}

describe('hostile config files', () => {
  it.each([['plan'], ['steps'], ['verify'], ['token', 'generate']])(
    'a YAML alias bomb: %s is exit 2 naming the file, promptly',
    async (...args) => {
      await writeFile(join(dir, 'omnibot.config.yaml'), aliasBomb());
      const r = await runCli(args, { cwd: dir, env: { K: 'k' } });
      expect(r.exitCode).toBe(2);
      expect(r.stdout + r.stderr).toContain('omnibot.config.yaml expands to more than 100,000 values');
      expect(r.stderr).not.toMatch(/internal error/);
    },
  );

  it('a JSON config nested 100,000 deep is exit 2 naming the file', async () => {
    await writeFile(join(dir, 'omnibot.config.json'), `{"integrations":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const r = await runCli(['plan'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('omnibot.config.json is nested more than 64 levels deep');
  });

  it('an ordinary config is not affected', async () => {
    await writeFile(join(dir, 'omnibot.config.yaml'), 'integrations: []\n');
    const r = await runCli(['steps'], { cwd: dir });
    expect(r.stderr).not.toMatch(/expands|nested/);
  });
});

describe('${…} that is not a variable reference', () => {
  it.each(['${}', '${${KEY}}', '${A B}', 'abc${KEY', '${1X}'])(
    'apiKey "%s" is exit 2 naming the field, never sent as a literal',
    async (ref) => {
      const config = { omnidesk: { url: 'acme', email: 'a@acme.ru', apiKey: ref }, integrations: [] };
      await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config));
      const r = await runCli(['plan'], { cwd: dir, env: { KEY: 'k' } });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('omnidesk.apiKey has "');
      expect(r.stderr).toContain('not a variable reference');
    },
  );
});

describe('verify --output to a place that cannot be written', () => {
  it.each([
    ['/nonexistent-dir/x.xml', 'does not exist'],
    ['.', 'is a folder'],
  ])('%s is exit 2 naming --output, before any check runs', async (out, why) => {
    await writeFile(
      join(dir, 'omnibot.config.json'),
      JSON.stringify({ omnidesk: { url: 'http://127.0.0.1:9', email: 'a@acme.ru', apiKey: 'k' }, integrations: [] }),
    );
    const r = await runCli(['verify', '--reporter', 'junit', '--output', out], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--output: cannot write');
    expect(r.stderr).toContain(why);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
