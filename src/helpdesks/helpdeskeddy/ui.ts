/**
 * HelpDeskEddy's UI words as HelpDeskEddy's setup instructions write them. The Russian steps quote them exactly; the
 * English steps quote the same Russian labels (the account's UI may be Russian) with a
 * translation in parentheses.
 */
import type { Localized } from '../../core/localized.js';

export const MENU = {
  keys: {
    ru: 'Управление → Глобальные настройки → Система',
    en: 'Управление (Administration) → Глобальные настройки (Global settings) → Система (System)',
  },
  channels: {
    ru: 'Управление → Настройка каналов связи',
    en: 'Управление (Administration) → Настройка каналов связи (Communication channels)',
  },
  dispatcher: {
    ru: 'Управление → Диспетчер',
    en: 'Управление (Administration) → Диспетчер (Dispatcher)',
  },
} satisfies Record<string, Localized>;

/** Russian label → English gloss. */
export const LABELS = {
  addChannel: ['Добавить новый канал', 'Add a new channel'],
  addRule: ['Добавить правило', 'Add rule'],
  ruleName: ['Название правила', 'Rule name'],
  ruleGroup: ['Группа правил', 'Rule group'],
  mainRules: ['Основные правила', 'Main rules'],
  required: ['Обязательные условия', 'Required conditions'],
  newTicket: ['Новая заявка', 'New ticket'],
  newReply: ['Новый ответ в заявке', 'New reply in the ticket'],
  authorGroup: ['Группа автора последнего ответа', 'Group of the last reply author'],
  client: ['Клиент', 'Client'],
  staff: ['Сотрудник', 'Staff'],
  actions: ['Действия', 'Actions'],
  sendWebhook: ['Отправить вебхук', 'Send webhook'],
  async: ['Асинхронный режим', 'Asynchronous mode'],
  sync: ['Синхронный режим', 'Synchronous mode'],
  noRetries: ['Отключить повторы вебхуков', 'Disable webhook retries'],
  noAuth: ['Без авторизации', 'No authorization'],
  dialogsVisible: [
    'Диалоги интеграции доступны всем пользователям',
    'Integration dialogues are available to all users',
  ],
} as const;

export type LabelKey = keyof typeof LABELS;

/** «Label» in ru; «Label» (Gloss) in en. */
export function label(key: LabelKey): Localized {
  const [ru, en] = LABELS[key];
  return { ru: `«${ru}»`, en: `«${ru}» (${en})` };
}

/** Builds a Localized sentence around labels: `say((l) => ({ ru: `Нажмите ${l.addRule}`, … }))`. */
export function say(make: (ru: Record<LabelKey, string>, en: Record<LabelKey, string>) => Localized): Localized {
  const keys = Object.keys(LABELS) as LabelKey[];
  const ru = Object.fromEntries(keys.map((k) => [k, label(k).ru])) as Record<LabelKey, string>;
  const en = Object.fromEntries(keys.map((k) => [k, label(k).en])) as Record<LabelKey, string>;
  return make(ru, en);
}
