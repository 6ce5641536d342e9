/**
 * Every OmnideskApi method, over a Transport (reference §2). Pure: no HTTP library here.
 * Paths end in `.json`, bodies are wrapped in the singular entity key, lists are paged.
 */
import { isTimeoutError } from '../../../core/http/backoff.js';
import { createOnce } from '../../../core/http/create-once.js';
import type { QueryParams } from '../../../core/http/query.js';
import { ApiError, isOmnibotError } from '../../../core/errors.js';
import { unwrapEntity, unwrapItem, unwrapList } from './envelope.js';
import type { Transport } from './transport.js';
import type {
  Case,
  CaseFilter,
  ChangelogEntry,
  CreateCaseInput,
  CustomChannel,
  CustomField,
  Group,
  Label,
  Message,
  OmnideskApi,
  OmnideskUser,
  Staff,
  StaffStatus,
} from './types.js';

const PAGE_LIMIT = 100;
/** Omnidesk refuses `page` above 500 (reference §1.3). */
const MAX_PAGES = 500;

/** A create that may have happened anyway: no answer, a dropped connection, or a 5xx. */
function isAmbiguousCreateFailure(err: unknown): boolean {
  if (!isOmnibotError(err)) return false;
  return err.code === 'timeout' || err.code === 'network' || err.code === 'server_error';
}

