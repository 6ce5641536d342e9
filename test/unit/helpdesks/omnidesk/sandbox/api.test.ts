import { describe, expect, it } from 'vitest';
import { API_KEY, EMAIL, SandboxClient, openSandbox, useSandboxClient } from '../../../../helpers/sandbox.js';

const items = SandboxClient.items;
const od = useSandboxClient();

describe('auth', () => {
  it('401 with an {"error"} body on a wrong key, 403 on an unknown e-mail, 401 without credentials', async () => {
    const wrongKey = await od.call('GET', '/api/labels.json', undefined, { email: EMAIL, apiKey: 'nope' });
    expect(wrongKey.status).toBe(401);
    expect(typeof wrongKey.body.error).toBe('string');
    const unknown = await od.call('GET', '/api/labels.json', undefined, { email: 'who@nowhere.test', apiKey: API_KEY });
    expect(unknown.status).toBe(403);
    expect(typeof unknown.body.error).toBe('string');
    const none = await od.call('GET', '/api/labels.json', undefined, null);
    expect(none.status).toBe(401);
  });

  it('answers the API user, and says it is the sandbox on every reply', async () => {
    const res = await od.call('GET', '/api/staff.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-omnibot-sandbox')).toBe('omnidesk');
    const missing = await od.call('GET', '/api/nothing.json');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-omnibot-sandbox')).toBe('omnidesk');
  });
});

