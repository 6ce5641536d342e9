/**
 * The HelpDeskEddy endpoints beyond tickets (reference §2.1, §2.6): dictionaries, custom fields
 * of the three scopes with their options, users and organizations with notes, the status log,
 * the knowledge base, and the behaviour switches on the admin path.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, fakeClock, hde, startSandbox, type HdeSandbox } from '../../../../helpers/sandbox-hde.js';

let sandbox: HdeSandbox;
// 07:00 UTC is 10:00 on the account's (Moscow) wall clock, which the API prints.
const clock = fakeClock(Date.UTC(2025, 2, 1, 7, 0, 0));
const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  hde(sandbox.url, method, `/api/v2${path}`, body, headers);
const form = { 'content-type': 'application/x-www-form-urlencoded' };
/** Keys of a keyed `data` object in the order the server wrote them. */
const keyOrder = (text: string) => [...text.matchAll(/"(-?\d+)":\{"id":/g)].map((m) => Number(m[1]));

beforeEach(async () => {
  clock.t = Date.UTC(2025, 2, 1, 7, 0, 0);
  sandbox = await startSandbox({ now: clock.date });
});
afterEach(() => sandbox.close());

describe('dictionaries', () => {
  it('answers priorities, types, groups and user statuses as {id, name} arrays with numeric ids', async () => {
    const priorities = await call('GET', '/priorities/?');
    expect(priorities.json.data.map((p: { id: number }) => p.id)).toEqual([2, 3, 1]);
    expect(priorities.json.data[0].name).toEqual({ ru: 'Стандартно', en: 'Standard', ua: 'Стандартно' });
    expect((await call('GET', '/types')).json.data[0]).toEqual({
      id: 0,
      name: { ru: 'Без типа', en: 'Without type', ua: 'Без типу' },
    });
    expect((await call('GET', '/groups/')).json.data.map((g: { type: string }) => g.type)).toEqual([
      'staff',
      'staff',
      'user',
    ]);
    expect(
      (await call('GET', '/user_statuses/')).json.data.every((s: { id: unknown }) => typeof s.id === 'number'),
    ).toBe(true);
    expect((await call('GET', '/ips')).json.data).toEqual(['127.0.0.1']);
  });

  it('refuses ticket dictionary ids it does not know, naming the field', async () => {
    const bad = await call('POST', '/tickets/', { title: 't', description: 'd', type_id: 9 });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].details).toContain('type_id');
  });
});

