import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceBot, type ReferenceBot } from '../../../src/bot/reference-bot.js';
import { createHelpdeskeddyClient } from '../../../src/helpdesks/helpdeskeddy/client/http.js';
import { createOmnideskClient } from '../../../src/helpdesks/omnidesk/client/http.js';
import type { OmnideskApi } from '../../../src/helpdesks/omnidesk/client/types.js';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.js';
import { sendRequest } from '../../../src/core/http/send.js';

const creds = { email: 'admin@sandbox.test', apiKey: 'sandbox-api-key' };
let sandbox: RunningSandbox | undefined;
let bot: ReferenceBot | undefined;

afterEach(async () => {
  await bot?.close();
  await sandbox?.close();
  bot = undefined;
  sandbox = undefined;
});

/** The sandbox alone, and the bot started on its own against its URLs (as `startReferenceBot` users do). */
async function start(options: { label?: string } = {}): Promise<{ api: OmnideskApi; bot: ReferenceBot }> {
  sandbox = await startSandbox();
  bot = await startReferenceBot({
    omnidesk: { url: sandbox.omnidesk.url, ...creds },
    ...(sandbox.helpdeskeddy ? { helpdeskeddy: { url: sandbox.helpdeskeddy.url, ...creds } } : {}),
    ...options,
  });
  return { api: createOmnideskClient({ url: sandbox.omnidesk.url, ...creds }), bot };
}

async function post(url: string, body: unknown) {
  return sendRequest({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    timeoutMs: 5000,
  });
}

