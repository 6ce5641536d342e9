/** An in-memory OmnideskApi: only what the engine and the omnidesk-bot recipe call is real. */
import type { Label, OmnideskApi, Staff } from '../../src/helpdesks/omnidesk/client/types.js';

export interface FakeOmnidesk extends OmnideskApi {
  labels: Label[];
  staff: Staff[];
  sandbox: boolean;
  admin: Array<{ method: string; path: string; body: unknown }>;
  calls: string[];
  failNext: Map<string, Error>;
}

export function fakeOmnidesk(init: { sandbox?: boolean; labels?: string[] } = {}): FakeOmnidesk {
  let nextId = 100;
  const notUsed = (name: string) => () => Promise.reject(new Error(`fake: ${name} not used by these tests`));
  const fake = {
    baseUrl: 'https://acme.omnidesk.ru',
    labels: (init.labels ?? []).map((title) => ({ label_id: nextId++, label_title: title })),
    staff: [
      { staff_id: 1, staff_email: 'admin@acme.ru', staff_full_name: 'Администратор', active: true },
      { staff_id: 2, staff_email: 'operator@acme.ru', staff_full_name: 'Оператор', active: true },
      { staff_id: 3, staff_email: 'support@acme.ru', staff_full_name: 'Поддержка', active: false },
    ],
    sandbox: Boolean(init.sandbox),
    admin: [] as Array<{ method: string; path: string; body: unknown }>,
    calls: [] as string[],
    failNext: new Map<string, Error>(),
    track(name: string) {
      fake.calls.push(name);
      const err = fake.failNext.get(name);
      if (err) {
        fake.failNext.delete(name);
        throw err;
      }
    },
    async isSandbox() {
      return fake.sandbox;
    },
    rate: () => ({}),
    async adminRequest(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
      fake.track('adminRequest');
      fake.admin.push({ method, path, body });
      return { rule_id: fake.admin.length, created: true };
    },
    async listLabels() {
      fake.track('listLabels');
      return fake.labels.map((l) => ({ ...l }));
    },
    async createLabel(title: string) {
      fake.track('createLabel');
      const label = { label_id: nextId++, label_title: title };
      fake.labels.push(label);
      return { ...label };
    },
    async listStaff() {
      fake.track('listStaff');
      return fake.staff.map((s) => ({ ...s }));
    },
    deleteLabel: notUsed('deleteLabel'),
    getStaff: notUsed('getStaff'),
    listStaffStatuses: notUsed('listStaffStatuses'),
    listGroups: notUsed('listGroups'),
    listUsers: notUsed('listUsers'),
    getUser: notUsed('getUser'),
    createCase: notUsed('createCase'),
    getCase: notUsed('getCase'),
    listCases: notUsed('listCases'),
    updateCase: notUsed('updateCase'),
    trashCase: notUsed('trashCase'),
    getChangelog: notUsed('getChangelog'),
    listMessages: notUsed('listMessages'),
    createMessage: notUsed('createMessage'),
    createNote: notUsed('createNote'),
    listCustomChannels: notUsed('listCustomChannels'),
    listCustomFields: notUsed('listCustomFields'),
  };
  return fake as unknown as FakeOmnidesk;
}