describe('custom fields', () => {
  it('lists each scope keyed by id, one field keyed, options 50 a page filtered by pid', async () => {
    const tickets = await call('GET', '/custom_fields/?page=1');
    expect(keyOrder(tickets.text)).toEqual([1, 2, 3, 4]);
    expect(tickets.json.data['1']).toMatchObject({
      id: 1,
      field_type: 'select',
      permissions: { staff: { view: true }, user: { edit: true } },
    });
    expect(tickets.json.pagination).toEqual({ total: 4, per_page: 30, current_page: 1, total_pages: 1 });
    expect(keyOrder((await call('GET', '/users/custom_fields/')).text)).toEqual([11, 12]);
    expect(keyOrder((await call('GET', '/organizations/custom_fields')).text)).toEqual([21]);
    expect(Object.keys((await call('GET', '/custom_fields/4')).json.data)).toEqual(['4']);
    const hierarchy = await call('GET', '/custom_fields/4/options/?pid=3');
    expect(hierarchy.json).toEqual({
      data: [{ id: 4, pid: 3, name: { ru: 'Вход', en: 'Login', ua: 'Вхід' } }],
      pagination: { total: 1, per_page: 50, current_page: 1, total_pages: 1 },
    });
    expect((await call('GET', '/custom_fields/2/options/')).status).toBe(400);
    expect((await call('GET', '/custom_fields/99')).status).toBe(404);
  });

  it('upserts options from JSON and PHP forms, and deletes one with s-204', async () => {
    const set = await call('POST', '/custom_fields/1/options/', {
      options: [{ id: 1, name: { ru: 'Счета', en: 'Invoices' } }, { name: { ru: 'Новая', en: 'New', ua: 'Нова' } }],
    });
    expect(set.json.data).toEqual([
      { id: 1, pid: 0, name: { ru: 'Счета', en: 'Invoices', ua: '' } },
      { id: 100, pid: 0, name: { ru: 'Новая', en: 'New', ua: 'Нова' } },
    ]);
    const viaForm = await call(
      'POST',
      '/users/custom_fields/11/options',
      'options[0][name][ru]=Про&options[0][name][en]=Pro',
      form,
    );
    expect(viaForm.json.data).toEqual([{ id: 101, pid: 0, name: { ru: 'Про', en: 'Pro', ua: '' } }]);
    const del = await call('DELETE', '/custom_fields/1/options/100');
    expect(del.json).toEqual({
      errors: [{ code: 's-204', title: 'No content', details: 'Option with id {100} successfully deleted' }],
    });
    expect((await call('GET', '/custom_fields/1/options')).json.data.map((o: { id: number }) => o.id)).toEqual([1, 2]);
    expect((await call('POST', '/custom_fields/1/options/', { options: [{ pid: 1, name: 'x' }] })).status).toBe(400);
    expect((await call('POST', '/custom_fields/1/options/', { options: 'x' })).status).toBe(400);
  });

  it('stores ticket values as [{id, field_type, field_value}] and refuses unknown fields', async () => {
    const t = await call('POST', '/tickets/', {
      title: 't',
      description: 'd',
      custom_fields: { '2': 'A-1', '3': 'true', '4': { '1': 3, '2': 4 } },
    });
    expect(t.json.data.custom_fields).toEqual([
      { id: 2, field_type: 'text', field_value: 'A-1' },
      { id: 3, field_type: 'checkbox', field_value: 1 },
      { id: 4, field_type: 'hierarchy', field_value: { '1': '3', '2': '4' } },
    ]);
    expect(
      (await call('PUT', `/tickets/${t.json.data.id}`, 'custom_fields[2]=', form)).json.data.custom_fields.map(
        (f: { id: number }) => f.id,
      ),
    ).toEqual([3, 4]);
    expect(
      (await call('POST', '/tickets/', { title: 't', description: 'd', custom_fields: { '99': 'x' } })).json.errors[0]
        .details,
    ).toContain('{99}');
    await admin(sandbox.url, 'POST', '/behaviour', { customFieldValues: 'strict' });
    const strict = await call('POST', '/tickets/', {
      title: 't',
      description: 'd',
      custom_fields: { '1': 'nonsense' },
    });
    expect(strict.status).toBe(400);
    expect(strict.json.errors[0].details).toContain('no option');
  });
});

