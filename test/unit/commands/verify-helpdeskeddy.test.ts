import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { apply } from '../../../src/engine/apply.js';
import { createHelpdeskeddyClient } from '../../../src/helpdesks/helpdeskeddy/client/http.js';
import type { HelpdeskeddyApi } from '../../../src/helpdesks/helpdeskeddy/client/types.js';
import { Io } from '../../../src/core/io/io.js';
import type { HdeDispatcherRuleSpec } from '../../../src/helpdesks/helpdeskeddy/specs.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.js';
import { runCli } from '../../helpers/run-cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { registry } from '../../helpers/registry.js';

const creds = { email: 'admin@sandbox.test', apiKey: 'sandbox-api-key' };
let sandbox: RunningSandbox | undefined;
let cleanup: (() => Promise<void>) | undefined;

afterEach(async () => {
  await sandbox?.close();
  await cleanup?.();
  sandbox = undefined;
  cleanup = undefined;
});

async function setup(): Promise<{ dir: string; api: HelpdeskeddyApi }> {
  sandbox = await startSandbox({ bot: 'reference' });
  const tmp = await tempDir('omnibot-verify-hde-');
  cleanup = tmp.cleanup;
  const config = {
    helpdeskeddy: { url: sandbox.helpdeskeddy.url, email: creds.email, apiKey: '${HDE_API_KEY}' },
    integrations: [
      {
        recipe: 'helpdeskeddy-bot',
        name: 'hde',
        token: '${HDE_BOT_TOKEN}',
        webhookUrl: `${sandbox.bot!.urls.helpdeskeddy}/\${HDE_BOT_TOKEN}`,
        agent: 'operator@sandbox.test',
      },
    ],
  };
  await writeFile(join(tmp.dir, 'omnibot.config.json'), JSON.stringify(config, null, 2));
  await writeFile(join(tmp.dir, '.env'), `HDE_API_KEY=${creds.apiKey}\nHDE_BOT_TOKEN=hde-token-5b7c2e91\n`);
  const silent = { write: () => true };
  const loaded = await loadConfig({ registry, cwd: tmp.dir, env: {}, flags: {} });
  const io = new Io({ stdout: silent, stderr: silent, stdin: {}, env: {} }, { quiet: true });
  await apply(loaded.config!, {
    io,
    signal: new AbortController().signal,
    stateFile: loaded.stateFile,
    lang: 'en',
    registry,
  });
  return { dir: tmp.dir, api: createHelpdeskeddyClient({ url: sandbox.helpdeskeddy.url, ...creds }) };
}

async function openTestTickets(api: HelpdeskeddyApi): Promise<string[]> {
  return (await api.listTickets()).items.filter((t) => t.title.includes('[omnibot-e2e') && !t.deleted).map((t) => t.id);
}

type Rule = HdeDispatcherRuleSpec & { rule_id: number };

