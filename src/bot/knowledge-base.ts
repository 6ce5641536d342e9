/**
 * The reference bot's knowledge base: a handful of questions every support desk gets, in Russian
 * and English. Small on purpose: the bot exists to exercise the integration (answer, or hand
 * off), not to be clever. Matching is by keyword stems, so «доставка», «доставку» and
 * "delivery" all hit.
 */

export type BotLang = 'ru' | 'en';

interface Entry {
  topic: string;
  /** Lower-case stems; any one of them in the text is a match. */
  keywords: string[];
  answer: Record<BotLang, string>;
}

const ENTRIES: Entry[] = [
  {
    topic: 'opening-hours',
    keywords: [
      'часы работы',
      'график',
      'режим работы',
      'когда вы работаете',
      'во сколько',
      'opening hours',
      'working hours',
      'business hours',
      'when are you open',
    ],
    answer: {
      ru: 'Мы работаем ежедневно с 9:00 до 21:00 по московскому времени.',
      en: 'We are open every day from 9:00 to 21:00 Moscow time.',
    },
  },
  {
    topic: 'delivery',
    keywords: ['доставк', 'курьер', 'delivery', 'deliver', 'shipping', 'courier'],
    answer: {
      ru: 'Доставка по России занимает от 2 до 5 рабочих дней. Статус заказа виден в личном кабинете.',
      en: 'Delivery takes 2 to 5 business days. You can follow the order in your account.',
    },
  },
  {
    topic: 'password-reset',
    keywords: ['парол', 'не могу войти', 'password', 'log in', 'login', 'sign in'],
    answer: {
      ru: 'Чтобы сбросить пароль, нажмите «Забыли пароль?» на странице входа: ссылка для сброса придёт на вашу почту.',
      en: 'To reset your password, click "Forgot password?" on the sign-in page; a reset link will arrive by e-mail.',
    },
  },
  {
    topic: 'refund',
    keywords: ['возврат', 'вернуть деньги', 'refund', 'money back'],
    answer: {
      ru: 'Вернуть товар можно в течение 14 дней: оформите возврат в личном кабинете, деньги придут в течение 10 дней.',
      en: 'You can return an item within 14 days from your account; the refund arrives within 10 days.',
    },
  },
];

/** The words that mean "give me a person" (the setup instructions: the user calls for an operator). */
const OPERATOR_WORDS = ['оператор', 'человек', 'живой', 'сотрудник', 'operator', 'human', 'real person', 'agent'];

export function detectLang(text: string): BotLang {
  return /[а-яё]/i.test(text) ? 'ru' : 'en';
}

export function wantsOperator(text: string): boolean {
  const lower = text.toLowerCase();
  return OPERATOR_WORDS.some((w) => lower.includes(w));
}

export interface Answer {
  topic: string;
  lang: BotLang;
  text: string;
}

/** The answer to a question, or null when the bot does not know (→ hand-off). */
export function findAnswer(text: string): Answer | null {
  const lower = text.toLowerCase();
  const entry = ENTRIES.find((e) => e.keywords.some((k) => lower.includes(k)));
  if (!entry) return null;
  const lang = detectLang(text);
  return { topic: entry.topic, lang, text: entry.answer[lang] };
}

export type Decision =
  { action: 'answer'; answer: Answer } | { action: 'hand-off'; reason: 'operator-requested' | 'no-answer' };

export function decide(text: string): Decision {
  if (wantsOperator(text)) return { action: 'hand-off', reason: 'operator-requested' };
  const answer = findAnswer(text);
  return answer ? { action: 'answer', answer } : { action: 'hand-off', reason: 'no-answer' };
}