describe('users', () => {
  it('creates, updates and deletes users; organization is an object on write and a name in lists', async () => {
    const created = await call(
      'POST',
      '/users/',
      'name=Анна&email=anna@example.org&organization=ООО Ромашка&custom_fields[12]=VIP&password=x',
      form,
    );
    expect(created.status).toBe(200);
    const user = created.json.data;
    expect(user).toMatchObject({
      id: 4,
      name: 'Анна',
      email: 'anna@example.org',
      group: { type: 'user' },
      custom_fields: [{ id: 12, field_value: 'VIP' }],
    });
    expect(user.organization).toMatchObject({ id: 1, name: 'ООО Ромашка' });
    expect(JSON.stringify(user)).not.toContain('"password"');
    expect((await call('GET', '/users/4')).json.data.organization).toBe('ООО Ромашка');
    expect((await call('GET', '/organizations/1')).json.data.employees).toEqual([4]);
    clock.t += 60_000;
    const updated = await call('PUT', '/users/4', { lastname: 'Смирнова', status: 'inactive' });
    expect(updated.json.data).toMatchObject({
      lastname: 'Смирнова',
      status: 'inactive',
      date_updated: '2025-03-01 10:01:00',
    });
    expect((await call('POST', '/users/', { name: 'Dup', email: 'ANNA@example.org' })).status).toBe(400);
    expect((await call('POST', '/users/', { name: 'No e-mail' })).json.errors[0].details).toContain('email');
    expect((await call('PUT', '/users/4', { status: 'asleep' })).status).toBe(400);
    const del = await call('DELETE', '/users/4');
    expect(del.json.errors[0]).toEqual({
      code: 's-204',
      title: 'No content',
      details: 'User with id {4} successfully deleted',
    });
    expect((await call('GET', '/users/4')).status).toBe(404);
    expect((await call('DELETE', '/users/1')).status).toBe(400);
  });

  it('applies the list filters and order_by of §2.1', async () => {
    clock.t += 3600_000;
    await call('POST', '/users/', { name: 'Борис', email: 'boris@example.org' });
    clock.t += 3600_000;
    await call('POST', '/users/', { name: 'Алла', email: 'alla@example.org', group_id: 2 });
    const names = async (q: string) =>
      (await call('GET', `/users/${q}`)).json.data.map((u: { name: string }) => u.name);
    expect(await names('')).toEqual(['Администратор', 'Оператор', 'Иван', 'Борис', 'Алла']);
    expect(await names('?group_list=2,3')).toEqual(['Оператор', 'Иван', 'Борис', 'Алла']);
    expect(await names('?search=example.org')).toEqual(['Борис', 'Алла']);
    expect(await names('?from_date_created=2025-03-01 11:00:00')).toEqual(['Борис', 'Алла']);
    expect(await names('?to_date_updated=2025-03-01 11:00:00')).toEqual(['Администратор', 'Оператор', 'Иван', 'Борис']);
    expect(await names('?order_by=name{asc}')).toEqual(['Администратор', 'Алла', 'Борис', 'Иван', 'Оператор']);
    expect(await names('?order_by=name{desc}')).toEqual(['Оператор', 'Иван', 'Борис', 'Алла', 'Администратор']);
    expect(await names('?order_by=date_created{desc},name{asc}')).toEqual([
      'Алла',
      'Борис',
      'Администратор',
      'Иван',
      'Оператор',
    ]);
  });

  it('keeps notes and the presence status log; answers /users/{id} as an array when told to', async () => {
    const note = await call('POST', '/users/3/notes/', { text: 'Звонит по вторникам' });
    expect(note.json.data).toMatchObject({
      id: 1,
      creator_id: 1,
      text: 'Звонит по вторникам',
      date_created: '2025-03-01 10:00:00',
    });
    expect((await call('GET', '/users/3/notes')).json.data.map((n: { id: number }) => n.id)).toEqual([1]);
    expect((await call('DELETE', '/users/3/notes/1')).json.errors[0].code).toBe('s-204');
    expect((await call('DELETE', '/users/3/notes/1')).status).toBe(404);
    await call('PUT', '/users/2', { user_status: 3 });
    const log = await call('GET', '/users/2/statuses_log/');
    expect(log.json.data).toEqual([
      { id: 3, name: { ru: 'Перерыв', en: 'Break', ua: 'Перерва' }, date_created: '2025-03-01 10:00:00' },
    ]);
    await admin(sandbox.url, 'POST', '/behaviour', { userByIdShape: 'array' });
    expect((await call('GET', '/users/2')).json.data).toEqual([expect.objectContaining({ id: 2 })]);
  });
});

describe('organizations', () => {
  it('creates, lists, filters, updates and deletes companies, with notes', async () => {
    const acme = await call('POST', '/organizations/', {
      name: 'Acme',
      domains: 'acme.example',
      employees: [3],
      managers: [2],
    });
    expect(acme.json.data).toMatchObject({
      id: 1,
      name: 'Acme',
      domains: 'acme.example',
      employees: [3],
      managers: [2],
      custom_fields: [],
    });
    expect((await call('GET', '/users/3')).json.data.organization).toBe('Acme');
    await call('POST', '/organizations', 'name=Globex&custom_fields[21]=7701', form);
    const all = await call('GET', '/organizations/');
    expect(all.json.data.map((o: { name: string }) => o.name)).toEqual(['Acme', 'Globex']);
    expect(all.json.pagination).toEqual({ total: 2, per_page: 30, current_page: 1, total_pages: 1 });
    expect((await call('GET', '/organizations/?search=glob')).json.data.map((o: { id: number }) => o.id)).toEqual([2]);
    expect((await call('GET', '/organizations/?manager_id=2')).json.data.map((o: { id: number }) => o.id)).toEqual([1]);
    expect((await call('PUT', '/organizations/2', { phone: '+70000000001' })).json.data).toMatchObject({
      phone: '+70000000001',
      custom_fields: [{ id: 21, field_value: '7701' }],
    });
    expect((await call('POST', '/organizations/', { domains: 'x' })).status).toBe(400);
    expect((await call('POST', '/organizations/1/notes/', { text: 'Key account' })).json.data.text).toBe('Key account');
    expect((await call('GET', '/organizations/1/notes/')).json.data).toHaveLength(1);
    expect((await call('DELETE', '/organizations/1')).json.errors[0].details).toBe(
      'Organization with id {1} successfully deleted',
    );
    expect((await call('GET', '/users/3')).json.data.organization).toBe('');
    expect((await call('GET', '/organizations/1/notes/')).status).toBe(404);
  });
});

