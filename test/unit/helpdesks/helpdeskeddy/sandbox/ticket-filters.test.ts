/**
 * Every `GET /tickets/` filter and sort order of reference §2.2 against five tickets that differ
 * in dates, priority, type, status, client, owner, freeze and trash. Each expectation is an exact
 * id list that differs from the unfiltered one, so dropping any filter fails its line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, fakeClock, hde, startSandbox, type HdeSandbox } from '../../../../helpers/sandbox-hde.js';

const DAY = 24 * 3600_000;
let sandbox: HdeSandbox;
// 07:00 UTC is 10:00 on the account's (Moscow) wall clock, which the API prints.
const clock = fakeClock(Date.UTC(2025, 2, 1, 7, 0, 0));

async function ids(query: string): Promise<number[]> {
  const res = await hde(sandbox.url, 'GET', `/api/v2/tickets/${query}`);
  expect(res.status, `${query}: ${res.text}`).toBe(200);
  // The list is an object keyed by id in the list's order; JSON.parse would sort integer keys,
  // so the order is read from the text.
  const order = [...res.text.matchAll(/"(\d+)":\{"id":(\d+)/g)].map((m) => Number(m[1]));
  expect(order.sort((a, b) => a - b)).toEqual(Object.keys(res.json.data).map(Number));
  return [...res.text.matchAll(/"(\d+)":\{"id":(\d+)/g)].map((m) => Number(m[1]));
}

async function create(body: Record<string, unknown>): Promise<number> {
  const res = await hde(sandbox.url, 'POST', '/api/v2/tickets/', { description: '<p>text</p>', ...body });
  expect(res.status, res.text).toBe(200);
  return res.json.data.id;
}

beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.date });
  // 101: Mar 1, standard priority, no type, open, client 3, unassigned.
  await create({ title: 'Не приходит письмо', user_id: 3, priority_id: 2, type_id: 0 });
  clock.t += DAY;
  // 102: Mar 2, medium, problem, in progress, a new client by e-mail, owner 2.
  await create({
    title: 'Оплата не прошла',
    user_email: 'payer@example.org',
    priority_id: 3,
    type_id: 1,
    status_id: 'process',
    owner_id: 2,
  });
  clock.t += DAY;
  // 103: Mar 3, urgent, task, closed, client 3, frozen until April.
  await create({
    title: 'Заморозка',
    user_id: 3,
    priority_id: 1,
    type_id: 2,
    status_id: 'closed',
    freeze_date: '01.04.2025 10:00',
  });
  clock.t += 3600_000;
  await hde(sandbox.url, 'POST', '/api/v2/tickets/103/posts/', { text: 'staff answer', user_id: 2 });
  clock.t += DAY - 3600_000;
  // 104: Mar 4, standard, bug, open, the API user's own, owner 1, first post by staff.
  await create({ title: 'Ошибка в отчёте', priority_id: 2, type_id: 3, owner_id: 1, create_from_user: 0 });
  clock.t += DAY;
  // 105: Mar 5, then moved to the trash.
  await create({ title: 'В корзину', user_id: 3 });
  expect((await hde(sandbox.url, 'DELETE', '/api/v2/tickets/105/')).status).toBe(200);
  clock.t += DAY;
  // Mar 6: 101 edited; Mar 7: the client of 102 answers.
  await hde(sandbox.url, 'PUT', '/api/v2/tickets/101/', { title: 'Не приходит письмо (edited)' });
  clock.t += DAY;
  const client102 = (await hde(sandbox.url, 'GET', '/api/v2/tickets/102/')).json.data.user_id;
  await hde(sandbox.url, 'POST', '/api/v2/tickets/102/posts/', { text: 'still broken', user_id: client102 });
  // Opening 104 marks it read by staff.
  await hde(sandbox.url, 'GET', '/api/v2/tickets/104');
});

afterAll(() => sandbox.close());

describe('GET /tickets/ filters (reference §2.2)', () => {
  it('lists live tickets newest first by default, the trash with deleted=1', async () => {
    expect(await ids('')).toEqual([104, 103, 102, 101]);
    expect(await ids('?deleted=1')).toEqual([105]);
    expect(await ids('?deleted=0')).toEqual([104, 103, 102, 101]);
  });

  it('applies status_list, priority_list and type_list (comma lists and x[] both)', async () => {
    expect(await ids('?status_list=open,process')).toEqual([104, 102, 101]);
    expect(await ids('?status_list=closed')).toEqual([103]);
    expect(await ids('?priority_list=2')).toEqual([104, 101]);
    expect(await ids('?priority_list=1,3')).toEqual([103, 102]);
    expect(await ids('?priority_list[]=1&priority_list[]=3')).toEqual([103, 102]);
    expect(await ids('?type_list=0,1')).toEqual([102, 101]);
    expect(await ids('?type_list=3')).toEqual([104]);
  });

  it('applies user_list, owner_list (0 = unassigned) and freeze', async () => {
    expect(await ids('?user_list=3')).toEqual([103, 101]);
    expect(await ids('?user_list=1')).toEqual([104]);
    expect(await ids('?owner_list=2')).toEqual([102]);
    expect(await ids('?owner_list=0')).toEqual([103, 101]);
    expect(await ids('?freeze=1')).toEqual([103]);
    expect(await ids('?freeze=0')).toEqual([104, 102, 101]);
  });

  it('applies the creation and update date bounds, inclusive, in YYYY-MM-DD HH:MM:SS', async () => {
    expect(await ids('?from_date_created=2025-03-02+10:00:00&to_date_created=2025-03-03+10:00:00')).toEqual([103, 102]);
    expect(await ids('?from_date_created=2025-03-03%2010:00:01')).toEqual([104]);
    expect(await ids('?to_date_created=2025-03-01 23:59:59')).toEqual([101]);
    expect(await ids('?from_date_updated=2025-03-06 00:00:00')).toEqual([102, 101]);
    expect(await ids('?to_date_updated=2025-03-05 00:00:00')).toEqual([104, 103]);
  });

  it('sorts by each order_by field in both directions, and by several keys', async () => {
    expect(await ids('?order_by=date_created{asc}')).toEqual([101, 102, 103, 104]);
    expect(await ids('?order_by=date_created{desc}')).toEqual([104, 103, 102, 101]);
    expect(await ids('?order_by=date_updated{desc}')).toEqual([102, 101, 104, 103]);
    expect(await ids('?order_by=date_updated%7Basc%7D')).toEqual([103, 104, 101, 102]);
    // Read by staff: 103 (a staff answer) and 104 (opened by id); 101 and 102 wait for staff.
    expect(await ids('?order_by=viewed_by_staff{desc},date_created{asc}')).toEqual([103, 104, 101, 102]);
    expect(await ids('?order_by=viewed_by_staff{asc},date_created{desc}')).toEqual([102, 101, 104, 103]);
    // Unread by the client: 103 (a staff answer) and 104 (opened by staff).
    expect(await ids('?order_by=viewed_by_client{asc},date_created{desc}')).toEqual([104, 103, 102, 101]);
    expect(await ids('?order_by=viewed_by_client{desc},date_created{asc}')).toEqual([101, 102, 103, 104]);
  });

  it('searches titles, e-mails and post texts; exact_search=1 wants a whole value', async () => {
    expect(await ids('?search=оплата')).toEqual([102]);
    expect(await ids('?search=payer@example.org')).toEqual([102]);
    expect(await ids('?search=staff+answer')).toEqual([103]);
    expect(await ids('?search=Заморозка&exact_search=1')).toEqual([103]);
    expect(await ids('?search=Замороз&exact_search=1')).toEqual([]);
    expect(await ids('?search=Замороз')).toEqual([103]);
  });

  it('combines filters', async () => {
    expect(await ids('?status_list=open&priority_list=2&order_by=date_created{asc}')).toEqual([101, 104]);
    expect(await ids('?user_list=3&deleted=1')).toEqual([105]);
  });

  it('refuses a filter it cannot read with e-400 naming it, or ignores it when told to', async () => {
    for (const [query, name] of [
      ['?priority_list=urgent', 'priority_list'],
      ['?from_date_created=yesterday', 'from_date_created'],
      ['?to_date_updated=2025-02-30+10:00:00', 'to_date_updated'],
      ['?freeze=maybe', 'freeze'],
      ['?order_by=title{asc}', 'order_by'],
      ['?order_by=date_created{up}', 'order_by'],
    ] as const) {
      const res = await hde(sandbox.url, 'GET', `/api/v2/tickets/${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.errors[0].code).toBe('e-400');
      expect(res.json.errors[0].details).toContain(name);
    }
    await admin(sandbox.url, 'POST', '/behaviour', { badFilter: 'ignore' });
    expect(await ids('?priority_list=urgent&status_list=closed')).toEqual([103]);
    await admin(sandbox.url, 'POST', '/behaviour', { badFilter: 'reject' });
  });

  it('pages by 30 with the ticket total as a string', async () => {
    const res = await hde(sandbox.url, 'GET', '/api/v2/tickets/?page=2');
    expect(res.json).toEqual({ data: {}, pagination: { total: '4', per_page: 30, current_page: 2, total_pages: 1 } });
  });
});
