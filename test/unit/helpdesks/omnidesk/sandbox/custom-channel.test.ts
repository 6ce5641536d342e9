import { describe, expect, it } from 'vitest';
import { SandboxClient, useReceiver, useSandboxClient, waitFor } from '../../../../helpers/sandbox.js';

const items = SandboxClient.items;
const od = useSandboxClient();
const app = useReceiver();

async function channel(title = 'Mobile app') {
  const res = await od.admin('POST', 'custom-channels', {
    kind: 'omnidesk.custom-channel',
    title,
    webhookUrl: `${app.url}/replies`,
    channelType: 'sync',
  });
  return res;
}

describe('custom channels', () => {
  it('creates through the admin path (upsert by title) and lists read-only through the API', async () => {
    const first = await channel();
    expect(first.status).toBe(201);
    const ch = first.body.custom_channel;
    expect(ch).toMatchObject({
      channel_api_key: `cch${ch.channel_id}`,
      title: 'Mobile app',
      channel_type: 'sync',
      active: true,
      webhook_url: `${app.url}/replies`,
    });
    const again = await od.admin('POST', 'custom-channels', {
      title: 'Mobile app',
      webhookUrl: `${app.url}/v2`,
      channelType: 'async',
    });
    expect(again.body).toMatchObject({
      created: false,
      custom_channel: { channel_id: ch.channel_id, channel_type: 'async' },
    });
    const list = await od.call('GET', '/api/custom_channels.json');
    expect(list.body.total_count).toBe(1);
    expect(items(list.body, 'custom_channel')[0].webhook_url).toBe(`${app.url}/v2`);
    expect((await od.call('POST', '/api/custom_channels.json', {})).status).toBe(405);
    expect(
      (await od.admin('POST', 'custom-channels', { title: 'x', webhookUrl: 'ftp://x', channelType: 'sync' })).status,
    ).toBe(400);
  });

  it('creates cases by user_custom_id + channel (find-or-create user) and finds the user with ^…^', async () => {
    const code = (await channel()).body.custom_channel.channel_api_key;
    const a = await od.call('POST', '/api/cases.json', {
      case: { channel: code, user_custom_id: 'tg-123', user_full_name: 'Ivan', subject: 's', content: 'x' },
    });
    expect(a.status).toBe(201);
    await od.call('POST', '/api/cases.json', {
      case: { channel: code, user_custom_id: 'tg-1234', subject: 's', content: 'y' },
    });
    const b = await od.call('POST', '/api/cases.json', {
      case: { channel: code, user_custom_id: 'tg-123', subject: 's2', content: 'z' },
    });
    expect(b.body.case.user_id).toBe(a.body.case.user_id);
    expect(a.body.case.channel).toBe(code);
    const exact = await od.call('GET', `/api/users.json?user_custom_id=^tg-123^&user_custom_channel=${code}`);
    expect(items(exact.body, 'user').map((u) => u.user_id)).toEqual([a.body.case.user_id]);
    const loose = await od.call('GET', '/api/users.json?user_custom_id=tg-123');
    expect(loose.body.total_count).toBe(2);
    // A chat-like (sync) channel's open cases are live chats: hidden unless show_active_chats (§2.1, §2.7 [I]).
    const hidden = await od.call('GET', `/api/cases.json?user_custom_id[]=^tg-123^&channel[]=${code}`);
    expect(hidden.body.total_count).toBe(0);
    const byCustom = await od.call(
      'GET',
      `/api/cases.json?user_custom_id[]=^tg-123^&channel[]=${code}&show_active_chats=true`,
    );
    expect(byCustom.body.total_count).toBe(2);
    const noChannel = await od.call('POST', '/api/cases.json', {
      case: { channel: 'cch999', user_custom_id: 'x', subject: 's', content: 'x' },
    });
    expect(noChannel.status).toBe(404);
    const created = await od.call('POST', '/api/users.json', {
      user: { user_custom_id: 'web-7', user_custom_channel: code },
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ user_custom_id: 'web-7', user_custom_channel: code });
    expect(
      (await od.call('POST', '/api/users.json', { user: { user_custom_id: 'web-7', user_custom_channel: code } }))
        .status,
    ).toBe(400);
  });

  it('posts message_new as a PHP-bracket form on staff replies and notes, not on customer messages', async () => {
    const code = (await channel()).body.custom_channel.channel_api_key;
    const c = (
      await od.call('POST', '/api/cases.json', {
        case: { channel: code, user_custom_id: 'tg-100500', subject: 's', content: 'вопрос' },
      })
    ).body.case;
    await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
      message: { user_id: c.user_id, content: 'ещё вопрос' },
    });
    const reply = (
      await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
        message: { staff_id: 2, content: 'Ваш заказ & посылка в пути' },
      })
    ).body.message;
    await od.call('POST', `/api/cases/${c.case_id}/note.json`, { note: { content: 'заметка' } });
    await waitFor(() => app.received.length >= 2);

    const first = app.received[0]!;
    expect(first.method).toBe('POST');
    expect(first.url).toBe('/replies');
    expect(first.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(first.body).toContain('object%5Bcontent%5D=');
    const form = new URLSearchParams(first.body);
    expect(Object.fromEntries(form)).toEqual({
      type: 'message_new',
      'object[message_id]': String(reply.message_id),
      'object[case_id]': String(c.case_id),
      'object[staff_id]': '2',
      'object[user_id]': String(c.user_id),
      'object[custom_user_id]': 'tg-100500',
      'object[content]': 'Ваш заказ & посылка в пути',
      'object[note]': '0',
      'object[sent_via_rule]': '0',
      'object[created_at]': expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0300$/),
    });
    const note = new URLSearchParams(app.received[1]!.body);
    expect(note.get('object[note]')).toBe('1');
    expect(note.get('object[content]')).toBe('заметка');

    const ds = (await od.admin('GET', 'deliveries?settle=1')).body as any[];
    expect(ds.map((d) => [d.event, d.status])).toEqual([
      ['omnidesk.message_new', 200],
      ['omnidesk.message_new', 200],
    ]);
    expect(app.received).toHaveLength(2);
  });

  it('adds data fields through the admin path and lists them', async () => {
    const res = await od.admin('POST', 'custom-fields', {
      title: 'Billing ID',
      field_type: 'text',
      field_level: 'user',
    });
    expect(res.status).toBe(201);
    const list = await od.call('GET', '/api/custom_fields.json');
    expect(items(list.body, 'custom_field')).toEqual([
      {
        field_id: res.body.custom_field.field_id,
        title: 'Billing ID',
        field_type: 'text',
        field_level: 'user',
        active: true,
        field_data: '',
      },
    ]);
    expect(
      (await od.admin('POST', 'custom-fields', { title: 'x', field_type: 'nope', field_level: 'user' })).status,
    ).toBe(400);
  });
});
