/**
 * omnidesk-custom-channel (seed 001) through main() against the sandbox: apply twice,
 * plan, steps in every format and language, send, verify passing (with the round trip), then
 * each channel check failing on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failedIds,
  startReceiver,
  statuses,
  workspace,
  type Receiver,
  type Workspace,
} from '../../../helpers/workspace.js';

let ws: Workspace;
let endpoint: Receiver;
const TITLE = 'Mobile app';

function integration(over: Record<string, unknown> = {}) {
  return {
    recipe: 'omnidesk-custom-channel',
    name: 'app',
    title: TITLE,
    webhookUrl: `${endpoint.url}/omnidesk/replies`,
    type: 'sync',
    ...over,
  };
}

/** The sandbox's admin path edits the channel the way a person would in the admin UI. */
async function editChannel(over: { webhookUrl?: string; channelType?: 'async' | 'sync' }) {
  await ws.admin('POST', '/_sandbox/custom-channels', {
    title: TITLE,
    webhookUrl: `${endpoint.url}/omnidesk/replies`,
    channelType: 'sync',
    ...over,
  });
}

beforeAll(async () => {
  endpoint = await startReceiver();
  ws = await workspace();
  await ws.writeConfig([integration()]);
});

afterAll(async () => {
  await ws?.close();
  await endpoint?.close();
});

