import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../../../src/config/env-file.js';
import { createHelpdeskeddyClient } from '../../../../src/helpdesks/helpdeskeddy/client/http.js';
import { seedBody } from '../../../../src/helpdesks/helpdeskeddy/dispatcher-body.js';
import { runCli } from '../../../helpers/run-cli.js';
import { disguise } from '../../../helpers/disguise.js';
import type { Server } from 'node:http';
import { recordConfirmation } from '../../../../src/engine/confirmations.js';
import type { ManualSpec } from '../../../../src/core/manual-step.js';
import { tempDir } from '../../../helpers/temp-dir.js';
import {
  admin,
  API_KEY,
  EMAIL,
  startReceiver,
  startSandbox,
  type HdeSandbox,
  type Receiver,
} from '../../../helpers/sandbox-hde.js';
import { waitFor } from '../../../helpers/wait.js';

let sandbox: HdeSandbox;
let bot: Receiver;
let dir: string;
let cleanup: () => Promise<void>;

const run = (args: string[]) => runCli(args, { cwd: dir });
const token = async () => parseEnvFile(await readFile(join(dir, '.env'), 'utf8')).HDE_BOT_TOKEN!;

async function project(apiKey = API_KEY): Promise<void> {
  const config = {
    helpdeskeddy: { url: sandbox.url, email: EMAIL, apiKey: '${HDE_API_KEY}' },
    integrations: [
      {
        recipe: 'helpdeskeddy-bot',
        name: 'hde',
        token: '${HDE_BOT_TOKEN}',
        webhookUrl: `${bot.url}/api/bots/helpdeskeddy_bot/webhook/\${HDE_BOT_TOKEN}`,
        agent: 'operator@sandbox.test',
      },
    ],
  };
  await writeFile(join(dir, 'omnibot.config.json'), JSON.stringify(config, null, 2));
  await writeFile(join(dir, '.env'), `HDE_API_KEY=${apiKey}\n`);
  const generated = await run(['token', 'generate']);
  expect(generated.exitCode, generated.stderr).toBe(0);
}

beforeAll(async () => {
  sandbox = await startSandbox();
  bot = await startReceiver();
});
afterAll(async () => {
  await sandbox.close();
  await bot.close();
});
beforeEach(async () => {
  await admin(sandbox.url, 'POST', '/reset');
  bot.received.length = 0;
  ({ dir, cleanup } = await tempDir('omnibot-hde-'));
});
afterEach(() => cleanup());

