/**
 * Posts and comments beyond adding them (reference §2.1, §2.5): edit and delete, files from
 * multipart bodies served at the link the post lists, merging tickets, the audit trail, billing,
 * and the endpoints the sandbox answers with 501.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, basic, hde, startSandbox, type HdeSandbox } from '../../../../helpers/sandbox-hde.js';

let sandbox: HdeSandbox;
const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  hde(sandbox.url, method, `/api/v2${path}`, body, headers);

beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.close());

async function ticket(title = 't'): Promise<number> {
  return (await call('POST', '/tickets/', { title, description: '<p>first</p>', user_id: 3 })).json.data.id;
}

describe('posts and comments', () => {
  it('edits and deletes posts and comments, each with its own s-204 text', async () => {
    const id = await ticket();
    const post = (await call('POST', `/tickets/${id}/posts/`, { text: 'reply' })).json.data;
    const comment = (await call('POST', `/tickets/${id}/comments/`, { text: 'note' })).json.data;
    const edited = await call('PUT', `/tickets/${id}/posts/${post.id}`, 'text=%3Cp%3Eedited%3C%2Fp%3E', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(edited.json.data).toMatchObject({ id: post.id, ticket_id: id, text: '<p>edited</p>' });
    expect((await call('PUT', `/tickets/${id}/comments/${comment.id}/`, { text: 'note 2' })).json.data).toMatchObject({
      text: 'note 2',
      visible: 'staff',
    });
    expect((await call('PUT', `/tickets/${id}/posts/${post.id}`, { text: '' })).status).toBe(400);
    expect((await call('PUT', `/tickets/${id}/posts/${comment.id}`, { text: 'x' })).status).toBe(404);

    const delPost = await call('DELETE', `/tickets/${id}/posts/${post.id}`);
    expect(delPost.json).toEqual({
      errors: [
        {
          code: 's-204',
          title: 'No content',
          details: `Post with id {${post.id}} in ticket with id {${id}} successfully deleted`,
        },
      ],
    });
    const delComment = await call('DELETE', `/tickets/${id}/comments/${comment.id}/`);
    expect(delComment.json.errors[0].details).toBe(
      `Comment with id {${comment.id}} in ticket with id {${id}} successfully deleted`,
    );
    expect((await call('GET', `/tickets/${id}/posts/`)).json.data.map((p: { text: string }) => p.text)).toEqual([
      '<p>first</p>',
    ]);
    expect((await call('GET', `/tickets/${id}/comments/`)).json.data).toEqual([]);
    expect((await call('DELETE', `/tickets/${id}/posts/${post.id}`)).status).toBe(404);
  });

  it('fires the dispatcher for a new post only, not for comments or edits', async () => {
    await admin(sandbox.url, 'POST', '/dispatcher-rules', {
      kind: 'helpdeskeddy.dispatcher-rule',
      title: 'r',
      group: 'main',
      required: ['new_reply'],
      action: {
        type: 'webhook',
        mode: 'sync',
        retries: false,
        method: 'POST',
        format: 'JSON',
        auth: 'none',
        url: 'http://127.0.0.1:9/hook',
        body: '{"t":"{ticket_id}"}',
      },
    });
    const id = await ticket();
    const post = (await call('POST', `/tickets/${id}/posts/`, { text: 'x', user_id: 3 })).json.data;
    await call('POST', `/tickets/${id}/comments/`, { text: 'note' });
    await call('PUT', `/tickets/${id}/posts/${post.id}`, { text: 'edited' });
    const deliveries = (await admin(sandbox.url, 'GET', '/deliveries?settle=1')).json as Array<{ postId: string }>;
    expect(deliveries.map((d) => d.postId)).toEqual([String(post.id)]);
  });
});

describe('files', () => {
  it('keeps multipart files (files[0], files[], repeated files) and serves them at the listed url', async () => {
    const id = await ticket();
    const form = new FormData();
    form.set('text', 'with files');
    form.append('files[0]', new Blob(['GIF89a'], { type: 'image/gif' }), 'pic.gif');
    form.append('files[]', new Blob(['hello']), 'отчёт.txt');
    form.append('files', new Blob(['x']), 'noext');
    const post = (await call('POST', `/tickets/${id}/posts/`, form)).json.data;
    expect(post.files.map((f: { name: string; data_type: string }) => [f.name, f.data_type])).toEqual([
      ['pic.gif', 'gif'],
      ['отчёт.txt', 'txt'],
      ['noext', ''],
    ]);
    const url: string = post.files[0].url;
    expect(url).toMatch(new RegExp(`^${sandbox.url}/ru/file/download/[0-9a-f]{40}$`));
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    const got = await fetch(url, { headers: { authorization: basic() } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/gif');
    expect(await got.text()).toBe('GIF89a');
    const named = await fetch(post.files[1].url, { headers: { authorization: basic() } });
    expect(named.headers.get('content-disposition')).toContain("filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.txt");

    await admin(sandbox.url, 'POST', '/behaviour', { fileDownloadAuth: 'none' });
    expect((await fetch(url)).status).toBe(200);
    await call('DELETE', `/tickets/${id}/posts/${post.id}`);
    expect((await fetch(url)).status).toBe(404);
  });

  it('answers a broken multipart body with e-400, not a crash', async () => {
    const res = await call(
      'POST',
      '/tickets/',
      '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nnever closed',
      {
        'content-type': 'multipart/form-data; boundary=b',
      },
    );
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toMatchObject({ code: 'e-400' });
    expect(res.json.errors[0].details).toContain('multipart');
  });
});

describe('union, audit and billing', () => {
  it('merges tickets: posts move, the others go to the trash under the target', async () => {
    const a = await ticket('a');
    const b = await ticket('b');
    await call('POST', `/tickets/${b}/posts/`, { text: 'from b' });
    const merged = await call('POST', `/tickets/${a}/union/`, { ticket_list: [b] });
    expect(merged.json.data.id).toBe(a);
    expect((await call('GET', `/tickets/${a}/posts/`)).json.data.map((p: { text: string }) => p.text)).toEqual([
      'from b',
      '<p>first</p>',
      '<p>first</p>',
    ]);
    const trashed = await call('GET', '/tickets/?deleted=1');
    expect(trashed.json.data[String(b)]).toMatchObject({ pid: a, deleted: 1 });
    expect((await call('POST', `/tickets/${a}/union/`, { ticket_list: [a] })).status).toBe(400);
    expect((await call('POST', `/tickets/${a}/union/`, {})).json.errors[0].details).toContain('ticket_list');
  });

  it('records creation, field changes and posts in the audit trail, newest first', async () => {
    const id = await ticket();
    await call('PUT', `/tickets/${id}/`, { status_id: 'process', owner_id: 2 });
    await call('POST', `/tickets/${id}/comments/`, { text: 'n' });
    const audit = await call('GET', `/tickets/${id}/audit/`);
    const rows = Object.values<{ action: string; field: string; old_value: string; new_value: string }>(
      audit.json.data,
    );
    expect(rows.map((r) => [r.action, r.field, r.old_value, r.new_value]).sort()).toEqual(
      [
        ['create', '', '', ''],
        ['update', 'status_id', 'open', 'process'],
        ['update', 'owner_id', '0', '2'],
        ['comment_added', 'comment', '', expect.any(String)],
      ].sort(),
    );
    expect(audit.json.pagination.total).toBe(4);
    expect((await call('GET', `/tickets/${id}/billing/`)).json).toEqual({
      data: [],
      pagination: { total: 0, per_page: 30, current_page: 1, total_pages: 1 },
    });
    expect((await call('GET', '/tickets/999/audit/')).status).toBe(404);
  });
});

describe('endpoints the sandbox does not emulate', () => {
  it('answers 501 with the endpoint named, in the API error shape', async () => {
    for (const [method, path] of [
      ['POST', '/telephony/calls/@binotel/'],
      ['POST', '/chat/visitor/id'],
    ] as const) {
      const res = await call(method, path, {});
      expect(res.status, path).toBe(501);
      expect(res.json.errors[0]).toMatchObject({ code: 'e-501', title: 'Not implemented' });
      expect(res.json.endpoint).toMatch(/^POST \/api\/v2\/(telephony\/calls\/@\{channel_key\}\/|chat\/visitor\/id)$/);
    }
  });
});
