import { describe, expect, it } from 'vitest';
import { decodeForm } from '../../../../../src/core/php-form.js';
import type { OmnideskRuleSpec } from '../../../../../src/helpdesks/omnidesk/specs.js';
import { useReceiver, useSandboxClient, waitFor } from '../../../../helpers/sandbox.js';

const od = useSandboxClient();
const bot = useReceiver();

/** The bot recipe's two rules, as the omnidesk-bot recipe describes them. */
function seedRules(label: string): OmnideskRuleSpec[] {
  return [
    {
      kind: 'omnidesk.rule',
      ruleKind: 'incoming',
      title: 'wikibot: incoming',
      match: 'all',
      conditions: [{ field: 'status', op: 'eq', value: 'open' }],
      actions: [
        {
          type: 'webhook',
          url: `${bot.url}/hook`,
          method: 'POST',
          format: 'JSON',
          fields: ['case_id', 'case_description', 'user_id'],
        },
        { type: 'add_label', label },
      ],
    },
    {
      kind: 'omnidesk.rule',
      ruleKind: 'changed',
      title: 'wikibot: changed',
      match: 'all',
      conditions: [
        { field: 'changed_by', value: 'user' },
        { field: 'labels', op: 'contains', label },
      ],
      actions: [
        {
          type: 'webhook',
          url: `${bot.url}/hook`,
          method: 'POST',
          format: 'JSON',
          fields: ['case_id', 'last_message', 'user_id'],
        },
      ],
    },
  ];
}

async function setUp(label = 'wikibot') {
  const labelId = (await od.call('POST', '/api/labels.json', { label: { label_title: label } })).body.label.label_id;
  const ruleIds: number[] = [];
  for (const rule of seedRules(label)) {
    const res = await od.admin('POST', 'rules', rule);
    expect(res.body.created).toBe(true);
    ruleIds.push(res.body.rule_id);
  }
  return { labelId, incoming: ruleIds[0]!, changed: ruleIds[1]! };
}

const deliveries = async (settle = false) =>
  (await od.admin('GET', `deliveries${settle ? '?settle=1' : ''}`)).body as any[];