describe('helpdeskeddy-bot through main(), against the sandbox', () => {
  it('apply performs the dispatcher rule through the admin path; the second apply creates nothing', async () => {
    await project();
    const first = await run(['apply', '--yes']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /dispatcher-rule\s+sandbox\s+ok\s+performed through the sandbox admin path \(POST \/_sandbox\/dispatcher-rules\)/,
    );
    expect(first.stdout).toMatch(/admin-key\s+none\s+ok/);
    const secret = await token();
    expect(first.stdout + first.stderr).not.toContain(secret);
    expect(first.stdout + first.stderr).not.toContain(API_KEY);

    const rules = (await admin(sandbox.url, 'GET', '/dispatcher-rules')).json as Array<{
      title: string;
      action: { url: string; body: string };
      extra: unknown[];
    }>;
    expect(rules).toHaveLength(1);
    expect(rules[0]!.title).toBe('omnibot: hde');
    expect(rules[0]!.action.url).toBe(`${bot.url}/api/bots/helpdeskeddy_bot/webhook/${secret}`);
    expect(rules[0]!.action.body).toBe(seedBody().template);
    expect(rules[0]!.extra).toEqual([{ field: 'last_reply_author_group', op: 'eq', value: 'client' }]);

    const second = await run(['apply', '--json', '--yes']);
    expect(second.exitCode, second.stderr).toBe(0);
    const doc = JSON.parse(second.stdout) as { summary: { created: number; sandbox: number } };
    expect(doc.summary).toMatchObject({ created: 0, sandbox: 0 });
    expect((await admin(sandbox.url, 'GET', '/dispatcher-rules')).json).toHaveLength(1);
    const state = JSON.parse(await readFile(join(dir, '.omnibot', 'state.json'), 'utf8')) as {
      resources: Record<string, { confirmedBy?: string }>;
    };
    expect(state.resources['hde/dispatcher-rule']).toMatchObject({ confirmedBy: 'sandbox' });

    // The rule apply performed fires: a new ticket reaches the bot at the URL with the token.
    const api = createHelpdeskeddyClient({ url: sandbox.url, email: EMAIL, apiKey: API_KEY });
    const ticket = await api.createTicket({ title: 'e2e', description: 'Здравствуйте', user_email: 'e2e@client.test' });
    const hit = await waitFor(() => bot.received.find((r) => r.path.endsWith(`/webhook/${secret}`)));
    expect(JSON.parse(hit.body)).toMatchObject({ ticket_id: ticket.id, message: 'Здравствуйте' });
  });

  it('advice (the visibility choice, the security checklist) is a note that never holds plan pending', async () => {
    await project();
    const plan = await run(['plan', '--json', '--detailed-exitcode']);
    const doc = JSON.parse(plan.stdout) as {
      resources: Array<{ resource: string; mode: string; status: string }>;
      summary: { note: number; manual: number };
    };
    const byId = (id: string) => doc.resources.find((r) => r.resource === id);
    expect(byId('dialogs-visibility')).toMatchObject({ mode: 'advice', status: 'note' });
    expect(byId('security')).toMatchObject({ mode: 'advice', status: 'note' });
    expect(byId('support-request')).toMatchObject({ mode: 'manual', status: 'manual' });
    expect(doc.summary.note).toBe(2);
    const steps = await run(['steps', '--lang', 'ru']);
    expect(steps.stdout).toContain('Совет: прочитайте и решите сами; подтверждать нечего');

    // With every real step confirmed, nothing is pending: the advice does not keep the exit code at 4.
    const json = JSON.parse((await run(['steps', '--json'])).stdout) as {
      steps: Array<{ integration: string; id: string; mode: string; spec: ManualSpec }>;
    };
    expect((await run(['apply', '--yes'])).exitCode).toBe(0); // the sandbox performs the dispatcher rule
    for (const step of json.steps.filter((x) => x.mode === 'manual' && x.id !== 'dispatcher-rule')) {
      await recordConfirmation(join(dir, '.omnibot', 'state.json'), 'hde', step.id, step.spec, 'user');
    }
    const done = await run(['plan', '--detailed-exitcode']);
    expect(done.stdout).toMatch(/2 advice/);
    expect(done.exitCode, done.stdout).toBe(0);
  });

  it('plain verify names each manual step: unconfirmed warns, --strict fails, a rotated token is stale', async () => {
    await project();
    expect((await run(['apply', '--yes'])).exitCode).toBe(0);
    const only = ['verify', '--only', 'hde/manual-steps', '--lang', 'en'];
    const first = await run([...only, '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    const check = (out: string) =>
      (JSON.parse(out) as { checks: Array<{ id: string; status: string; message: string }> }).checks.find(
        (c) => c.id === 'hde/manual-steps',
      )!;
    expect(check(first.stdout)).toMatchObject({ status: 'warn' });
    expect(check(first.stdout).message).toMatch(/step 3 «Communication channels»: never confirmed/);
    expect(check(first.stdout).message).not.toContain('Dispatcher rule');

    const strict = await run([...only, '--strict', '--json']);
    expect(strict.exitCode).toBe(1);
    expect(check(strict.stdout)).toMatchObject({ status: 'fail' });
    const annotated = await runCli([...only], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(annotated.stdout + annotated.stderr).toMatch(/::warning title=omnibot verify%3A hde\/manual-steps::/);

    // The token is in the rule's URL: after a rotation the rule the sandbox holds is no longer the step's.
    expect((await run(['token', 'rotate', '--name', 'hde'])).exitCode).toBe(0);
    const stale = await run([...only, '--json']);
    expect(stale.exitCode).toBe(1);
    expect(check(stale.stdout)).toMatchObject({ status: 'fail' });
    expect(check(stale.stdout).message).toMatch(/step 4 «Dispatcher rule with the webhook»: stale/);
  });

  it('apply --yes --show-secrets prints the dispatcher URL whole on a real account; masked without it', async () => {
    const servers: Server[] = [];
    try {
      const real = await disguise(sandbox.url, servers);
      await project();
      const file = join(dir, 'omnibot.config.json');
      const config = JSON.parse(await readFile(file, 'utf8')) as { helpdeskeddy: { url: string } };
      config.helpdeskeddy.url = real;
      await writeFile(file, JSON.stringify(config));
      const secret = await token();
      const masked = await run(['apply', '--yes']);
      expect(masked.exitCode, masked.stderr).toBe(0);
      expect(masked.stdout).toContain('/webhook/***');
      expect(masked.stdout + masked.stderr).not.toContain(secret);
      const shown = await run(['apply', '--yes', '--show-secrets']);
      expect(shown.exitCode, shown.stderr).toBe(0);
      expect(shown.stdout).toContain(`/webhook/${secret}`);
      expect(shown.stderr).toContain('--show-secrets: the output contains tokens');
    } finally {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise((resolve) => s.close(resolve));
      }
    }
  });

  it('plan reads the key and the agent; a wrong key exits 3 naming the e-mail, never the key', async () => {
    await project();
    const plan = await run(['plan', '--json']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    const items = (JSON.parse(plan.stdout) as { resources: Array<{ resource: string; status: string }> }).resources;
    expect(Object.fromEntries(items.map((i) => [i.resource, i.status]))).toMatchObject({
      'admin-key': 'ok',
      agent: 'ok',
      'bot-token': 'ok',
      'dispatcher-rule': 'manual',
    });

    await writeFile(join(dir, '.env'), `HDE_API_KEY=wrong-key-0000\nHDE_BOT_TOKEN=${'x'.repeat(43)}\n`);
    const refused = await run(['plan']);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain(EMAIL);
    expect(refused.stderr).toContain('Управление → Глобальные настройки → Система');
    expect(refused.stderr).not.toContain('wrong-key-0000');
  });

  it('steps print the seed labels in ru and en, text, markdown and json, with the token masked', async () => {
    await project();
    const secret = await token();
    for (const args of [
      ['steps'],
      ['steps', '--format', 'markdown'],
      ['steps', '--format', 'json'],
      ['steps', '--lang', 'en'],
    ]) {
      const r = await run(args);
      expect(r.exitCode, r.stderr).toBe(0);
      for (const l of [
        'Добавить правило',
        'Основные правила',
        'Новая заявка',
        'Новый ответ в заявке',
        'Отправить вебхук',
        'Асинхронный режим',
        'Отключить повторы вебхуков',
        'Без авторизации',
        '{last_client_post_date}',
      ]) {
        expect(r.stdout, `${args.join(' ')}: ${l}`).toContain(l);
      }
      expect(r.stdout).not.toContain(secret);
    }
  });

  it('steps --show-secrets prints the dispatcher URL with the token, ready to paste, and warns', async () => {
    await project();
    const secret = await token();
    const r = await run(['steps', '--show-secrets']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`/webhook/${secret}`);
    expect(r.stderr).toContain('--show-secrets');
    expect(r.stderr).not.toContain(secret);
  });
});
