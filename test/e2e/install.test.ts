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
});
