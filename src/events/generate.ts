/**
 * Fresh, realistic values for sample webhooks: ids in the ranges real accounts show (reference
 * omnidesk §1.7: case ids ~2e8, user ids past 2^32), times in each helpdesk's own format and
 * zone (src/helpdesks/<name>/dates.ts, the one copy the client and the sandbox use too), and
 * Russian text, because real traffic is Cyrillic and a bot that mangles UTF-8 must fail here.
 */
import { formatPostDate } from '../helpdesks/helpdeskeddy/dates.js';
import { formatRfc2822 } from '../helpdesks/omnidesk/dates.js';

export interface GenContext {
  rng: () => number;
  now: Date;
}

export type Generator = (g: GenContext) => string | number;

function int(g: GenContext, min: number, max: number): number {
  return min + Math.floor(g.rng() * (max - min + 1));
}

function pick<T>(g: GenContext, list: readonly T[]): T {
  return list[Math.min(list.length - 1, Math.floor(g.rng() * list.length))]!;
}

const QUESTIONS = [
  'Здравствуйте! Не могу войти в личный кабинет, пишет «неверный пароль», хотя пароль правильный.',
  'Добрый день. Оплатил заказ №48213 вчера, но статус до сих пор «ожидает оплаты». Что делать?',
  'Подскажите, пожалуйста, как поменять тариф на годовой и будет ли перерасчёт?',
  'Привет! Приложение вылетает при загрузке фото на Android 14. Можно что-то сделать?',
  'Здравствуйте, где посмотреть закрывающие документы за прошлый месяц?',
  'Когда вернут деньги за отменённую доставку? Прошло уже пять дней.',
];

const FOLLOW_UPS = [
  'Спасибо, но это не помогло — ошибка та же.',
  'А если я не помню почту, к которой привязан аккаунт?',
  'Понял, попробую. А сколько это займёт времени?',
  'Позовите, пожалуйста, оператора.',
  'Да, номер заказа 48213, оплата картой «Мир».',
];

const REPLIES = [
  'Добрый день! Проверили платёж — он прошёл, статус обновится в течение 15 минут.',
  'Здравствуйте! Сбросили пароль, ссылка для входа отправлена вам на почту.',
  'Спасибо за обращение! Передали вопрос в отдел биллинга, ответим до конца дня.',
  'Уточните, пожалуйста, модель телефона и версию приложения.',
  'Документы выложены в разделе «Бухгалтерия» → «Акты».',
];

const FIRST_NAMES = ['Анна', 'Дмитрий', 'Екатерина', 'Сергей', 'Ольга', 'Алексей', 'Мария', 'Илья'];
const LAST_NAMES = ['Смирнова', 'Иванов', 'Кузнецова', 'Попов', 'Соколова', 'Лебедев', 'Новикова', 'Морозов'];

function html(text: string): string {
  return `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`;
}

/** Seconds before "now" that an earlier event (the customer's last message) happened. */
const earlier = (g: GenContext, maxSeconds: number) => new Date(g.now.getTime() - int(g, 5, maxSeconds) * 1000);

/** Ids and times: what must be new on every send, even of a captured body (texts stay as captured). */
export function isIdOrTime(gen: string): boolean {
  return !gen.startsWith('ru.');
}

export const GENERATORS: Record<string, Generator> = {
  'omnidesk.case_id': (g) => int(g, 200_000_000, 219_999_999),
  'omnidesk.user_id': (g) => int(g, 10_000_000, 5_600_000_000),
  'omnidesk.staff_id': (g) => int(g, 100, 99_999),
  'omnidesk.message_id': (g) => int(g, 900_000_000, 1_999_999_999),
  'omnidesk.custom_user_id': (g) => pick(g, ['app_u_', 'tg-', 'lk-']) + String(int(g, 10_000, 99_999_999)),
  'omnidesk.rfc2822': (g) => formatRfc2822(g.now),
  'hde.ticket_id': (g) => int(g, 1_000, 250_000),
  'hde.post_id': (g) => int(g, 150_000, 2_500_000),
  'hde.user_id': (g) => int(g, 10, 400_000),
  'hde.post_date': (g) => formatPostDate(g.now),
  'hde.earlier_post_date': (g) => formatPostDate(earlier(g, 3_600)),
  'hde.chat_id': (g) => int(g, 100_000_000, 7_999_999_999),
  'ru.question': (g) => pick(g, QUESTIONS),
  'ru.question_html': (g) => html(pick(g, QUESTIONS)),
  'ru.followup': (g) => pick(g, FOLLOW_UPS),
  'ru.followup_html': (g) => html(pick(g, FOLLOW_UPS)),
  'ru.reply': (g) => pick(g, REPLIES),
  'ru.name': (g) => {
    const i = int(g, 0, FIRST_NAMES.length - 1);
    const last = pick(g, LAST_NAMES);
    // Russian surnames agree in gender with the first name; the lists alternate.
    const female = i % 2 === 0;
    const surname = female === /а$/.test(last) ? last : female ? `${last}а` : last.replace(/а$/, '');
    return `${FIRST_NAMES[i]} ${surname}`;
  },
};
