/**
 * A sandbox with the reference bot, a config for it in a temp folder, and `apply` already run:
 * the starting point of every verify, demo and tail test. Everything is closed by `close()`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { registry } from './registry.js';
import { apply } from '../../src/engine/apply.js';
import { Io } from '../../src/core/io/io.js';
import { createOmnideskClient } from '../../src/helpdesks/omnidesk/client/http.js';
import type { OmnideskApi } from '../../src/helpdesks/omnidesk/client/types.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { runCli, type CliResult } from './run-cli.js';
import { tempDir } from './temp-dir.js';

export const API_KEY = 'sandbox-api-key';

export interface Fixture {
  dir: string;
  sandbox: RunningSandbox;
  api: OmnideskApi;
  webhookUrl: string;
  run(args: string[], env?: Record<string, string>): Promise<CliResult>;
  /** Cases still open (not trashed) whose subject carries the e2e tag. */
  openTestCases(): Promise<number[]>;
  close(): Promise<void>;
}

export async function setup(
  options: { webhookUrl?: string; webhookQuery?: string; replyAsNote?: boolean; apply?: boolean } = {},
): Promise<Fixture> {
  const sandbox = await startSandbox({ bot: 'reference' });
  const { dir, cleanup } = await tempDir('omnibot-verify-');
  const webhookUrl = options.webhookUrl ?? `${sandbox.bot!.url}${options.webhookQuery ?? ''}`;
  const config = {
    omnidesk: { url: sandbox.omnidesk.url, email: 'admin@sandbox.test', apiKey: '${OMNIDESK_API_KEY}' },
    integrations: [
      {
        recipe: 'omnidesk-bot',
        name: 'wikibot',
        webhookUrl,
        label: 'wikibot',
        agent: 'operator@sandbox.test',
        replyAsNote: options.replyAsNote ?? false,
      },
    ],
  };
  await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config, null, 2));
  await writeFile(join(dir, '.env'), `OMNIDESK_API_KEY=${API_KEY}\n`);
  const api = createOmnideskClient({ url: sandbox.omnidesk.url, email: 'admin@sandbox.test', apiKey: API_KEY });
  const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: dir, env });
  if (options.apply !== false) {
    // In-process: the same engine `omnibot apply` runs, without a second CLI start per test.
    const silent = { write: () => true };
    const io = new Io({ stdout: silent, stderr: silent, stdin: {}, env: {} }, { quiet: true });
    const loaded = await loadConfig({ registry, cwd: dir, env: {}, flags: {} });
    const applied = await apply(loaded.config!, {
      io,
      signal: new AbortController().signal,
      stateFile: loaded.stateFile,
      lang: 'en',
      registry,
    });
    if (applied.summary.unknown) throw new Error(`apply could not read everything: ${JSON.stringify(applied.summary)}`);
  }
  return {
    dir,
    sandbox,
    api,
    webhookUrl,
    run,
    async openTestCases() {
      return (await api.listCases()).filter((c) => c.subject.includes('[omnibot-e2e')).map((c) => c.case_id);
    },
    async close() {
      await sandbox.close();
      await cleanup();
    },
  };
}
