/** A temp folder with an omnidesk-bot config aimed at a sandbox, and the CLI (main(), in-process) run inside it. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { runCli, type CliResult } from './run-cli.js';
import { tempDir } from './temp-dir.js';

export const SANDBOX_KEY = 'sandbox-api-key';

export interface BotProject {
  dir: string;
  configFile: string;
  env: Record<string, string>;
  run(args: string[], env?: Record<string, string>): Promise<CliResult>;
  cleanup(): Promise<void>;
}

export function botConfig(url: string, over: Record<string, unknown> = {}) {
  return {
    omnidesk: { url, email: 'admin@sandbox.test', apiKey: '${OMNIDESK_API_KEY}' },
    integrations: [
      {
        recipe: 'omnidesk-bot',
        name: 'wikibot',
        webhookUrl: 'https://bot.example.com/omnidesk',
        label: 'wikibot',
        agent: 'operator@sandbox.test',
        replyAsNote: false,
        ...over,
      },
    ],
  };
}

export async function botProject(url: string | undefined, over: Record<string, unknown> = {}): Promise<BotProject> {
  const { dir, cleanup } = await tempDir('omnibot-e2e-');
  const configFile = join(dir, 'omnibot.config.json');
  if (url !== undefined) await writeFile(configFile, JSON.stringify(botConfig(url, over), null, 2));
  const env = { OMNIDESK_API_KEY: SANDBOX_KEY };
  return {
    dir,
    configFile,
    env,
    run: (args, extra = {}) => runCli(args, { cwd: dir, env: { ...env, ...extra } }),
    cleanup,
  };
}

/**
 * A fresh project for every test, removed after it. `url` is read as each test starts, once
 * the file's sandbox runs; undefined writes no config (for `init` and the bad-config cases).
 * The handle stays the same object, so the file can keep one module-level name for it.
 */
export function useBotProject(url: () => string | undefined, over: Record<string, unknown> = {}): BotProject {
  const handle = {} as BotProject;
  beforeEach(async () => {
    Object.assign(handle, await botProject(url(), over));
  });
  afterEach(() => handle.cleanup?.());
  return handle;
}
