import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli } from '../../helpers/run-cli.js';
import { parseJunit } from '../../helpers/junit-parser.js';
import { setup, type Fixture } from '../../helpers/verify-fixture.js';

let fx: Fixture | undefined;
let extra: Server | undefined;

afterEach(async () => {
  await fx?.close();
  fx = undefined;
  if (extra) {
    const s = extra;
    extra = undefined;
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

interface Check {
  id: string;
  status: string;
  message?: string;
  cause?: string;
  hint?: string;
  details?: any;
  step?: { id: string; number?: number; title: string };
}

function check(report: { checks: Check[] }, id: string): Check {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}

/** A bot stand-in that answers every request with `status`, or (`null`) never answers. */
async function fakeBot(status: number | null): Promise<string> {
  extra = createServer((req, res) => {
    req.resume();
    if (status === null) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: status >= 500 ? 'kaboom' : undefined }));
  });
  await new Promise<void>((resolve) => extra!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(extra.address() as AddressInfo).port}/hook`;
}

/** A bot written against the intuitive form: it answers 400 unless case_id is a JSON number. */
async function strictBot(): Promise<string> {
  extra = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let ok: boolean;
      try {
        ok = typeof (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { case_id?: unknown }).case_id === 'number';
      } catch {
        ok = false;
      }
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { ok: true } : { error: 'case_id must be an integer' }));
    });
  });
  await new Promise<void>((resolve) => extra!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(extra.address() as AddressInfo).port}/hook`;
}

async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return `http://127.0.0.1:${port}/hook`;
}

describe('omnibot verify against the sandbox and the reference bot', () => {
  it('passes with the human reporter, prints the timeline on stderr and confirms the manual steps', async () => {
    fx = await setup();
    const r = await fx.run(['verify', '--e2e']);
    expect(r.exitCode).toBe(0);
    for (const id of [
      'config',
      'omnidesk.credentials',
      'wikibot/label',
      'wikibot/agent',
      'wikibot/endpoint',
      'wikibot/e2e-case',
      'wikibot/e2e-rule',
      'wikibot/e2e-reply',
      'wikibot/e2e-handoff',
      'wikibot/e2e-cleanup',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`✓ ${id.replace('.', '\\.')}\\s`));
    }
    expect(r.stdout).toContain('verify passed');
    for (const event of [
      'created',
      'rule fired',
      'webhook delivered',
      'bot replied',
      'user replied',
      'handed off to operator@sandbox.test',
      'moved to the trash',
    ]) {
      expect(r.stderr).toContain(event);
    }
    expect(r.stderr).toMatch(/\+\d+ ms {2}case #\d+ created/);
    const state = JSON.parse(await readFile(join(fx.dir, '.omnibot', 'state.json'), 'utf8'));
    expect(state.resources['wikibot/incoming-rule'].confirmedBy).toBe('verify');
    expect(state.resources['wikibot/changed-rule'].confirmedBy).toBe('verify');
    expect(await fx.openTestCases()).toEqual([]);
  });

  it("a second round trip after /_sandbox/reset passes: the reset clears the reference bot's memory too", async () => {
    fx = await setup();
    expect((await fx.run(['verify', '--e2e'])).exitCode).toBe(0);
    // The reset brings case ids back to the seeded ones, so the second trip's case has the first one's id and text.
    await fetch(`${fx.sandbox.omnidesk.url}/_sandbox/reset`, { method: 'POST' });
    // The reset removed the rules the state file says were performed: start the project afresh.
    await rm(join(fx.dir, '.omnibot'), { recursive: true });
    expect((await fx.run(['apply', '--yes'])).exitCode).toBe(0);
    const r = await fx.run(['verify', '--e2e', '--json', '--timeout', '5s']);
    const failed = (JSON.parse(r.stdout) as { checks: Check[] }).checks.filter((c) => c.status !== 'pass');
    expect(failed).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('--json prints one document with the checks and the timeline', async () => {
    fx = await setup();
    const r = await fx.run(['verify', '--e2e', '--json']);
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    expect(report.summary).toMatchObject({ failed: 0, skipped: 0 });
    expect(report.checks.length).toBe(report.summary.total);
    const kinds = report.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'case-created',
        'rule-fired',
        'webhook-delivered',
        'bot-replied',
        'hand-off',
        'cleaned-up',
      ]),
    );
    expect(report.timeline.every((e: { elapsedMs: number }) => Number.isInteger(e.elapsedMs))).toBe(true);
    expect(r.stderr).not.toContain('{');
  });

  it(
    '--reporter junit --output writes parseable XML, one ' + 'testcase per check; stdout keeps the human summary',
    async () => {
      fx = await setup();
      const r = await fx.run(['verify', '--e2e', '--reporter', 'junit', '--output', 'junit.xml']);
      expect(r.exitCode).toBe(0);
      const junit = parseJunit(await readFile(join(fx.dir, 'junit.xml'), 'utf8'));
      expect(junit.tests).toBe(11);
      expect(junit.failures).toBe(0);
      expect(junit.testcases).toHaveLength(11);
      expect(junit.testcases.map((t) => t.name)).toContain(
        'wikibot/e2e-handoff: Asking for an operator hands the case off: agent assigned, label removed',
      );
      expect(r.stdout).toContain('verify passed');
    },
  );

  it('--reporter junit on stdout counts a failure, and GitHub Actions gets ::error:: lines', async () => {
    fx = await setup();
    const labels = await fx.api.listLabels();
    await fx.api.deleteLabel(labels.find((l) => l.label_title === 'wikibot')!.label_id);
    const r = await fx.run(['verify', '--reporter', 'junit'], { GITHUB_ACTIONS: 'true' });
    expect(r.exitCode).toBe(1);
    const junit = parseJunit(r.stdout);
    expect(junit.failures).toBe(1);
    const failed = junit.testcases.filter((t) => t.failure);
    expect(failed.map((t) => t.name)).toEqual(['wikibot/label: Label "wikibot"']);
    expect(failed[0]!.failure!.body).toContain('omnibot apply');
    expect(r.stderr).toMatch(/^::error title=omnibot verify%3A wikibot\/label::label "wikibot" does not exist/m);
  });
});