describe('rules admin', () => {
  it('upserts by kind and title, lists and deletes, and validates the spec', async () => {
    const [incoming] = seedRules('x');
    const a = await od.admin('POST', 'rules', incoming);
    expect(a.status).toBe(201);
    const again = await od.admin('POST', 'rules', { ...incoming, match: 'any' });
    expect(again.body).toEqual({ rule_id: a.body.rule_id, created: false });
    const list = (await od.admin('GET', 'rules')).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ rule_id: a.body.rule_id, match: 'any', title: 'wikibot: incoming' });
    expect((await od.admin('DELETE', `rules/${a.body.rule_id}`)).status).toBe(200);
    expect((await od.admin('DELETE', `rules/${a.body.rule_id}`)).status).toBe(404);
    const bad = await od.admin('POST', 'rules', {
      ...incoming,
      conditions: [{ field: 'status', op: 'eq', value: 'nope' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/conditions/);
  });
});

describe('incoming and changed rules (the bot recipe)', () => {
  it('an incoming rule fires a JSON webhook with the ticked keys, adds the label and logs the rule', async () => {
    const { labelId, incoming } = await setUp();
    const created = (
      await od.call('POST', '/api/cases.json', {
        case: { user_email: 'ivan@example.com', subject: 'Help', content: 'Привет, где заказ?' },
      })
    ).body.case;
    const hook = await waitFor(() => bot.received[0]);
    expect(hook.method).toBe('POST');
    expect(hook.headers['content-type']).toMatch(/^application\/json/);
    // Reference §4.1a: every value a string, the text as HTML.
    expect(JSON.parse(hook.body)).toEqual({
      case_id: String(created.case_id),
      case_description: '<p>Привет, где заказ?</p>',
      user_id: String(created.user_id),
    });
    const c = (await od.call('GET', `/api/cases/${created.case_id}.json`)).body.case;
    expect(c.labels).toEqual([labelId]);
    const log = (await od.call('GET', `/api/cases/${created.case_id}/changelog.json`)).body.changelog;
    expect(log).toContainEqual(
      expect.objectContaining({
        event: 'rules',
        done_by: `rule_${incoming}`,
        old_value: `wikibot: incoming (ID - ${incoming})`,
      }),
    );
    expect(log).toContainEqual(
      expect.objectContaining({ event: 'labels', done_by: `rule_${incoming}`, value: 'wikibot' }),
    );
    const [d] = await waitFor(async () => {
      const list = await deliveries();
      return list.length ? list : undefined;
    });
    expect(d).toMatchObject({
      ruleId: incoming,
      event: 'omnidesk.incoming',
      url: `${bot.url}/hook`,
      method: 'POST',
      status: 200,
    });
    expect(typeof d.ms).toBe('number');
    expect(JSON.parse(d.body).case_id).toBe(String(created.case_id));
  });

  it(
    "a changed rule fires on the customer's reply while the label is on, " + 'never on staff replies or after hand-off',
    async () => {
      const { labelId, changed } = await setUp();
      const c = (
        await od.call('POST', '/api/cases.json', {
          case: { user_email: 'ivan@example.com', subject: 'Help', content: 'first' },
        })
      ).body.case;
      await waitFor(() => bot.received.length === 1);

      await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
        message: { staff_id: 1, content: 'bot answer' },
      });
      await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
        message: { user_id: c.user_id, content: 'second question' },
      });
      await waitFor(() => bot.received.length === 2);
      expect(JSON.parse(bot.received[1]!.body)).toEqual({
        case_id: String(c.case_id),
        last_message: '<p>second question</p>',
        user_id: String(c.user_id),
      });

      // Hand-off: the bot assigns the agent and removes its label (a staff change: no webhook).
      await od.call('PUT', `/api/cases/${c.case_id}.json`, { case: { staff_id: 2, delete_labels: [labelId] } });
      await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
        message: { user_id: c.user_id, content: 'to the human' },
      });
      await od.call('POST', `/api/cases/${c.case_id}/note.json`, { note: { content: 'n' } });
      const all = await deliveries(true);
      expect(all.map((d) => d.event)).toEqual(['omnidesk.incoming', 'omnidesk.changed']);
      expect(all[1].ruleId).toBe(changed);
      expect(bot.received).toHaveLength(2);
    },
  );

  it('rule actions do not trigger changed rules, and a missing label is logged, not created', async () => {
    await od.admin('POST', 'rules', {
      kind: 'omnidesk.rule',
      ruleKind: 'incoming',
      title: 'label missing',
      match: 'all',
      conditions: [],
      actions: [
        { type: 'add_label', label: 'ghost' },
        { type: 'set_status', status: 'waiting' },
      ],
    });
    await od.admin('POST', 'rules', {
      kind: 'omnidesk.rule',
      ruleKind: 'changed',
      title: 'any change',
      match: 'any',
      conditions: [
        { field: 'changed_by', value: 'user' },
        { field: 'changed_by', value: 'staff' },
      ],
      actions: [
        {
          type: 'webhook',
          url: `${bot.url}/changed`,
          method: 'POST',
          format: 'JSON',
          fields: ['case_id', 'case_status'],
        },
      ],
    });
    const c = (await od.call('POST', '/api/cases.json', { case: { user_email: 'a@b.co', subject: 's', content: 'x' } }))
      .body.case;
    expect(c.status).toBe('waiting');
    expect((await od.call('GET', '/api/labels.json')).body.total_count).toBe(0);
    const log = (await od.call('GET', `/api/cases/${c.case_id}/changelog.json`)).body.changelog;
    expect(log.map((e: any) => e.event)).toEqual(['rules', 'rule_action_failed', 'status']);
    // The status change above was the rule's; only this staff change fires the changed rule.
    await od.call('PUT', `/api/cases/${c.case_id}.json`, { case: { status: 'closed' } });
    await waitFor(() => bot.received.length === 1);
    expect(JSON.parse(bot.received[0]!.body)).toEqual({ case_id: String(c.case_id), case_status: 'закрытое' });
    expect(await deliveries(true)).toHaveLength(1);
  });

  it('records a failed delivery with status 0 and the error', async () => {
    await od.admin('POST', 'rules', {
      kind: 'omnidesk.rule',
      ruleKind: 'incoming',
      title: 'dead end',
      match: 'all',
      conditions: [],
      actions: [
        { type: 'webhook', url: 'http://127.0.0.1:1/nothing', method: 'POST', format: 'JSON', fields: ['case_id'] },
      ],
    });
    await od.call('POST', '/api/cases.json', { case: { user_email: 'a@b.co', subject: 's', content: 'x' } });
    const [d] = await waitFor(async () => {
      const list = await deliveries();
      return list.length ? list : undefined;
    });
    expect(d.status).toBe(0);
    expect(d.error).toBeTruthy();
  });

  it('evaluates has_staff_reply, message_author and channel conditions', async () => {
    await od.admin('POST', 'rules', {
      kind: 'omnidesk.rule',
      ruleKind: 'changed',
      title: 'bot-only chat',
      match: 'all',
      conditions: [
        { field: 'has_staff_reply', value: false },
        { field: 'message_author', op: 'eq', value: 'bot' },
        { field: 'channel', op: 'eq', value: 'email' },
      ],
      actions: [{ type: 'set_status', status: 'closed' }],
    });
    const c = (await od.call('POST', '/api/cases.json', { case: { user_email: 'a@b.co', subject: 's', content: 'x' } }))
      .body.case;
    await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
      message: { user_id: c.user_id, content: 'human' },
    });
    expect((await od.call('GET', `/api/cases/${c.case_id}.json`)).body.case.status).toBe('open');
    await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
      message: { user_id: c.user_id, content: 'bot', sent_by_bot: true },
    });
    expect((await od.call('GET', `/api/cases/${c.case_id}.json`)).body.case.status).toBe('closed');
    await od.call('POST', `/api/cases/${c.case_id}/messages.json`, { message: { staff_id: 2, content: 'staff' } });
    await od.call('PUT', `/api/cases/${c.case_id}.json`, { case: { status: 'open' } });
    await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
      message: { user_id: c.user_id, content: 'bot 2', sent_by_bot: true },
    });
    expect((await od.call('GET', `/api/cases/${c.case_id}.json`)).body.case.status).toBe('open');
  });
});

