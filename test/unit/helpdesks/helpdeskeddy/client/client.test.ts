import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, AuthError } from '../../../../../src/core/errors.js';
import { checkAdminKey } from '../../../../../src/helpdesks/helpdeskeddy/client/admin-key.js';
import { createHelpdeskeddyClient } from '../../../../../src/helpdesks/helpdeskeddy/client/http.js';
import type { HelpdeskeddyApi } from '../../../../../src/helpdesks/helpdeskeddy/client/types.js';
import { clearSecrets, redact } from '../../../../../src/core/io/secrets.js';
import { admin, API_KEY, EMAIL, fakeClock, startSandbox, type HdeSandbox } from '../../../../helpers/sandbox-hde.js';

describe('HelpDeskEddy client against the sandbox', () => {
  let sandbox: HdeSandbox;
  let api: HelpdeskeddyApi;
  const waits: number[] = [];

  beforeEach(async () => {
    sandbox = await startSandbox();
    waits.length = 0;
    // The limiter and the backoff share one clock that moves only when they sleep.
    const clock = fakeClock();
    api = createHelpdeskeddyClient({
      url: `${sandbox.url}/api/v2/`,
      email: EMAIL,
      apiKey: API_KEY,
      now: clock.now,
      sleep: async (ms) => {
        waits.push(ms);
        await clock.sleep(ms);
      },
    });
  });
  afterEach(async () => {
    await sandbox.close();
    clearSecrets();
  });

  it('unwraps envelopes into string ids, flat names and parsed dates', async () => {
    expect(api.baseUrl).toBe(sandbox.url);
    const departments = await api.listDepartments();
    expect(departments).toEqual([
      { id: '1', name: 'Поддержка', names: { ru: 'Поддержка', en: 'Support', ua: 'Підтримка' } },
    ]);
    expect((await api.listStatuses()).map((s) => s.id)).toEqual(['open', 'process', 'closed']);
    const users = await api.listUsers();
    expect(users.items.map((u) => [u.id, u.email, u.isStaff])).toEqual([
      ['1', EMAIL, true],
      ['2', 'operator@sandbox.test', true],
      ['3', 'client@sandbox.test', false],
    ]);
    expect(users.pagination).toEqual({ total: 3, perPage: 30, currentPage: 1, totalPages: 1 });
    const me = await api.findUserByEmail('ADMIN@sandbox.test');
    expect(me?.apiKeyVisible).toBe(true);
    expect(JSON.stringify(me)).not.toContain(API_KEY);
    expect((await api.getUser('2')).group.type).toBe('staff');
    expect((await api.listStaff()).map((u) => u.id)).toEqual(['1', '2']);
    expect(await api.isSandbox()).toBe(true);
    expect(api.rate().limitPerMinute).toBe(300);
  });

  it('creates a ticket whose description is the first post, from an auto-created client', async () => {
    const ticket = await api.createTicket({
      title: 'Не приходит заказ',
      description: '<p>Где мой заказ?</p>',
      user_email: 'new@client.test',
    });
    expect(typeof ticket.id).toBe('string');
    expect(ticket.status_id).toBe('open');
    expect(ticket.owner_id).toBe('0');
    expect(ticket.createdAt).toBeInstanceOf(Date);
    const client = await api.findUserByEmail('new@client.test');
    expect(client?.isStaff).toBe(false);
    expect(ticket.user_id).toBe(client?.id);

    const reply = await api.createPost(ticket.id, { text: '<p>Уже смотрим</p>' });
    expect(reply.user_id).toBe('1');
    const posts = await api.listPosts(ticket.id);
    expect(posts.items.map((p) => p.text)).toEqual(['<p>Уже смотрим</p>', '<p>Где мой заказ?</p>']);
    expect(posts.items[1]!.user_id).toBe(client?.id);
    expect(Number(posts.items[0]!.id)).toBeGreaterThan(Number(posts.items[1]!.id));
    expect(posts.items[0]!.date_created).toMatch(/^\d\d:\d\d:\d\d \d\d\.\d\d\.\d{4}$/);
    expect(posts.items[0]!.createdAt).toBeInstanceOf(Date);

    await api.createComment(ticket.id, { text: 'внутренняя заметка' });
    expect((await api.listComments(ticket.id)).items.map((c) => c.text)).toEqual(['внутренняя заметка']);
    expect((await api.listPosts(ticket.id)).items).toHaveLength(2);

    const updated = await api.updateTicket(ticket.id, { owner_id: '2', status_id: 'process' });
    expect([updated.owner_id, updated.status_id]).toEqual(['2', 'process']);
    expect((await api.getTicket(ticket.id)).owner_id).toBe('2');
  });

  it('pages tickets 30 at a time, newest first, with a string total read as a number', async () => {
    for (let i = 0; i < 35; i++) await api.createTicket({ title: `t${i}`, description: 'x', user_email: 'c@c.test' });
    const first = await api.listTickets();
    expect(first.items).toHaveLength(30);
    expect(first.pagination).toEqual({ total: 35, perPage: 30, currentPage: 1, totalPages: 2 });
    expect(first.items[0]!.title).toBe('t34');
    const second = await api.listTickets({ page: 2 });
    expect(second.items.map((t) => t.title)).toEqual(['t4', 't3', 't2', 't1', 't0']);
    const raw = await fetch(`${sandbox.url}/api/v2/tickets/?page=2`, {
      headers: { authorization: `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}` },
    });
    expect(((await raw.json()) as { pagination: { total: unknown } }).pagination.total).toBe('35');
  });

  it('maps e- errors to typed errors and treats s-204 as success', async () => {
    const ticket = await api.createTicket({ title: 't', description: 'x' });
    await expect(api.updateTicket(ticket.id, { status_id: 'nonsense' })).rejects.toMatchObject({
      code: 'hde_request',
      status: 400,
      apiCode: 'e-400',
    });
    await expect(api.getTicket('999999')).rejects.toMatchObject({ code: 'hde_not_found', status: 404 });
    await expect(api.deleteTicket(ticket.id)).resolves.toBeUndefined();
    await expect(api.getTicket(ticket.id)).rejects.toBeInstanceOf(ApiError);
  });

  it('refuses a wrong key with exit 3, naming the e-mail and the key page but never the key', async () => {
    const wrong = createHelpdeskeddyClient({ url: sandbox.url, email: EMAIL, apiKey: 'definitely-wrong-key' });
    const err = (await wrong.listDepartments().catch((e: unknown) => e)) as AuthError;
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain(EMAIL);
    expect(err.hint).toContain('Управление → Глобальные настройки → Система');
    expect(`${err.message} ${err.hint}`).not.toContain('definitely-wrong-key');
    expect(redact('key definitely-wrong-key')).toBe('key ***');
  });

  it('retries an idempotent call after a 503 and a 429, never a POST after a 500', async () => {
    await admin(sandbox.url, 'POST', '/faults', [
      { status: 503, path: 'departments' },
      { status: 429, retryAfter: 2, path: 'departments' },
    ]);
    expect(await api.listDepartments()).toHaveLength(1);
    expect(waits.some((ms) => ms >= 2000)).toBe(true);
    await admin(sandbox.url, 'DELETE', '/requests');
    await admin(sandbox.url, 'POST', '/faults', { status: 500, method: 'POST', path: 'tickets' });
    await expect(api.createTicket({ title: 't', description: 'x' })).rejects.toMatchObject({
      code: 'hde_server',
      status: 500,
    });
    const log = (await admin(sandbox.url, 'GET', '/requests')).json as Array<{ method: string }>;
    expect(log.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('checks the admin key: staff passes, a client user does not', async () => {
    const good = await checkAdminKey(api);
    expect(good).toMatchObject({ ok: true, staff: true, mainAdmin: true, rateLimitPerMinute: 300 });
    expect(good.notes.join(' ')).toMatch(/shared/);
    await admin(sandbox.url, 'PATCH', '/users/1', { group_type: 'user' });
    const bad = await checkAdminKey(api);
    expect(bad).toMatchObject({ ok: false, staff: false });
    expect(bad.detail).toContain('not staff');
    expect(bad.fix).toContain('Управление → Глобальные настройки → Система');
  });

  it('reaches the admin path without credentials', async () => {
    const info = await api.adminRequest<{ kind: string; email: string }>('GET', '/_sandbox/info');
    expect(info).toMatchObject({ kind: 'helpdeskeddy', email: EMAIL });
    expect(() => api.adminRequest('GET', '/api/v2/tickets/')).toThrow(TypeError);
  });
});