describe('omnibot verify --e2e with HelpDeskEddy', () => {
  it('passes, proves the dispatcher rule, and never prints the bot token', async () => {
    const { dir, api } = await setup();
    const r = await runCli(['verify', '--e2e', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([
        'helpdeskeddy.credentials',
        'hde/endpoint',
        'hde/e2e-ticket',
        'hde/e2e-reply',
        'hde/e2e-loop-guard',
        'hde/e2e-handoff',
        'hde/e2e-cleanup',
      ]),
    );
    expect(report.confirmed).toEqual(['hde/dispatcher-rule']);
    const state = JSON.parse(await readFile(join(dir, '.omnibot', 'state.json'), 'utf8'));
    expect(state.resources['hde/dispatcher-rule'].confirmedBy).toBe('verify');
    expect(r.stdout + r.stderr).not.toContain('hde-token-5b7c2e91');
    expect(await openTestTickets(api)).toEqual([]);
  });

  it("a second round trip after /_sandbox/reset passes: the reset clears the reference bot's memory too", async () => {
    const { dir } = await setup();
    expect((await runCli(['verify', '--e2e'], { cwd: dir })).exitCode).toBe(0);
    // Ticket ids start again after a reset: the second trip's ticket has the first one's id and text.
    await fetch(`${sandbox!.helpdeskeddy.url}/_sandbox/reset`, { method: 'POST' });
    await rm(join(dir, '.omnibot'), { recursive: true });
    expect((await runCli(['apply', '--yes'], { cwd: dir })).exitCode).toBe(0);
    const r = await runCli(['verify', '--e2e', '--json', '--timeout', '5s'], { cwd: dir });
    expect(JSON.parse(r.stdout).checks.filter((c: { status: string }) => c.status !== 'pass')).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('the dispatcher rule missing: the reply check says the rule sent no webhook and names its step', async () => {
    const { dir, api } = await setup();
    const rules = await api.adminRequest<Rule[]>('GET', '/_sandbox/dispatcher-rules');
    await api.adminRequest('DELETE', `/_sandbox/dispatcher-rules/${rules[0]!.rule_id}`);
    const r = await runCli(['verify', '--e2e', '--json', '--timeout', '1s'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const reply = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'hde/e2e-reply');
    expect(reply.status).toBe('fail');
    expect(reply.message).toContain('the dispatcher rule sent no webhook');
    expect(reply.cause).toContain('«Новая заявка»');
    expect(reply.step.id).toBe('dispatcher-rule');
    expect(await openTestTickets(api)).toEqual([]);
  });

  it('the loop guard missing: the bot’s own reply fires the rule again, and the loop-guard check fails', async () => {
    const { dir, api } = await setup();
    const [rule] = await api.adminRequest<Rule[]>('GET', '/_sandbox/dispatcher-rules');
    const { rule_id: _id, ...spec } = rule!;
    await api.adminRequest('POST', '/_sandbox/dispatcher-rules', { ...spec, extra: [] });
    const r = await runCli(['verify', '--e2e', '--json', '--timeout', '10s'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const checks = JSON.parse(r.stdout).checks as Array<{ id: string; status: string; cause?: string }>;
    const guard = checks.find((c) => c.id === 'hde/e2e-loop-guard')!;
    expect(guard.status).toBe('fail');
    expect(guard.cause).toContain('«Группа автора последнего ответа» = «Клиент»');
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['hde/e2e-loop-guard']);
  });

  it('a wrong API key: exit 3, the credentials check fails, and the key is never printed', async () => {
    const { dir } = await setup();
    await writeFile(join(dir, '.env'), 'HDE_API_KEY=wrong-key-31415926\nHDE_BOT_TOKEN=hde-token-5b7c2e91\n');
    const r = await runCli(['verify', '--json'], { cwd: dir });
    expect(r.exitCode).toBe(3);
    const creds = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'helpdeskeddy.credentials');
    expect(creds.status).toBe('fail');
    expect(r.stdout + r.stderr).not.toContain('wrong-key-31415926');
  });

  it(
    'a key whose user is not staff: the credentials ' + 'check fails (exit 3) and says the user must be staff',
    async () => {
      const { dir, api } = await setup();
      const users = await api.listUsers();
      const me = users.items.find((u) => u.email === creds.email)!;
      await api.adminRequest('POST', `/_sandbox/users/${me.id}`, { group_type: 'user' });
      const r = await runCli(['verify', '--json'], { cwd: dir });
      // A client's key is a permission problem: exit 3, like any refused credential.
      expect(r.exitCode).toBe(3);
      const checks = JSON.parse(r.stdout).checks as Array<{
        id: string;
        status: string;
        message?: string;
        hint?: string;
      }>;
      const failed = checks.filter((c) => c.status === 'fail');
      expect(failed.map((c) => c.id)).toEqual(['helpdeskeddy.credentials']);
      expect(failed[0]!.message).toContain('not staff');
      expect(failed[0]!.hint).toContain('Управление → Глобальные настройки → Система');
    },
  );

  it('the bot down: the endpoint check fails with connection refused and names the URL', async () => {
    const { dir } = await setup();
    const config = JSON.parse(await readFile(join(dir, 'omnibot.config.json'), 'utf8'));
    config.integrations[0].webhookUrl = 'http://127.0.0.1:9/api/bots/helpdeskeddy_bot/webhook/${HDE_BOT_TOKEN}';
    await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config, null, 2));
    const r = await runCli(['verify', '--json', '--timeout', '2s'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const endpoint = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'hde/endpoint');
    expect(endpoint.status).toBe('fail');
    expect(JSON.stringify(endpoint)).toMatch(/refused|ECONNREFUSED/i);
    // The hint points at HelpDeskEddy's dispatcher rule, not Omnidesk's «Выполнить вебхук» rules.
    expect(endpoint.hint).toContain('«Отправить вебхук»');
    expect(endpoint.hint).not.toContain('Выполнить вебхук');
    expect(r.stdout + r.stderr).not.toContain('hde-token-5b7c2e91');
  });
});