describe('omnidesk-custom-channel e2e', () => {
  it('plan shows the channel as a manual step before apply', async () => {
    const { result, data } = await ws.json(['plan']);
    expect(result.exitCode).toBe(0);
    const item = data.resources.find((r: any) => r.resource === 'custom-channel');
    expect(item).toMatchObject({ status: 'manual', mode: 'manual' });
    expect(item.detail).toContain('no custom channel titled «Mobile app»');
  });

  it(
    'apply performs the channel on the sandbox once, records ' + 'its cch code, and creates nothing the second time',
    async () => {
      const first = await ws.json(['apply', '--yes']);
      expect(first.data.resources[0]).toMatchObject({ resource: 'custom-channel', action: 'sandbox', status: 'ok' });
      const cch = first.data.resources[0].id as string;
      expect(cch).toMatch(/^cch\d+$/);
      expect((await ws.state()).resources['app/custom-channel'].id).toBe(cch);

      const second = await ws.json(['apply', '--yes']);
      expect(second.result.exitCode).toBe(0);
      expect(second.data.summary).toMatchObject({ created: 0, adopted: 0, sandbox: 0, pending: 0 });
      expect(second.data.resources[0]).toMatchObject({ action: 'none', status: 'ok', id: cch });
      const channels = await ws.admin<any[]>('GET', '/_sandbox/custom-channels');
      expect(channels.filter((c) => c.title === TITLE)).toHaveLength(1);
    },
  );

  it.each([
    [
      'text',
      'ru',
      [
        'аккаунт администратора — раздел «Каналы» — подраздел «Кастомные каналы»',
        'Webhook URL — адрес, на который Omnidesk отправляет все ответы сотрудников',
        'в режиме реального времени (синхронный)',
      ],
    ],
    ['markdown', 'ru', ['подраздел «Кастомные каналы»', 'Тип канала — в режиме реального времени (синхронный)']],
    ['json', 'ru', ['"kind": "omnidesk.custom-channel"', '"channelType": "sync"']],
    ['text', 'en', ['subsection "Custom channels" («Кастомные каналы»)', '«Тип канала» (channel type)']],
    ['markdown', 'en', ['Custom channel «Mobile app»', 'Omnidesk sends every staff reply to']],
    ['json', 'en', ['"webhookUrl": "http://127.0.0.1:', '"lang": "en"']],
  ])('steps --format %s --lang %s', async (format, lang, phrases) => {
    const result = await ws.cli(['steps', '--format', format, '--lang', lang]);
    expect(result.exitCode).toBe(0);
    for (const phrase of phrases) expect(result.stdout).toContain(phrase);
    if (format === 'json') expect(JSON.parse(result.stdout).steps[0].spec.title).toBe(TITLE);
  });

  it('send delivers a message_new sample to the channel endpoint, form-encoded', async () => {
    const before = endpoint.received.length;
    const result = await ws.cli([
      'send',
      'omnidesk.message_new',
      '--to',
      `${endpoint.url}/omnidesk/replies`,
      '--set',
      'object[content]=Проверка',
    ]);
    expect(result.exitCode).toBe(0);
    const got = endpoint.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.contentType).toContain('application/x-www-form-urlencoded');
    expect(new URLSearchParams(got[0]!.body).get('object[content]')).toBe('Проверка');
  });

  it('verify --e2e passes: channel, URL, type, endpoint, and the round trip through the channel', async () => {
    const { result, data } = await ws.json(['verify', '--e2e', '--timeout', '20s']);
    const s = statuses(data);
    expect(failedIds(data), result.stderr).toEqual([]);
    expect(s).toMatchObject({
      'app/custom-channel': 'pass',
      'app/custom-channel-webhook': 'pass',
      'app/custom-channel-type': 'pass',
      'app/endpoint': 'pass',
      'app/e2e-case': 'pass',
      'app/e2e-message-new': 'pass',
      'app/e2e-user-reply': 'pass',
      'app/e2e-cleanup': 'pass',
    });
    expect(result.exitCode).toBe(0);
    // The staff reply reached the endpoint as Omnidesk sends it, with the custom user id.
    const reply = endpoint.received
      .map((r) => new URLSearchParams(r.body))
      .find((p) => p.get('object[content]')?.startsWith('omnibot e2e staff reply'));
    expect(reply?.get('type')).toBe('message_new');
    expect(reply?.get('object[custom_user_id]')).toMatch(/^omnibot-e2e-/);
    expect(Number(reply?.get('object[case_id]'))).toBe(
      data.checks.find((c: any) => c.id === 'app/e2e-case').details.caseId,
    );
  });

  it('a wrong Webhook URL fails only its own check, naming the manual step', async () => {
    await editChannel({ webhookUrl: 'https://old.example.com/hook' });
    try {
      const { result, data } = await ws.json(['verify']);
      expect(result.exitCode).toBe(1);
      expect(failedIds(data)).toEqual(['app/custom-channel-webhook']);
      const check = data.checks.find((c: any) => c.id === 'app/custom-channel-webhook');
      expect(check.message).toContain('Webhook URL is https://old.example.com/hook');
      expect(check.step).toMatchObject({ id: 'custom-channel', number: 1 });
      const plan = await ws.json(['plan']);
      expect(plan.data.resources[0]).toMatchObject({ status: 'manual' });
      expect(plan.data.resources[0].detail).toContain('https://old.example.com/hook');
    } finally {
      await editChannel({});
    }
  });

  it('a wrong type fails only its own check', async () => {
    await editChannel({ channelType: 'async' });
    try {
      const { data } = await ws.json(['verify']);
      expect(failedIds(data)).toEqual(['app/custom-channel-type']);
      expect(data.checks.find((c: any) => c.id === 'app/custom-channel-type').message).toContain(
        'channel type is async (like e-mail), expected sync',
      );
    } finally {
      await editChannel({});
    }
  });

  it(
    'an endpoint that fails makes the endpoint check ' + 'and the message_new hop fail, not the channel checks',
    async () => {
      const broken = await startReceiver(() => 500);
      const url = `${broken.url}/omnidesk/replies`;
      await ws.writeConfig([integration({ webhookUrl: url })]);
      await editChannel({ webhookUrl: url });
      try {
        const { data } = await ws.json(['verify', '--e2e', '--timeout', '20s']);
        expect(failedIds(data)).toEqual(['app/endpoint', 'app/e2e-message-new']);
        const endpointCheck = data.checks.find((c: any) => c.id === 'app/endpoint');
        expect(endpointCheck.title).toContain('The channel endpoint');
        const hop = data.checks.find((c: any) => c.id === 'app/e2e-message-new');
        expect(hop.message).toBe(`message_new was sent to ${url}, but it answered 500`);
        expect(hop.hint).toContain('omnibot send omnidesk.message_new --to');
        expect(statuses(data)['app/e2e-user-reply']).toBe('pass');
        expect(broken.received.some((r) => r.contentType.includes('application/x-www-form-urlencoded'))).toBe(true);
      } finally {
        await ws.writeConfig([integration()]);
        await editChannel({});
        await broken.close();
      }
    },
  );

  it('a missing channel fails the channel check and skips the ones that need it', async () => {
    await ws.writeConfig([integration({ title: 'Никогда не создан' })]);
    try {
      const { result, data } = await ws.json(['verify']);
      expect(result.exitCode).toBe(1);
      expect(failedIds(data)).toEqual(['app/custom-channel']);
      const s = statuses(data);
      expect(s['app/custom-channel-webhook']).toBe('skip');
      expect(s['app/custom-channel-type']).toBe('skip');
      const check = data.checks.find((c: any) => c.id === 'app/custom-channel');
      expect(check.message).toContain('no custom channel titled «Никогда не создан»');
      expect(check.step.title).toContain('Кастомный канал'); // step titles in Russian, as the steps are
    } finally {
      await ws.writeConfig([integration()]);
    }
  });
});
