/**
 * The package as a user installs it: packed by npm with its own lifecycle scripts, installed
 * globally into a throw-away prefix without dev dependencies, and run from a folder that has no
 * omnibot anywhere near it. The pack happens in a copy of the repository so that the repo's
 * own dist/ (used by every other test running in parallel) is never rebuilt under their feet.
 */
import { cp, mkdir, readFile, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { API_KEY, EMAIL } from '../helpers/sandbox.js';
import { startSandbox } from '../../src/sandbox/index.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const npmEnv = {
  ...process.env,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

describe('npm pack + global install', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let packStderr = '';
  let installStderr = '';
  let tarball = '';

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('omnibot-install-'));
    const copy = join(dir, 'repo');
    const tracked = (await execa('git', ['ls-files', '-z'], { cwd: REPO })).stdout.split('\0').filter(Boolean);
    for (const file of tracked) {
      await mkdir(join(copy, file, '..'), { recursive: true });
      await cp(join(REPO, file), join(copy, file)).catch(() => undefined); // files deleted but not yet committed
    }
    await symlink(join(REPO, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const pack = await execa('npm', ['pack', '--pack-destination', dir], { cwd: copy, env: npmEnv });
    packStderr = pack.stderr;
    tarball = join(dir, (await readdir(dir)).find((n) => n.endsWith('.tgz')) ?? 'missing.tgz');
    const install = await execa(
      'npm',
      ['install', '--global', '--prefix', join(dir, 'prefix'), '--prefer-offline', tarball],
      { cwd: dir, env: npmEnv },
    );
    installStderr = install.stderr;
  }, 240_000);

  afterAll(() => cleanup?.());

  it('packs LICENSE, docs, templates and the built code, and no tests or sources', async () => {
    const { stdout } = await execa('tar', ['-tzf', tarball]);
    const files = stdout.split('\n');
    for (const f of [
      'package/LICENSE',
      'package/README.md',
      'package/docs/ci.md',
      'package/dist/cli.js',
      'package/bin/omnibot.js',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.startsWith('package/templates/events/'))).toBe(true);
    expect(files.filter((f) => /\.test\.|^package\/(src|test)\//.test(f))).toEqual([]);
  });

  it('the packed manifest has no prepare script, so npm installs it without a warning', async () => {
    const manifest = JSON.parse((await execa('tar', ['-xzOf', tarball, 'package/package.json'])).stdout);
    expect(manifest.scripts?.prepare).toBeUndefined();
    expect(installStderr).not.toMatch(/warn/i);
    expect(packStderr).not.toMatch(/npm warn/i);
    // The repository's own manifest keeps `prepare`, so a git clone still builds on `npm install`.
    expect(JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')).scripts.prepare).toBeDefined();
  });

  it('runs --version and demo from any folder', async () => {
    const bin = join(dir, 'prefix', 'bin', 'omnibot');
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(elsewhere);
    const version = await execa(bin, ['--version'], { cwd: elsewhere, reject: false });
    const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
    const demo = await execa(bin, ['demo'], { cwd: elsewhere, reject: false, env: { CI: 'true', FORCE_COLOR: '0' } });
    expect(demo.exitCode).toBe(0);
    expect(demo.stdout).toMatch(/demo passed/);
  }, 120_000);

  it('the workflow `init --ci github` writes passes its shell steps against the sandbox', async () => {
    const sandbox = await startSandbox({ bot: 'reference' });
    try {
      const bin = join(dir, 'prefix', 'bin', 'omnibot');
      const ws = join(dir, 'workspace');
      await mkdir(join(ws, '.git'), { recursive: true }); // the repository root the workflow lives in
      const env = { OMNIDESK_API_KEY: API_KEY, CI: 'true', FORCE_COLOR: '0' };
      const init = await execa(
        bin,
        [
          ...['init', '--recipe', 'omnidesk-bot', '--url', sandbox.omnidesk.url, '--email', EMAIL],
          ...['--agent', 'operator@sandbox.test', '--label', 'wikibot', '--webhook-url', sandbox.bot!.url],
          ...['--ci', 'github', '--ci-package', tarball],
        ],
        { cwd: ws, env, reject: false },
      );
      expect(init.exitCode, init.stderr).toBe(0);
      expect((await execa(bin, ['apply', '--yes'], { cwd: ws, env, reject: false })).exitCode).toBe(0);

      const { defaultLoaders } = await import('cosmiconfig');
      const file = join(ws, '.github', 'workflows', 'omnibot.yml');
      const workflow = (await defaultLoaders['.yaml'](file, await readFile(file, 'utf8'))) as Workflow;
      const job = workflow.jobs.verify;
      expect(job.strategy.matrix.config).toEqual(['omnibot.config.json']);
      // As the runner would: the workflow's env, the step's env with secrets and the matrix entry filled in,
      // each `run:` in bash -e, in a folder that has no package.json, with a fresh global prefix.
      const secrets: Record<string, string> = { OMNIDESK_API_KEY: API_KEY };
      const fill = (v: string) =>
        v
          .replace(/\$\{\{ secrets\.(\w+) \}\}/g, (_m, name: string) => secrets[name] ?? '')
          .replace('${{ matrix.config }}', job.strategy.matrix.config[0]!);
      const prefix = join(dir, 'ci-prefix');
      const base = {
        PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
        HOME: process.env.HOME,
        npm_config_prefix: prefix,
        ...npmEnv,
        GITHUB_ACTIONS: 'true',
        ...workflow.env,
      };
      let ran = 0;
      for (const step of job.steps.filter((s) => s.run)) {
        const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, fill(String(v))]));
        const r = await execa('bash', ['-e', '-c', step.run!], {
          cwd: ws,
          env: { ...base, ...stepEnv },
          extendEnv: false,
          reject: false,
        });
        expect(r.exitCode, `${step.name}: ${r.stderr}`).toBe(0);
        ran++;
      }
      expect(ran).toBe(2);
      const junit = await readFile(join(ws, 'omnibot-junit.xml'), 'utf8');
      expect(junit).toMatch(/<testsuites[^>]* failures="0"/);
      expect(junit).not.toContain(API_KEY);
      const html = await readFile(join(ws, 'omnibot-report.html'), 'utf8');
      expect(html).toContain('verify passed');
      expect(html).not.toContain(API_KEY);
    } finally {
      await sandbox.close();
    }
  }, 180_000);
});

interface Workflow {
  env: Record<string, string>;
  jobs: {
    verify: {
      strategy: { matrix: { config: string[] } };
      steps: Array<{ name?: string; run?: string; env?: Record<string, string> }>;
    };
  };
}
