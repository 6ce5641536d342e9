import { describe, expect, it } from 'vitest';
import { collectSteps } from '../../../src/steps/collect.js';
import { registry } from '../../helpers/registry.js';
import { renderSteps, type StepsDocument } from '../../../src/steps/render.js';
import { ruleInstructions } from '../../../src/helpdesks/omnidesk/rule-instructions.js';
import { botConfig } from '../../helpers/steps-fixtures.js';

async function render(format: 'text' | 'markdown' | 'json', lang: 'ru' | 'en', replyAsNote = false, url?: string) {
  const groups = await collectSteps(botConfig({ replyAsNote, url }), { lang }, (it) => registry.bind(it));
  return renderSteps(groups, format, lang);
}

// The seed's words, verbatim: a user compares them with the article and the UI.
const SEED_RU = [
  'аккаунт администратора → раздел «Каналы» → подраздел «Метки» → кнопка «Добавить метку»',
  'аккаунт администратора → раздел «Настройки» → подраздел «API»',
  'аккаунт администратора → раздел «Каналы» → подраздел «Правила» → вкладка «входящие обращения» → кнопка «Добавить ' +
    'правило»',
  'аккаунт администратора → раздел «Каналы» → подраздел «Правила» → вкладка «изменённые обращения» → кнопка ' +
    '«Добавить правило»',
  'Статус — равен — открытое',
  '«ВСЕ заданных условия»',
  'Изменения выполнены пользователем',
  'Метки содержат',
  '«Выполнить вебхук»',
  '«Добавить метку»',
  '«id обращения»',
  '«изначальный текст обращения»',
  '«ID пользователя»',
  '«текст последнего ответа»',
];

describe('steps in Russian', () => {
  it('uses the seed UI labels exactly', async () => {
    const text = await render('text', 'ru');
    for (const phrase of SEED_RU) expect(text).toContain(phrase);
  });

  it('fills in the admin pages, the webhook URL, the label, the method and the format', async () => {
    const text = await render('text', 'ru');
    expect(text).toContain('Страница: https://acme.omnidesk.ru/admin/channels/rules');
    expect(text).toContain('Страница: https://acme.omnidesk.ru/admin/settings/api/');
    expect(text).toContain('URL: https://bot.example.com/omnidesk');
    expect(text).toContain('Метод: POST');
    expect(text).toContain('Формат: JSON');
    expect(text).toContain('Метки содержат: wikibot');
    expect(text).toContain('«Добавить метку» — метка: wikibot');
  });

  it('ticks the incoming fields in the incoming rule and the last reply in the changed rule', async () => {
    const text = await render('text', 'ru');
    const incoming = text.slice(text.indexOf('Шаг 3.'), text.indexOf('Шаг 4.'));
    const changed = text.slice(text.indexOf('Шаг 4.'));
    expect(incoming).toContain('«изначальный текст обращения»');
    expect(incoming).not.toContain('«текст последнего ответа»');
    expect(changed).toContain('«текст последнего ответа»');
    expect(changed).not.toContain('«изначальный текст обращения»');
    expect(incoming).toContain('Добавьте два действия');
    expect(changed).toContain('Задайте два условия выполнения в блоке «ВСЕ заданных условия»');
    expect(changed).toContain('Добавьте одно действие');
  });

  it('builds page URLs from a custom domain or a sandbox origin', async () => {
    const text = await render('text', 'ru', false, 'http://127.0.0.1:4567');
    expect(text).toContain('http://127.0.0.1:4567/admin/channels/rules');
  });

  it('adds the note step only when replyAsNote is on', async () => {
    expect(await render('text', 'ru')).not.toContain('Посылать ответ как заметку');
    expect(await render('text', 'ru', true)).toContain('«Посылать ответ как заметку»');
  });
});