describe('the «Выполнить вебхук» body (reference §4.1a)', () => {
  const ALL = [
    'case_number',
    'case_id',
    'case_subject',
    'case_description',
    'case_url',
    'note_text',
    'last_message',
    'last_message_id',
    'last_note_id',
    'case_group',
    'case_priority',
    'case_status',
    'case_tags',
    'assigned_full_name',
    'staff_full_name',
    'staff_id',
    'last_staff_id',
    'user_full_name',
    'user_email',
    'user_id',
    'user_lang',
    'category',
  ] as const;

  it(
    'sends every observed key as a string: HTML texts, ' + 'localized labels, "" or "0" when absent, custom_field_<id>',
    async () => {
      const field = (
        await od.admin('POST', 'custom-fields', {
          title: 'Способ оплаты',
          field_type: 'select',
          field_level: 'case',
          field_data: { '1': 'Карта', '2': 'Электронный платеж' },
        })
      ).body.custom_field;
      const cf = `custom_field_${field.field_id}`;
      await od.admin('POST', 'rules', {
        kind: 'omnidesk.rule',
        ruleKind: 'incoming',
        title: 'everything',
        match: 'all',
        conditions: [],
        actions: [{ type: 'webhook', url: `${bot.url}/all`, method: 'POST', format: 'JSON', fields: [...ALL, cf] }],
      });
      const c = (
        await od.call('POST', '/api/cases.json', {
          case: {
            user_email: 'anna@example.com',
            user_full_name: 'Анна',
            subject: 'Оплата',
            content: 'a < b\nвторая',
            priority: 'low',
            custom_fields: { [`cf_${field.field_id}`]: '2' },
          },
        })
      ).body.case;
      const hook = await waitFor(() => bot.received[0]);
      const body = JSON.parse(hook.body);
      expect(Object.keys(body)).toEqual([...ALL, cf]);
      for (const v of Object.values(body)) expect(typeof v).toBe('string');
      expect(body).toMatchObject({
        case_id: String(c.case_id),
        case_number: c.case_number,
        case_subject: 'Оплата',
        case_description: '<p>a &lt; b<br>вторая</p>',
        last_message: '<p>a &lt; b<br>вторая</p>',
        case_url: expect.stringMatching(
          new RegExp(`^http://127\\.0\\.0\\.1:\\d+/staff/cases/record/${c.case_number}$`),
        ),
        note_text: '',
        last_note_id: '',
        case_group: 'Поддержка',
        case_priority: 'Низкий',
        case_status: 'открытое',
        case_tags: '',
        staff_id: '0',
        last_staff_id: '0',
        assigned_full_name: '',
        user_full_name: 'Анна',
        user_email: 'anna@example.com',
        user_id: String(c.user_id),
        user_lang: '1',
        category: '',
        [cf]: 'Электронный платеж',
      });
      expect(body.last_message_id).toMatch(/^\d+$/);
    },
  );

  it("sends the same keys form-encoded when the action's format is FORM, and in the query for GET", async () => {
    await od.admin('POST', 'rules', {
      kind: 'omnidesk.rule',
      ruleKind: 'incoming',
      title: 'form',
      match: 'all',
      conditions: [],
      actions: [
        {
          type: 'webhook',
          url: `${bot.url}/form`,
          method: 'POST',
          format: 'FORM',
          fields: ['case_id', 'case_description', 'user_id'],
        },
        {
          type: 'webhook',
          url: `${bot.url}/get?x=1`,
          method: 'GET',
          format: 'JSON',
          fields: ['case_id', 'case_status'],
        },
      ],
    });
    const c = (
      await od.call('POST', '/api/cases.json', { case: { user_email: 'a@b.co', subject: 's', content: 'Где заказ?' } })
    ).body.case;
    await waitFor(() => bot.received.length === 2);
    const form = bot.received.find((r) => r.url.startsWith('/form'))!;
    expect(form.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(decodeForm(form.body)).toEqual({
      case_id: String(c.case_id),
      case_description: '<p>Где заказ?</p>',
      user_id: String(c.user_id),
    });
    const get = bot.received.find((r) => r.url.startsWith('/get'))!;
    const query = new URL(get.url, 'http://x').searchParams;
    expect(Object.fromEntries(query)).toEqual({ x: '1', case_id: String(c.case_id), case_status: 'открытое' });
  });

  it('refuses a rule that ticks a field the action does not offer', async () => {
    const bad = await od.admin('POST', 'rules', {
      kind: 'omnidesk.rule',
      ruleKind: 'incoming',
      title: 'bad',
      match: 'all',
      conditions: [],
      actions: [{ type: 'webhook', url: `${bot.url}/x`, method: 'POST', format: 'JSON', fields: ['initial_text'] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/initial_text/);
  });
});
