import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, basic, hde, startSandbox, type HdeSandbox } from '../../../../helpers/sandbox-hde.js';

describe('HelpDeskEddy sandbox API shapes', () => {
  let sandbox: HdeSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  it('requires Basic auth and sends the rate headers and the sandbox marker on every reply', async () => {
    const anon = await fetch(`${sandbox.url}/api/v2/departments/`);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('e-401');
    const wrong = await hde(sandbox.url, 'GET', '/api/v2/departments/', undefined, {
      authorization: basic('admin@sandbox.test', 'nope'),
    });
    expect(wrong.status).toBe(401);
    const ok = await hde(sandbox.url, 'GET', '/api/v2/departments/');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-rate-limit')).toBe('300');
    expect(Number(ok.headers.get('x-rate-limit-remaining'))).toBeLessThan(300);
    expect(ok.headers.get('x-omnibot-sandbox')).toBe('helpdeskeddy');
    expect(ok.json.data).toEqual([{ id: 1, name: { ru: 'Поддержка', en: 'Support', ua: 'Підтримка' } }]);
  });

  it('answers with and without the trailing slash; statuses have string ids; users carry group.type', async () => {
    expect((await hde(sandbox.url, 'GET', '/api/v2/statuses')).json.data.map((s: { id: string }) => s.id)).toEqual([
      'open',
      'process',
      'closed',
    ]);
    const users = (await hde(sandbox.url, 'GET', '/api/v2/users/')).json;
    expect(users.data.map((u: { email: string; group: { type: string } }) => [u.email, u.group.type])).toEqual([
      ['admin@sandbox.test', 'staff'],
      ['operator@sandbox.test', 'staff'],
      ['client@sandbox.test', 'user'],
    ]);
    expect(users.pagination).toEqual({ total: 3, per_page: 30, current_page: 1, total_pages: 1 });
    expect((await hde(sandbox.url, 'GET', '/api/v2/users/2')).json.data.email).toBe('operator@sandbox.test');
  });

  it('creates tickets from JSON, form-urlencoded and multipart; requires title and description', async () => {
    const missing = await hde(sandbox.url, 'POST', '/api/v2/tickets/', { title: 'no body' });
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0]).toMatchObject({ code: 'e-400' });
    expect(missing.json.errors[0].details).toContain('description');

    const viaJson = await hde(sandbox.url, 'POST', '/api/v2/tickets/', {
      title: 'json',
      description: '<p>a</p>',
      user_email: 'x@y.test',
    });
    expect(viaJson.status).toBe(200);
    expect(viaJson.json.data).toMatchObject({
      title: 'json',
      status_id: 'open',
      owner_id: 0,
      user_email: 'x@y.test',
      freeze_date: 'null',
    });
    expect(viaJson.json.data.date_created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(viaJson.json.data.sla_date).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);

    const form = new URLSearchParams({
      title: 'form',
      description: 'b',
      user_email: 'x@y.test',
      'cc[]': 'a@b.test',
    }).toString();
    const viaForm = await hde(sandbox.url, 'POST', '/api/v2/tickets', form, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(viaForm.json.data.user_id).toBe(viaJson.json.data.user_id);

    const multipart = new FormData();
    multipart.set('title', 'multipart');
    multipart.set('description', 'c');
    multipart.set('files[0]', new Blob(['hello']), 'hello.txt');
    const viaMultipart = await hde(sandbox.url, 'POST', '/api/v2/tickets/', multipart);
    expect(viaMultipart.status).toBe(200);
    const posts = await hde(sandbox.url, 'GET', `/api/v2/tickets/${viaMultipart.json.data.id}/posts/`);
    expect(posts.json.data[0].files[0].name).toBe('hello.txt');
    // No user given: the ticket belongs to the API user.
    expect(viaMultipart.json.data.user_id).toBe(1);
  });

  it('lists tickets keyed by id, newest first, with the total as a string', async () => {
    for (const title of ['a', 'b', 'c'])
      await hde(sandbox.url, 'POST', '/api/v2/tickets/', { title, description: 'd' });
    const list = await hde(sandbox.url, 'GET', '/api/v2/tickets/');
    expect(list.text.indexOf('"103"')).toBeLessThan(list.text.indexOf('"101"'));
    expect(Object.keys(list.json.data).sort()).toEqual(['101', '102', '103']);
    expect(list.json.pagination.total).toBe('3');
    const filtered = await hde(sandbox.url, 'GET', '/api/v2/tickets/?status_list=closed');
    expect(filtered.json.pagination.total).toBe('0');
  });

  it('keeps posts newest first with global ids, the API user as default author and time-first dates', async () => {
    const t1 = (
      await hde(sandbox.url, 'POST', '/api/v2/tickets/', { title: 'one', description: 'first', user_email: 'c@c.test' })
    ).json.data;
    const t2 = (await hde(sandbox.url, 'POST', '/api/v2/tickets/', { title: 'two', description: 'other' })).json.data;
    const reply = (await hde(sandbox.url, 'POST', `/api/v2/tickets/${t1.id}/posts/`, { text: '<p>answer</p>' })).json
      .data;
    expect(reply.user_id).toBe(1);
    expect(reply.date_created).toMatch(/^\d\d:\d\d:\d\d \d\d\.\d\d\.\d{4}$/);
    const posts = (await hde(sandbox.url, 'GET', `/api/v2/tickets/${t1.id}/posts`)).json;
    expect(posts.data.map((p: { text: string }) => p.text)).toEqual(['<p>answer</p>', 'first']);
    expect(posts.data[1].user_id).toBe(t1.user_id);
    const t2posts = (await hde(sandbox.url, 'GET', `/api/v2/tickets/${t2.id}/posts`)).json.data;
    expect(t2posts[0].id).toBeGreaterThan(posts.data[1].id);
    expect(reply.id).toBeGreaterThan(t2posts[0].id);
    const comment = await hde(sandbox.url, 'POST', `/api/v2/tickets/${t1.id}/comments/`, { text: 'note' });
    expect(comment.json.data.visible).toBe('staff');
    expect(
      (await hde(sandbox.url, 'POST', `/api/v2/tickets/${t1.id}/posts/`, { text: 'x', user_id: 999 })).status,
    ).toBe(400);
  });

  it('updates owner and status, deletes with s-204, and answers e-404 for unknown tickets', async () => {
    const t = (await hde(sandbox.url, 'POST', '/api/v2/tickets/', { title: 't', description: 'd' })).json.data;
    const updated = await hde(sandbox.url, 'PUT', `/api/v2/tickets/${t.id}/`, { owner_id: 2, status_id: 'process' });
    expect(updated.json.data).toMatchObject({
      owner_id: 2,
      owner_email: 'operator@sandbox.test',
      status_id: 'process',
    });
    expect((await hde(sandbox.url, 'PUT', `/api/v2/tickets/${t.id}`, { owner_id: 3 })).status).toBe(400);
    const del = await hde(sandbox.url, 'DELETE', `/api/v2/tickets/${t.id}/?delete=true`);
    expect(del.status).toBe(200);
    expect(del.json.errors[0]).toMatchObject({ code: 's-204', title: 'No content' });
    const gone = await hde(sandbox.url, 'GET', `/api/v2/tickets/${t.id}/`);
    expect(gone.status).toBe(404);
    expect(gone.json.errors[0].code).toBe('e-404');
  });

  it('bans over the limit with the e-401 "Ban" body until the admin path clears it', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ rateLimit: 3, banMinutes: 5 });
    for (let i = 0; i < 3; i++) expect((await hde(sandbox.url, 'GET', '/api/v2/statuses')).status).toBe(200);
    const banned = await hde(sandbox.url, 'GET', '/api/v2/statuses');
    expect(banned.status).toBe(401);
    expect(banned.json).toEqual({
      errors: [{ code: 'e-401', title: 'Ban', details: 'Ban for 5 min. API limit reached (3 request per minute).' }],
    });
    expect(banned.headers.get('x-rate-limit-remaining')).toBe('0');
    expect((await admin(sandbox.url, 'GET', '/info')).json.ban).toMatchObject({ banned: true, minutes: 5 });
    await admin(sandbox.url, 'DELETE', '/ban');
    expect((await hde(sandbox.url, 'GET', '/api/v2/statuses')).status).toBe(200);
  });

  it('resets to the seeded data and logs API requests only', async () => {
    await hde(sandbox.url, 'POST', '/api/v2/tickets/', { title: 't', description: 'd' });
    await admin(sandbox.url, 'PATCH', '/users/1', { group_type: 'user' });
    const log = (await admin(sandbox.url, 'GET', '/requests')).json;
    expect(log).toEqual([expect.objectContaining({ method: 'POST', path: '/api/v2/tickets/', status: 200 })]);
    await admin(sandbox.url, 'POST', '/reset');
    expect((await hde(sandbox.url, 'GET', '/api/v2/tickets/')).json.pagination.total).toBe('0');
    expect((await hde(sandbox.url, 'GET', '/api/v2/users/1')).json.data.group.type).toBe('staff');
    const badFault = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ status: 418 }),
    });
    expect(badFault.status).toBe(400);
  });
});