describe('seeded data and envelopes', () => {
  it('lists staff as a keyed object with total_count, and staff statuses with count', async () => {
    const staff = await od.call('GET', '/api/staff.json');
    expect(staff.body.total_count).toBe(3);
    expect(Object.keys(staff.body)).toEqual(['0', '1', '2', 'total_count']);
    const list = items(staff.body, 'staff');
    expect(list.map((s) => [s.staff_id, s.staff_email, s.active])).toEqual([
      [1, EMAIL, true],
      [2, 'operator@sandbox.test', true],
      [3, 'support@sandbox.test', false],
    ]);
    expect(list[0].created_at).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0300$/);
    const statuses = await od.call('GET', '/api/staff_statuses.json');
    expect(statuses.body.count).toBe(5);
    expect(statuses.body.total_count).toBeUndefined();
    expect(items(statuses.body, 'staff_statuses').map((s) => s.status)).toContain('Обед');
    const groups = await od.call('GET', '/api/groups.json');
    expect(items(groups.body, 'group')[0].group_title).toBe('Поддержка');
  });

  it('pages with page/limit and refuses page > 500 or limit outside 1..100', async () => {
    for (let i = 0; i < 5; i++) await od.call('POST', '/api/labels.json', { label: { label_title: `l${i}` } });
    const page2 = await od.call('GET', '/api/labels.json?page=2&limit=2');
    expect(page2.status).toBe(200);
    expect(page2.body.total_count).toBe(5);
    expect(items(page2.body, 'label').map((l) => l.label_title)).toEqual(['l2', 'l3']);
    for (const q of ['page=501', 'page=0', 'limit=101', 'limit=0', 'limit=abc']) {
      const res = await od.call('GET', `/api/labels.json?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error, q).toMatch(/^wrong_(page|limit)$/);
    }
    expect((await od.call('GET', '/api/labels.json?page=500&limit=100')).status).toBe(200);
  });
});

describe('labels', () => {
  it('creates with 201, renames, deletes, and validates the title', async () => {
    const created = await od.call('POST', '/api/labels.json', { label: { label_title: 'wikibot' } });
    expect(created.status).toBe(201);
    const id = created.body.label.label_id;
    expect(created.body.label).toEqual({ label_id: id, label_title: 'wikibot' });
    const renamed = await od.call('PUT', `/api/labels/${id}.json`, { label: { label_title: 'bot' } });
    expect(renamed.body.label.label_title).toBe('bot');
    expect((await od.call('DELETE', `/api/labels/${id}.json`)).status).toBe(200);
    expect((await od.call('GET', '/api/labels.json')).body.total_count).toBe(0);
    expect((await od.call('DELETE', `/api/labels/${id}.json`)).body.error).toBe('label_not_found');

    const empty = await od.call('POST', '/api/labels.json', { label: { label_title: '  ' } });
    expect(empty.status).toBe(400);
    const long = await od.call('POST', '/api/labels.json', { label: { label_title: 'x'.repeat(101) } });
    expect(long.status).toBe(400);
    expect(long.body).toEqual({ error: 'label_title_too_long' });
    expect((await od.call('POST', '/api/labels.json', { label: { label_title: 'x'.repeat(100) } })).status).toBe(201);
    const unwrapped = await od.call('POST', '/api/labels.json', { label_title: 'no wrapper' });
    expect(unwrapped.status).toBe(400);
  });
});

describe('rate limit', () => {
  it('sends rate headers on every reply and answers 429 with retry_after over the limit', async () => {
    const small = await openSandbox({ rateLimit: 3 });
    try {
      const first = await small.call('GET', '/api/labels.json');
      expect(first.headers.get('rate_limit_per_minute')).toBe('3');
      expect(first.headers.get('api_calls_left')).toBe('2');
      await small.call('GET', '/api/labels.json');
      const third = await small.call('GET', '/api/labels.json');
      expect(third.headers.get('api_calls_left')).toBe('0');
      const over = await small.call('GET', '/api/labels.json');
      expect(over.status).toBe(429);
      expect(over.body).toEqual({ error: 'rate_limit_exceeded' });
      const retry = Number(over.headers.get('retry_after'));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      // The admin path is not rate-limited, and reset opens a new window.
      expect((await small.admin('GET', 'info')).body).toMatchObject({
        kind: 'omnidesk',
        email: EMAIL,
        rateLimitPerMinute: 3,
      });
      await small.admin('POST', 'reset');
      expect((await small.call('GET', '/api/labels.json')).status).toBe(200);
    } finally {
      await small.sandbox.close();
    }
  });
});

describe('users and cases', () => {
  it(
    'creates a case for an e-mail customer (201, large ' + 'ids, case_number format) and finds the same user again',
    async () => {
      const a = await od.call('POST', '/api/cases.json', {
        case: { user_email: 'ivan@example.com', subject: 'Hi', content: 'Where is my order?' },
      });
      expect(a.status).toBe(201);
      const c = a.body.case;
      expect(c.case_id).toBeGreaterThan(200_000_000);
      expect(c.case_number).toMatch(/^\d{3}-\d{6}$/);
      expect(c.user_id).toBeGreaterThan(2 ** 32);
      expect(c).toMatchObject({ status: 'open', staff_id: 0, channel: 'email', labels: [], closed_at: '-' });
      const b = await od.call('POST', '/api/cases.json', {
        case: { user_email: 'IVAN@example.com', subject: 'Again', content: 'x' },
      });
      expect(b.body.case.user_id).toBe(c.user_id);
      const user = await od.call('GET', `/api/users/${c.user_id}.json`);
      expect(user.body.user.user_email).toBe('ivan@example.com');
      const messages = await od.call('GET', `/api/cases/${c.case_id}/messages.json`);
      expect(items(messages.body, 'message').map((m) => [m.content, m.user_id, m.staff_id])).toEqual([
        ['Where is my order?', c.user_id, 0],
      ]);
    },
  );

  it('validates case creation', async () => {
    const noSubject = await od.call('POST', '/api/cases.json', { case: { user_email: 'a@b.co', content: 'x' } });
    expect(noSubject.status).toBe(400);
    const badEmail = await od.call('POST', '/api/cases.json', {
      case: { user_email: 'nope', subject: 's', content: 'x' },
    });
    expect(badEmail.body).toEqual({ error: 'incorrect_user_email' });
    const badLabel = await od.call('POST', '/api/cases.json', {
      case: { user_email: 'a@b.co', subject: 's', content: 'x', labels: [999] },
    });
    expect(badLabel.status).toBe(404);
    const spaces = await od.call('POST', '/api/cases.json', {
      case: { user_email: 'a@b.co', subject: '   ', content: 'x' },
    });
    expect(spaces.status).toBe(201);
  });

  it('filters the case list with x[]=, x[0]= and plain x=, and by subject substring', async () => {
    const label = (await od.call('POST', '/api/labels.json', { label: { label_title: 'vip' } })).body.label.label_id;
    const one = (
      await od.call('POST', '/api/cases.json', {
        case: { user_email: 'a@b.co', subject: 'Order 5531 late', content: 'x', labels: [label] },
      })
    ).body.case;
    const two = (
      await od.call('POST', '/api/cases.json', { case: { user_email: 'c@d.co', subject: 'Refund', content: 'y' } })
    ).body.case;
    await od.call('PUT', `/api/cases/${two.case_id}.json`, { case: { status: 'closed', staff_id: 2 } });
    const ids = async (q: string) =>
      items((await od.call('GET', `/api/cases.json?${q}`)).body, 'case').map((c) => c.case_id);
    expect(await ids('status[]=closed')).toEqual([two.case_id]);
    expect(await ids('status[0]=open&status[1]=closed')).toHaveLength(2);
    expect(await ids('status=open')).toEqual([one.case_id]);
    expect(await ids(`labels[]=${label}`)).toEqual([one.case_id]);
    expect(await ids('staff_id[]=0')).toEqual([one.case_id]);
    expect(await ids('staff_id=2')).toEqual([two.case_id]);
    expect(await ids(`user_id[]=${two.user_id}`)).toEqual([two.case_id]);
    expect(await ids('subject=5531')).toEqual([one.case_id]);
    expect(await ids('subject=^Refund^')).toEqual([two.case_id]);
    expect(await ids('channel[]=telegram')).toEqual([]);
    await od.call('PUT', `/api/cases/${one.case_id}/trash.json`);
    expect(await ids('')).toEqual([two.case_id]);
    expect((await od.call('GET', `/api/cases/${one.case_id}.json`)).body.case.deleted).toBe(true);
    expect((await od.call('GET', '/api/cases/123.json')).body).toEqual({ error: 'case_not_found' });
  });

  it('adds and deletes labels on a case, changes staff and status, and logs each change', async () => {
    const [a, b] = await Promise.all(
      ['a', 'b'].map(
        async (t) => (await od.call('POST', '/api/labels.json', { label: { label_title: t } })).body.label.label_id,
      ),
    );
    const c = (await od.call('POST', '/api/cases.json', { case: { user_email: 'a@b.co', subject: 's', content: 'x' } }))
      .body.case;
    const added = await od.call('PUT', `/api/cases/${c.case_id}.json`, { case: { add_labels: [a, b] } });
    expect(added.status).toBe(200);
    expect(added.body.case.labels).toEqual([a, b]);
    const handed = await od.call('PUT', `/api/cases/${c.case_id}.json`, {
      case: { delete_labels: [a], staff_id: 2, status: 'waiting' },
    });
    expect(handed.body.case).toMatchObject({ labels: [b], staff_id: 2, status: 'waiting' });
    const inactive = await od.call('PUT', `/api/cases/${c.case_id}.json`, { case: { staff_id: 3 } });
    expect(inactive.body).toEqual({ error: 'staff_not_active' });
    const log = (await od.call('GET', `/api/cases/${c.case_id}/changelog.json`)).body.changelog;
    expect(Array.isArray(log)).toBe(true);
    expect(log.map((e: any) => [e.event, e.done_by])).toEqual([
      ['labels', 'staff_1'],
      ['staff', 'staff_1'],
      ['status', 'staff_1'],
      ['labels', 'staff_1'],
    ]);
    expect(log[1]).toMatchObject({ old_value: '0', value: '2' });
  });

  it('posts messages as user and as staff, notes (note.json and notes.json), and refuses inactive staff', async () => {
    const c = (
      await od.call('POST', '/api/cases.json', { case: { user_email: 'a@b.co', subject: 's', content: 'first' } })
    ).body.case;
    const staffMsg = await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
      message: { staff_id: 2, content: 'hello' },
    });
    expect(staffMsg.status).toBe(201);
    expect(staffMsg.body.message).toMatchObject({ staff_id: 2, user_id: 0, note: false, content: 'hello' });
    const userMsg = await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
      message: { user_id: c.user_id, content: 'thanks' },
    });
    expect(userMsg.body.message).toMatchObject({ staff_id: 0, user_id: c.user_id });
    const note = await od.call('POST', `/api/cases/${c.case_id}/note.json`, { note: { content: 'internal' } });
    expect(note.status).toBe(201);
    expect(note.body.message).toMatchObject({ note: true, staff_id: 1 });
    expect((await od.call('POST', `/api/cases/${c.case_id}/notes.json`, { note: { content: 'again' } })).status).toBe(
      201,
    );
    const refused = await od.call('POST', `/api/cases/${c.case_id}/messages.json`, {
      message: { staff_id: 3, content: 'x' },
    });
    expect(refused.body).toEqual({ error: 'staff_not_active' });
    const missing = await od.call('POST', '/api/cases/1/messages.json', { message: { staff_id: 2, content: 'x' } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'case_not_found' });
    const list = await od.call('GET', `/api/cases/${c.case_id}/messages.json?order=desc&page=1&limit=2`);
    expect(list.body.total_count).toBe(5);
    expect(items(list.body, 'message').map((m) => m.content)).toEqual(['again', 'internal']);
  });

  it('disables and enables staff through the API and the admin path', async () => {
    const off = await od.call('PUT', '/api/staff/2/disable.json');
    expect(off.body.staff.active).toBe(false);
    expect((await od.call('PUT', '/api/staff/2/enable.json')).body.staff.active).toBe(true);
    const patched = await od.admin('POST', 'staff/2', { active: false, status_id: 4 });
    expect(patched.body.staff).toMatchObject({ active: false, status_id: 4 });
    expect((await od.call('GET', '/api/staff/2.json')).body.staff.active).toBe(false);
    expect((await od.admin('POST', 'staff/2', { status_id: 99 })).status).toBe(400);
  });
});
