import { readFileSync, existsSync } from 'node:fs';
import { lazyClients } from '../../../../src/helpdesks/clients.js';
import { schema } from '../../../helpers/registry.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Config } from '../../../../src/model/config.js';
import { type HelpdeskeddyBotIntegration } from '../../../../src/integrations/helpdeskeddy-bot/schema.js';
import { emptyState } from '../../../../src/core/state.js';
import { AuthError } from '../../../../src/core/errors.js';
import { createHelpdeskeddyClient } from '../../../../src/helpdesks/helpdeskeddy/client/http.js';
import { seedBody } from '../../../../src/helpdesks/helpdeskeddy/dispatcher-body.js';
import { Io } from '../../../../src/core/io/io.js';
import { clearSecrets, fingerprint } from '../../../../src/core/io/secrets.js';
import type { Lang } from '../../../../src/core/localized.js';
import type { ResourceContext } from '../../../../src/model/resource.js';
import { loadRecipe } from '../../../helpers/registry.js';
import { dispatcherRuleSpec } from '../../../../src/integrations/helpdeskeddy-bot/dispatcher-spec.js';
import { describeResources } from '../../../../src/steps/collect.js';
import { renderSteps, type StepsFormat } from '../../../../src/steps/render.js';
import { admin, API_KEY, EMAIL, startSandbox, type HdeSandbox } from '../../../helpers/sandbox-hde.js';
import { expandable } from '../../../helpers/registry.js';

const recipe = await loadRecipe('helpdeskeddy-bot');

// The seed lives in shared/ beside the checkout (as in CI); the cross-check runs whenever it is there.
const SEED_FILE = new URL('../../../../../shared/seeds/002_560ee3ffd8c00346.txt', import.meta.url);
const SEED = existsSync(SEED_FILE) ? readFileSync(SEED_FILE, 'utf8') : undefined;
const TOKEN = 'Zt0k3n-abcdefghijklmnopqrstuvwxyz0123456789';

/** UI labels and phrases of seed 002 that the Russian steps must carry verbatim. */
const SEED_LABELS = [
  'Управление → Глобальные настройки → Система',
  'скопируйте API ключ',
  'Сохраните сгенерированный Токен — он понадобится в HelpDeskEddy',
  'Управление → Настройка каналов связи',
  'Добавить новый канал',
  'выберите каналы, которые желаете подключить.',
  'Управление → Диспетчер',
  'Добавить правило',
  'Название правила',
  'Основные правила',
  'Группа правил',
  'Обязательные условия',
  'Новая заявка',
  'Новый ответ в заявке',
  'Действия',
  'Отправить вебхук',
  'Асинхронный режим',
  'Отключить повторы вебхуков',
  'POST',
  'JSON',
  'Без авторизации',
  'URL — указываем следующую ссылку:',
  'Тело webhook заполняется следующим образом:',
  'Укажите в письме адрес вашей системы',
  'сообщения, отправляемые в HelpDesk через API, появлялись не только в интерфейсе HelpDesk, но и в соответствующем ' +
    'канале связи.',
  'Эта функция в HelpDeskEddy по умолчанию отключена.',
  'Диалоги интеграции доступны всем пользователям',
  'Храните токены в безопасном месте и не публикуйте их',
  'Ограничивайте доступ к настройкам интеграций только доверенным администраторам',
  'Периодически ревизируйте включенные события вебхуков',
];

function config(overrides: Partial<HelpdeskeddyBotIntegration> = {}, url = 'https://acme.helpdeskeddy.com'): Config {
  return schema.parse({
    helpdeskeddy: { url, email: EMAIL, apiKey: API_KEY },
    integrations: [
      {
        recipe: 'helpdeskeddy-bot',
        name: 'hde',
        token: TOKEN,
        webhookUrl: `https://bot.example.com/api/bots/helpdeskeddy_bot/webhook/${TOKEN}`,
        ...overrides,
      },
    ],
  });
}

