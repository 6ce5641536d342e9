import { describe, expect, it } from 'vitest';
import { SandboxClient, useSandboxClient } from '../../../../helpers/sandbox.js';

const items = SandboxClient.items;
const od = useSandboxClient();

const ids = async (query: string, entity = 'case', path = '/api/cases.json') => {
  const res = await od.call('GET', `${path}?${query}`);
  expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(200);
  return items(res.body, entity).map((x) => x[`${entity}_id`]) as number[];
};

async function newCase(body: Record<string, unknown>) {
  const res = await od.call('POST', '/api/cases.json', { case: { subject: 'Тема обращения', content: 'x', ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.case;
}

describe('case list filters and sort orders (reference §2.1)', () => {
  it('applies every filter: each one narrows the list to exactly the matching cases', async () => {
    const label = (await od.call('POST', '/api/labels.json', { label: { label_title: 'vip' } })).body.label.label_id;
    const field = (await od.admin('POST', 'custom-fields', { title: 'Тариф', field_type: 'text', field_level: 'case' }))
      .body.custom_field.field_id;
    const a = await newCase({
      user_email: 'anna@example.com',
      subject: 'Оплата заказа',
      priority: 'high',
      labels: [label],
      custom_fields: { [`cf_${field}`]: 'Годовой' },
    });
    const b = await newCase({
      user_phone: '+7 999 123-45-67',
      subject: 'Доставка',
      channel: 'web',
      staff_id: 2,
      status: 'waiting',
    });
    const c = await newCase({ user_email: 'boris@example.com', subject: 'Возврат денег', priority: 'low' });
    const group = (await od.call('POST', '/api/groups.json', { group: { group_title: 'Биллинг' } })).body.group
      .group_id;
    await od.call('PUT', `/api/cases/${c.case_id}.json`, { case: { group_id: group, status: 'closed' } });
    const all = [a.case_id, b.case_id, c.case_id].sort();
    const sorted = (list: number[]) => [...list].sort();

    expect(sorted(await ids(''))).toEqual(all);
    expect(await ids('status[]=waiting')).toEqual([b.case_id]);
    expect(sorted(await ids('status[0]=open&status[1]=closed'))).toEqual(sorted([a.case_id, c.case_id]));
    expect(await ids('channel[]=web')).toEqual([b.case_id]);
    expect(await ids('priority=high')).toEqual([a.case_id]);
    expect(await ids(`labels[]=${label}`)).toEqual([a.case_id]);
    expect(await ids('staff_id[]=2')).toEqual([b.case_id]);
    expect(sorted(await ids('staff_id[]=0'))).toEqual(sorted([a.case_id, c.case_id]));
    expect(await ids(`group_id[]=${group}`)).toEqual([c.case_id]);
    expect(await ids(`user_id[]=${a.user_id}`)).toEqual([a.case_id]);
    expect(await ids('user_email[]=boris')).toEqual([c.case_id]);
    expect(await ids('user_phone[]=123-45')).toEqual([b.case_id]);
    expect(await ids(`subject=${encodeURIComponent('Оплата')}`)).toEqual([a.case_id]);
    expect(await ids(`subject=${encodeURIComponent('^Доставка^')}`)).toEqual([b.case_id]);
    expect(await ids(`custom_fields[cf_${field}]=${encodeURIComponent('Годов')}`)).toEqual([a.case_id]);
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect(await ids(`from_time=${future}`)).toEqual([]);
    expect(await ids('to_time=2001-01-01')).toEqual([]);
    expect(await ids(`from_updated_time=${future}`)).toEqual([]);
    expect(await ids('to_updated_time=2001-01-01')).toEqual([]);
    expect(sorted(await ids('from_time=2001-01-01&to_time=2999-01-01'))).toEqual(all);
    // Saved filters (GET /api/filters.json): 2 = open, 4 = waiting, 3 = unassigned and not closed.
    expect(await ids('filter=2')).toEqual([a.case_id]);
    expect(await ids('filter=4')).toEqual([b.case_id]);
    expect(await ids('filter=3')).toEqual([a.case_id]);
    expect((await od.call('GET', '/api/cases.json?filter=999')).body).toEqual({ error: 'filter_not_found' });
    // Too-short text filters are refused, as the reference says (≥ 4 characters).
    expect((await od.call('GET', '/api/cases.json?subject=abc')).status).toBe(400);
    expect((await od.call('GET', '/api/cases.json?user_phone[]=123')).status).toBe(400);
  });

  it('hides merged cases and live chats unless asked to show them', async () => {
    const a = await newCase({ user_email: 'a@example.com' });
    const b = await newCase({ user_email: 'a@example.com' });
    const chat = await newCase({ user_email: 'a@example.com', channel: 'chat' });
    expect((await od.admin('POST', `cases/${b.case_id}/merge`, { into: a.case_id })).status).toBe(200);
    expect(await ids('')).toEqual([a.case_id]);
    expect((await ids('show_merged_cases=true')).sort()).toEqual([a.case_id, b.case_id].sort());
    expect((await ids('show_active_chats=true')).sort()).toEqual([a.case_id, chat.case_id].sort());
    expect((await ids('show_active_chats=1&show_merged_cases=1')).length).toBe(3);
    await od.call('PUT', `/api/cases/${chat.case_id}.json`, { case: { status: 'closed' } });
    expect((await ids('')).sort()).toEqual([a.case_id, chat.case_id].sort());
  });

  it('sorts by each of the ten orders', async () => {
    const low = await newCase({ user_email: 'a@example.com', priority: 'low' });
    const critical = await newCase({ user_email: 'b@example.com', priority: 'critical' });
    const normal = await newCase({ user_email: 'c@example.com' });
    await od.call('PUT', `/api/cases/${low.case_id}.json`, { case: { status: 'closed' } });
    await od.call('PUT', `/api/cases/${normal.case_id}.json`, { case: { status: 'waiting' } });
    await od.call('POST', `/api/cases/${critical.case_id}/messages.json`, {
      message: { staff_id: 2, content: 'ответ' },
    });
    const created = [low.case_id, critical.case_id, normal.case_id];
    expect(await ids('sort=created_at_asc')).toEqual(created);
    expect(await ids('sort=created_at_desc')).toEqual([...created].reverse());
    expect(await ids('')).toEqual([...created].reverse());
    expect(await ids('sort=priority_desc')).toEqual([critical.case_id, normal.case_id, low.case_id]);
    expect(await ids('sort=priority_asc')).toEqual([low.case_id, normal.case_id, critical.case_id]);
    expect(await ids('sort=status_asc')).toEqual([critical.case_id, normal.case_id, low.case_id]);
    expect(await ids('sort=status_desc')).toEqual([low.case_id, normal.case_id, critical.case_id]);
    expect((await ids('sort=response_desc'))[0]).toBe(critical.case_id);
    expect((await ids('sort=response_asc'))[0]).toBe(critical.case_id);
    const updatedDesc = await ids('sort=updated_at_desc');
    expect(updatedDesc).toHaveLength(3);
    expect(await ids('sort=updated_at_asc')).toEqual([...updatedDesc].reverse());
    expect((await od.call('GET', '/api/cases.json?sort=random')).body).toEqual({ error: 'wrong_sort' });
  });
});

describe('users (reference §2.4)', () => {
  it('edits, disables, blocks, restores and deletes a user', async () => {
    const u = (
      await od.call('POST', '/api/users.json', { user: { user_email: 'olga@example.com', user_full_name: 'Ольга' } })
    ).body.user;
    const edited = await od.call('PUT', `/api/users/${u.user_id}.json`, {
      user: { user_full_name: 'Ольга С.', user_phone: '+79990000001', language_id: 2, user_note: 'VIP' },
    });
    expect(edited.body.user).toMatchObject({
      user_full_name: 'Ольга С.',
      user_phone: '+79990000001',
      language_id: 2,
      user_note: 'VIP',
    });
    expect((await od.call('PUT', `/api/users/${u.user_id}/disable.json`)).body.user.active).toBe(false);
    expect((await od.call('PUT', `/api/users/${u.user_id}/restore.json`)).body.user.active).toBe(true);
    expect((await od.call('PUT', `/api/users/${u.user_id}/block.json`)).body.user.active).toBe(false);
    expect((await od.call('PUT', `/api/users/${u.user_id}/restore.json`)).body.user.active).toBe(true);
    expect((await od.call('DELETE', `/api/users/${u.user_id}.json`)).status).toBe(200);
    expect(await ids('user_email=olga', 'user', '/api/users.json')).toEqual([]);
    expect((await od.call('GET', `/api/users/${u.user_id}.json`)).body.user.deleted).toBe(true);
    expect((await od.call('PUT', '/api/users/999/block.json')).body).toEqual({ error: 'user_not_found' });
    const other = (await od.call('POST', '/api/users.json', { user: { user_email: 'x@example.com' } })).body.user;
    expect((await od.call('PUT', `/api/users/${other.user_id}.json`, { user: { user_email: 'nope' } })).body).toEqual({
      error: 'wrong_email',
    });
  });

  it('filters users by phone, company, language and times, and counts their cases on request', async () => {
    const company = (await od.call('POST', '/api/companies.json', { company: { company_name: 'ООО Ромашка' } })).body
      .company.company_id;
    const a = (
      await od.call('POST', '/api/users.json', { user: { user_email: 'a@example.com', company_name: 'ООО Ромашка' } })
    ).body.user;
    const b = (await od.call('POST', '/api/users.json', { user: { user_phone: '+79991112233', language_id: 2 } })).body
      .user;
    await newCase({ user_email: 'a@example.com' });
    expect(await ids('user_phone=111', 'user', '/api/users.json')).toEqual([b.user_id]);
    expect(await ids(`company_id[]=${company}`, 'user', '/api/users.json')).toEqual([a.user_id]);
    expect(await ids('language_id=2', 'user', '/api/users.json')).toEqual([b.user_id]);
    expect(await ids(`from_time=${Math.floor(Date.now() / 1000) + 60}`, 'user', '/api/users.json')).toEqual([]);
    expect(await ids('from_last_contact_time=2001-01-01', 'user', '/api/users.json')).toEqual([a.user_id]);
    const counted = items(
      (await od.call('GET', '/api/users.json?amount_of_cases=true&user_email=a%40example.com')).body,
      'user',
    );
    expect(counted[0].amount_of_cases).toBe(1);
    expect(
      (await od.call('POST', '/api/users/identification.json', { user: { user_email: 'a@example.com' } })).body.code,
    ).toMatch(/^[\w-]+$/);
  });
});

describe('staff, groups, companies and dictionaries (reference §2.5–2.10)', () => {
  it('creates, edits, disables (handing cases over) and deletes staff', async () => {
    const s = await od.call('POST', '/api/staff.json', {
      staff: { staff_email: 'new@sandbox.test', staff_full_name: 'Новый' },
    });
    expect(s.status).toBe(201);
    const id = s.body.staff.staff_id;
    expect((await od.call('POST', '/api/staff.json', { staff: { staff_email: 'new@sandbox.test' } })).body).toEqual({
      error: 'email_already_exist',
    });
    expect(
      (await od.call('PUT', `/api/staff/${id}.json`, { staff: { staff_signature: '—\nНовый' } })).body.staff
        .staff_signature,
    ).toBe('—\nНовый');
    const c = await newCase({ user_email: 'a@example.com', staff_id: id });
    const disabled = await od.call('PUT', `/api/staff/${id}/disable.json`, { staff: { replace_staff_id: 2 } });
    expect(disabled.body.staff.active).toBe(false);
    expect((await od.call('GET', `/api/cases/${c.case_id}.json`)).body.case.staff_id).toBe(2);
    expect((await od.call('PUT', '/api/staff/1/disable.json')).body).toEqual({ error: 'staff_cannot_remove_self' });
    expect((await od.call('DELETE', `/api/staff/${id}.json`)).status).toBe(200);
    expect((await od.call('GET', `/api/staff/${id}.json`)).status).toBe(404);
    const roles = (await od.call('GET', '/api/staff_roles.json')).body;
    expect(roles.count).toBe(2);
    expect(items(roles, 'staff_roles')[0]).toEqual({ role_id: 1, role: 'Администратор' });
  });

  it('creates, edits, disables and deletes groups, moving cases to replace_group_id', async () => {
    const g = (
      await od.call('POST', '/api/groups.json', { group: { group_title: 'Биллинг', group_from_name: 'Billing' } })
    ).body.group;
    expect(g).toMatchObject({ group_title: 'Биллинг', group_from_name: 'Billing', active: true });
    expect(
      (await od.call('PUT', `/api/groups/${g.group_id}.json`, { group: { group_signature: 'sig' } })).body.group
        .group_signature,
    ).toBe('sig');
    const c = await newCase({ user_email: 'a@example.com', group_id: g.group_id });
    const other = (await od.call('POST', '/api/groups.json', { group: { group_title: 'Другая' } })).body.group.group_id;
    expect(
      (await od.call('PUT', `/api/groups/${g.group_id}/disable.json`, { group: { replace_group_id: other } })).body
        .group.active,
    ).toBe(false);
    expect((await od.call('GET', `/api/cases/${c.case_id}.json`)).body.case.group_id).toBe(other);
    await od.call('PUT', `/api/cases/${c.case_id}.json`, { case: { group_id: g.group_id } });
    // Without replace_group_id (vragovR sends `[]`), the cases go to the first other active group.
    expect((await od.call('PUT', `/api/groups/${g.group_id}/disable.json`, [])).body.group.active).toBe(false);
    expect((await od.call('GET', `/api/cases/${c.case_id}.json`)).body.case.group_id).toBe(1);
    expect((await od.call('PUT', `/api/groups/${g.group_id}/enable.json`)).body.group.active).toBe(true);
    expect((await od.call('DELETE', `/api/groups/${g.group_id}.json`, { group: { replace_group_id: 1 } })).status).toBe(
      200,
    );
    expect((await od.call('DELETE', '/api/groups/1.json', { group: { replace_group_id: 1 } })).body).toEqual({
      error: 'replace_group_not_found',
    });
  });

  it('manages companies and filters them', async () => {
    const u = (await od.call('POST', '/api/users.json', { user: { user_email: 'ceo@romashka.ru' } })).body.user;
    const created = await od.call('POST', '/api/companies.json', {
      company: { company_name: 'Ромашка', company_domains: 'romashka.ru', company_users: String(u.user_id) },
    });
    expect(created.status).toBe(201);
    const id = created.body.company.company_id;
    await od.call('POST', '/api/companies.json', { company: { company_name: 'Лютик', company_address: 'Москва' } });
    expect(await ids('company_name=Ромаш', 'company', '/api/companies.json')).toEqual([id]);
    expect(await ids('company_domains=romashka', 'company', '/api/companies.json')).toEqual([id]);
    expect((await ids('company_address=Моск', 'company', '/api/companies.json')).length).toBe(1);
    const withUsers = items(
      (await od.call('GET', '/api/companies.json?amount_of_users=true&company_name=Ромашка')).body,
      'company',
    );
    expect(withUsers[0].amount_of_users).toBe(1);
    const updated = await od.call('PUT', `/api/companies/${id}.json`, {
      company: { add_company_domains: 'romashka.com', remove_company_domains: 'romashka.ru', company_note: 'n' },
    });
    expect(updated.body.company).toMatchObject({ company_domains: 'romashka.com', company_note: 'n' });
    expect((await od.call('PUT', `/api/companies/${id}/block.json`)).body.company.active).toBe(false);
    expect((await od.call('PUT', `/api/companies/${id}/restore.json`)).body.company.active).toBe(true);
    expect((await od.call('PUT', `/api/companies/${id}/disable.json`)).body.company.active).toBe(false);
    expect((await od.call('DELETE', `/api/companies/${id}.json`)).status).toBe(200);
    expect(await ids('company_name=Ромаш', 'company', '/api/companies.json')).toEqual([]);
    expect((await od.call('GET', `/api/users/${u.user_id}.json`)).body.user.company_name).toBe('');
  });

  it('serves languages, filters, macros and client e-mails in the shapes the clients read', async () => {
    const languages = (await od.call('GET', '/api/languages.json')).body;
    expect(items(languages, 'language')[0]).toEqual({ language_id: 1, code: 'ru', title: 'Русский', active: true });
    const filters = (await od.call('GET', '/api/filters.json')).body;
    expect(filters.total_count).toBe(5);
    expect(Object.keys(items(filters, 'filter')[0])).toEqual(['filter_id', 'filter_name', 'is_selected', 'is_custom']);
    const macros = (await od.call('GET', '/api/macros.json')).body;
    expect(Object.keys(macros)).toEqual(['common', 'personal']);
    expect(macros.common['0'].data['196001'].actions[0].action_type).toBe('staff_id');
    expect(items((await od.call('GET', '/api/client_emails.json')).body, 'client_emails')[0]).toMatchObject({
      email: 'support@sandbox.test',
    });
  });
});

describe('messages and notes: edit, delete, rate (reference §2.2)', () => {
  it('edits and deletes a message and a note, and rates a message and a case', async () => {
    const c = await newCase({ user_email: 'a@example.com' });
    const m = (
      await od.call('POST', `/api/cases/${c.case_id}/messages.json`, { message: { staff_id: 2, content: 'v1' } })
    ).body.message;
    const n = (await od.call('POST', `/api/cases/${c.case_id}/note.json`, { note: { content: 'n1' } })).body.message;
    const edited = await od.call('PUT', `/api/cases/${c.case_id}/messages/${m.message_id}.json`, {
      message: { content: 'v2', content_html: '<p>v2</p>' },
    });
    expect(edited.body.message).toMatchObject({ message_id: m.message_id, content: 'v2', content_html: '<p>v2</p>' });
    expect(
      (
        await od.call('PUT', `/api/cases/${c.case_id}/note/${n.message_id}.json`, {
          note: { content: 'n2', content_html: '' },
        })
      ).body.message.content,
    ).toBe('n2');
    // A note is not a message and the other way round.
    expect(
      (await od.call('PUT', `/api/cases/${c.case_id}/messages/${n.message_id}.json`, { message: { content: 'x' } }))
        .body,
    ).toEqual({ error: 'message_not_found' });
    const rated = await od.call('PUT', `/api/cases/${c.case_id}/rate/${m.message_id}.json`, {
      rate: { rating: 'high', rating_comment: 'спасибо' },
    });
    expect(rated.body.message).toMatchObject({ rating: 'high', rating_comment: 'спасибо', rated_staff_id: 2 });
    const caseRated = await od.call('PUT', `/api/cases/${c.case_id}/rate.json`, {
      rate: { rating: 'low', rated_staff_id: 2 },
    });
    expect(caseRated.body.case).toMatchObject({ rating: 'low', rated_staff_id: 2 });
    expect((await od.call('DELETE', `/api/cases/${c.case_id}/note/${n.message_id}.json`)).status).toBe(200);
    expect((await od.call('DELETE', `/api/cases/${c.case_id}/messages/${m.message_id}.json`)).status).toBe(200);
    const left = items((await od.call('GET', `/api/cases/${c.case_id}/messages.json`)).body, 'message');
    expect(left.map((x) => x.content)).toEqual(['x']);
  });
});

describe('knowledge base and idea categories (reference §2.10 [S palachX])', () => {
  it('creates categories, sections and articles, filters, moves, disables and deletes them', async () => {
    const cat = (await od.call('POST', '/api/kb_category.json', { kb_category: { category_title: 'Оплата' } })).body
      .kb_category;
    expect(cat).toMatchObject({ category_title: 'Оплата', active: true });
    const sec = (
      await od.call('POST', '/api/kb_section.json', {
        kb_section: { section_title: { '1': 'Карты', '2': 'Cards' }, category_id: String(cat.category_id) },
      })
    ).body.kb_section;
    expect(sec).toMatchObject({ category_id: cat.category_id, section_title: { '1': 'Карты', '2': 'Cards' } });
    const other = (
      await od.call('POST', '/api/kb_section.json', {
        kb_section: { section_title: 'Другое', category_id: cat.category_id },
      })
    ).body.kb_section;
    const art = async (title: string, section = sec.section_id) =>
      (
        await od.call('POST', '/api/kb_article.json', {
          kb_article: { article_title: title, article_content: `<p>${title}</p>`, section_id: section },
        })
      ).body.kb_article;
    const a1 = await art('Как оплатить картой');
    const a2 = await art('Возврат платежа');
    await art('Чужая', other.section_id);
    const bySection = items(
      (await od.call('GET', `/api/kb_article.json?section_id=${sec.section_id}`)).body,
      'kb_article',
    ).map((a) => a.article_id);
    expect(bySection).toEqual([a1.article_id, a2.article_id]);
    const found = items(
      (await od.call('GET', `/api/kb_article.json?search=${encodeURIComponent('Возврат')}`)).body,
      'kb_article',
    );
    expect(found.map((a) => a.article_id)).toEqual([a2.article_id]);
    await od.call('PUT', `/api/kb_article/${a2.article_id}/moveup.json`);
    const moved = items(
      (await od.call('GET', `/api/kb_article.json?section_id=${sec.section_id}`)).body,
      'kb_article',
    ).map((a) => a.article_id);
    expect(moved).toEqual([a2.article_id, a1.article_id]);
    expect((await od.call('PUT', `/api/kb_article/${a1.article_id}/disable.json`)).body.kb_article.active).toBe(false);
    expect(
      (
        await od.call('PUT', `/api/kb_article/${a1.article_id}.json`, {
          kb_article: { article_tags: 'оплата', access_type: 'staff_only' },
        })
      ).body.kb_article,
    ).toMatchObject({ article_tags: 'оплата', access_type: 'staff_only' });
    expect(
      (
        await od.call('POST', '/api/kb_article.json', {
          kb_article: { article_title: 'x', article_content: 'y', section_id: 999 },
        })
      ).body,
    ).toEqual({ error: 'kb_section_not_found' });
    expect((await od.call('POST', '/api/kb_category.json', { kb_category: {} })).body).toEqual({
      error: 'category_title_required',
    });
    expect((await od.call('DELETE', `/api/kb_article/${a1.article_id}.json`)).status).toBe(200);
    expect((await od.call('GET', `/api/kb_article/${a1.article_id}.json`)).status).toBe(404);
    expect(
      items((await od.call('GET', `/api/kb_section.json?category_id=${cat.category_id}`)).body, 'kb_section'),
    ).toHaveLength(2);
  });

  it('manages idea categories, and answers 501 naming the endpoint for statistics', async () => {
    const c = (
      await od.call('POST', '/api/ideas_category.json', {
        ideas_category: { category_title: 'Идеи', category_default_group: 1 },
      })
    ).body.ideas_category;
    expect(c).toMatchObject({ category_title: 'Идеи', category_default_group: 1, active: true });
    expect((await od.call('PUT', `/api/ideas_category/${c.category_id}/disable.json`)).body.ideas_category.active).toBe(
      false,
    );
    expect((await od.call('GET', '/api/ideas_category.json')).body.total_count).toBe(1);
    const stats = await od.call('GET', '/api/stats_leaderboard.json?period=week');
    expect(stats.status).toBe(501);
    expect(stats.body).toMatchObject({ error: 'not_implemented', endpoint: 'GET /api/stats_leaderboard.json' });
    expect(stats.headers.get('api_calls_left')).toMatch(/^\d+$/);
  });
});

describe('what the client census found (public libraries run against the sandbox)', () => {
  it('serves the idea channel: the idea and its official response', async () => {
    const c = await newCase({ user_email: 'a@example.com', channel: 'idea' });
    const idea = await od.call('PUT', `/api/cases/${c.case_id}/idea.json`, {
      case_id: c.case_id,
      message: { content: 'Тёмная тема', stage: 'planned' },
    });
    expect(idea.body.case.idea).toMatchObject({ content: 'Тёмная тема', stage: 'planned' });
    const official = await od.call('PUT', `/api/cases/${c.case_id}/idea_official_response.json`, {
      message: { content: 'Сделаем' },
    });
    expect(official.body.case.idea.official_response).toBe('Сделаем');
    expect(official.body.case.idea.official_response_tstamp).toBeGreaterThan(0);
    expect((await od.call('DELETE', `/api/cases/${c.case_id}/idea_official_response.json`, [])).status).toBe(200);
    expect((await od.call('GET', `/api/cases/${c.case_id}.json`)).body.case.idea.official_response).toBe('');
  });

  it(
    'takes unwrapped idea categories and staff edits, list-valued section ids, and lists every change in the ' +
      'changelog',
    async () => {
      expect(
        (await od.call('POST', '/api/ideas_category.json', { category_title: 'Идеи', category_default_group: 1 }))
          .status,
      ).toBe(201);
      const staff = (await od.call('POST', '/api/staff.json', { staff: { staff_email: 's@sandbox.test' } })).body.staff;
      const edited = await od.call('PUT', `/api/staff/${staff.staff_id}.json`, {
        staff_id: staff.staff_id,
        staff_full_name: 'PHP Staff',
        staff_email: null,
      });
      expect(edited.body.staff).toMatchObject({ staff_full_name: 'PHP Staff', staff_email: 's@sandbox.test' });
      const cat = (await od.call('POST', '/api/kb_category.json', { kb_category: { category_title: 'c' } })).body
        .kb_category;
      const sec = (
        await od.call('POST', '/api/kb_section.json', {
          kb_section: { section_title: 's', category_id: cat.category_id },
        })
      ).body.kb_section;
      const art = await od.call('POST', '/api/kb_article.json', {
        kb_article: { article_title: 't', article_content: 'x', section_id: [sec.section_id] },
      });
      expect(art.body.kb_article).toMatchObject({ section_id: sec.section_id, section_id_arr: [sec.section_id] });
      const user = (
        await od.call('POST', '/api/users.json', { user: { user_email: 'v@example.com', user_full_name: 'Вера' } })
      ).body.user;
      expect(user.user_screen_name).toBe('Вера');
      const field = (await od.admin('POST', 'custom-fields', { title: 'f', field_type: 'text', field_level: 'case' }))
        .body.custom_field.field_id;
      const c = await newCase({ user_email: 'a@example.com' });
      await od.call('PUT', `/api/cases/${c.case_id}.json`, {
        case: { subject: 'Новая тема', priority: 'high', custom_fields: { [`cf_${field}`]: 'v' } },
      });
      const log = (await od.call('GET', `/api/cases/${c.case_id}/changelog.json`)).body.changelog;
      expect(log.map((e: any) => [e.event, e.done_by, e.value])).toEqual([
        ['subject', 'staff_1', 'Новая тема'],
        ['priority', 'staff_1', 'high'],
        [`custom_field_${field}`, 'staff_1', 'v'],
      ]);
    },
  );
});
