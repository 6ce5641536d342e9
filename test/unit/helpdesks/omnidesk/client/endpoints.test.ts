/**
 * Endpoint logic over a fake transport: paths, bodies and the no-duplicate create paths whose
 * timing a real server cannot make deterministic.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../src/core/errors.js';
import { createOmnideskEndpoints } from '../../../../../src/helpdesks/omnidesk/client/endpoints.js';
import type { Transport, TransportRequest } from '../../../../../src/helpdesks/omnidesk/client/transport.js';

type Reply = (req: TransportRequest) => unknown;

function fakeTransport(reply: Reply) {
  const calls: TransportRequest[] = [];
  const transport: Transport = {
    baseUrl: 'https://acme.omnidesk.ru',
    retry: { maxAttempts: 4, backoff: { baseMs: 1, maxMs: 1, random: () => 0 }, settleMs: 0 },
    async send<T>(req: TransportRequest) {
      calls.push(req);
      return reply(req) as T;
    },
    rate: () => ({}),
    sandbox: () => undefined,
    log: () => undefined,
  };
  return { api: createOmnideskEndpoints(transport), calls };
}

const timeout = () => new ApiError('no answer', { code: 'timeout' });

describe('Omnidesk endpoints', () => {
  it('removes its own duplicate when the first, timed-out create landed late', async () => {
    const labels: Array<{ label_id: number; label_title: string }> = [];
    let posts = 0;
    const { api, calls } = fakeTransport((req) => {
      if (req.method === 'POST') {
        posts++;
        if (posts === 1) throw timeout();
        // The first create lands on the server just as the second one is made.
        labels.push({ label_id: 10, label_title: 'bot' }, { label_id: 11, label_title: 'bot' });
        return { label: { label_id: 11, label_title: 'bot' } };
      }
      if (req.method === 'DELETE') {
        labels.splice(
          labels.findIndex((l) => req.path === `/api/labels/${l.label_id}.json`),
          1,
        );
        return undefined;
      }
      return { ...Object.fromEntries(labels.map((l, i) => [String(i), { label: l }])), total_count: labels.length };
    });
    expect(await api.createLabel('bot')).toEqual({ label_id: 10, label_title: 'bot' });
    expect(labels).toEqual([{ label_id: 10, label_title: 'bot' }]);
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/labels/11.json']);
  });

  it('does not look for a label after a definite failure', async () => {
    const { api, calls } = fakeTransport(() => {
      throw new ApiError('too long', { code: 'api', apiCode: 'label_title_too_long', status: 400 });
    });
    await expect(api.createLabel('x'.repeat(300))).rejects.toMatchObject({ apiCode: 'label_title_too_long' });
    expect(calls).toHaveLength(1);
  });

  it('finds a timed-out case by its exact subject instead of creating it twice', async () => {
    const subject = '[omnibot-e2e 42] round trip';
    const { api, calls } = fakeTransport((req) => {
      if (req.method === 'POST') throw timeout();
      return {
        '0': { case: { case_id: 7, subject: `${subject} (old copy)`, deleted: false } },
        '1': { case: { case_id: 8, subject, deleted: false, channel: 'cch1' } },
        total_count: 2,
      };
    });
    const found = await api.createCase({ subject, content: 'hi', channel: 'cch1', user_custom_id: 'u1' });
    expect(found.case_id).toBe(8);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    const list = calls.find((c) => c.method === 'GET')!;
    expect(list.query).toMatchObject({ subject, show_active_chats: true });
    expect(calls[0]!.body).toEqual({ case: { subject, content: 'hi', channel: 'cch1', user_custom_id: 'u1' } });
  });

  it('uses the reference paths and entity keys', async () => {
    const { api, calls } = fakeTransport((req) => {
      if (req.path.endsWith('/note.json')) return { message: { message_id: 3, note: true } };
      if (req.path.endsWith('/messages.json') && req.method === 'POST') return { message: { message_id: 2 } };
      if (req.path.endsWith('/changelog.json')) return { changelog: [{ event: 'rules', done_by: 'rule_1' }] };
      if (req.method === 'PUT' && req.path === '/api/cases/5.json') return { case: { case_id: 5, status: 'closed' } };
      return undefined;
    });
    expect((await api.createNote(5, { content: 'n' })).note).toBe(true);
    expect((await api.createMessage(5, { content: 'm', staff_id: 2 })).message_id).toBe(2);
    expect(await api.getChangelog(5)).toEqual([{ event: 'rules', done_by: 'rule_1' }]);
    expect((await api.updateCase(5, { status: 'closed', delete_labels: [1] })).status).toBe('closed');
    await api.trashCase(5);
    expect(calls.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body ?? null)}`)).toEqual([
      'POST /api/cases/5/note.json {"note":{"content":"n"}}',
      'POST /api/cases/5/messages.json {"message":{"content":"m","staff_id":2}}',
      'GET /api/cases/5/changelog.json null',
      'PUT /api/cases/5.json {"case":{"status":"closed","delete_labels":[1]}}',
      'PUT /api/cases/5/trash.json null',
    ]);
  });

  it('passes user filters through', async () => {
    const { api, calls } = fakeTransport(() => ({ total_count: 0 }));
    expect(await api.listUsers({ user_custom_id: '^u1^', user_custom_channel: 'cch1' })).toEqual([]);
    expect(calls[0]).toMatchObject({
      path: '/api/users.json',
      query: { user_custom_id: '^u1^', user_custom_channel: 'cch1', page: 1, limit: 100 },
    });
  });
});
