import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../helpers/registry.js';
import {
  billmanagerWebhookUrl,
  compareBillmanagerUrl,
  maskSecretUrl,
} from '../../../../src/integrations/billmanager/webhook.js';
import type { Resource } from '../../../../src/model/resource.js';
import { SECRET, channel, config, rcFor, type FakeData } from '../../../helpers/recipe-fixtures.js';

const recipe = await loadRecipe('billmanager');

const BM = {
  recipe: 'billmanager',
  name: 'bm',
  billmanagerUrl: 'https://bm.example.com/billmgr',
  secret: SECRET,
  integrationStaff: 'billing@acme.ru',
  fields: [
    { key: 'client_id', entity: 'user', omnideskField: 'ID клиента' },
    { key: 'ticket', entity: 'case', omnideskField: 'Номер тикета' },
  ],
};
const URL_OK = `https://bm.example.com/mancgi/omnidesk_webhook?${SECRET}`;

const GOOD: FakeData = {
  channels: [
    channel({
      title: 'BILLmanager',
      channel_type: 'async',
      webhook_url: URL_OK,
      channel_api_key: 'cch3',
      channel_id: 3,
    }),
  ],
  staff: [{ staff_id: 9, staff_email: 'Billing@acme.ru', staff_full_name: 'Billing', active: true }],
  fields: [
    { field_id: 11, title: 'ID клиента', field_type: 'text', field_level: 'user', active: true, field_data: '' },
    { field_id: 12, title: 'Номер тикета', field_type: 'text', field_level: 'case', active: true, field_data: '' },
  ],
};

function setup(data: FakeData) {
  const cfg = config([BM]);
  const it = cfg.integrations[0]!;
  const resources = recipe.resources(it, cfg);
  const byId = (id: string) => resources.find((r) => r.id === id) as Resource;
  return { cfg, it, resources, byId, rc: rcFor(cfg, it, data) };
}

describe('billmanager recipe', () => {
  it('builds the seed’s CGI URL at the panel root and never shows the secret', () => {
    expect(billmanagerWebhookUrl('https://bm.example.com/billmgr?x=1', SECRET)).toBe(URL_OK);
    expect(maskSecretUrl(URL_OK)).toBe('https://bm.example.com/mancgi/omnidesk_webhook?***');
    const diffs = compareBillmanagerUrl('https://other.example.com/mancgi/omnidesk_webhook?old-secret', URL_OK);
    expect(diffs.map((d) => d.field)).toEqual(['webhook_url', 'secret']);
    expect(JSON.stringify(diffs)).not.toContain('old-secret');
    expect(JSON.stringify(diffs)).not.toContain(SECRET);
  });

  it('lists the Omnidesk-side steps, then the BILLmanager-side ones, in the seed’s order', () => {
    expect(setup(GOOD).resources.map((r) => r.id)).toEqual([
      'api-key',
      'custom-channel',
      'integration-staff',
      'data-field-client_id',
      'data-field-ticket',
      'bm-module',
      'bm-params',
      'bm-staff',
      'bm-rights',
      'bm-fields',
      'bm-rating',
    ]);
  });

  it('reads the channel, the staff member and every data field as ok when they match', async () => {
    const { resources, rc } = setup(GOOD);
    const reads = await Promise.all(
      resources.filter((r) => r.read).map(async (r) => [r.id, (await r.read!(rc)).status]),
    );
    expect(reads).toEqual([
      ['custom-channel', 'ok'],
      ['integration-staff', 'ok'],
      ['data-field-client_id', 'ok'],
      ['data-field-ticket', 'ok'],
    ]);
  });

  it('tells a wrong secret from a wrong address, with the secret masked', async () => {
    const bad = {
      ...GOOD,
      channels: [
        { ...GOOD.channels![0]!, webhook_url: 'https://bm.example.com/mancgi/omnidesk_webhook?stale-secret-1' },
      ],
    };
    const { byId, rc } = setup(bad);
    const read = await byId('custom-channel').read!(rc);
    expect(read.status).toBe('manual');
    expect(read.detail).toContain('differs from the configured secret');
    expect(read.detail).not.toContain('webhook_url');
    expect(JSON.stringify(read)).not.toContain('stale-secret-1');
    expect(read.actual?.webhook_url).toBe('https://bm.example.com/mancgi/omnidesk_webhook?***');
  });

  it('reports a missing field, a field at the wrong level, and a disabled staff member', async () => {
    const bad: FakeData = {
      ...GOOD,
      staff: [{ ...GOOD.staff![0]!, active: false }],
      fields: [{ ...GOOD.fields![1]!, field_level: 'user' }],
    };
    const { byId, rc } = setup(bad);
    expect(await byId('data-field-client_id').read!(rc)).toMatchObject({
      status: 'manual',
      detail: 'no data field «ID клиента»',
    });
    expect((await byId('data-field-ticket').read!(rc)).detail).toContain(
      'is a user field, but "ticket" fills a case field',
    );
    expect((await byId('integration-staff').read!(rc)).detail).toContain('is disabled');
  });

  it('uses the seed’s labels in the Russian steps', () => {
    const { cfg, it, resources } = setup(GOOD);
    const text = resources
      .map((r) => r.describe!({ config: cfg, integration: it, lang: 'ru' }))
      .map((s) => [s.path?.ru ?? '', ...s.instructions.map((i) => `${i.text.ru} ${i.value ?? ''}`)].join('\n'))
      .join('\n');
    for (const phrase of [
      'https://URL/mancgi/omnidesk_webhook?{secret_key}',
      'сотрудник интеграции должен обладать полными правами для работы с кастомным и email каналами',
      'Каналы → Управление обращениями → Поля данных',
      'Интеграции → Модули',
      'выберите модуль OmniDesk и нажмите Установить',
      'нажмите Настроить',
      'Заполните все поля во вкладке Параметры интеграции и нажмите Ok.',
      'Провайдер → Сотрудники → Создать',
      'найдите группу Поддержка',
      'вкладка Кастомные поля',
      'Настройки → Оценка ответов',
      'Клиенты могут оценивать работу сотрудников в обращениях по почте и из центра поддержки',
      'в подписи каждого ответа сотрудника',
      '/usr/local/mgr5/etc/omnidesk/custom_fields_values.json',
    ]) {
      expect(text).toContain(phrase);
    }
  });
});

describe('billmanager config', () => {
  it('refuses a plain-http BILLmanager (the secret travels in the URL) and a short secret', () => {
    expect(() => config([{ ...BM, billmanagerUrl: 'http://bm.example.com' }])).toThrow(/must use https/);
    expect(() => config([{ ...BM, secret: 'short' }])).toThrow(/at least 16 characters/);
    expect(() => config([{ ...BM, billmanagerUrl: 'http://127.0.0.1:8080' }])).not.toThrow();
  });
});
