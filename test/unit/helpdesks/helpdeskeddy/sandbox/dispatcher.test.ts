import { afterEach, describe, expect, it } from 'vitest';
import { createHelpdeskeddyClient } from '../../../../../src/helpdesks/helpdeskeddy/client/http.js';
import type { HelpdeskeddyApi } from '../../../../../src/helpdesks/helpdeskeddy/client/types.js';
import { seedBody } from '../../../../../src/helpdesks/helpdeskeddy/dispatcher-body.js';
import { clearSecrets } from '../../../../../src/core/io/secrets.js';
import { dispatcherRuleSpec } from '../../../../../src/integrations/helpdeskeddy-bot/dispatcher-spec.js';
import type { Delivery } from '../../../../../src/helpdesks/helpdeskeddy/sandbox/webhook-delivery.js';
import {
  admin,
  API_KEY,
  EMAIL,
  SEED_BODY_KEYS,
  startReceiver,
  startSandbox,
  type HdeSandbox,
  type Receiver,
  type Received,
} from '../../../../helpers/sandbox-hde.js';
import { waitFor } from '../../../../helpers/wait.js';

describe('HelpDeskEddy sandbox dispatcher', () => {
  let sandbox: HdeSandbox | undefined;
  let bot: Receiver | undefined;
  afterEach(async () => {
    await sandbox?.close();
    await bot?.close();
    sandbox = bot = undefined;
    clearSecrets();
  });

  async function setup(
    options: {
      loopGuard?: boolean;
      answer?: (r: Received, api: HelpdeskeddyApi) => number | Promise<number>;
      patch?: Record<string, unknown>;
    } = {},
  ) {
    sandbox = await startSandbox();
    const api = createHelpdeskeddyClient({ url: sandbox.url, email: EMAIL, apiKey: API_KEY });
    bot = await startReceiver((r) => (options.answer ? options.answer(r, api) : 200));
    const spec = dispatcherRuleSpec({
      name: 'hde',
      token: 'tok-123456789',
      webhookUrl: `${bot.url}/webhook/<token>`,
      loopGuard: options.loopGuard ?? true,
    });
    const rule = await admin(sandbox.url, 'POST', '/dispatcher-rules', {
      ...spec,
      action: { ...spec.action, ...options.patch },
    });
    expect(rule.json).toEqual({ rule_id: 1, created: true });
    return { api, sandbox, bot };
  }

  const deliveries = async (url: string) => (await admin(url, 'GET', '/deliveries')).json as Delivery[];

  it('fires on a new ticket with the seed body, key for key, all values strings', async () => {
    const { api, sandbox, bot } = await setup();
    const ticket = await api.createTicket({
      title: 'Заказ',
      description: '<p>Где "заказ"?\nСрочно</p>',
      user_email: 'ivan@client.test',
    });
    await sandbox.idle();
    expect(bot.received).toHaveLength(1);
    const hit = bot.received[0]!;
    expect(hit.method).toBe('POST');
    expect(hit.path).toBe('/webhook/tok-123456789');
    expect(hit.headers['content-type']).toBe('application/json');
    const body = JSON.parse(hit.body) as Record<string, string>;
    expect(Object.keys(body)).toEqual(SEED_BODY_KEYS);
    expect(Object.values(body).every((v) => typeof v === 'string')).toBe(true);
    const client = await api.findUserByEmail('ivan@client.test');
    expect(body).toMatchObject({
      message: '<p>Где "заказ"?\nСрочно</p>',
      message_author_id: client!.id,
      customer_id: client!.id,
      ticket_id: ticket.id,
      status_id: 'open',
      user_name: 'ivan',
      chat_id: '',
    });
    expect(body.last_answer_date).toMatch(/^\d\d:\d\d:\d\d \d\d\.\d\d\.\d{4}$/);
    expect(body.last_customer_message_date).toBe(body.last_answer_date);
    // The rendered body follows the template's layout byte for byte, values aside.
    expect(hit.body.split('\n')).toHaveLength(seedBody().template.split('\n').length);
    expect((await deliveries(sandbox.url))[0]).toMatchObject({
      event: 'helpdeskeddy.new_ticket',
      trigger: 'new_ticket',
      status: 200,
      attempts: 1,
      authorGroup: 'client',
    });
  });

  it('fires on a client reply but not on staff posts or comments when the loop guard is set', async () => {
    const { api, sandbox, bot } = await setup();
    const ticket = await api.createTicket({ title: 't', description: 'hi', user_email: 'c@client.test' });
    const client = await api.findUserByEmail('c@client.test');
    await api.createPost(ticket.id, { text: 'bot answer' });
    await api.createPost(ticket.id, { text: 'operator answer', user_id: '2' });
    await api.createComment(ticket.id, { text: 'internal', user_id: client!.id });
    await api.createPost(ticket.id, { text: 'client again', user_id: client!.id });
    await sandbox.idle();
    const events = bot.received.map((r) => JSON.parse(r.body) as Record<string, string>);
    expect(events.map((e) => e.message)).toEqual(['hi', 'client again']);
    expect(events[1]!.message_author_id).toBe(client!.id);
    expect((await deliveries(sandbox.url)).map((d) => d.trigger)).toEqual(['new_ticket', 'new_reply']);
    expect((await admin(sandbox.url, 'GET', '/deliveries?since=1&settle=1')).json).toHaveLength(1);
  });

  it('without the loop guard, a bot that answers every webhook loops until the sandbox cuts it', async () => {
    let replies = 0;
    const { api, sandbox } = await setup({
      loopGuard: false,
      answer: async (r, hdeApi) => {
        const body = JSON.parse(r.body) as { ticket_id: string };
        replies += 1;
        await hdeApi.createPost(body.ticket_id, { text: `answer ${replies}` });
        return 200;
      },
    });
    const ticket = await api.createTicket({ title: 'loop', description: 'hello', user_email: 'c@client.test' });
    await waitFor(async () => (await deliveries(sandbox.url)).length >= 6);
    await sandbox.idle();
    const log = await deliveries(sandbox.url);
    expect(log).toHaveLength(6);
    expect(log.every((d) => d.ticketId === ticket.id)).toBe(true);
    expect(log.filter((d) => d.authorGroup === 'staff')).toHaveLength(5);
    expect(replies).toBe(6);
    const posts = await api.listPosts(ticket.id);
    expect(posts.items).toHaveLength(7);
  });

  it('holds the API call in sync mode until the webhook is delivered', async () => {
    const { api, sandbox } = await setup({ patch: { mode: 'sync' } });
    await api.createTicket({ title: 's', description: 'd', user_email: 'c@client.test' });
    const [d] = await deliveries(sandbox.url);
    expect(d).toMatchObject({ status: 200, attempts: 1 });
  });

  it('retries a failing webhook only when retries are on', async () => {
    const { api, sandbox, bot } = await setup({ answer: () => 500, patch: { retries: true } });
    await api.createTicket({ title: 'r', description: 'd', user_email: 'c@client.test' });
    await sandbox.idle();
    expect(bot.received).toHaveLength(3);
    expect((await deliveries(sandbox.url))[0]).toMatchObject({ status: 500, attempts: 3, error: 'HTTP 500' });

    const spec = dispatcherRuleSpec({
      name: 'hde',
      token: 'tok-123456789',
      webhookUrl: `${bot.url}/webhook/<token>`,
      loopGuard: true,
    });
    expect((await admin(sandbox.url, 'POST', '/dispatcher-rules', spec)).json).toEqual({ rule_id: 1, created: false });
    await admin(sandbox.url, 'DELETE', '/deliveries');
    await api.createTicket({ title: 'r2', description: 'd', user_email: 'c@client.test' });
    await sandbox.idle();
    expect((await deliveries(sandbox.url))[0]).toMatchObject({ status: 500, attempts: 1 });
    expect((await admin(sandbox.url, 'GET', '/dispatcher-rules')).json).toHaveLength(1);
  });

  it('rejects a malformed rule naming the field', async () => {
    sandbox = await startSandbox();
    const res = await admin(sandbox.url, 'POST', '/dispatcher-rules', {
      kind: 'helpdeskeddy.dispatcher-rule',
      title: 'x',
      group: 'main',
      required: [],
    });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].details).toMatch(/^required/);
  });

  it('can send naively substituted bodies, which a quote breaks', async () => {
    sandbox = await startSandbox({ escape: 'none' });
    const api = createHelpdeskeddyClient({ url: sandbox.url, email: EMAIL, apiKey: API_KEY });
    bot = await startReceiver();
    await admin(
      sandbox.url,
      'POST',
      '/dispatcher-rules',
      dispatcherRuleSpec({ name: 'n', token: 'tok-123456789', webhookUrl: `${bot.url}/hook`, loopGuard: true }),
    );
    await api.createTicket({ title: 'q', description: 'say "hi"', user_email: 'c@client.test' });
    await sandbox.idle();
    expect(bot.received[0]!.body).toContain('"message": "say "hi""');
    expect(() => JSON.parse(bot!.received[0]!.body)).toThrow();
  });
});
