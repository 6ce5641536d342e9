/**
 * What a fresh HelpDeskEddy sandbox holds besides users: the dictionaries and the seeded custom
 * fields and knowledge base. Names and ids follow the reference's sources where they show any
 * (tag beside each); the rest is the sandbox's own, marked [INF]. Functions return fresh copies,
 * so a reset never sees what a previous run changed.
 */

export type Names = { ru: string; en: string; ua: string };

export interface GroupRec {
  id: number;
  type: 'staff' | 'user';
  name: Names;
}

/** Staff are users whose group's type is "staff" (§2.1 [C+]); group names [INF]. */
export const GROUPS: GroupRec[] = [
  { id: 1, type: 'staff', name: { ru: 'Администраторы', en: 'Administrators', ua: 'Адміністратори' } },
  { id: 2, type: 'staff', name: { ru: 'Сотрудники', en: 'Staff', ua: 'Співробітники' } },
  { id: 3, type: 'user', name: { ru: 'Клиенты', en: 'Clients', ua: 'Клієнти' } },
];
export const CLIENT_GROUP_ID = 3;

/** §2.1 [C+] shape; one department [INF]. */
export const DEPARTMENTS: Array<{ id: number; name: Names }> = [
  { id: 1, name: { ru: 'Поддержка', en: 'Support', ua: 'Підтримка' } },
];

/** String slugs (§2.1, §3 [C+]); names as in PHPSDK's example [C1]. */
export const STATUSES: Array<{ id: string; name: Names }> = [
  { id: 'open', name: { ru: 'Открыто', en: 'Open', ua: 'Відкрито' } },
  { id: 'process', name: { ru: 'В процессе', en: 'In progress', ua: 'В процесі' } },
  { id: 'closed', name: { ru: 'Выполнено', en: 'Closed', ua: 'Виконано' } },
];

/** Ids and names from PHPSDK's example, in its order [C1]. New tickets get 2, «Стандартно» [INF]. */
export const PRIORITIES: Array<{ id: number; name: Names }> = [
  { id: 2, name: { ru: 'Стандартно', en: 'Standard', ua: 'Стандартно' } },
  { id: 3, name: { ru: 'Средний', en: 'Medium', ua: 'Середній' } },
  { id: 1, name: { ru: 'Срочно', en: 'Very urgent', ua: 'Терміново' } },
];
export const DEFAULT_PRIORITY_ID = 2;

/** Type 0 is "Without type" (§2.1 [C+]); the others from PHPSDK's example [C1]. */
export const TYPES: Array<{ id: number; name: Names }> = [
  { id: 0, name: { ru: 'Без типа', en: 'Without type', ua: 'Без типу' } },
  { id: 1, name: { ru: 'Проблема', en: 'Problem', ua: 'Проблема' } },
  { id: 2, name: { ru: 'Задание', en: 'Task', ua: 'Завдання' } },
  { id: 3, name: { ru: 'Ошибка', en: 'Bug', ua: 'Помилка' } },
];

/** Numeric-id dictionary (§2.1 [C+]); what the statuses are is not published [INF]. */
export const USER_STATUSES: Array<{ id: number; name: Names }> = [
  { id: 1, name: { ru: 'В сети', en: 'Online', ua: 'В мережі' } },
  { id: 2, name: { ru: 'Не в сети', en: 'Offline', ua: 'Не в мережі' } },
  { id: 3, name: { ru: 'Перерыв', en: 'Break', ua: 'Перерва' } },
];

export type FieldScope = 'tickets' | 'users' | 'organizations';

export interface Permission {
  view: boolean;
  edit: boolean;
  required_to_create_ticket: boolean;
  required_to_close_ticket: boolean;
}

export interface CustomFieldRec {
  id: number;
  scope: FieldScope;
  /** `{ru,en,ua}`, or per level for a hierarchy (§2.1 [C1 PHPSDK]). */
  name: Names | Record<string, Names>;
  field_type: 'text' | 'textarea' | 'checkbox' | 'select' | 'date' | 'number' | 'hierarchy';
  permissions: { staff: Permission; user: Permission };
}

export interface OptionRec {
  id: number;
  fieldId: number;
  pid: number;
  name: Names;
}

const open: Permission = { view: true, edit: true, required_to_create_ticket: false, required_to_close_ticket: false };
const both = { staff: open, user: open };
const n = (ru: string, en: string, ua = ru): Names => ({ ru, en, ua });