describe('the reference bot, alone against a sandbox', () => {
  it('answers a known question as a staff message from the API user', async () => {
    const { api, bot } = await start();
    const c = await api.createCase({
      subject: 'q',
      content: 'Какие у вас часы работы?',
      user_email: 'u1@example.invalid',
    });
    const res = await post(bot.url, {
      case_id: String(c.case_id),
      case_description: '<p>Какие у вас часы работы?</p>',
      user_id: String(c.user_id),
    });
    expect(res.status).toBe(200);
    await bot.idle();
    const staff = (await api.listMessages(c.case_id)).filter((m) => m.staff_id > 0);
    expect(staff).toHaveLength(1);
    expect(staff[0]).toMatchObject({ staff_id: 1, note: false });
    expect(staff[0]!.content).toContain('9:00');
  });

  it('?note=1 makes the answer a note', async () => {
    const { api, bot } = await start();
    const c = await api.createCase({ subject: 'q', content: 'password?', user_email: 'u2@example.invalid' });
    await post(`${bot.url}?note=1`, {
      case_id: String(c.case_id),
      case_description: '<p>How do I reset my password?</p>',
      user_id: String(c.user_id),
    });
    await bot.idle();
    const notes = (await api.listMessages(c.case_id)).filter((m) => m.note);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.content).toContain('Forgot password');
  });

  it('a request for an operator assigns the agent and removes only its label', async () => {
    const { api, bot } = await start({ label: 'wikibot' });
    const mine = await api.createLabel('wikibot');
    const other = await api.createLabel('vip');
    const c = await api.createCase({
      subject: 'q',
      content: 'hi',
      user_email: 'u3@example.invalid',
      labels: [mine.label_id, other.label_id],
    });
    await post(bot.url, {
      case_id: String(c.case_id),
      last_message: '<p>Позовите оператора, пожалуйста</p>',
      user_id: String(c.user_id),
    });
    await bot.idle();
    const after = await api.getCase(c.case_id);
    expect(after.staff_id).toBe(2);
    expect(after.labels).toEqual([other.label_id]);
    expect(bot.events.map((e) => e.kind)).toContain('handed-off');
  });

  it(
    'hands off when it has no answer, to the agent the URL ' + 'names, removing every label without a label setting',
    async () => {
      const { api, bot } = await start();
      const label = await api.createLabel('wikibot');
      const c = await api.createCase({
        subject: 'q',
        content: 'x',
        user_email: 'u4@example.invalid',
        labels: [label.label_id],
      });
      await post(`${bot.url}?agent=2`, {
        case_id: String(c.case_id),
        case_description: '<p>Сколько стоит слон?</p>',
        user_id: String(c.user_id),
      });
      await bot.idle();
      const after = await api.getCase(c.case_id);
      expect(after.staff_id).toBe(2);
      expect(after.labels).toEqual([]);
      expect((await api.listMessages(c.case_id)).filter((m) => m.staff_id > 0)).toEqual([]);
    },
  );

  it('ignores a duplicate webhook', async () => {
    const { api, bot } = await start();
    const c = await api.createCase({ subject: 'q', content: 'delivery', user_email: 'u5@example.invalid' });
    const body = {
      case_id: String(c.case_id),
      case_description: '<p>Где моя доставка?</p>',
      user_id: String(c.user_id),
    };
    const [a, b] = await Promise.all([post(bot.url, body), post(bot.url, body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await bot.idle();
    expect((await api.listMessages(c.case_id)).filter((m) => m.staff_id > 0)).toHaveLength(1);
    expect(bot.events.filter((e) => e.kind === 'duplicate')).toHaveLength(1);
  });

  it('answers 400 to a body without a case id, and 200 to a health check', async () => {
    const { bot } = await start();
    expect((await post(bot.url, { hello: 1 })).status).toBe(400);
    expect((await sendRequest({ url: bot.url, method: 'GET', timeoutMs: 5000 })).status).toBe(200);
    const notJson = await sendRequest({
      url: bot.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
      timeoutMs: 5000,
    });
    expect(notJson.status).toBe(400);
  });

  it('reports an API failure as an event, not a crash (a case that does not exist)', async () => {
    const { bot } = await start();
    expect(
      (await post(bot.url, { case_id: '999999999', case_description: '<p>доставка</p>', user_id: '1' })).status,
    ).toBe(200);
    await bot.idle();
    expect(bot.events.find((e) => e.kind === 'error')?.caseId).toBe(999999999);
  });
});

describe('the reference bot with HelpDeskEddy (seed 002 body)', () => {
  const hdeBody = (ticketId: string, text: string, author: string) => ({
    message: text,
    message_author_id: author,
    customer_id: author,
    ticket_id: ticketId,
    status_id: 'open',
    user_name: 'Иван',
    last_answer_date: '',
    last_customer_message_date: '',
    chat_id: '',
  });

  it('answers with a post as the API user, and hands off by setting the owner', async () => {
    await start();
    if (!sandbox!.helpdeskeddy) return expect.fail('no HelpDeskEddy sandbox');
    const hde = createHelpdeskeddyClient({ url: sandbox!.helpdeskeddy.url, ...creds });
    const client = await hde.findUserByEmail('client@sandbox.test');
    const ticket = await hde.createTicket({
      title: 't',
      description: 'Какие у вас часы работы?',
      user_email: 'client@sandbox.test',
    });
    const url = `${bot!.urls.helpdeskeddy}/demo-token-123`;
    expect((await post(url, hdeBody(ticket.id, '<p>Какие у вас часы работы?</p>', client!.id))).status).toBe(200);
    await bot!.idle();
    const posts = (await hde.listPosts(ticket.id)).items;
    const me = await hde.findUserByEmail(creds.email);
    expect(posts.find((p) => p.user_id === me!.id)?.text).toContain('9:00');

    await post(url, hdeBody(ticket.id, 'Позовите оператора', client!.id));
    await bot!.idle();
    const operator = await hde.findUserByEmail('operator@sandbox.test');
    expect((await hde.getTicket(ticket.id)).owner_id).toBe(operator!.id);
  });

  it('stays quiet about its own posts (a dispatcher rule without the loop guard)', async () => {
    await start();
    const hde = createHelpdeskeddyClient({ url: sandbox!.helpdeskeddy.url, ...creds });
    const me = await hde.findUserByEmail(creds.email);
    const ticket = await hde.createTicket({ title: 't', description: 'x', user_email: 'client@sandbox.test' });
    await post(bot!.urls.helpdeskeddy, hdeBody(ticket.id, 'доставка', me!.id));
    await bot!.idle();
    expect(bot!.events.find((e) => e.kind === 'ignored')?.detail).toBe('own post');
    expect((await hde.getTicket(ticket.id)).owner_id).toBe('0');
  });
});