describe('knowledge base', () => {
  it('lists categories by position and articles newest first, keyed, with their filters', async () => {
    const cats = await call('GET', '/knowledge_base/categories/');
    expect(keyOrder(cats.text)).toEqual([-1, 1, -2, 2]);
    expect(cats.json.data['-1']).toMatchObject({ parent_id: 0, access: 'public', title: { en: 'Templates' } });
    expect(keyOrder((await call('GET', '/knowledge_base/categories/?public=1')).text)).toEqual([-1, 1]);
    expect(keyOrder((await call('GET', '/knowledge_base/categories/?parent_list=1')).text)).toEqual([2]);
    expect(keyOrder((await call('GET', '/knowledge_base/categories/?order_by=date_created{desc}')).text)).toEqual([
      2, 1, -1, -2,
    ]);

    const arts = await call('GET', '/knowledge_base/articles/');
    expect(keyOrder(arts.text)).toEqual([4, 3, 2, 1]);
    expect(arts.json.pagination).toEqual({ total: 4, per_page: 10, current_page: 1, total_pages: 1 });
    expect(keyOrder((await call('GET', '/knowledge_base/articles/?public=true')).text)).toEqual([2, 1]);
    expect(keyOrder((await call('GET', '/knowledge_base/articles/?category_list=-2,2')).text)).toEqual([4, 3]);
    expect(keyOrder((await call('GET', '/knowledge_base/articles/?order_by=views{desc}')).text)).toEqual([1, 2, 4, 3]);
    expect(
      keyOrder((await call('GET', '/knowledge_base/articles/?order_by=pin{desc},date_created{asc}')).text),
    ).toEqual([1, 2, 3, 4]);
    expect(
      keyOrder((await call('GET', '/knowledge_base/articles/?from_date_created=2024-04-01 00:00:00')).text),
    ).toEqual([4, 3]);
    expect(keyOrder((await call('GET', '/knowledge_base/articles/?search=delivery')).text)).toEqual([2]);
    const one = await call('GET', '/knowledge_base/articles/1');
    expect(one.json.data).toMatchObject({
      id: 1,
      categories: [1],
      title: { en: 'How to reset a password' },
      body: { en: '<p>How to reset a password</p>' },
    });
    expect((await call('GET', '/knowledge_base/articles/77')).status).toBe(404);
  });
});

describe('behaviour switches', () => {
  it('lists every switch with its provenance, refuses unknown ones, and reset restores them', async () => {
    const list = (await admin(sandbox.url, 'GET', '/behaviour')).json as Array<{
      name: string;
      tag: string;
      ref: string;
      value: unknown;
    }>;
    expect(list.map((b) => b.name)).toContain('deleteStatus');
    expect(list.every((b) => ['C+', 'C1', 'CONFLICT', 'INF'].includes(b.tag) && b.ref.startsWith('§'))).toBe(true);
    expect((await admin(sandbox.url, 'POST', '/behaviour', { deleteStatus: 204 })).status).toBe(200);
    const t = (await call('POST', '/tickets/', { title: 't', description: 'd' })).json.data;
    expect((await call('DELETE', `/tickets/${t.id}`)).status).toBe(204);
    const bad = await admin(sandbox.url, 'POST', '/behaviour', { deleteStatus: 201 });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].details).toContain('deleteStatus');
    expect((await admin(sandbox.url, 'POST', '/behaviour', { noSuchSwitch: true })).json.errors[0].details).toContain(
      'noSuchSwitch',
    );
    await admin(sandbox.url, 'POST', '/reset');
    expect(
      ((await admin(sandbox.url, 'GET', '/behaviour')).json as Array<{ name: string; value: unknown }>).find(
        (b) => b.name === 'deleteStatus',
      )!.value,
    ).toBe(200);
  });
});
