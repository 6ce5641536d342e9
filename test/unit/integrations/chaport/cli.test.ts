/**
 * chaport (seed 004) through main() against the sandbox: the status map on the seeded
 * staff in every status (read, configured, unknown), apply twice, steps in every format and
 * language, and verify --e2e running the two auto-close rules on the sandbox's rule engine,
 * then failing when a rule is missing or a custom status is undescribed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedIds, statuses, workspace, type Workspace } from '../../../helpers/workspace.js';

let ws: Workspace;
const CONFIGURED = { '4': { chatAccess: false }, 'Только чаты': { chatAccess: true } };

function integration(over: Record<string, unknown> = {}) {
  return { recipe: 'chaport', name: 'chat', statuses: CONFIGURED, offlineDelayMinutes: 3, ...over };
}

beforeAll(async () => {
  ws = await workspace();
  await ws.writeConfig([integration()]);
});

afterAll(async () => {
  await ws?.close();
});

describe('chaport status-map', () => {
  it.each([
    [1, 'online', { chaport: 'online', source: 'read' }],
    [2, 'offline', { chaport: 'offline', afterMinutes: 3, source: 'read' }],
    [3, 'без чатов', { chaport: 'offline', afterMinutes: 3, source: 'read' }],
    [4, 'Обед', { chaport: 'offline', afterMinutes: 3, source: 'configured', chatAccess: false }],
    [5, 'Только чаты', { chaport: 'online', source: 'configured', chatAccess: true }],
  ])('a staff member in status %i («%s»)', async (statusId, title, expected) => {
    await ws.admin('POST', '/_sandbox/staff/2', { status_id: statusId });
    const { result, data } = await ws.json(['chaport', 'status-map']);
    expect(result.exitCode).toBe(0);
    const operator = data.rows.find((r: any) => r.staffId === 2);
    expect(operator).toMatchObject({ email: 'operator@sandbox.test', statusId, statusTitle: title, ...expected });
    // The admin stays online; the disabled colleague is offline whatever the status.
    expect(data.rows.find((r: any) => r.staffId === 1)).toMatchObject({ chaport: 'online', source: 'read' });
    expect(data.rows.find((r: any) => r.staffId === 3)).toMatchObject({ active: false, chaport: 'offline' });
  });

  it('a custom status the config does not describe is unknown, with a hint naming the config key', async () => {
    await ws.admin('POST', '/_sandbox/staff/2', { status_id: 5 });
    await ws.writeConfig([integration({ statuses: { '4': { chatAccess: false }, Ужин: { chatAccess: true } } })]);
    try {
      const table = await ws.cli(['chaport', 'status-map']);
      expect(table.exitCode).toBe(0);
      expect(table.stdout.split('\n')[0]).toMatch(/^STAFF\s+OMNIDESK STATUS\s+CHAPORT\s+SOURCE$/);
      expect(table.stdout).toMatch(/operator@sandbox\.test\s+Только чаты \(5\)\s+unknown\s+unknown/);
      expect(table.stderr).toContain('integrations[name=chat].statuses["5"]');
      expect(table.stderr).toContain('statuses["Ужин"] in the config matches no staff status');
    } finally {
      await ws.writeConfig([integration()]);
      await ws.admin('POST', '/_sandbox/staff/2', { status_id: 1 });
    }
  });

  it('names the flag when --integration matches nothing (exit 2)', async () => {
    const result = await ws.cli(['chaport', 'status-map', '--integration', 'nope']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--integration: no chaport integration named "nope"');
  });
});

describe('chaport recipe e2e', () => {
  it('apply performs both rules on the sandbox once; the second run creates nothing', async () => {
    const first = await ws.json(['apply', '--yes']);
    expect(first.data.resources.map((r: any) => [r.resource, r.action])).toEqual([
      ['staff-statuses', 'none'],
      ['incoming-rule', 'sandbox'],
      ['changed-rule', 'sandbox'],
    ]);
    const second = await ws.json(['apply', '--yes']);
    expect(second.result.exitCode).toBe(0);
    expect(second.data.summary).toMatchObject({ created: 0, sandbox: 0, pending: 0, unknown: 0 });
    const rules = await ws.admin<any[]>('GET', '/_sandbox/rules');
    expect(rules).toHaveLength(2);
    expect(rules.map((r) => r.actions[0])).toEqual([
      { type: 'set_status', status: 'waiting' },
      { type: 'set_status', status: 'waiting' },
    ]);
  });

  it.each([
    [
      'text',
      'ru',
      [
        'Правило для входящих обращений, которое срабатывает на первый ответ пользователя.',
        'Точные условия этого правила текстом не опубликованы',
        '«Изменить статус» — в ожидании',
      ],
    ],
    [
      'markdown',
      'ru',
      ['вкладка «изменённые обращения»', 'срабатывает на все остальные сообщения бота и ответы пользователя для бота'],
    ],
    ['json', 'ru', ['"kind": "omnidesk.rule"', '"field": "has_staff_reply"']],
    ['text', 'en', ['not published as text', 'Incoming-case rule']],
    ['markdown', 'en', ['Changed-case rule', 'the Chaport chat channel, changes on the customer’s side']],
    ['json', 'en', ['"lang": "en"', '"status": "waiting"']],
  ])('steps --format %s --lang %s', async (format, lang, phrases) => {
    const result = await ws.cli(['steps', '--format', format, '--lang', lang]);
    expect(result.exitCode).toBe(0);
    for (const phrase of phrases) expect(result.stdout).toContain(phrase);
  });

  it(
    'verify --e2e passes: the rules finish a bot-only ' + 'chat «в ожидании» and leave a staff-answered one open',
    async () => {
      const { result, data } = await ws.json(['verify', '--e2e']);
      expect(failedIds(data), result.stdout).toEqual([]);
      expect(statuses(data)).toMatchObject({
        'chat/staff-statuses': 'pass',
        'chat/e2e-first-reply': 'pass',
        'chat/e2e-bot-chat': 'pass',
        'chat/e2e-staff-chat': 'pass',
        'chat/e2e-cleanup': 'pass',
      });
      expect(result.exitCode).toBe(0);
    },
  );

  it(
    'the sandbox rule engine runs the changed-case rule ' + 'on a bot message too (seed 004: «сообщения бота»)',
    async () => {
      const auth = `Basic ${Buffer.from('admin@sandbox.test:sandbox-api-key').toString('base64')}`;
      const api = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(new URL(path, ws.sandbox.omnidesk.url), {
          method,
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect(res.ok, `${method} ${path}`).toBe(true);
        return (await res.json()) as any;
      };
      const created = (
        await api('POST', '/api/cases.json', {
          case: { subject: 'Чат с ботом', content: 'Привет', user_email: 'bot-chat@example.invalid', channel: 'chat' },
        })
      ).case;
      expect(created.status).toBe('waiting');
      // A staff member reopens it and it stays open: б fires on messages from the customer's side.
      await api('PUT', `/api/cases/${created.case_id}.json`, { case: { status: 'open' } });
      expect((await api('GET', `/api/cases/${created.case_id}.json`)).case.status).toBe('open');
      // The bot's next message is still a bot-only conversation.
      await api('POST', `/api/cases/${created.case_id}/messages.json`, {
        message: { user_id: created.user_id, content: 'Я бот', sent_by_bot: true },
      });
      expect((await api('GET', `/api/cases/${created.case_id}.json`)).case.status).toBe('waiting');
      // An e-mail case is no chat: neither rule touches it.
      const mail = (
        await api('POST', '/api/cases.json', {
          case: { subject: 'Письмо', content: 'Привет', user_email: 'mail@example.invalid' },
        })
      ).case;
      expect(mail.status).toBe('open');
    },
  );

  it('a missing incoming rule fails the round trip at its own hop, naming the step', async () => {
    const rules = await ws.admin<any[]>('GET', '/_sandbox/rules');
    const incoming = rules.find((r) => r.ruleKind === 'incoming');
    await ws.admin('DELETE', `/_sandbox/rules/${incoming.rule_id}`);
    try {
      const { data } = await ws.json(['verify', '--e2e']);
      expect(failedIds(data)).toEqual(['chat/e2e-first-reply']);
      const check = data.checks.find((c: any) => c.id === 'chat/e2e-first-reply');
      expect(check.message).toContain('did not become «в ожидании»');
      expect(check.step).toMatchObject({ id: 'incoming-rule' });
      expect(statuses(data)['chat/e2e-cleanup']).toBe('pass');
    } finally {
      await ws.cli(['apply', '--yes']);
    }
  });

  it('an undescribed custom status fails the statuses check', async () => {
    await ws.writeConfig([integration({ statuses: {} })]);
    try {
      const { data } = await ws.json(['verify']);
      expect(failedIds(data)).toEqual(['chat/staff-statuses']);
      expect(data.checks.find((c: any) => c.id === 'chat/staff-statuses').message).toContain('«Обед» (4)');
    } finally {
      await ws.writeConfig([integration()]);
    }
  });
});