describe('each failure fails the right check with the right hint', () => {
  it('the label deleted: the label check fails, the round trip does not start', async () => {
    fx = await setup();
    const labels = await fx.api.listLabels();
    await fx.api.deleteLabel(labels.find((l) => l.label_title === 'wikibot')!.label_id);
    const r = await fx.run(['verify', '--e2e', '--json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    const label = check(report, 'wikibot/label');
    expect(label.status).toBe('fail');
    expect(label.hint).toContain('omnibot apply');
    expect(label.step?.id).toBe('label');
    expect(check(report, 'wikibot/e2e-case').status).toBe('skip');
    expect(check(report, 'wikibot/e2e-cleanup').status).toBe('skip');
    expect(report.summary.failed).toBe(1);
    expect(await fx.openTestCases()).toEqual([]);
  });

  it('the agent deactivated: the agent check fails, the hand-off is skipped, the case is trashed', async () => {
    fx = await setup();
    await fx.api.adminRequest('POST', '/_sandbox/staff/2', { active: false });
    const r = await fx.run(['verify', '--e2e', '--json', '--timeout', '5s']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    const agent = check(report, 'wikibot/agent');
    expect(agent.status).toBe('fail');
    expect(agent.message).toMatch(/inactive/);
    expect(check(report, 'wikibot/e2e-handoff').status).toBe('skip');
    expect(check(report, 'wikibot/e2e-cleanup').status).toBe('pass');
    expect(report.summary.failed).toBe(1);
    expect(await fx.openTestCases()).toEqual([]);
  });

  it('the changed-case rule missing: the hand-off fails naming the changed-case rule step', async () => {
    fx = await setup();
    const rules = await fx.api.adminRequest<
      Array<{ rule_id: number; ruleKind?: string; kind?: string; title: string }>
    >('GET', '/_sandbox/rules');
    const changed = (Array.isArray(rules) ? rules : []).find(
      (x) => (x.ruleKind ?? x.kind) === 'changed' || /изменённые|changed/.test(x.title),
    );
    expect(changed).toBeDefined();
    await fx.api.adminRequest('DELETE', `/_sandbox/rules/${changed!.rule_id}`);
    const r = await fx.run(['verify', '--e2e', '--json', '--timeout', '2s', '--lang', 'en']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(check(report, 'wikibot/e2e-reply').status).toBe('pass');
    const handoff = check(report, 'wikibot/e2e-handoff');
    expect(handoff.status).toBe('fail');
    expect(handoff.message).toContain('the changed-case rule sent no webhook');
    expect(handoff.step).toMatchObject({ id: 'changed-rule', title: 'Rule for changed cases' });
    expect(handoff.step?.number).toBeGreaterThan(1);
    expect(check(report, 'wikibot/e2e-cleanup').status).toBe('pass');
    expect(await fx.openTestCases()).toEqual([]);
    // The failed hop takes its step's confirmation back: plan shows it to do again, and so says its exit code.
    expect(report.revoked).toEqual(['wikibot/changed-rule']);
    const plan = await fx.run(['plan', '--json', '--detailed-exitcode']);
    expect(plan.exitCode).toBe(4);
    const item = JSON.parse(plan.stdout).resources.find((x: { resource: string }) => x.resource === 'changed-rule');
    expect(item).toMatchObject({ status: 'manual' });
    expect(item.detail).toContain('revoked by verify --e2e');
    const state = JSON.parse(await readFile(join(fx.dir, '.omnibot', 'state.json'), 'utf8'));
    expect(state.resources['wikibot/changed-rule']).toMatchObject({ revokedBy: 'verify --e2e' });
    expect(state.resources['wikibot/changed-rule'].confirmedBy).toBeUndefined();
  });

  it('plain verify does not pass silently over the rules it cannot see: it names them as not re-checked', async () => {
    fx = await setup();
    const r = await fx.run(['verify', '--json', '--lang', 'en']);
    const manual = check(JSON.parse(r.stdout), 'wikibot/manual-steps');
    expect(manual.message).toMatch(/^not re-checked by this run \(use --e2e\): /);
    expect(manual.message).toContain('«Rule for changed cases»');
    expect(manual.details.steps.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining(['incoming-rule', 'changed-rule']),
    );
  });

  it('the incoming rule missing: "did not add the label within 1 s", naming the incoming rule step', async () => {
    fx = await setup();
    const rules = await fx.api.adminRequest<Array<{ rule_id: number; ruleKind?: string; title: string }>>(
      'GET',
      '/_sandbox/rules',
    );
    const incoming = rules.find((x) => x.ruleKind === 'incoming' || /входящие/.test(x.title));
    await fx.api.adminRequest('DELETE', `/_sandbox/rules/${incoming!.rule_id}`);
    const r = await fx.run(['verify', '--e2e', '--timeout', '1s', '--lang', 'en']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/✗ wikibot\/e2e-rule/);
    expect(r.stdout).toContain('the incoming rule did not add the label «wikibot» within 1 s');
    expect(r.stdout).toMatch(/revisit: step \d+, «Rule for incoming cases»/);
    expect(r.stdout).toContain('«Добавить метку»');
    expect(await fx.openTestCases()).toEqual([]);
  });

  it('replyAsNote: a bot that answers with a note passes, one that answers the customer fails saying so', async () => {
    fx = await setup({ replyAsNote: true, webhookQuery: '?note=1' });
    const good = await fx.run(['verify', '--e2e', '--json', '--timeout', '10s']);
    expect(good.exitCode).toBe(0);
    expect(check(JSON.parse(good.stdout), 'wikibot/e2e-reply').message).toMatch(/^note from staff #1/);
    expect(JSON.parse(good.stdout).confirmed).toEqual([
      'wikibot/incoming-rule',
      'wikibot/changed-rule',
      'wikibot/reply-as-note',
    ]);
    await fx.close();
    fx = await setup({ replyAsNote: true });
    const bad = await fx.run(['verify', '--e2e', '--json', '--timeout', '10s']);
    expect(bad.exitCode).toBe(1);
    const reply = check(JSON.parse(bad.stdout), 'wikibot/e2e-reply');
    expect(reply.message).toBe('the bot replied to the customer, but replyAsNote is true: its answers should be notes');
    expect(reply.hint).toContain('«Посылать ответ как заметку»');
    expect(await fx.openTestCases()).toEqual([]);
  });

  it('the bot down: the endpoint check fails with connection refused', async () => {
    fx = await setup({ webhookUrl: await deadUrl() });
    const r = await fx.run(['verify', '--e2e', '--json', '--timeout', '2s']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    const endpoint = check(report, 'wikibot/endpoint');
    expect(endpoint.status).toBe('fail');
    expect(endpoint.message).toContain('ECONNREFUSED');
    expect(endpoint.cause).toContain('not running');
    expect(check(report, 'wikibot/e2e-case').status).toBe('skip');
  });

  it('the bot answering 500: the endpoint check names the status', async () => {
    fx = await setup({ webhookUrl: await fakeBot(500) });
    const r = await fx.run(['verify', '--json', '--timeout', '2s']);
    expect(r.exitCode).toBe(1);
    const endpoint = check(JSON.parse(r.stdout), 'wikibot/endpoint');
    expect(endpoint.message).toBe('the bot answered 500 to omnidesk.incoming');
    expect(endpoint.hint).toContain('omnibot send omnidesk.incoming');
    // No single field explains it, so the hint lists how Omnidesk sends each one.
    expect(endpoint.hint).toContain('Omnidesk sends case_id as a JSON string of digits');
    expect(endpoint.hint).toContain('case_description as HTML text');
  });

  it('a bot that refuses string ids: the endpoint check names case_id and the form Omnidesk sends it in', async () => {
    fx = await setup({ webhookUrl: await strictBot() });
    const r = await fx.run(['verify', '--json', '--timeout', '2s']);
    expect(r.exitCode).toBe(1);
    const endpoint = check(JSON.parse(r.stdout), 'wikibot/endpoint');
    expect(endpoint.message).toBe('the bot answered 400 to omnidesk.incoming');
    expect(endpoint.cause).toBe('the bot refuses the body as the helpdesk really sends it');
    expect(endpoint.hint).toMatch(
      /^case_id must be accepted as a JSON string of digits \("423208679"\), not a number: the bot took \d+ but refused "\d+"/,
    );
    expect(endpoint.hint).not.toMatch(/user_id must/);
    expect(endpoint.details!.fields.culprits.map((c: { name: string }) => c.name)).toEqual(['case_id']);
  });

  it('the bot slower than the timeout: the endpoint check says so and suggests answering first', async () => {
    fx = await setup({ webhookUrl: await fakeBot(null) });
    const r = await fx.run(['verify', '--json', '--timeout', '300ms']);
    expect(r.exitCode).toBe(1);
    const endpoint = check(JSON.parse(r.stdout), 'wikibot/endpoint');
    expect(endpoint.message).toBe('the bot did not answer omnidesk.incoming within 300 ms');
    expect(endpoint.hint).toContain('Answer 200 at once');
  });

  it('a wrong API key: exit 3, the credentials check fails, and the key is never printed', async () => {
    fx = await setup();
    const wrong = 'wrong-key-4f1c9a7e';
    const r = await fx.run(['verify', '--e2e', '--reporter', 'junit', '--output', 'junit.xml'], {
      OMNIDESK_API_KEY: wrong,
    });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toMatch(/✗ omnidesk\.credentials/);
    expect(r.stdout).toMatch(/- wikibot\/label/);
    const xml = await readFile(join(fx.dir, 'junit.xml'), 'utf8');
    expect(parseJunit(xml).failures).toBe(1);
    const json = await fx.run(['verify', '--json'], { OMNIDESK_API_KEY: wrong });
    expect(json.exitCode).toBe(3);
    expect(JSON.parse(json.stdout).checks[1]).toMatchObject({
      id: 'omnidesk.credentials',
      status: 'fail',
      errorKind: 'auth',
    });
    for (const text of [r.stdout, r.stderr, xml, json.stdout, json.stderr]) expect(text).not.toContain(wrong);
    // A stale shell variable wins over .env; the refusal says which one was used.
    expect(JSON.parse(json.stdout).checks[1].hint).toContain(
      'The API key used came from the environment variable OMNIDESK_API_KEY of this shell, ' +
        `which wins over the different value in ${join(fx.dir, '.env')}.`,
    );
    const plan = await fx.run(['plan'], { OMNIBOT_OMNIDESK_API_KEY: wrong });
    expect(plan.exitCode).toBe(3);
    expect(plan.stderr).toContain(
      'hint: The API key used came from the environment variable OMNIBOT_OMNIDESK_API_KEY, ' +
        'which overrides the config file.',
    );
    expect(plan.stderr).not.toContain(wrong);
  });

  it('a wrong key in .env: the refusal names the .env file', async () => {
    fx = await setup();
    await writeFile(join(fx.dir, '.env'), 'OMNIDESK_API_KEY=wrong-key-in-dotenv-77\n');
    const r = await fx.run(['plan']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(`hint: The API key used came from OMNIDESK_API_KEY in ${join(fx.dir, '.env')}.`);
  });

  it('an invalid config: exit 2, the config check fails, and the JUnit file still says so', async () => {
    fx = await setup({ apply: false });
    const r = await fx.run(['verify', '--config', 'nope.json', '--reporter', 'junit', '--output', 'junit.xml']);
    expect(r.exitCode).toBe(2);
    const junit = parseJunit(await readFile(join(fx.dir, 'junit.xml'), 'utf8'));
    expect(junit.testcases).toHaveLength(1);
    expect(junit.testcases[0]!.failure!.message).toContain('not found');
  });

  it('a bad --timeout, an unknown --only or --integration is a usage error naming the flag', async () => {
    fx = await setup({ apply: false });
    for (const [args, flag] of [
      [['--timeout', 'soon'], '--timeout'],
      [['--only', 'nope'], '--only'],
      [['--integration', 'nope'], '--integration'],
    ] as const) {
      const r = await fx.run(['verify', ...args]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(flag);
    }
  });

  it('--only endpoint runs that check and what it needs, nothing else', async () => {
    fx = await setup();
    const r = await fx.run(['verify', '--only', 'endpoint', '--json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).checks.map((c: Check) => c.id)).toEqual(['config', 'wikibot/endpoint']);
  });
});

describe('clean-up', () => {
  it('cancelling (Ctrl-C) in the middle of the round trip still trashes the test case and exits 130', async () => {
    fx = await setup();
    const rules = await fx.api.adminRequest<Array<{ rule_id: number; ruleKind?: string; title: string }>>(
      'GET',
      '/_sandbox/rules',
    );
    const changed = rules.find((x) => x.ruleKind === 'changed' || /изменённые/.test(x.title));
    await fx.api.adminRequest('DELETE', `/_sandbox/rules/${changed!.rule_id}`);
    const cli = startCli(['verify', '--e2e', '--timeout', '60s'], { cwd: fx.dir });
    await cli.until((_out, err) => err.includes('user replied'), 'the hand-off wait');
    expect(await fx.openTestCases()).toHaveLength(1);
    const result = await cli.stop();
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toContain('moved to the trash');
    expect(await fx.openTestCases()).toEqual([]);
  });
});