function render(cfg: Config, format: StepsFormat, lang: Lang): string {
  const it = cfg.integrations[0]!;
  return renderSteps(
    [
      {
        integration: it.name,
        recipe: it.recipe,
        title: recipe.title,
        steps: describeResources(expandable(recipe, it), cfg, lang),
      },
    ],
    format,
    lang,
  );
}

describe('recipe helpdeskeddy-bot: steps', () => {
  it('quotes the seed labels exactly, in every format and language', () => {
    if (SEED) {
      const flat = SEED.replace(/\s+/g, ' ');
      for (const l of SEED_LABELS) expect(flat, `seed has "${l}"`).toContain(l);
    }
    const cfg = config();
    for (const format of ['text', 'markdown', 'json'] as const) {
      const ru = render(cfg, format, 'ru');
      for (const l of SEED_LABELS)
        expect(ru, `${format} ru: ${l}`).toContain(format === 'json' ? JSON.stringify(l).slice(1, -1) : l);
      const en = render(cfg, format, 'en');
      for (const l of [
        'Диспетчер',
        'Добавить правило',
        'Новая заявка',
        'Новый ответ в заявке',
        'Отправить вебхук',
        'Отключить повторы вебхуков',
        'Без авторизации',
      ]) {
        expect(en, `${format} en: ${l}`).toContain(l);
      }
    }
  });

  it('prints the URL with the token filled in and the seed body template ready to paste', () => {
    const cfg = config({ webhookUrl: 'https://app.example.com/api/bots/helpdeskeddy_bot/webhook/<token>' });
    const text = render(cfg, 'text', 'ru');
    expect(text).toContain(
      `URL — указываем следующую ссылку: https://app.example.com/api/bots/helpdeskeddy_bot/webhook/${TOKEN}`,
    );
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('Тело webhook заполняется следующим образом'));
    const template = seedBody().template.split('\n');
    const block = lines.slice(at + 1, at + 1 + template.length).map((l) => l.trim());
    expect(block).toEqual(template.map((l) => l.trim()));

    const md = render(cfg, 'markdown', 'ru');
    const fenced = /```json\n([\s\S]*?)\n\s*```/
      .exec(md)![1]!
      .split('\n')
      .map((l) => l.trim());
    expect(fenced).toEqual(template.map((l) => l.trim()));

    const doc = JSON.parse(render(cfg, 'json', 'ru')) as {
      steps: Array<{ id: string; spec: { action?: { body: string; url: string } } }>;
    };
    const rule = doc.steps.find((s) => s.id === 'dispatcher-rule')!;
    expect(rule.spec.action!.body).toBe(seedBody().template);
    const keys = JSON.parse(rule.spec.action!.body) as Record<string, string>;
    expect(Object.entries(keys)).toEqual([
      ['message', '{answer_last}'],
      ['message_author_id', '{last_post_user_id}'],
      ['customer_id', '{user_id}'],
      ['ticket_id', '{ticket_id}'],
      ['status_id', '{status_id}'],
      ['user_name', '{user_name}'],
      ['last_answer_date', '{last_post_date}'],
      ['last_customer_message_date', '{last_client_post_date}'],
      ['chat_id', '{meta_chat_id}'],
    ]);
  });

  it('makes the loop guard part of the rule and explains it; without it, warns', () => {
    const withGuard = describeResources(expandable(recipe, config().integrations[0]!), config(), 'ru').find(
      (s) => s.id === 'dispatcher-rule',
    )!;
    expect(withGuard.spec).toEqual(dispatcherRuleSpec(config().integrations[0] as HelpdeskeddyBotIntegration));
    expect(withGuard.spec).toMatchObject({
      required: ['new_ticket', 'new_reply'],
      extra: [{ field: 'last_reply_author_group', op: 'eq', value: 'client' }],
    });
    expect(withGuard.spec).toMatchObject({
      action: { mode: 'async', retries: false, method: 'POST', format: 'JSON', auth: 'none' },
    });
    expect(withGuard.why!.ru).toContain('защита от зацикливания');
    expect(withGuard.instructions.some((i) => i.text.ru.includes('«Группа автора последнего ответа» — «Клиент»'))).toBe(
      true,
    );
    // The guard's label is ours, not HelpDeskEddy's published instructions: the step says it is an inference.
    expect(withGuard.instructions.some((i) => i.text.ru.includes('(вывод omnibot)'))).toBe(true);
    const cfg = config({ loopGuard: false });
    const without = describeResources(expandable(recipe, cfg.integrations[0]!), cfg, 'en').find(
      (s) => s.id === 'dispatcher-rule',
    )!;
    expect(without.spec).toMatchObject({ extra: [] });
    expect(without.why!.en).toMatch(/WARNING: loopGuard is off/);
    expect(without.instructions.some((i) => i.text.en.includes('an omnibot inference'))).toBe(false);
  });

  it('names the account domain in the support request and lists the resources in seed order', () => {
    const steps = describeResources(expandable(recipe, config().integrations[0]!), config(), 'ru');
    expect(steps.map((s) => s.id)).toEqual([
      'admin-key',
      'bot-token',
      'channels',
      'dispatcher-rule',
      'support-request',
      'dialogs-visibility',
      'security',
    ]);
    const support = steps.find((s) => s.id === 'support-request')!;
    // The address sits inside the one sentence that asks for the change, not in a bullet of its own.
    expect(support.instructions.map((i) => JSON.stringify(i.text)).find((t) => t.includes('и попросите'))).toContain(
      'адрес вашей системы (acme.helpdeskeddy.com) и попросите',
    );
    expect(support.instructions.some((i) => i.block?.includes('acme.helpdeskeddy.com'))).toBe(true);
    expect(
      steps.find((s) => s.id === 'security')!.instructions.some((i) => i.value === 'omnibot token rotate --name hde'),
    ).toBe(true);
    expect(recipe.sampleEvents).toEqual(['helpdeskeddy.new_ticket', 'helpdeskeddy.new_reply']);
  });
});

