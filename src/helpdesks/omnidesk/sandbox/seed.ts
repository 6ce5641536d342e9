/**
 * The demo account every sandbox starts with (docs/architecture.md): the API user, the hand-off
 * agent, an inactive colleague, one group, the three built-in staff statuses plus two custom
 * ones, and the dictionaries of templates/omnidesk/sandbox-data.json (languages, roles, filters,
 * macros). No labels, rules or custom channels: those are what omnibot sets up.
 */
import { sandboxDictionaries, sandboxFilters } from './sandbox-data.js';
import { OmnideskStore } from './store.js';

export interface SeedOptions {
  /** The API user's e-mail (staff 1). */
  email: string;
  now: number;
}

const OPERATOR_EMAIL = 'operator@sandbox.test';

export function seedStore(options: SeedOptions): OmnideskStore {
  const store = new OmnideskStore();
  // A day-old account, so "created" and "updated" differ from anything a test creates.
  const created = options.now - 86_400_000;
  const staff = (staff_id: number, staff_email: string, staff_full_name: string, active: boolean, status_id: number) =>
    store.staff.set(staff_id, {
      staff_id,
      staff_email,
      staff_full_name,
      staff_signature: '',
      staff_signature_chat: '',
      active,
      status_id,
      created,
      updated: created,
    });
  staff(1, options.email, 'Администратор', true, 1);
  staff(2, OPERATOR_EMAIL, 'Оператор', true, 1);
  staff(3, 'support@sandbox.test', 'Поддержка', false, 2);

  const status = (status_id: number, name: string, chatAccess: boolean) =>
    store.statuses.set(status_id, { status_id, status: name, active: true, chatAccess });
  status(1, 'online', true);
  status(2, 'offline', false);
  status(3, 'без чатов', false);
  status(4, 'Обед', false);
  status(5, 'Только чаты', true);

  store.groups.set(1, {
    group_id: 1,
    group_title: 'Поддержка',
    group_from_name: 'Поддержка',
    group_signature: '',
    active: true,
    created,
    updated: created,
  });
  store.dictionaries = sandboxDictionaries();
  for (const filter of sandboxFilters()) store.filters.set(filter.filter_id, filter);
  return store;
}
