/**
 * The client against the Omnidesk sandbox, with faults injected through its admin path:
 * the resilience the issue asks for, proven on a real server on loopback.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, AuthError, EXIT } from '../../../../../src/core/errors.js';
import { createOmnideskClient, type OmnideskClientOptions } from '../../../../../src/helpdesks/omnidesk/client/http.js';
import type { OmnideskApi } from '../../../../../src/helpdesks/omnidesk/client/types.js';
import { startSandbox, type RunningSandbox } from '../../../../../src/sandbox/index.js';

const EMAIL = 'admin@sandbox.test';
const KEY = 'sandbox-key-for-client-tests-42';

let sandbox: RunningSandbox;
let admin: OmnideskApi;

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: KEY, rateLimit: 1000 });
  admin = createOmnideskClient({ url: sandbox.omnidesk.url, email: EMAIL, apiKey: KEY });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  await admin.adminRequest('POST', '/_sandbox/reset');
  await admin.adminRequest('DELETE', '/_sandbox/faults');
  await admin.adminRequest('DELETE', '/_sandbox/requests');
});

interface Logged {
  method: string;
  path: string;
  status: number;
  fault?: number;
}

function client(extra: Partial<OmnideskClientOptions> = {}) {
  const log: string[] = [];
  const api = createOmnideskClient({
    url: sandbox.omnidesk.url,
    email: EMAIL,
    apiKey: KEY,
    timeoutMs: 2_000,
    log: (line) => log.push(line),
    retry: { baseMs: 20, maxMs: 100, random: () => 0 },
    ...extra,
  });
  return { api, log };
}

const fault = (spec: Record<string, unknown>) => admin.adminRequest('POST', '/_sandbox/faults', spec);
const requests = () => admin.adminRequest<Logged[]>('GET', '/_sandbox/requests');

describe('Omnidesk client against the sandbox', () => {
  it('knows it talks to the sandbox, and reads the rate headers', async () => {
    const { api } = client();
    expect(await api.isSandbox()).toBe(true);
    const staff = await api.listStaff();
    expect(staff.map((s) => s.staff_email)).toContain('operator@sandbox.test');
    expect(api.rate().limitPerMinute).toBe(1000);
    expect(api.rate().callsLeft).toBeGreaterThan(0);
  });

  it('reads seeded directories through their envelopes', async () => {
    const { api } = client();
    expect((await api.listGroups()).map((g) => g.group_id)).toContain(1);
    const statuses = await api.listStaffStatuses();
    expect(statuses.map((s) => s.status_id)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5]));
    expect(await api.listLabels()).toEqual([]);
  });

  it('retries a 429 after retry_after, then succeeds', async () => {
    await fault({ status: 429, retryAfter: 1, count: 1, method: 'GET', path: 'labels' });
    const { api, log } = client();
    expect(await api.listLabels()).toEqual([]);
    const seen = (await requests()).filter((r) => r.path === '/api/labels.json');
    expect(seen.map((r) => r.status)).toEqual([429, 200]);
    expect(log.some((l) => /in 1000 ms after HTTP 429/.test(l))).toBe(true);
  });

  it('retries a GET answered 500, then succeeds', async () => {
    await fault({ status: 500, count: 1, method: 'GET', path: 'staff' });
    const staff = await client().api.getStaff(2);
    expect(staff.staff_email).toBe('operator@sandbox.test');
    const seen = (await requests()).filter((r) => r.path === '/api/staff/2.json');
    expect(seen.map((r) => r.status)).toEqual([500, 200]);
  });

  it('a createLabel that times out while the server still creates leaves exactly one label', async () => {
    await fault({ delayMs: 900, count: 1, method: 'POST', path: 'labels' });
    const { api } = client({ timeoutMs: 500 });
    const label = await api.createLabel('bot:slow');
    expect(label.label_title).toBe('bot:slow');
    const all = await admin.listLabels();
    expect(all.filter((l) => l.label_title === 'bot:slow')).toHaveLength(1);
    expect((await requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it(
    'a create the server commits only after the client ' + 'gave up (and looked) still leaves exactly one label',
    async () => {
      await fault({ commitAfterMs: 700, count: 1, method: 'POST', path: 'labels' });
      const { api } = client({ timeoutMs: 500 });
      const label = await api.createLabel('bot:late');
      expect(label.label_title).toBe('bot:late');
      // Count only once the faulted POST has committed and answered (the log records it then).
      await expect
        .poll(async () => (await requests()).some((r) => r.method === 'POST' && r.fault !== undefined), {
          timeout: 5000,
        })
        .toBe(true);
      const all = (await admin.listLabels()).filter((l) => l.label_title === 'bot:late');
      expect(all).toHaveLength(1);
    },
  );

  it('never repeats a POST blindly: a 500 on create is followed by a look before another try', async () => {
    await fault({ status: 500, count: 1, method: 'POST', path: 'labels' });
    const label = await client().api.createLabel('bot:retry');
    expect(label.label_title).toBe('bot:retry');
    const seen = (await requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(seen).toEqual([
      'POST /api/labels.json 500',
      'GET /api/labels.json 200',
      'POST /api/labels.json 201',
      'GET /api/labels.json 200', // the check that the first create did not land late
    ]);
    expect((await admin.listLabels()).filter((l) => l.label_title === 'bot:retry')).toHaveLength(1);
  });

  it('repeats a create answered 429: the server did not process it', async () => {
    await fault({ status: 429, retryAfter: 0, count: 1, method: 'POST', path: 'labels' });
    const label = await client().api.createLabel('bot:throttled');
    expect(label.label_title).toBe('bot:throttled');
    expect((await requests()).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 429', 'POST 201']);
    expect((await admin.listLabels()).filter((l) => l.label_title === 'bot:throttled')).toHaveLength(1);
  });

  it('does not retry a message POST answered 500', async () => {
    const api = client().api;
    const created = await api.createCase({
      subject: 'client test case',
      content: 'hello',
      user_email: 'u@example.com',
    });
    await admin.adminRequest('DELETE', '/_sandbox/requests');
    await fault({ status: 500, count: 1, method: 'POST', path: 'messages' });
    const err = await api.createMessage(created.case_id, { content: 'once', staff_id: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((await requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a wrong API key is an AuthError with exit code 3 that never carries the key', async () => {
    const wrong = 'wrong-sandbox-key-777777';
    const { api, log } = client({ apiKey: wrong });
    const err = await api.listLabels().catch((e) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(EXIT.auth);
    expect(err.hint).toContain('«Настройки» → «API»');
    const text = JSON.stringify({ message: err.message, hint: err.hint, json: err.toJSON(), log });
    expect(text).toContain(EMAIL);
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(Buffer.from(`${EMAIL}:${wrong}`).toString('base64'));
  });

  it('creates, updates, notes, lists and trashes a case round the reference endpoints', async () => {
    const { api } = client();
    const label = await api.createLabel('bot:e2e');
    const made = await api.createCase({
      subject: 'Where is my order?',
      content: 'Order 5531',
      user_email: 'c@example.com',
    });
    expect(made.case_id).toBeGreaterThan(0);
    const updated = await api.updateCase(made.case_id, { add_labels: [label.label_id], staff_id: 2 });
    expect(updated.labels).toContain(label.label_id);
    expect(await api.listCases({ labels: [label.label_id] })).toHaveLength(1);
    const note = await api.createNote(made.case_id, { content: 'internal', staff_id: 1 });
    expect(note.note).toBe(true);
    const messages = await api.listMessages(made.case_id);
    expect(messages.map((m) => m.content)).toEqual(expect.arrayContaining(['Order 5531', 'internal']));
    expect(Array.isArray(await api.getChangelog(made.case_id))).toBe(true);
    await api.trashCase(made.case_id);
    expect((await api.getCase(made.case_id)).deleted).toBe(true);
  });
});

describe('Omnidesk client with no helpdesk', () => {
  it('an unreachable helpdesk is an ApiError naming the URL', async () => {
    const closed = await startSandbox();
    const url = closed.omnidesk.url;
    await closed.close();
    const err = await createOmnideskClient({ url, email: EMAIL, apiKey: KEY })
      .listLabels()
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.exitCode).toBe(EXIT.failed);
    expect(err.message).toContain(url.replace(/\/$/, ''));
    expect(err.message).toMatch(/refused/);
  });
});
