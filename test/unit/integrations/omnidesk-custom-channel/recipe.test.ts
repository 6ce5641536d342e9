import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../../helpers/registry.js';
import { matchChannel } from '../../../../src/integrations/omnidesk-custom-channel/channel-match.js';
import { channel, config, rcFor } from '../../../helpers/recipe-fixtures.js';

const recipe = await loadRecipe('omnidesk-custom-channel');

const CC = {
  recipe: 'omnidesk-custom-channel',
  name: 'app',
  title: 'Mobile app',
  webhookUrl: 'https://app.example.com/omnidesk/replies',
  type: 'sync',
};

function setup(channels = [channel()]) {
  const cfg = config([CC]);
  const it = cfg.integrations[0]!;
  const [resource] = recipe.resources(it, cfg);
  return { cfg, it, resource: resource!, rc: rcFor(cfg, it, { channels }) };
}

describe('omnidesk-custom-channel recipe', () => {
  it('is ok when the channel exists, is active, and matches; its id is the cch code (apply records it)', async () => {
    const { resource, rc } = setup();
    const read = await resource.read!(rc);
    expect(read).toMatchObject({ status: 'ok', id: 'cch7', actual: { channel_api_key: 'cch7', channel_id: 7 } });
  });

  it('says what differs: missing, disabled, webhook URL, type', async () => {
    expect((await setup([]).resource.read!(setup([]).rc)).detail).toContain('no custom channel titled «Mobile app»');
    const wrong = setup([channel({ active: false, webhook_url: 'https://old.example.com/x', channel_type: 'async' })]);
    const read = await wrong.resource.read!(wrong.rc);
    expect(read.status).toBe('manual');
    expect(read.detail).toContain('is disabled');
    expect(read.detail).toContain(
      'Webhook URL is https://old.example.com/x, expected https://app.example.com/omnidesk/replies',
    );
    expect(read.detail).toContain('channel type is async (like e-mail), expected sync (like a chat)');
  });

  it('finds the channel by title ignoring case, and prefers the active one of two', () => {
    const m = matchChannel(
      [channel({ channel_id: 1, channel_api_key: 'cch1', active: false }), channel({ title: 'mobile APP' })],
      {
        title: 'Mobile app',
        webhookUrl: 'https://app.example.com/omnidesk/replies',
        channelType: 'sync',
      },
    );
    expect(m.channel?.channel_api_key).toBe('cch7');
    expect(m.duplicates).toBe(1);
  });

  it('describes the manual step in seed 001’s words, with the spec the sandbox executes', () => {
    const { cfg, it, resource } = setup();
    const step = resource.describe!({ config: cfg, integration: it, lang: 'ru' });
    expect(step.path?.ru).toBe('аккаунт администратора — раздел «Каналы» — подраздел «Кастомные каналы»');
    const ru = step.instructions.map((i) => `${i.text.ru} ${i.value ?? ''}`).join('\n');
    expect(ru).toContain(
      'Webhook URL — адрес, на который Omnidesk отправляет все ответы сотрудников https://app.example.com/omnidesk/replies',
    );
    expect(ru).toContain('Тип канала — в режиме реального времени (синхронный)');
    expect(step.spec).toEqual({
      kind: 'omnidesk.custom-channel',
      title: 'Mobile app',
      webhookUrl: 'https://app.example.com/omnidesk/replies',
      channelType: 'sync',
    });
    expect(recipe.sampleEvents).toEqual(['omnidesk.message_new']);
  });
});
