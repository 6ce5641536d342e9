/**
 * The loop guard on an account that is not the sandbox: no deliveries to read, only posts. The
 * sandbox is put behind a proxy that hides what marks it as the sandbox (its response header and
 * its admin path), so verify sees it as a real account; a naive bot answers every webhook it
 * gets. With the loop guard the bot posts once; without it, its own post comes back and it posts
 * again, which the behavioural check must catch.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHelpdeskeddyClient } from '../../../../src/helpdesks/helpdeskeddy/client/http.js';
import { settleWindowMs } from '../../../../src/integrations/helpdeskeddy-bot/round-trip.js';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/index.js';
import { runCli } from '../../../helpers/run-cli.js';
import { tempDir } from '../../../helpers/temp-dir.js';
import { disguise } from '../../../helpers/disguise.js';

const creds = { email: 'admin@sandbox.test', apiKey: 'sandbox-api-key' };
const servers: Server[] = [];
let sandbox: RunningSandbox | undefined;
let cleanup: (() => Promise<void>) | undefined;

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  await sandbox?.close();
  await cleanup?.();
  sandbox = undefined;
  cleanup = undefined;
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A bot with no loop protection of its own: it answers every webhook with a post, at most 6. */
function naiveBot(hde: string): Promise<string> {
  const api = createHelpdeskeddyClient({ url: hde, ...creds });
  let posts = 0;
  return listen(
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        let ticket: string | undefined;
        try {
          ticket = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ticket_id?: unknown }).ticket_id);
        } catch {
          return;
        }
        if (posts++ < 6) void api.createPost(ticket, { text: `Ответ бота №${posts}` }).catch(() => undefined);
      });
    }),
  );
}

async function project(loopGuardInRule: boolean): Promise<string> {
  sandbox = await startSandbox({});
  const tmp = await tempDir('omnibot-hde-loop-');
  cleanup = tmp.cleanup;
  const bot = await naiveBot(sandbox.helpdeskeddy.url);
  const real = await disguise(sandbox.helpdeskeddy.url, servers);
  // The rule as a person made it on the account: with or without the guard.
  const admin = createHelpdeskeddyClient({ url: sandbox.helpdeskeddy.url, ...creds });
  await admin.adminRequest('POST', '/_sandbox/dispatcher-rules', {
    kind: 'helpdeskeddy.dispatcher-rule',
    title: 'omnibot: hde',
    group: 'main',
    required: ['new_ticket', 'new_reply'],
    extra: loopGuardInRule ? [{ field: 'last_reply_author_group', op: 'eq', value: 'client' }] : [],
    action: {
      type: 'webhook',
      mode: 'async',
      retries: false,
      method: 'POST',
      format: 'JSON',
      auth: 'none',
      url: `${bot}/hook`,
      body: '{"ticket_id": "{ticket_id}", "message": "{answer_last}"}',
    },
  });
  const config = {
    helpdeskeddy: { url: real, email: creds.email, apiKey: '${HDE_API_KEY}' },
    integrations: [{ recipe: 'helpdeskeddy-bot', name: 'hde', token: 'x'.repeat(16), webhookUrl: `${bot}/hook` }],
  };
  await writeFile(join(tmp.dir, 'omnibot.config.json'), JSON.stringify(config, null, 2));
  await writeFile(join(tmp.dir, '.env'), `HDE_API_KEY=${creds.apiKey}\n`);
  return tmp.dir;
}

async function loopCheck(dir: string) {
  const r = await runCli(['verify', '--e2e', '--json', '--only', 'hde/e2e-loop-guard', '--timeout', '30s'], {
    cwd: dir,
  });
  const checks = JSON.parse(r.stdout).checks as Array<{ id: string; status: string; message?: string; cause?: string }>;
  return { exitCode: r.exitCode, guard: checks.find((c) => c.id === 'hde/e2e-loop-guard')!, checks };
}

describe('the HelpDeskEddy loop guard, judged by behaviour on a real account', () => {
  it('a rule without the guard: the bot posts again with no customer message, and the check fails', async () => {
    const { exitCode, guard } = await loopCheck(await project(false));
    expect(exitCode).toBe(1);
    expect(guard.status).toBe('fail');
    expect(guard.message).toMatch(/^the bot posted \d+ times with no new customer message within the .*settle window/);
    expect(guard.cause).toContain('«Группа автора последнего ответа» = «Клиент»');
  });

  it('a rule with the guard: one bot post in the settle window, and the check passes', async () => {
    const { guard, checks } = await loopCheck(await project(true));
    expect(checks.find((c) => c.id === 'hde/e2e-reply')!.status).toBe('pass');
    expect(guard.status).toBe('pass');
    expect(guard.message).toMatch(/no second bot post without a customer message in the 5 s settle window/);
  });

  it('derives the window from the observed latency, between 5 s and a minute, never past --timeout', () => {
    expect(settleWindowMs(400, 120_000)).toBe(5_000);
    expect(settleWindowMs(4_000, 120_000)).toBe(12_000);
    expect(settleWindowMs(40_000, 120_000)).toBe(60_000);
    expect(settleWindowMs(4_000, 8_000)).toBe(8_000);
  });
});