function sameTitle(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

export function createOmnideskEndpoints(t: Transport): OmnideskApi {
  async function listAll<T>(path: string, keys: readonly string[], query: QueryParams = {}): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const data = await t.send({ method: 'GET', path, query: { ...query, page, limit: PAGE_LIMIT } });
      const { items, total } = unwrapList<T>(data, keys, `GET ${path}`);
      out.push(...items);
      if (items.length < PAGE_LIMIT) break;
      if (total !== undefined && page * PAGE_LIMIT >= total) break;
    }
    return out;
  }

  async function getOne<T>(path: string, key: string): Promise<T> {
    return unwrapEntity<T>(await t.send({ method: 'GET', path }), key, `GET ${path}`);
  }

  function idempotentCreate<T>(create: () => Promise<T>, find: () => Promise<T | undefined>, what: string) {
    return createOnce<T>({
      create,
      find,
      isAmbiguous: isAmbiguousCreateFailure,
      isTimeout: isTimeoutOrCode,
      maxAttempts: Math.min(t.retry.maxAttempts, 3),
      settleMs: t.retry.settleMs,
      backoff: t.retry.backoff,
      signal: t.signal,
      onRetry: ({ waitMs, error }) =>
        t.log(`${what} may have failed (${(error as Error).message}); checking in ${waitMs} ms before trying again`),
    });
  }

  const api: OmnideskApi = {
    baseUrl: t.baseUrl,

    async isSandbox() {
      const known = t.sandbox();
      if (known !== undefined) return known;
      try {
        await t.send({ method: 'GET', path: '/_sandbox/info', admin: true });
      } catch (err) {
        // A real account answers 404 (or anything else); only the header matters. Network
        // failures still propagate: the caller must learn the helpdesk is unreachable.
        if (!(err instanceof ApiError) || err.status === undefined) throw err;
      }
      return t.sandbox() ?? false;
    },

    rate: () => t.rate(),

    async adminRequest<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
      if (!path.startsWith('/_sandbox/')) {
        throw new ApiError(`adminRequest only reaches the sandbox admin path (/_sandbox/…), not ${path}.`, {
          code: 'admin_path',
        });
      }
      return t.send<T>({ method, path, body, admin: true });
    },

    listLabels: () => listAll<Label>('/api/labels.json', ['label']),

    async createLabel(title) {
      const post = async (): Promise<Label> =>
        unwrapEntity<Label>(
          await t.send({ method: 'POST', path: '/api/labels.json', body: { label: { label_title: title } } }),
          'label',
          'POST /api/labels.json',
        );
      const find = async (): Promise<Label | undefined> =>
        (await api.listLabels()).find((l) => sameTitle(l.label_title, title));
      const result = await idempotentCreate(post, find, `Creating label "${title}"`);
      if (result.attempts > 1 && !result.recovered) {
        // The first POST may have landed after we looked. Keep the oldest; remove only ours.
        const same = (await api.listLabels()).filter((l) => sameTitle(l.label_title, title));
        same.sort((a, b) => a.label_id - b.label_id);
        const oldest = same[0];
        if (oldest && oldest.label_id !== result.value.label_id) {
          await api.deleteLabel(result.value.label_id);
          return oldest;
        }
      }
      return result.value;
    },

    async deleteLabel(id) {
      await t.send({ method: 'DELETE', path: `/api/labels/${id}.json` });
    },

    listStaff: () => listAll<Staff>('/api/staff.json', ['staff']),
    getStaff: (id) => getOne<Staff>(`/api/staff/${id}.json`, 'staff'),
    listStaffStatuses: () => listAll<StaffStatus>('/api/staff_statuses.json', ['staff_statuses', 'staff_status']),
    listGroups: () => listAll<Group>('/api/groups.json', ['group']),

    listUsers: (filter = {}) => listAll<OmnideskUser>('/api/users.json', ['user'], { ...filter }),
    getUser: (id) => getOne<OmnideskUser>(`/api/users/${id}.json`, 'user'),

    async createCase(input: CreateCaseInput) {
      const post = async (): Promise<Case> =>
        unwrapEntity<Case>(
          await t.send({ method: 'POST', path: '/api/cases.json', body: { case: input } }),
          'case',
          'POST /api/cases.json',
        );
      // Subjects are searched as substrings (and only from 4 characters); match exactly here.
      // Callers that create test cases tag the subject, so an exact match is ours.
      const find = async (): Promise<Case | undefined> => {
        const subject = input.subject.trim().length >= 4 ? input.subject : undefined;
        const cases = await api.listCases({ subject, show_active_chats: true });
        const mine = cases
          .filter((c) => sameTitle(c.subject ?? '', input.subject) && !c.deleted)
          .filter((c) => !input.channel || c.channel === input.channel)
          .sort((a, b) => b.case_id - a.case_id);
        return mine[0];
      };
      return (await idempotentCreate(post, find, `Creating case "${input.subject}"`)).value;
    },

    getCase: (id) => getOne<Case>(`/api/cases/${id}.json`, 'case'),

    listCases(filter: CaseFilter = {}) {
      const { show_active_chats, ...rest } = filter;
      // Live chats are hidden from the list unless asked for (reference §5.2).
      return listAll<Case>('/api/cases.json', ['case'], { ...rest, show_active_chats: show_active_chats ?? true });
    },

    async updateCase(id, patch) {
      const path = `/api/cases/${id}.json`;
      return unwrapEntity<Case>(await t.send({ method: 'PUT', path, body: { case: patch } }), 'case', `PUT ${path}`);
    },

    async trashCase(id) {
      await t.send({ method: 'PUT', path: `/api/cases/${id}/trash.json` });
    },

    async getChangelog(caseId) {
      const path = `/api/cases/${caseId}/changelog.json`;
      return unwrapList<ChangelogEntry>(await t.send({ method: 'GET', path }), ['changelog'], `GET ${path}`).items;
    },

    listMessages: (caseId) => listAll<Message>(`/api/cases/${caseId}/messages.json`, ['message'], { order: 'asc' }),

    async createMessage(caseId, message) {
      const path = `/api/cases/${caseId}/messages.json`;
      const data = await t.send({ method: 'POST', path, body: { message } });
      return unwrapEntity<Message>(data, 'message', `POST ${path}`);
    },

    async createNote(caseId, note) {
      const path = `/api/cases/${caseId}/note.json`;
      const data = await t.send({ method: 'POST', path, body: { note } });
      // The answer is a message with note: true; tolerate a `note` key as well.
      const item = unwrapItem<Message>(data, ['message', 'note']);
      if (item === data) return unwrapEntity<Message>(data, 'message', `POST ${path}`);
      return item;
    },

    listCustomChannels: () => listAll<CustomChannel>('/api/custom_channels.json', ['custom_channel']),
    listCustomFields: () => listAll<CustomField>('/api/custom_fields.json', ['custom_field']),
  };
  return api;
}

function isTimeoutOrCode(err: unknown): boolean {
  return (isOmnibotError(err) && err.code === 'timeout') || isTimeoutError(err);
}