/** Field shapes from PHPSDK's example [C1]; the fields themselves are the sandbox's [INF]. */
export function seedCustomFields(): CustomFieldRec[] {
  return structuredClone<CustomFieldRec[]>([
    {
      id: 1,
      scope: 'tickets',
      name: n('Категория', 'Category', 'Категорія'),
      field_type: 'select',
      permissions: both,
    },
    {
      id: 2,
      scope: 'tickets',
      name: n('Номер заказа', 'Order number', 'Номер замовлення'),
      field_type: 'text',
      permissions: both,
    },
    { id: 3, scope: 'tickets', name: n('Срочно', 'Urgent', 'Терміново'), field_type: 'checkbox', permissions: both },
    {
      id: 4,
      scope: 'tickets',
      name: { '1': n('Продукт', 'Product', 'Продукт'), '2': n('Модуль', 'Module', 'Модуль') },
      field_type: 'hierarchy',
      permissions: both,
    },
    { id: 11, scope: 'users', name: n('Тариф', 'Plan', 'Тариф'), field_type: 'select', permissions: both },
    { id: 12, scope: 'users', name: n('Заметка', 'Note', 'Нотатка'), field_type: 'textarea', permissions: both },
    { id: 21, scope: 'organizations', name: n('ИНН', 'Tax id', 'ІПН'), field_type: 'text', permissions: both },
  ]);
}

/** `{id, pid, name}` options (§2.1 [C+]). */
export function seedOptions(): OptionRec[] {
  return structuredClone<OptionRec[]>([
    { id: 1, fieldId: 1, pid: 0, name: n('Оплата', 'Billing', 'Оплата') },
    { id: 2, fieldId: 1, pid: 0, name: n('Доставка', 'Delivery', 'Доставка') },
    { id: 3, fieldId: 4, pid: 0, name: n('Приложение', 'App', 'Застосунок') },
    { id: 4, fieldId: 4, pid: 3, name: n('Вход', 'Login', 'Вхід') },
    { id: 5, fieldId: 11, pid: 0, name: n('Базовый', 'Basic', 'Базовий') },
  ]);
}

export interface KbCategoryRec {
  id: number;
  parent_id: number;
  position: number;
  createdAt: Date;
  updatedAt: Date;
  access: 'public' | 'user' | 'staff';
  access_by_groups: number[];
  title: Names;
}

export interface KbArticleRec {
  id: number;
  createdAt: Date;
  updatedAt: Date;
  show_me_only: boolean;
  access: 'public' | 'user' | 'staff';
  pin: boolean;
  views_count: number;
  categories: number[];
  title: Names;
  tags: { ru: string[]; en: string[]; ua: string[] };
  body: Names;
}

const at = (iso: string) => new Date(`${iso}Z`);

/**
 * Field names from PHPSDK's examples (§2.1 [C1]); its example also shows the built-in
 * categories -1 «Шаблоны» and -2 «Новости». The articles are the sandbox's [INF].
 */
export function seedKnowledgeBase(): { categories: KbCategoryRec[]; articles: KbArticleRec[] } {
  const groups = [1, 2, 3];
  const categories: KbCategoryRec[] = [
    {
      id: -1,
      parent_id: 0,
      position: 1,
      createdAt: at('2024-01-01T00:00:00'),
      updatedAt: at('2024-01-01T00:00:00'),
      access: 'public',
      access_by_groups: groups,
      title: n('Шаблоны', 'Templates', 'Шаблони'),
    },
    {
      id: -2,
      parent_id: 0,
      position: 3,
      createdAt: at('2024-01-01T00:00:00'),
      updatedAt: at('2024-01-01T00:00:00'),
      access: 'user',
      access_by_groups: groups,
      title: n('Новости', 'News', 'Новини'),
    },
    {
      id: 1,
      parent_id: 0,
      position: 2,
      createdAt: at('2024-02-01T09:00:00'),
      updatedAt: at('2024-03-01T09:00:00'),
      access: 'public',
      access_by_groups: groups,
      title: n('Частые вопросы', 'FAQ', 'Часті питання'),
    },
    {
      id: 2,
      parent_id: 1,
      position: 4,
      createdAt: at('2024-02-02T09:00:00'),
      updatedAt: at('2024-02-02T09:00:00'),
      access: 'staff',
      access_by_groups: [1, 2],
      title: n('Для сотрудников', 'For staff', 'Для співробітників'),
    },
  ];
  const article = (
    id: number,
    cats: number[],
    access: KbArticleRec['access'],
    views: number,
    day: string,
    ru: string,
    en: string,
  ): KbArticleRec => ({
    id,
    createdAt: at(`2024-0${day}T10:00:00`),
    updatedAt: at(`2024-0${day}T12:00:00`),
    show_me_only: false,
    access,
    pin: id === 1,
    views_count: views,
    categories: cats,
    title: n(ru, en),
    tags: { ru: [], en: [], ua: [] },
    body: n(`<p>${ru}</p>`, `<p>${en}</p>`),
  });
  const articles = [
    article(1, [1], 'public', 130, '3-01', 'Как сбросить пароль', 'How to reset a password'),
    article(2, [1], 'public', 43, '3-05', 'Сроки доставки', 'Delivery times'),
    article(3, [2], 'staff', 3, '4-01', 'Возвраты: регламент', 'Refunds: procedure'),
    article(4, [-2, 1], 'user', 32, '4-10', 'Новые тарифы', 'New plans'),
  ];
  return structuredClone({ categories, articles });
}