describe('steps in English', () => {
  it('translates and keeps the Russian UI label in parentheses', async () => {
    const text = await render('text', 'en');
    expect(text).toContain(
      'section "Channels" («Каналы») → subsection "Rules" («Правила») → tab "incoming cases" («входящие обращения»)',
    );
    expect(text).toContain('"Status" — "equals" — "open" (Статус — равен — открытое)');
    expect(text).toContain('Action "Run webhook" («Выполнить вебхук»)');
    expect(text).toContain('Tick the field "case ID" («id обращения»)');
    expect(text).toContain('"ALL of the conditions" («ВСЕ заданных условия»)');
    expect(text).toContain('Page: https://acme.omnidesk.ru/admin/channels/rules');
    expect(text).not.toMatch(/Шаг|Где:|Зачем/);
  });
});

describe('markdown and json', () => {
  it('renders markdown with headings, code spans and page links', async () => {
    const md = await render('markdown', 'ru');
    expect(md).toContain('### 3. Правило для входящих обращений');
    expect(md).toContain('URL: `https://bot.example.com/omnidesk`');
    expect(md).toContain('**Страница:** <https://acme.omnidesk.ru/admin/channels/rules>');
    expect(md).toContain('  - Статус — равен — открытое');
  });

  it('renders json as { steps } with the machine-readable specs', async () => {
    const doc = JSON.parse(await render('json', 'en')) as StepsDocument;
    expect(doc.lang).toBe('en');
    expect(doc.steps.map((s) => s.id)).toEqual(['api-key', 'label', 'incoming-rule', 'changed-rule']);
    const incoming = doc.steps[2]!;
    expect(incoming).toMatchObject({
      integration: 'wikibot',
      number: 3,
      mode: 'manual',
      page: 'https://acme.omnidesk.ru/admin/channels/rules',
    });
    expect(incoming.spec).toEqual({
      kind: 'omnidesk.rule',
      ruleKind: 'incoming',
      title: 'omnibot wikibot: входящие',
      match: 'all',
      conditions: [{ field: 'status', op: 'eq', value: 'open' }],
      actions: [
        {
          type: 'webhook',
          url: 'https://bot.example.com/omnidesk',
          method: 'POST',
          format: 'JSON',
          fields: ['case_id', 'case_description', 'user_id'],
        },
        { type: 'add_label', label: 'wikibot' },
      ],
    });
    expect(incoming.title).toEqual({ ru: 'Правило для входящих обращений', en: 'Rule for incoming cases' });
  });

  it('names an unknown --integration and the known ones', async () => {
    await expect(
      collectSteps(botConfig(), { lang: 'ru', integration: 'nope' }, (it) => registry.bind(it)),
    ).rejects.toThrow(/--integration: no integration named "nope".*wikibot/);
  });
});

describe('the generic rule renderer', () => {
  it('renders conditions and actions beyond seed 000 (for other recipes)', () => {
    const lines = ruleInstructions({
      kind: 'omnidesk.rule',
      ruleKind: 'changed',
      title: 't',
      match: 'any',
      conditions: [
        { field: 'status', op: 'neq', value: 'waiting' },
        { field: 'labels', op: 'not_contains', label: 'x' },
      ],
      actions: [{ type: 'set_status', status: 'closed' }],
    });
    const ru = lines.map((l) => l.text.ru + (l.value ? `: ${l.value}` : '')).join('\n');
    expect(ru).toContain('«ЛЮБОЕ из условий»');
    expect(ru).toContain('Статус — не равен — в ожидании');
    expect(ru).toContain('Метки не содержат: x');
    expect(ru).toContain('«Изменить статус» — закрытое');
  });

  it('names a channel in the language of the line, keeping an unknown code as the API spells it', () => {
    const lines = ruleInstructions({
      kind: 'omnidesk.rule',
      ruleKind: 'changed',
      title: 't',
      match: 'any',
      conditions: [
        { field: 'channel', op: 'eq', value: 'chat' },
        { field: 'channel', op: 'eq', value: 'cst_7' },
      ],
      actions: [],
    });
    const ru = lines.map((l) => l.text.ru).join('\n');
    expect(ru).toContain('Канал — равен — Чат');
    expect(ru).not.toContain('— chat');
    expect(ru).toContain('Канал — равен — cst_7');
    expect(lines.map((l) => l.text.en).join('\n')).toContain('"Channel" — "equals" — "Chat"');
  });
});