describe('recipe helpdeskeddy-bot: reads against the sandbox', () => {
  let sandbox: HdeSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    clearSecrets();
  });

  function rc(cfg: Config, apiKey = API_KEY): ResourceContext {
    const conn = cfg.helpdeskeddy!;
    const api = createHelpdeskeddyClient({ url: conn.url, email: conn.email, apiKey });
    const io = new Io({ stdout: { write: () => true }, stderr: { write: () => true }, stdin: {}, env: {} });
    const state = emptyState();
    state.tokens.hde = { fingerprint: fingerprint(TOKEN), createdAt: new Date().toISOString() };
    return {
      config: cfg,
      integration: cfg.integrations[0]!,
      lang: 'en',
      io,
      state,
      signal: new AbortController().signal,
      clients: lazyClients(
        {},
        { omnidesk: () => Promise.reject(new Error('no omnidesk')), helpdeskeddy: async () => api },
      ),
    };
  }

  const resource = (id: string, cfg: Config) => recipe.resources(cfg.integrations[0]!, cfg).find((r) => r.id === id)!;

  it('passes a staff key, sends a client-group key back to its step, and refuses a wrong key with exit 3', async () => {
    sandbox = await startSandbox();
    const cfg = config({ agent: 'operator@sandbox.test' }, sandbox.url);
    const ok = await resource('admin-key', cfg).read!(rc(cfg));
    expect(ok).toMatchObject({ status: 'ok', id: '1' });
    expect(ok.detail).toContain('300 requests/min');
    expect(await resource('agent', cfg).read!(rc(cfg))).toMatchObject({ status: 'ok', id: '2' });
    expect(await resource('bot-token', cfg).read!(rc(cfg))).toMatchObject({
      status: 'ok',
      detail: `generated by omnibot (${fingerprint(TOKEN)})`,
    });

    await admin(sandbox.url, 'PATCH', '/users/1', { group_type: 'user' });
    const notStaff = await resource('admin-key', cfg).read!(rc(cfg));
    expect(notStaff.status).toBe('manual');
    expect(notStaff.detail).toContain('not staff');

    await expect(resource('admin-key', cfg).read!(rc(cfg, 'wrong-key-000'))).rejects.toBeInstanceOf(AuthError);
  });
});
