/**
 * A recipe is one folder: the throw-away recipe in test/fixtures/integrations/echo-note is added
 * to a registry here, and nothing else changes. The config schema takes it, init offers it (its
 * flag included) and writes it, and plan, steps and verify expand it, all through main().
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configJsonSchema, configSchema } from '../../../src/config/schema.js';
import { INTEGRATIONS } from '../../../src/integrations/registry.js';
import { createRegistry } from '../../../src/kit/registry.js';
import { echoNote } from '../../fixtures/integrations/echo-note/index.js';
import { runCli, type RunOptions } from '../../helpers/run-cli.js';
import { registry as builtins } from '../../helpers/registry.js';
import { API_KEY, EMAIL, useSandbox } from '../../helpers/sandbox.js';
import { tempDir } from '../../helpers/temp-dir.js';

const registry = createRegistry([...INTEGRATIONS, echoNote]);
const sandbox = useSandbox();

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('omnibot-fixture-')));
afterEach(() => cleanup());

const run = (args: string[], options: RunOptions = {}) =>
  runCli(args, { cwd: dir, env: { OMNIDESK_API_KEY: API_KEY }, registry, ...options });

const config = () => ({
  omnidesk: { url: sandbox.omnidesk.url, email: EMAIL, apiKey: API_KEY },
  integrations: [{ recipe: 'echo-note', name: 'echo', word: 'ping' }],
});

describe('an integration added from a folder', () => {
  it('joins the config schema of its registry, and only of it', async () => {
    expect((await configSchema(registry)).safeParse(config()).success).toBe(true);
    expect((await configSchema(builtins)).safeParse(config()).success).toBe(false);
    expect(JSON.stringify(await configJsonSchema(registry))).toContain('"echo-note"');
    const schema = await run(['schema']);
    expect(schema.exitCode, schema.stderr).toBe(0);
    expect(schema.stdout).toContain('"echo-note"');
  });

  it('is a recipe init offers, with its own flag, and init writes it', async () => {
    const help = await run(['init', '--help']);
    expect(help.stdout).toContain('echo-note');
    expect(help.stdout).toMatch(/--echo-word <word>\s+echo-note: the word the note repeats/);
    const missing = await run(['init', '--recipe', 'echo-note', '--url', sandbox.omnidesk.url, '--email', EMAIL]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('--echo-word');
    const r = await run([
      'init',
      '--recipe',
      'echo-note',
      '--url',
      sandbox.omnidesk.url,
      '--email',
      EMAIL,
      '--echo-word',
      'ping',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const written = JSON.parse(await readFile(join(dir, 'omnibot.config.json'), 'utf8')) as { integrations: unknown[] };
    expect(written.integrations).toEqual([{ recipe: 'echo-note', name: 'echo', word: 'ping' }]);
  });

  it('is planned, stepped and verified like any recipe', async () => {
    await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config()));
    const plan = await run(['plan', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    const items = (
      JSON.parse(plan.stdout) as { resources: Array<{ recipe: string; resource: string; status: string }> }
    ).resources;
    expect(items.map((i) => [i.recipe, i.resource, i.status])).toEqual([
      ['echo-note', 'echo-step', 'manual'],
      ['echo-note', 'echo-staff', 'ok'],
    ]);
    const steps = await run(['steps']);
    expect(steps.exitCode, steps.stderr).toBe(0);
    expect(steps.stdout).toContain('Эхо «ping»');
    expect(steps.stdout).toContain('Повторите: ping');
    const verify = await run(['verify', '--json']);
    expect(verify.exitCode, verify.stderr).toBe(0);
    const checks = (JSON.parse(verify.stdout) as { checks: Array<{ id: string; status: string; message?: string }> })
      .checks;
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['config', 'pass'],
      ['omnidesk.credentials', 'pass'],
      ['echo/echo-staff', 'pass'],
      ['echo/echo', 'pass'],
      // The folder's manual step, never confirmed: named, a warning, not a failure.
      ['echo/manual-steps', 'warn'],
    ]);
    expect(checks.find((c) => c.id === 'echo/echo')!.message).toBe('echoes «ping»');
  });

  it('is unknown to a run with the built-in registry', async () => {
    await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config()));
    const plan = await runCli(['plan'], { cwd: dir, env: { OMNIDESK_API_KEY: API_KEY } });
    expect(plan.exitCode).toBe(2);
    expect(plan.stderr).toContain('unknown recipe "echo-note"');
  });
});
