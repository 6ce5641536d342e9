/**
 * Omnidesk's admin UI as the setup instructions name it: sections, tabs, buttons and pages. Russian strings
 * are the prescribed exact words; English translates them and keeps the Russian label in
 * parentheses, because many accounts run the admin UI in Russian whatever the reader speaks.
 */
import type { Localized } from '../../core/localized.js';

/** A UI label: «Каналы» in Russian, "Channels" («Каналы») in English. */
export function ui(ru: string, en: string): Localized {
  return { ru: `«${ru}»`, en: `"${en}" («${ru}»)` };
}

/** A UI element with its kind word in front: раздел «Каналы» / section "Channels" («Каналы»). */
function element(kindRu: string, kindEn: string, ru: string, en: string): Localized {
  const label = ui(ru, en);
  return { ru: `${kindRu} ${label.ru}`, en: `${kindEn} ${label.en}` };
}

export const ADMIN_ACCOUNT: Localized = { ru: 'аккаунт администратора', en: 'admin account' };
export const section = (ru: string, en: string) => element('раздел', 'section', ru, en);
export const subsection = (ru: string, en: string) => element('подраздел', 'subsection', ru, en);
export const tab = (ru: string, en: string) => element('вкладка', 'tab', ru, en);
export const button = (ru: string, en: string) => element('кнопка', 'button', ru, en);

export function uiPath(parts: Localized[]): Localized {
  return { ru: parts.map((p) => p.ru).join(' → '), en: parts.map((p) => p.en).join(' → ') };
}

const CHANNELS = section('Каналы', 'Channels');
const RULE_TABS = {
  incoming: tab('входящие обращения', 'incoming cases'),
  changed: tab('изменённые обращения', 'changed cases'),
} as const;

/** аккаунт администратора → раздел «Каналы» → подраздел «Метки» → кнопка «Добавить метку» */
export const LABELS_PATH = uiPath([
  ADMIN_ACCOUNT,
  CHANNELS,
  subsection('Метки', 'Labels'),
  button('Добавить метку', 'Add label'),
]);

/** аккаунт администратора → раздел «Настройки» → подраздел «API» */
export const API_KEY_PATH = uiPath([ADMIN_ACCOUNT, section('Настройки', 'Settings'), subsection('API', 'API')]);

/** аккаунт администратора → раздел «Каналы» → подраздел «Правила» → вкладка «…» → кнопка «Добавить правило» */
export function rulesPath(ruleKind: 'incoming' | 'changed'): Localized {
  return uiPath([
    ADMIN_ACCOUNT,
    CHANNELS,
    subsection('Правила', 'Rules'),
    RULE_TABS[ruleKind],
    button('Добавить правило', 'Add rule'),
  ]);
}

/** Admin pages the seed gives, relative to the account's origin. */
export const ADMIN_PAGES = {
  rules: '/admin/channels/rules',
  apiKey: '/admin/settings/api/',
} as const;

/** https://acme.omnidesk.ru + /admin/channels/rules; the origin may be a custom domain or the sandbox. */
export function adminPage(accountUrl: string, page: string): string {
  return new URL(page, accountUrl.endsWith('/') ? accountUrl : `${accountUrl}/`).toString();
}
