/**
 * The GitHub Actions workflow `init --ci github` writes. It installs a pinned omnibot on its own
 * (the folder needs no package.json or lockfile), then verifies every config of the repository
 * as one job of a matrix: one entry per helpdesk account, each reading its keys from repository
 * secrets. Running init with --ci in another config's folder adds that config to the matrix
 * instead of refusing, so the CI system's matrix is how omnibot scales past one account.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { VERSION } from '../../core/version.js';
import { backup, exists, writeAtomic } from './files.js';

export interface Workflow {
  /** Config files, relative to the repository root, one job each. */
  configs: string[];
  /** The environment variables the configs read, mapped from same-named repository secrets. */
  vars: string[];
  /** What `npm install --global` installs: a pinned version, a tarball or a git URL. */
  pkg: string;
}

const WORKFLOW = join('.github', 'workflows', 'omnibot.yml');

export const DEFAULT_PACKAGE = `omnibot@${VERSION}`;

/** The variables a config reads, in order: what a CI job must provide. */
export function referencedVars(config: unknown): string[] {
  return [...new Set([...JSON.stringify(config).matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!))];
}

/**
 * Where the workflow goes: the repository root above `dir` (the nearest folder with .git), else
 * the nearest folder that already has omnibot's workflow (a second config joins it), else `dir`.
 */
export async function repositoryRoot(dir: string): Promise<string> {
  let withWorkflow: string | undefined;
  for (let at = dir; ; at = dirname(at)) {
    if (await exists(join(at, '.git'))) return at;
    withWorkflow ??= (await exists(join(at, WORKFLOW))) ? at : undefined;
    if (dirname(at) === at) return withWorkflow ?? dir;
  }
}

const quoted = (s: string) => JSON.stringify(s);

export function renderWorkflow(w: Workflow): string {
  const secrets = w.vars.map((v) => `          ${v}: \${{ secrets.${v} }}`);
  return `# Written by \`omnibot init --ci github\`. On every push and pull request, and daily, it checks that
# each helpdesk account is still set up for its bot: credentials, resources, the bot's endpoint.
# Repository secrets it reads (Settings → Secrets and variables → Actions): ${w.vars.join(', ') || 'none'}.
# \`omnibot init --ci github\` for another config adds it to the matrix below.
name: omnibot

on:
  push:
  pull_request:
  workflow_dispatch:
  schedule:
    - cron: '17 6 * * *'

permissions:
  contents: read

env:
  # omnibot is installed on its own, so this repository needs no package.json. Keep it pinned;
  # a tarball made by \`npm pack\` (a path or URL) or a git URL works here too.
  OMNIBOT_PACKAGE: ${quoted(w.pkg)}

jobs:
  verify:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    strategy:
      fail-fast: false
      matrix:
        # One job per helpdesk account: a config file of this repository each.
        config:
${w.configs.map((c) => `          - ${quoted(c)}`).join('\n')}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - name: Install omnibot
        run: npm install --global --no-audit --no-fund "$OMNIBOT_PACKAGE"
      - name: omnibot verify
        # Failed checks also become ::error:: annotations on the run's page.
        run: omnibot verify --config "$CONFIG" --reporter junit --output omnibot-junit.xml --html omnibot-report.html
        env:
          CONFIG: \${{ matrix.config }}
${secrets.join('\n')}
      - name: Keep the JUnit report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: omnibot-junit-\${{ strategy.job-index }}
          path: omnibot-junit.xml
      - name: Keep the HTML report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: omnibot-report-\${{ strategy.job-index }}
          path: omnibot-report.html
`.replace(/\n\n+(\s+- name: Keep)/, '\n$1');
}

/** The workflow omnibot wrote at `file`, or undefined when the file is someone else's. */
export async function readWorkflow(file: string): Promise<Workflow | undefined> {
  const { defaultLoaders } = await import('cosmiconfig');
  let doc: unknown;
  try {
    doc = await defaultLoaders['.yaml'](file, await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  const job = (doc as { jobs?: { verify?: Record<string, unknown> } } | undefined)?.jobs?.verify;
  const configs = (job?.strategy as { matrix?: { config?: unknown } } | undefined)?.matrix?.config;
  const steps = job?.steps;
  const pkg = (doc as { env?: { OMNIBOT_PACKAGE?: unknown } }).env?.OMNIBOT_PACKAGE;
  if (!Array.isArray(configs) || !Array.isArray(steps) || typeof pkg !== 'string') return undefined;
  const verify = steps.find((s) => (s as { name?: unknown })?.name === 'omnibot verify') as
    { env?: Record<string, unknown> } | undefined;
  if (!verify?.env || !configs.every((c) => typeof c === 'string')) return undefined;
  const vars = Object.keys(verify.env).filter((k) => k !== 'CONFIG');
  return { configs: configs, vars, pkg };
}

export interface WrittenWorkflow {
  path: string;
  note: string;
}

/**
 * Writes or extends `<repository root>/.github/workflows/omnibot.yml` for `config`. A workflow
 * omnibot did not write is refused without --force (and kept as .bak with it).
 */
export async function writeCiWorkflow(options: {
  config: string;
  vars: string[];
  pkg?: string;
  force?: boolean;
  show: (path: string) => string;
}): Promise<WrittenWorkflow> {
  const root = await repositoryRoot(dirname(options.config));
  const file = join(root, WORKFLOW);
  const entry = relative(root, options.config).split(sep).join('/');
  const existing = (await exists(file)) ? await readWorkflow(file) : undefined;
  if (!existing && (await exists(file)) && !options.force) {
    throw new UsageError(`${options.show(file)} exists and was not written by omnibot; nothing was changed.`, {
      hint: 'Pass --force to replace it (the old one is kept as .bak), or add `omnibot verify` to it by hand.',
      details: { flag: '--force', file },
    });
  }
  const merged: Workflow = {
    configs: [...new Set([...(existing?.configs ?? []), entry])],
    vars: [...new Set([...(existing?.vars ?? []), ...options.vars])],
    pkg: options.pkg ?? existing?.pkg ?? DEFAULT_PACKAGE,
  };
  if (await exists(file)) await backup(file);
  await writeAtomic(file, renderWorkflow(merged));
  const added = existing ? (existing.configs.includes(entry) ? 'updated' : `added ${entry} to the matrix`) : 'new';
  const secrets = merged.vars.length ? `; repository secrets: ${merged.vars.join(', ')}` : '';
  return { path: options.show(file), note: `${added}${secrets}` };
}
